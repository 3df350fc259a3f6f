package org.rekindle.core.results;

/**
 * A confidence interval, both ends included.
 *
 * @param lower the lower end
 * @param upper the upper end, never below {@code lower}
 */
public record Interval(double lower, double upper) {
  public Interval {
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new IllegalArgumentException(
          "an interval needs finite ends, got " + lower + " to " + upper);
    }
    if (lower > upper) {
      throw new IllegalArgumentException(
          "an interval's lower end must not be above its upper end, got " + lower + " to " + upper);
    }
  }

  /** Whether {@code x} lies in the interval, ends included. */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }

  /** Whether zero lies outside the interval: the difference it bounds is significant. */
  public boolean excludesZero() {
    return !contains(0.0);
  }

  /** The interval of the negated quantity: {@code [-upper, -lower]}. */
  public Interval negate() {
    return new Interval(-upper, -lower);
  }
}
