package org.rekindle.core.summary;

/** The time unit of recency, age and holdout length. */
public enum Period {
  /** Days. */
  DAY(1),
  /** Weeks of seven days, fractional (days / 7), as in Fader, Hardie &amp; Lee (2005). */
  WEEK(7);

  private final int days;

  Period(int days) {
    this.days = days;
  }

  /** The number of days in one period. */
  public int days() {
    return days;
  }

  /** A span of days in this unit. */
  public double length(long days) {
    return this.days == 1 ? days : days / (double) this.days;
  }
}
