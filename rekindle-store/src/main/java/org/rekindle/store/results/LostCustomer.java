package org.rekindle.store.results;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer who slid into lost: the day, the state they came from (lapsing or dormant), the day
 * the slide began (their first move into lapsing or dormant since they were last new, active or
 * reactivated) with the value at risk then, and the contacts between the two days.
 */
public record LostCustomer(
    String customerId,
    Optional<String> name,
    LocalDate lostOn,
    String fromState,
    LocalDate slideBegan,
    Optional<Double> valueAtRisk,
    long contacts,
    Optional<LocalDate> lastContact) {
  public LostCustomer {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lostOn, "lostOn");
    Objects.requireNonNull(fromState, "fromState");
    Objects.requireNonNull(slideBegan, "slideBegan");
    Objects.requireNonNull(valueAtRisk, "valueAtRisk");
    Objects.requireNonNull(lastContact, "lastContact");
  }

  /** Whether anyone was in touch between the start of the slide and the day they were lost. */
  public boolean contacted() {
    return contacts > 0;
  }
}
