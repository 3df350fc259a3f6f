package org.rekindle.store.results;

import java.util.List;

/**
 * What was lost: the slides into lost, with the value at risk when they began, split by whether
 * anyone was in touch in between.
 *
 * @param customers the customers listed, most value at risk first, when asked for; else none
 */
public record Lost(
    long lost,
    double valueAtRisk,
    long contacted,
    double contactedValueAtRisk,
    List<LostCustomer> customers) {
  public Lost {
    customers = List.copyOf(customers);
  }

  /** Slides into lost nobody was in touch during. */
  public long notContacted() {
    return lost - contacted;
  }

  /** Their value at risk. */
  public double notContactedValueAtRisk() {
    return valueAtRisk - contactedValueAtRisk;
  }
}
