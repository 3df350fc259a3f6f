package org.rekindle.store.results;

import java.util.Objects;
import org.rekindle.core.results.Lift;

/**
 * One playbook's enrollments whose window has ended, contacted against held out.
 *
 * @param playbook the playbook's id
 * @param name its name in {@code rekindle.yaml}, or the id when the file no longer has it
 * @param lift reactivations (an order in the window) of the contacted and the holdout
 * @param stillOpen enrollments whose window has not ended by the as-of date, not counted
 * @param revenue revenue in the window per enrollment, the two groups compared
 */
public record PlaybookLift(
    String playbook, String name, Lift lift, long stillOpen, Revenue revenue) {
  public PlaybookLift {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lift, "lift");
    Objects.requireNonNull(revenue, "revenue");
  }
}
