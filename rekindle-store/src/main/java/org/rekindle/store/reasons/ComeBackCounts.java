package org.rekindle.store.reasons;

import java.util.Optional;
import org.rekindle.core.feedback.LeavingReason;

/**
 * Would they come back, for the answers giving one reason (or none).
 *
 * @param reason the reason; empty for the answers that gave none
 * @param yes answered yes
 * @param maybe answered maybe
 * @param no answered no
 * @param notAnswered did not say
 */
public record ComeBackCounts(
    Optional<LeavingReason> reason, long yes, long maybe, long no, long notAnswered) {
  public ComeBackCounts {
    if (yes < 0 || maybe < 0 || no < 0 || notAnswered < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: " + yes + ", " + maybe + ", " + no + ", " + notAnswered);
    }
  }

  /** Every answer of the reason. */
  public long answers() {
    return yes + maybe + no + notAnswered;
  }

  /** Those who said yes, maybe or no. */
  public long answered() {
    return yes + maybe + no;
  }
}
