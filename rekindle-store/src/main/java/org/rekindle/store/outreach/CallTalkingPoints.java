package org.rekindle.store.outreach;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.core.score.Durations;
import org.rekindle.store.query.Contacts;

/**
 * What a rep reads before calling: the playbook's own points, who the customer is, what they bought
 * and how often, what they are worth, the offers they hold, and who talked to them last. Everything
 * is as of the day the list is made for.
 *
 * @param text the playbook's talking points for this call, if it wrote any
 * @param name the customer's name, if known
 * @param phoneOnRecord the customer's phone as the record has it now (the task keeps the number it
 *     was planned with, which is the one to call)
 * @param lastOrder the latest order (refunds do not count) on or before the day
 * @param scores the latest completed run's scores on or before the day, if it scored the customer
 * @param lifecycle the lifecycle state on the day, and since when
 * @param offers the offers the customer holds that are still to be honoured on the day, the soonest
 *     to expire first
 * @param history the latest contacts on or before the day, the latest first
 */
@NullMarked
public record CallTalkingPoints(
    Optional<String> text,
    Optional<String> name,
    Optional<String> phoneOnRecord,
    Optional<LastOrder> lastOrder,
    Optional<Scores> scores,
    Optional<Lifecycle> lifecycle,
    List<OpenOffer> offers,
    List<Contacts.Contact> history) {
  public CallTalkingPoints {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phoneOnRecord, "phoneOnRecord");
    Objects.requireNonNull(lastOrder, "lastOrder");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(lifecycle, "lifecycle");
    offers = List.copyOf(offers);
    history = List.copyOf(history);
  }

  /** An order: its day, its amount and currency. */
  public record LastOrder(LocalDate date, BigDecimal amount, String currency) {
    public LastOrder {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /**
   * The numbers of a run.
   *
   * @param asOf the run's day
   * @param repeatPurchases purchase days after the first: 0 for a one-time buyer
   * @param usualGapDays their mean days between purchases; for a one-time buyer the typical gap of
   *     repeat buyers
   * @param valueAtRisk what they would be worth if surely still buying, minus the CLV
   * @param clv discounted expected value from here on
   */
  public record Scores(
      LocalDate asOf,
      int repeatPurchases,
      Optional<Double> usualGapDays,
      Optional<Double> valueAtRisk,
      Optional<Double> clv) {
    public Scores {
      Objects.requireNonNull(asOf, "asOf");
      Objects.requireNonNull(usualGapDays, "usualGapDays");
      Objects.requireNonNull(valueAtRisk, "valueAtRisk");
      Objects.requireNonNull(clv, "clv");
    }

    /**
     * The usual gap in words: "every 3 months" (for a one-time buyer, how often repeat buyers
     * order).
     */
    public Optional<String> rhythm() {
      return usualGapDays.map(Durations::every);
    }
  }

  /** A lifecycle state ({@code new}, {@code active}, {@code lapsing}, …) and since when. */
  public record Lifecycle(String state, LocalDate since) {
    public Lifecycle {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(since, "since");
    }
  }

  /**
   * An offer the customer can still use.
   *
   * @param code the code, {@link OfferCode#grouped()} as printed
   * @param terms what it gives; {@link Offer#describe()} in words
   * @param expiresAt the moment from which it is no longer honoured
   * @param forThisCall whether the playbook made it for this call, to be mentioned
   */
  public record OpenOffer(OfferCode code, Offer terms, Instant expiresAt, boolean forThisCall) {
    public OpenOffer {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(terms, "terms");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }
}
