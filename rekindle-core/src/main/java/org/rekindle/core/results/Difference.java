package org.rekindle.core.results;

/**
 * A difference between the contacted group and the holdout group (contacted minus holdout) with its
 * 95% confidence interval.
 *
 * @param estimate the observed difference
 * @param interval its 95% confidence interval
 */
public record Difference(double estimate, Interval interval) {
  public Difference {
    if (!Double.isFinite(estimate)) {
      throw new IllegalArgumentException("a difference must be a finite number, got " + estimate);
    }
  }

  /** Whether the interval excludes zero: at the 95% level, the groups differ. */
  public boolean significant() {
    return interval.excludesZero();
  }
}
