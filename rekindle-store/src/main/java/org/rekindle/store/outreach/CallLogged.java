package org.rekindle.store.outreach;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.survey.StoredAnswer;

/**
 * A call's outcome, logged, and what logging it did.
 *
 * @param taskId the task
 * @param customerId the customer's external id
 * @param outcome how the call went
 * @param note what the rep noted (for a reason for leaving, the reason)
 * @param by who logged it
 * @param at when
 * @param contactId the {@code contacts} row that records the call
 * @param suppressed the addresses suppressed because of the outcome: a wrong number's phone; every
 *     address of a customer who asked not to be contacted
 * @param consentWithdrawn whether the customer's consent was withdrawn on every channel (they asked
 *     not to be contacted)
 * @param surveyAnswer for a reason for leaving, the exit-survey answer it kept (source call)
 */
@NullMarked
public record CallLogged(
    long taskId,
    String customerId,
    CallTasks.Outcome outcome,
    Optional<String> note,
    String by,
    Instant at,
    long contactId,
    List<Suppressed> suppressed,
    boolean consentWithdrawn,
    Optional<StoredAnswer> surveyAnswer) {
  public CallLogged {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    suppressed = List.copyOf(suppressed);
    Objects.requireNonNull(surveyAnswer, "surveyAnswer");
  }

  /**
   * An address suppressed by the outcome.
   *
   * @param channel the channel
   * @param address the address, normalised
   * @param added false when a suppression already stood on it (kept as it was)
   */
  public record Suppressed(ConsentLog.Channel channel, String address, boolean added) {
    public Suppressed {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(address, "address");
    }
  }
}
