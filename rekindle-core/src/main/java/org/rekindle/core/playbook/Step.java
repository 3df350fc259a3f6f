package org.rekindle.core.playbook;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a playbook does, in order. Templates are named, not inlined: the outreach module owns
 * them and renders them with a logic-less engine.
 */
public sealed interface Step {

  /** The key that names this step in {@code rekindle.yaml}. */
  String kind();

  /** An email from a template, with its subject line. */
  record Email(String template, String subject) implements Step {
    public Email {
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String kind() {
      return "email";
    }
  }

  /** A printed letter (or card) from a template. */
  record Letter(String template) implements Step {
    public Letter {
      Objects.requireNonNull(template, "template");
    }

    @Override
    public String kind() {
      return "letter";
    }
  }

  /** Who a call task goes to. */
  enum Assignee {
    /** The customer's own rep; the pool when they have none. */
    OWNER_REP,
    /** Whoever in the team takes it. */
    POOL;

    /** The name written in files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A task for a person to call the customer, with what to talk about. */
  record CallTask(Optional<String> talkingPoints, Assignee assignTo) implements Step {
    public CallTask {
      Objects.requireNonNull(talkingPoints, "talkingPoints");
      Objects.requireNonNull(assignTo, "assignTo");
    }

    @Override
    public String kind() {
      return "call";
    }
  }

  /** What an offer gives. */
  enum OfferKind {
    /** A percentage off the next order: value in (0, 100]. */
    PERCENT,
    /** A fixed amount off the next order, in the currency given or the store's. */
    AMOUNT,
    /** A service free of charge; value is what it is worth, for the offer budget. */
    FREE_SERVICE;

    /** The name written in files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An offer made to the customer, expiring {@code expiresInDays} days after it is made. The next
   * email, letter or call of the playbook carries it.
   */
  record Offer(
      OfferKind offerKind, BigDecimal value, Optional<Currency> currency, int expiresInDays)
      implements Step {
    public Offer {
      Objects.requireNonNull(offerKind, "offerKind");
      Objects.requireNonNull(currency, "currency");
      if (value.signum() <= 0) {
        throw new IllegalArgumentException("an offer's value must be positive");
      }
      if (offerKind == OfferKind.PERCENT && value.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new IllegalArgumentException("a percentage offer cannot exceed 100");
      }
      if (offerKind == OfferKind.PERCENT && currency.isPresent()) {
        throw new IllegalArgumentException("a percentage offer has no currency");
      }
      if (expiresInDays < 1) {
        throw new IllegalArgumentException("an offer must be valid at least 1 day");
      }
    }

    @Override
    public String kind() {
      return "offer";
    }
  }

  /** A survey (the exit survey of a lost customer, say): its link sent from a template. */
  record SurveyLink(String template, Channel channel) implements Step {
    public SurveyLink {
      Objects.requireNonNull(template, "template");
      if (channel != Channel.EMAIL && channel != Channel.LETTER) {
        throw new IllegalArgumentException("a survey link goes by email or letter");
      }
    }

    @Override
    public String kind() {
      return "survey";
    }
  }

  /** Wait this many days before the next step. */
  record Wait(int days) implements Step {
    public Wait {
      if (days < 1) {
        throw new IllegalArgumentException("a wait is at least 1 day");
      }
    }

    @Override
    public String kind() {
      return "wait";
    }
  }
}
