package org.rekindle.core.playbook;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How negative feedback is answered (the {@code service_recovery} section of rekindle.yaml): the
 * first contact with the customer is due this long after the case opens, and a case whose first
 * contact is late goes to the manager.
 *
 * @param firstContactWithin the SLA of the first contact, from an hour to {@link #MAX}
 * @param manager who an SLA breach escalates to; empty when nobody is named (then {@link
 *     #escalateTo()} says "manager")
 */
public record ServiceRecovery(Duration firstContactWithin, Optional<String> manager) {
  /** The longest SLA accepted: past it a number is a typo. */
  public static final Duration MAX = Duration.ofDays(90);

  /** First contact within 24 hours, escalated to "manager". */
  public static final ServiceRecovery DEFAULT =
      new ServiceRecovery(Duration.ofHours(24), Optional.empty());

  public ServiceRecovery {
    Objects.requireNonNull(firstContactWithin, "firstContactWithin");
    Objects.requireNonNull(manager, "manager");
    if (firstContactWithin.compareTo(Duration.ofHours(1)) < 0
        || firstContactWithin.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "the first contact must be due within an hour to 90 days, not " + firstContactWithin);
    }
    manager = manager.map(String::strip).filter(m -> !m.isEmpty());
  }

  /** Who a breach goes to: the manager named, else "manager". */
  public String escalateTo() {
    return manager.orElse("manager");
  }

  /** The SLA in words: "24 hours", "2 days". */
  public String describe() {
    long hours = firstContactWithin.toHours();
    if (hours % 24 == 0) {
      long days = hours / 24;
      return days + (days == 1 ? " day" : " days");
    }
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
