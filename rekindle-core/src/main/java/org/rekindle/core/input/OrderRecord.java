package org.rekindle.core.input;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One order as read from an orders file for import.
 *
 * @param line the physical line (the header is line 1)
 * @param customerId the customer's external id
 * @param orderId the order's external id; empty when the file has no order column or the cell is
 *     empty
 * @param date the business day of the order (in the business's zone when the time carries an offset
 *     and a zone is given)
 * @param at the moment of the order: the time written, or the start of the day in the business's
 *     zone (UTC without one) when only a date is written
 * @param amount the amount, exact; negative for a refund; 0 when the file has no amount column
 * @param currency the ISO 4217 code from the currency column, upper case; empty when none
 * @param offerCode the offer or coupon code used; empty when none
 */
public record OrderRecord(
    long line,
    String customerId,
    Optional<String> orderId,
    LocalDate date,
    Instant at,
    BigDecimal amount,
    Optional<String> currency,
    Optional<String> offerCode) {

  public OrderRecord {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(offerCode, "offerCode");
  }
}
