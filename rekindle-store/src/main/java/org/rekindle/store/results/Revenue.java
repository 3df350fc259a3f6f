package org.rekindle.store.results;

import java.util.Objects;
import java.util.Optional;
import org.rekindle.core.results.Difference;

/**
 * Revenue in the window, per enrollment: the contacted group's mean and the holdout's, and the
 * difference with its 95% bootstrap interval (empty when there is not enough data for the lift).
 *
 * @param perEnrollment contacted mean minus holdout mean, with its interval
 * @param total the difference times the contacted enrollments: the revenue the playbook added
 */
public record Revenue(
    double contactedMean,
    double holdoutMean,
    Optional<Difference> perEnrollment,
    Optional<Difference> total) {
  public Revenue {
    Objects.requireNonNull(perEnrollment, "perEnrollment");
    Objects.requireNonNull(total, "total");
  }
}
