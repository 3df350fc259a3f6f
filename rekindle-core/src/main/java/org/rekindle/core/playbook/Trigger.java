package org.rekindle.core.playbook;

import java.util.Objects;
import java.util.Optional;

/** What starts a playbook for a customer. Evaluated by the daily run, once per customer and day. */
public sealed interface Trigger {

  /** The {@code type:} that names this trigger in {@code rekindle.yaml}. */
  String type();

  /** The customer entered this lifecycle state in the run. */
  record EnteredState(CustomerState state) implements Trigger {
    public EnteredState {
      Objects.requireNonNull(state, "state");
    }

    @Override
    public String type() {
      return "entered_state";
    }
  }

  /**
   * A credit account's dormancy notice fell due: the run's {@code --notice} days (30 by default)
   * before the account would go dormant.
   */
  record AccountNoticeDue() implements Trigger {
    @Override
    public String type() {
      return "account_notice_due";
    }
  }

  /**
   * No contact of any kind for {@code days} days, for customers in the segment and with the tag
   * given (either, both or neither): a check-in cadence.
   */
  record NoContactFor(int days, Optional<String> segment, Optional<String> tag) implements Trigger {
    public NoContactFor {
      if (days < 1) {
        throw new IllegalArgumentException("days must be at least 1");
      }
      Objects.requireNonNull(segment, "segment");
      Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String type() {
      return "no_contact_for";
    }
  }

  /** The customer's birthday is {@code daysBefore} days away (0: on the day). */
  record Birthday(int daysBefore) implements Trigger {
    public Birthday {
      if (daysBefore < 0 || daysBefore > 365) {
        throw new IllegalArgumentException("days before must be between 0 and 365");
      }
    }

    @Override
    public String type() {
      return "birthday";
    }
  }

  /** The anniversary of the customer-since date is {@code daysBefore} days away (0: on the day). */
  record CustomerSinceAnniversary(int daysBefore) implements Trigger {
    public CustomerSinceAnniversary {
      if (daysBefore < 0 || daysBefore > 365) {
        throw new IllegalArgumentException("days before must be between 0 and 365");
      }
    }

    @Override
    public String type() {
      return "customer_since_anniversary";
    }
  }

  /** The customer has been in the lost state for {@code days} days (0: the day they got there). */
  record LostFor(int days) implements Trigger {
    public LostFor {
      if (days < 0) {
        throw new IllegalArgumentException("days must not be negative");
      }
    }

    @Override
    public String type() {
      return "lost_for";
    }
  }
}
