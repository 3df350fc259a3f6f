package org.rekindle.store.outreach;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * A call for a rep to make, with what to talk about.
 *
 * @param id the task's number, which logging its outcome takes
 * @param customerId the customer's external id
 * @param playbook the playbook that planned the call
 * @param step the step's index in the playbook
 * @param dueOn the day from which the call is to be made
 * @param assignedTo the rep; empty for the pool, whose calls any rep may make
 * @param phone the number to call, as planned
 * @param valueAtRisk the customer's value at risk when the call was planned: what the list is
 *     ordered by
 * @param talkingPoints what to talk about
 */
@NullMarked
public record CallTask(
    long id,
    String customerId,
    String playbook,
    int step,
    LocalDate dueOn,
    Optional<String> assignedTo,
    String phone,
    Optional<Double> valueAtRisk,
    CallTalkingPoints talkingPoints) {
  public CallTask {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(dueOn, "dueOn");
    Objects.requireNonNull(assignedTo, "assignedTo");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(valueAtRisk, "valueAtRisk");
    Objects.requireNonNull(talkingPoints, "talkingPoints");
  }

  /** Whether the call is the pool's, for any rep to make. */
  public boolean pool() {
    return assignedTo.isEmpty();
  }
}
