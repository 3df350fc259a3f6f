package org.rekindle.core.feedback;

import java.util.Objects;

/**
 * Whether a reason's share of the answers in the latest period jumped above its trailing rate.
 *
 * @param reason the reason tested
 * @param alert whether the jump is significant at the configured level
 * @param current the latest period's count and total
 * @param trailing the trailing periods' counts and totals summed
 * @param pValue the one-sided p-value (1 when no test was made)
 * @param why the finding in words, such as "service: 42% of 60 answers this month against 18% over
 *     the previous 6 months"
 */
public record ShareAlert(
    LeavingReason reason,
    boolean alert,
    PeriodCount current,
    PeriodCount trailing,
    double pValue,
    String why) {
  public ShareAlert {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(trailing, "trailing");
    Objects.requireNonNull(why, "why");
  }

  /** The latest period's share, 0 when it had no answers. */
  public double currentShare() {
    return current.share();
  }

  /** The trailing periods' pooled share, 0 when they had no answers. */
  public double trailingShare() {
    return trailing.share();
  }
}
