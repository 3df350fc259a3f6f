package org.rekindle.store.results;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What an order is credited to (docs/results.md, "Attribution").
 *
 * @param method how: the offer it redeemed, a contact in the window before it, or nothing
 * @param playbook the playbook of the offer or contact; empty for one made outside the playbooks (a
 *     contact by hand, an offer given by hand) and for {@link Method#NONE}
 * @param step the index of the playbook's step, from 0
 * @param on the day of the contact, or of the offer's issue
 */
public record Attribution(
    Method method, Optional<String> playbook, Optional<Integer> step, Optional<LocalDate> on) {

  /** How an order is credited. */
  public enum Method {
    /** The order redeemed an offer: the step that issued it, whatever the window. */
    OFFER,
    /** The latest contact in the window before the order. */
    CONTACT,
    /** Neither: the customer came back on their own. */
    NONE;

    /** The name written in CSV and JSON. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Nothing to credit: came back on their own. */
  public static final Attribution NONE =
      new Attribution(Method.NONE, Optional.empty(), Optional.empty(), Optional.empty());

  public Attribution {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(on, "on");
    if (method == Method.NONE && (playbook.isPresent() || step.isPresent() || on.isPresent())) {
      throw new IllegalArgumentException("an order credited to nothing has no playbook or step");
    }
  }
}
