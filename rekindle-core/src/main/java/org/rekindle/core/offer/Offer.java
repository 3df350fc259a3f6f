package org.rekindle.core.offer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The terms of an offer, the same for every customer it is given to; each customer gets a code of
 * their own (see {@link OfferCode}) with an expiry.
 *
 * @param kind what it gives
 * @param value the percentage off (more than 0, at most 100), the amount off (more than 0), or the
 *     free service's nominal cost (0 or more): what it costs the business to give it
 * @param currency the currency of an amount or of a service's cost (ISO 4217); empty for a
 *     percentage, which takes the redeeming order's
 * @param description what is offered, in words for the customer; required for a free service
 */
public record Offer(
    OfferKind kind, BigDecimal value, Optional<String> currency, Optional<String> description) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Amounts and costs are kept to this many decimals, as {@code numeric(19,4)} in the store. */
  public static final int SCALE = 4;

  public Offer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(currency, "currency");
    description = description.map(String::strip).filter(d -> !d.isEmpty());
    switch (kind) {
      case PERCENT -> {
        if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
          throw new IllegalArgumentException(
              "a percentage off must be more than 0 and at most 100: " + value.toPlainString());
        }
        if (currency.isPresent()) {
          throw new IllegalArgumentException(
              "a percentage off has no currency of its own (it takes the order's): "
                  + currency.get());
        }
      }
      case AMOUNT -> {
        if (value.signum() <= 0) {
          throw new IllegalArgumentException(
              "an amount off must be more than 0: " + value.toPlainString());
        }
        requireCurrency(currency, "an amount off");
      }
      case FREE_SERVICE -> {
        if (value.signum() < 0) {
          throw new IllegalArgumentException(
              "a free service's nominal cost must not be negative: " + value.toPlainString());
        }
        requireCurrency(currency, "a free service's cost");
        if (description.isEmpty()) {
          throw new IllegalArgumentException(
              "a free service needs a description of the service (such as 'free delivery')");
        }
      }
    }
    if (value.scale() > SCALE && value.stripTrailingZeros().scale() > SCALE) {
      throw new IllegalArgumentException(
          "an offer's value has at most " + SCALE + " decimals: " + value.toPlainString());
    }
  }

  /** {@code percent}% off the redeeming order. */
  public static Offer percent(BigDecimal percent, Optional<String> description) {
    return new Offer(OfferKind.PERCENT, percent, Optional.empty(), description);
  }

  /** {@code amount} off the redeeming order, at most the order's amount. */
  public static Offer amount(BigDecimal amount, String currency, Optional<String> description) {
    return new Offer(OfferKind.AMOUNT, amount, Optional.of(currency), description);
  }

  /** A service for free, which costs the business {@code cost}. */
  public static Offer freeService(String description, BigDecimal cost, String currency) {
    return new Offer(OfferKind.FREE_SERVICE, cost, Optional.of(currency), Optional.of(description));
  }

  /**
   * What redeeming this offer on an order of {@code orderAmount} costs the business: a percentage,
   * that share of the order (rounded half away from zero to {@value #SCALE} decimals); an amount,
   * the amount but never more than the order; a free service, its nominal cost whatever the order.
   * The store computes the same in SQL when it redeems.
   *
   * @param orderAmount the redeeming order's amount, more than 0 (a refund redeems nothing); for an
   *     amount off, in the offer's currency
   */
  public BigDecimal costOn(BigDecimal orderAmount) {
    if (orderAmount.signum() <= 0) {
      throw new IllegalArgumentException(
          "only an order of more than 0 redeems an offer: " + orderAmount.toPlainString());
    }
    return switch (kind) {
      case PERCENT ->
          orderAmount.multiply(value).divide(HUNDRED).setScale(SCALE, RoundingMode.HALF_UP);
      case AMOUNT -> value.min(orderAmount).setScale(SCALE, RoundingMode.HALF_UP);
      case FREE_SERVICE -> value.setScale(SCALE, RoundingMode.HALF_UP);
    };
  }

  /** The terms in words: {@code 15% off}, {@code 20.00 USD off}, {@code free delivery}. */
  public String describe() {
    return switch (kind) {
      case PERCENT -> value.stripTrailingZeros().toPlainString() + "% off";
      case AMOUNT -> money(value) + " " + currency.orElseThrow() + " off";
      case FREE_SERVICE -> description.orElseThrow();
    };
  }

  /** Money as shown: at least 2 decimals, at most the 4 kept ({@code 20.00}, {@code 0.0125}). */
  public static String money(BigDecimal amount) {
    BigDecimal s = amount.stripTrailingZeros();
    return (s.scale() < 2 ? s.setScale(2, RoundingMode.UNNECESSARY) : s).toPlainString();
  }

  private static void requireCurrency(Optional<String> currency, String what) {
    if (currency.isEmpty() || !CURRENCY.matcher(currency.get()).matches()) {
      throw new IllegalArgumentException(
          what + " needs a three-letter currency such as EUR or USD: " + currency.orElse("none"));
    }
  }
}
