package org.rekindle.web.overview;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.rekindle.model.ModelException;
import org.rekindle.model.ModelKind;
import org.rekindle.model.TransactionModel;
import org.rekindle.store.query.BusinessReport;
import org.rekindle.store.query.Trends;

/**
 * The holdout tracking chart: repeat purchases per week over the fit's holdout, as they happened
 * and as the model expects them. The chart of Fader, Hardie &amp; Lee (2005), "Counting your
 * customers the easy way", figure 3 (weekly repeat transactions, actual against the model).
 *
 * <p>Expected: each customer is expected to make E[X(t)] repeat purchases in the t weeks after
 * their first purchase (the model's unconditional expectation, {@link
 * TransactionModel#expectedPurchases}, eq. 9 of the paper for the BG/NBD), so a week holds the sum
 * over the customers of E[X(end)] - E[X(start)] with both ends measured from each one's first
 * purchase. Customers are grouped by the day of their first purchase ({@link
 * Trends#firstPurchases}), so the cost is days of history times weeks of holdout, not customers.
 *
 * <p>Actual: the days with a purchase in each week, one per customer and day as the models count
 * them, less the first purchases made that week (they are not repeats).
 *
 * <p>The stored fit is the one made on all the data, the holdout included; the holdout check's own
 * out-of-sample totals (from a fit on the data before it) are shown beside the chart.
 *
 * @param weeks the first day of each week of the holdout
 * @param days the days each week spans (the last may be shorter)
 */
public record Tracking(
    LocalDate from,
    LocalDate to,
    List<LocalDate> weeks,
    List<Integer> days,
    List<Double> actual,
    List<Double> expected) {
  public Tracking {
    weeks = List.copyOf(weeks);
    days = List.copyOf(days);
    actual = List.copyOf(actual);
    expected = List.copyOf(expected);
  }

  /** Repeat purchases that happened in the holdout. */
  public double actualTotal() {
    return actual.stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Repeat purchases the model expected in the holdout. */
  public double expectedTotal() {
    return expected.stream().mapToDouble(Double::doubleValue).sum();
  }

  /**
   * The chart for a fit whose holdout was checked; empty (with the reason in words) when the fit
   * has no holdout on record or its model is not one this version knows.
   */
  static Result of(Trends trends, Trends.Run run, BusinessReport.Fit fit) {
    if (!(fit.holdout() instanceof BusinessReport.Checked checked)) {
      return new Result(
          Optional.empty(),
          fit.holdout() instanceof BusinessReport.Skipped s
              ? s.reason()
              : "the fit in use has no holdout check on record");
    }
    if (checked.calibrationEnd().isEmpty() || checked.asOf().isEmpty()) {
      return new Result(Optional.empty(), "the holdout check on record has no dates");
    }
    TransactionModel model;
    try {
      ModelKind kind = ModelKind.fromId(fit.model());
      double[] params = new double[kind.parameterNames().size()];
      for (int i = 0; i < params.length; i++) {
        Double p = fit.params().get(kind.parameterNames().get(i));
        if (p == null) {
          return new Result(
              Optional.empty(), "the fit on record lacks " + kind.parameterNames().get(i));
        }
        params[i] = p;
      }
      model = kind.create(params);
    } catch (ModelException e) {
      return new Result(Optional.empty(), "the fit on record cannot be used: " + e.getMessage());
    }
    LocalDate from = checked.calibrationEnd().get().plusDays(1);
    LocalDate to = checked.asOf().get();
    if (to.isBefore(from)) {
      return new Result(Optional.empty(), "the holdout on record is empty");
    }
    NavigableMap<LocalDate, Long> first = trends.firstPurchases(run).headMap(to, true);
    NavigableMap<LocalDate, Long> bought = trends.purchaseDays(from, to);
    return new Result(Optional.of(compute(model, from, to, first, bought)), "");
  }

  /** The chart, or why there is none. */
  record Result(Optional<Tracking> chart, String why) {}

  static Tracking compute(
      TransactionModel model,
      LocalDate from,
      LocalDate to,
      NavigableMap<LocalDate, Long> firstPurchases,
      NavigableMap<LocalDate, Long> purchaseDays) {
    // E[X(d / 7)] for whole days d, each computed once: the weeks and the first days both fall on
    // whole days
    Map<Long, Double> memo = new HashMap<>();
    List<LocalDate> weeks = new ArrayList<>();
    List<Integer> days = new ArrayList<>();
    List<Double> actual = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    for (LocalDate start = from; !start.isAfter(to); start = start.plusWeeks(1)) {
      LocalDate end = start.plusDays(6).isAfter(to) ? to : start.plusDays(6);
      long purchases = sum(purchaseDays.subMap(start, true, end, true));
      long firsts = sum(firstPurchases.subMap(start, true, end, true));
      double e = 0;
      // purchases on the days start .. end: the span (start - 1, end] after each first purchase
      for (Map.Entry<LocalDate, Long> c : firstPurchases.headMap(end, false).entrySet()) {
        long upper = ChronoUnit.DAYS.between(c.getKey(), end);
        long lower = Math.max(0, ChronoUnit.DAYS.between(c.getKey(), start.minusDays(1)));
        e += c.getValue() * (expected(model, memo, upper) - expected(model, memo, lower));
      }
      weeks.add(start);
      days.add((int) ChronoUnit.DAYS.between(start, end) + 1);
      actual.add((double) Math.max(0, purchases - firsts));
      expected.add(e);
    }
    return new Tracking(from, to, weeks, days, actual, expected);
  }

  private static double expected(TransactionModel model, Map<Long, Double> memo, long days) {
    return days == 0 ? 0 : memo.computeIfAbsent(days, d -> model.expectedPurchases(d / 7.0));
  }

  private static long sum(Map<LocalDate, Long> m) {
    long n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }
}
