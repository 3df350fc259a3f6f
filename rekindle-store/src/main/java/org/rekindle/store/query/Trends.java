package org.rekindle.store.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The numbers the dashboard's overview draws over time, read from what the daily runs stored: the
 * comebacks per week, each run's value at risk, and what a holdout tracking chart needs (customers
 * by the day of their first purchase, and the days with a purchase in a span). Every query is one
 * aggregate that returns at most a few thousand rows; the ones that read a whole run's scores or a
 * span of orders are meant to be kept by the caller once per run, which is when they change.
 */
public final class Trends {
  /** The latest completed run. */
  public record Run(long id, LocalDate asOf) {}

  /** Comebacks recorded in the week starting on {@code monday}. */
  public record WeekOfComebacks(LocalDate monday, long comebacks, double valueAtRisk) {}

  /**
   * What one run found: customers scored, those lapsing, dormant or lost by their scores, and the
   * value at risk of all of them summed (empty when no customer has one).
   */
  public record RunRisk(
      long runId, LocalDate asOf, long customers, long atRisk, Optional<Double> valueAtRisk) {}

  private final Jdbi jdbi;

  public Trends(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The latest completed run, if any: an index-free read of the small {@code runs} table. */
  public Optional<Run> latestRun() {
    return jdbi.withHandle(h -> CustomerProfile.latestRun(h).map(r -> new Run(r.id(), r.asOf())));
  }

  /**
   * The comebacks per week (weeks from Monday) in the {@code weeks} weeks up to and including the
   * week of {@code asOf}, oldest first, weeks without comebacks included with zeros.
   */
  public List<WeekOfComebacks> comebacksPerWeek(LocalDate asOf, int weeks) {
    if (weeks < 1) {
      throw new IllegalArgumentException("at least one week: " + weeks);
    }
    LocalDate last = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate first = last.minusWeeks(weeks - 1L);
    NavigableMap<LocalDate, WeekOfComebacks> byWeek = new TreeMap<>();
    for (int i = 0; i < weeks; i++) {
      LocalDate monday = first.plusWeeks(i);
      byWeek.put(monday, new WeekOfComebacks(monday, 0, 0));
    }
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT date_trunc('week', recovered_on)::date, count(*),"
                        + " coalesce(sum(value_at_risk), 0) FROM recoveries"
                        + " WHERE recovered_on >= :first AND recovered_on <= :asOf GROUP BY 1")
                .bind("first", first)
                .bind("asOf", asOf)
                .map(
                    (rs, ctx) -> {
                      LocalDate monday = rs.getObject(1, LocalDate.class);
                      return byWeek.put(
                          monday, new WeekOfComebacks(monday, rs.getLong(2), rs.getDouble(3)));
                    })
                .list());
    return new ArrayList<>(byWeek.values());
  }

  /**
   * The completed runs to draw a trend of: the latest of each of the {@code weeks} weeks up to the
   * week of {@code asOf} that has one, oldest first.
   */
  public List<Run> weeklyRuns(LocalDate asOf, int weeks) {
    LocalDate first =
        asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT DISTINCT ON (date_trunc('week', as_of)) id, as_of FROM runs"
                        + " WHERE status = 'completed' AND as_of >= :first AND as_of <= :asOf"
                        + " ORDER BY date_trunc('week', as_of), as_of DESC")
                .bind("first", first)
                .bind("asOf", asOf)
                .map((rs, ctx) -> new Run(rs.getLong(1), rs.getObject(2, LocalDate.class)))
                .list());
  }

  /**
   * What one run scored, summed: reads the run's scores once (by its primary key's run id). A
   * completed run's scores never change, so the answer may be kept for good.
   */
  public RunRisk risk(Run run) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*), count(*) FILTER (WHERE lifecycle IN ('lapsing', 'dormant',"
                        + " 'lost')), sum(value_at_risk) FROM scores WHERE run_id = ?")
                .bind(0, run.id())
                .map(
                    (rs, ctx) ->
                        new RunRisk(
                            run.id(),
                            run.asOf(),
                            rs.getLong(1),
                            rs.getLong(2),
                            CustomerProfile.number(rs, 3)))
                .one());
  }

  /**
   * The customers a run scored, by the day of their first purchase: the run's date less their age
   * (T, in weeks). Keys are days, values customers; a few thousand entries at most (one per day of
   * history).
   */
  public NavigableMap<LocalDate, Long> firstPurchases(Run run) {
    NavigableMap<LocalDate, Long> days = new TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT round(age * 7)::int, count(*) FROM scores WHERE run_id = ?"
                        + " GROUP BY 1")
                .bind(0, run.id())
                .map(
                    (rs, ctx) ->
                        days.merge(run.asOf().minusDays(rs.getInt(1)), rs.getLong(2), Long::sum))
                .list());
    return Collections.unmodifiableNavigableMap(days);
  }

  /**
   * The purchases per day from {@code from} to {@code to} (both included): days a customer ordered
   * something for more than nothing, one per customer and day, as the models count them (same-day
   * orders are one purchase). Reads the orders of the span: a scan of the orders table, to be kept
   * per run by the caller.
   */
  public NavigableMap<LocalDate, Long> purchaseDays(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "the span ends (" + to + ") before it starts (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) > 3660) {
      throw new IllegalArgumentException("a span of at most ten years: " + from + " to " + to);
    }
    NavigableMap<LocalDate, Long> days = new TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT order_date, count(DISTINCT customer_id) FROM orders"
                        + " WHERE order_date >= :from AND order_date <= :to AND amount > 0"
                        + " GROUP BY order_date")
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> days.put(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                .list());
    return Collections.unmodifiableNavigableMap(days);
  }
}
