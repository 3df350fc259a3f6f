package org.rekindle.core.simulate.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One order of the sample business.
 *
 * @param amount in dollars, with cents, at least 5.00
 */
public record DemoOrder(String orderId, String customerId, LocalDate date, BigDecimal amount) {
  public DemoOrder {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(date, "date");
    if (amount.signum() <= 0 || amount.scale() != 2) {
      throw new IllegalArgumentException("an order's amount is positive, in cents: " + amount);
    }
  }
}
