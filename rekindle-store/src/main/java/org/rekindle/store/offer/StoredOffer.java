package org.rekindle.store.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;

/**
 * An offer as stored: its code, whose it is, its terms and where it stands.
 *
 * @param id its row
 * @param code the code given to the customer
 * @param customerId the customer's external id
 * @param terms what it offers
 * @param issuedAt when it was issued
 * @param expiresAt the moment from which it is no longer honoured
 * @param status where it stands
 * @param redeemedAt when it was redeemed
 * @param redeemedOrderId the external id of the stored order that redeemed it, if one did
 * @param cost what the redemption cost the business, in {@code costCurrency}
 * @param costCurrency the currency of the cost
 * @param anyOrderInWindow whether any order of the customer's between issue and expiry redeems it
 * @param playbook the playbook that issued it, if one did
 * @param step the playbook's step
 */
public record StoredOffer(
    long id,
    OfferCode code,
    String customerId,
    Offer terms,
    Instant issuedAt,
    Instant expiresAt,
    Status status,
    Optional<Instant> redeemedAt,
    Optional<String> redeemedOrderId,
    Optional<BigDecimal> cost,
    Optional<String> costCurrency,
    boolean anyOrderInWindow,
    Optional<String> playbook,
    Optional<String> step) {

  /** Where an offer stands; the values of {@code offers.status}. */
  public enum Status {
    /** Given to the customer, not used yet. */
    ISSUED,
    /** Used once; never again. */
    REDEEMED,
    /** Its expiry passed before it was used. */
    EXPIRED,
    /** Withdrawn by the business before it was used. */
    VOID;

    /** The lower-case name stored and shown. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** From a label. */
    public static Status parse(String text) {
      for (Status s : values()) {
        if (s.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "the offer status must be issued, redeemed, expired or void, not '" + text + "'");
    }
  }

  public StoredOffer {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(redeemedAt, "redeemedAt");
    Objects.requireNonNull(redeemedOrderId, "redeemedOrderId");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(costCurrency, "costCurrency");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(step, "step");
  }
}
