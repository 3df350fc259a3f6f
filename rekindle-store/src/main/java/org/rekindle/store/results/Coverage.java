package org.rekindle.store.results;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A check-in cadence (a playbook triggered by {@code no_contact_for}): the customers of its segment
 * and tag, and how many of them had a contact of any kind in the cadence's days up to the as-of
 * date.
 */
public record Coverage(
    String playbook,
    String name,
    int days,
    Optional<String> segment,
    Optional<String> tag,
    long customers,
    long contacted) {
  public Coverage {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(tag, "tag");
    if (contacted < 0 || contacted > customers) {
      throw new IllegalArgumentException(
          "contacted must be between 0 and " + customers + ", got " + contacted);
    }
  }

  /** The share contacted within the cadence; empty for a segment without customers. */
  public OptionalDouble share() {
    return customers == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) contacted / customers);
  }
}
