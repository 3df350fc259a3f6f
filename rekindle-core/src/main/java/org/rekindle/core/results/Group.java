package org.rekindle.core.results;

import java.util.OptionalDouble;

/**
 * One side of a comparison: how many customers were in the group and how many of them came back.
 *
 * @param customers customers in the group
 * @param reactivated of those, the customers who came back
 */
public record Group(long customers, long reactivated) {
  public Group {
    if (customers < 0) {
      throw new IllegalArgumentException(
          "the number of customers must not be negative, got " + customers);
    }
    if (reactivated < 0) {
      throw new IllegalArgumentException(
          "the number of customers who came back must not be negative, got " + reactivated);
    }
    if (reactivated > customers) {
      throw new IllegalArgumentException(
          "more customers came back ("
              + reactivated
              + ") than were in the group ("
              + customers
              + ")");
    }
  }

  /** Customers who did not come back. */
  public long stayedAway() {
    return customers - reactivated;
  }

  /** The share of the group that came back; empty when the group has no customers. */
  public OptionalDouble rate() {
    return customers == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) reactivated / customers);
  }
}
