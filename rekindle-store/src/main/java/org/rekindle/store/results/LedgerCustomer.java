package org.rekindle.store.results;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One comeback (a {@code recoveries} row): who, when, from which state, with which order, what it
 * is credited to, and what the customer spent since (up to their next comeback or the as-of date)
 * against what the offers they redeemed in that time cost.
 */
public record LedgerCustomer(
    String customerId,
    LocalDate recoveredOn,
    String fromState,
    String orderId,
    Attribution attribution,
    BigDecimal revenue,
    BigDecimal offerCost) {
  public LedgerCustomer {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(recoveredOn, "recoveredOn");
    Objects.requireNonNull(fromState, "fromState");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(attribution, "attribution");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(offerCost, "offerCost");
  }

  /** Revenue less the offers' cost. */
  public BigDecimal net() {
    return revenue.subtract(offerCost);
  }
}
