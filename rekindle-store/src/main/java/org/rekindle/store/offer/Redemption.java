package org.rekindle.store.offer;

import java.util.Objects;
import java.util.Optional;
import org.rekindle.core.offer.Offer;

/**
 * What became of an attempt to redeem a code: redeemed, or why not. Only {@link Outcome#REDEEMED}
 * honours the code; every other outcome leaves the offer as it was.
 *
 * @param outcome what happened
 * @param typed the code as it was given
 * @param offer the offer the code names, as it stands after the attempt; empty for an unknown code
 */
public record Redemption(Outcome outcome, String typed, Optional<StoredOffer> offer) {
  /** What happened to an attempt. */
  public enum Outcome {
    /** This attempt redeemed the offer: honour it. */
    REDEEMED,
    /** No offer has this code (or it is not a code at all). */
    UNKNOWN_CODE,
    /** The offer's expiry has passed. */
    EXPIRED,
    /** The offer was redeemed before: {@link StoredOffer#redeemedAt} says when. */
    ALREADY_USED,
    /** The offer was withdrawn. */
    VOID,
    /** The offer is another customer's. */
    WRONG_CUSTOMER,
    /** An amount off in one currency, an order in another. */
    WRONG_CURRENCY,
    /** The order has already redeemed another offer; an order redeems at most one. */
    ORDER_ALREADY_USED
  }

  public Redemption {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(typed, "typed");
    Objects.requireNonNull(offer, "offer");
  }

  /** Whether the code is to be honoured. */
  public boolean redeemed() {
    return outcome == Outcome.REDEEMED;
  }

  /** The outcome in words, for the person at the till. */
  public String message() {
    String code = offer.map(o -> o.code().grouped()).orElse(typed);
    return switch (outcome) {
      case REDEEMED ->
          "redeemed "
              + code
              + " ("
              + offer.orElseThrow().terms().describe()
              + "), cost "
              + Offer.money(offer.orElseThrow().cost().orElseThrow())
              + " "
              + offer.orElseThrow().costCurrency().orElseThrow();
      case UNKNOWN_CODE -> "'" + typed + "' is not a code Rekindle issued: do not honour it";
      case EXPIRED ->
          code + " expired at " + offer.orElseThrow().expiresAt() + ": do not honour it";
      case ALREADY_USED ->
          code
              + " was already used at "
              + offer.orElseThrow().redeemedAt().map(Object::toString).orElse("?")
              + offer.orElseThrow().redeemedOrderId().map(o -> " on order " + o).orElse("")
              + ": do not honour it";
      case VOID -> code + " was withdrawn: do not honour it";
      case WRONG_CUSTOMER -> code + " was given to another customer: do not honour it for this one";
      case WRONG_CURRENCY ->
          code
              + " is an amount in "
              + offer.orElseThrow().terms().currency().orElse("?")
              + ", and this order is in another currency";
      case ORDER_ALREADY_USED -> "this order has already redeemed another offer";
    };
  }
}
