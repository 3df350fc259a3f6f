package org.rekindle.store.results;

import java.util.Objects;
import org.rekindle.core.results.Lift;

/**
 * The contacted enrollments of a playbook that were made one offer (its kind, value and days of
 * validity), against the whole holdout of the same playbook.
 *
 * @param offer the offer in words, "15% off, 30 days"; "no offer" for the contacted enrollments of
 *     a playbook that made offers to others
 */
public record OfferLift(String playbook, String name, String offer, Lift lift, Revenue revenue) {
  public OfferLift {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(lift, "lift");
    Objects.requireNonNull(revenue, "revenue");
  }
}
