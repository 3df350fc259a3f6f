package org.rekindle.core.summary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer's purchase summary, the input of the customer-base models (Fader, Hardie &amp; Lee
 * 2005, "Counting your customers the easy way", section 2). Recency and age are in the {@link
 * Period} of the enclosing {@link Summaries}.
 *
 * @param customerId the customer's id
 * @param frequency x, the number of repeat purchase days (purchase days minus one)
 * @param recency t_x, the time from the first to the last purchase; 0 when x = 0
 * @param age T, the time from the first purchase to the end of the (calibration) period
 * @param monetary the mean net amount of the repeat purchase days in currency units, the first
 *     purchase excluded; 0 when x = 0 (the Gamma-Gamma input, Fader &amp; Hardie 2013, note 025)
 * @param history dates and spend behind the numbers; empty when read from an RFM summary file
 * @param holdout purchases after the calibration end; empty without a calibration/holdout split
 */
public record CustomerSummary(
    String customerId,
    int frequency,
    double recency,
    double age,
    double monetary,
    Optional<History> history,
    Optional<Holdout> holdout) {

  public CustomerSummary {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(holdout, "holdout");
    if (customerId.isBlank()) {
      throw new IllegalArgumentException("customer id must not be blank");
    }
    if (frequency < 0) {
      throw new IllegalArgumentException(
          customerId + ": frequency must not be negative: " + frequency);
    }
    if (!(age >= 0 && age < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          customerId + ": age T must be finite and non-negative: " + age);
    }
    if (!(recency >= 0 && recency <= age)) {
      throw new IllegalArgumentException(
          customerId + ": recency must be between 0 and age T (" + age + "): " + recency);
    }
    if (frequency == 0 && recency != 0) {
      throw new IllegalArgumentException(customerId + ": recency must be 0 when frequency is 0");
    }
    if (!(monetary >= 0 && monetary < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          customerId + ": monetary must be finite and non-negative: " + monetary);
    }
    if (history.isPresent() && history.get().purchaseDays() != frequency + 1L) {
      throw new IllegalArgumentException(
          customerId
              + ": purchase days ("
              + history.get().purchaseDays()
              + ") must be frequency + 1 ("
              + (frequency + 1L)
              + ")");
    }
  }

  /** A summary with only the four numbers, as read from an RFM summary file. */
  public static CustomerSummary of(
      String customerId, int frequency, double recency, double age, double monetary) {
    return new CustomerSummary(
        customerId, frequency, recency, age, monetary, Optional.empty(), Optional.empty());
  }

  /**
   * The purchase days behind a summary, in the calibration period when there is one.
   *
   * @param firstPurchase the first purchase day
   * @param lastPurchase the last purchase day
   * @param purchaseDays the number of purchase days, x + 1
   * @param totalSpendMinor the net spend of all purchase days in minor units (scale {@value
   *     TransactionSink#AMOUNT_SCALE})
   */
  public record History(
      LocalDate firstPurchase, LocalDate lastPurchase, int purchaseDays, long totalSpendMinor) {
    public History {
      Objects.requireNonNull(firstPurchase, "firstPurchase");
      Objects.requireNonNull(lastPurchase, "lastPurchase");
      if (lastPurchase.isBefore(firstPurchase)) {
        throw new IllegalArgumentException(
            "last purchase " + lastPurchase + " must not be before the first " + firstPurchase);
      }
      requireArgument(purchaseDays >= 1, "purchase days must be positive");
      requireArgument(totalSpendMinor >= 0, "total spend must not be negative");
    }

    /** The net spend of all purchase days in currency units. */
    public BigDecimal totalSpend() {
      return BigDecimal.valueOf(totalSpendMinor, TransactionSink.AMOUNT_SCALE);
    }
  }

  /**
   * Purchases in the holdout period, after the calibration end up to the as-of date.
   *
   * @param purchases the number of purchase days
   * @param spendMinor their net spend in minor units (scale {@value TransactionSink#AMOUNT_SCALE})
   */
  public record Holdout(int purchases, long spendMinor) {
    public Holdout {
      requireArgument(purchases >= 0, "holdout purchases must not be negative");
      requireArgument(spendMinor >= 0, "holdout spend must not be negative");
    }

    /** Their net spend in currency units. */
    public BigDecimal spend() {
      return BigDecimal.valueOf(spendMinor, TransactionSink.AMOUNT_SCALE);
    }
  }

  private static void requireArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
