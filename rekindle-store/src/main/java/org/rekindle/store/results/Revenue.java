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
 * @param method how the interval was found
 */
public record Revenue(
    double contactedMean,
    double holdoutMean,
    Optional<Difference> perEnrollment,
    Optional<Difference> total,
    Method method) {

  /** How the interval was found. */
  public enum Method {
    /** None: not enough data for the lift. */
    NONE,
    /** A bootstrap percentile interval, the zeros compressed. */
    BOOTSTRAP,
    /** The normal approximation, for groups too large to bootstrap within the draws allowed. */
    NORMAL
  }

  public Revenue {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(perEnrollment, "perEnrollment");
    Objects.requireNonNull(total, "total");
  }
}
