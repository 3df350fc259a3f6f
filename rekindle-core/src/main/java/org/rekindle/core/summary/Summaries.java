package org.rekindle.core.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Per-customer summaries and how they were made.
 *
 * @param customers one summary per customer, in order of first appearance in the input
 * @param period the unit of recency, age and holdout length
 * @param asOf the as-of date; empty when read from an RFM summary file
 * @param calibrationEnd the end of the calibration period; empty without a split
 * @param holdoutLength the holdout length, as-of date minus calibration end, in {@code period}
 *     units; empty without a split
 * @param counts what went in and what was left out
 */
public record Summaries(
    List<CustomerSummary> customers,
    Period period,
    Optional<LocalDate> asOf,
    Optional<LocalDate> calibrationEnd,
    OptionalDouble holdoutLength,
    SummaryCounts counts) {

  public Summaries {
    customers = List.copyOf(customers);
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(holdoutLength, "holdoutLength");
    Objects.requireNonNull(counts, "counts");
    if (calibrationEnd.isPresent() != holdoutLength.isPresent()) {
      throw new IllegalArgumentException("a holdout length goes with a calibration end");
    }
  }

  /** The sum of the customers' repeat purchases x. */
  public long totalFrequency() {
    long total = 0;
    for (CustomerSummary c : customers) {
      total += c.frequency();
    }
    return total;
  }

  /** The sum of the customers' holdout purchase days; 0 without a split. */
  public long totalHoldoutPurchases() {
    long total = 0;
    for (CustomerSummary c : customers) {
      if (c.holdout().isPresent()) {
        total += c.holdout().get().purchases();
      }
    }
    return total;
  }

  /** The summary of one customer, if present; a linear search. */
  public Optional<CustomerSummary> find(String customerId) {
    for (CustomerSummary c : customers) {
      if (c.customerId().equals(customerId)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
