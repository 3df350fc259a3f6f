package org.rekindle.core.feedback;

/**
 * How many of a period's answers gave one reason.
 *
 * @param count the answers giving the reason, 0 or more
 * @param total all answers in the period, at least {@code count}
 */
public record PeriodCount(long count, long total) {
  public PeriodCount {
    if (count < 0 || total < count) {
      throw new IllegalArgumentException(
          "a period's count must be 0 or more and at most its total: " + count + " of " + total);
    }
  }

  /** The reason's share of the period's answers, 0 when the period had none. */
  public double share() {
    return total == 0 ? 0 : (double) count / total;
  }
}
