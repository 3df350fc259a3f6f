package org.rekindle.store.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.core.summary.TransactionSink;
import org.rekindle.model.ModelKind;
import org.rekindle.model.TransactionModel;
import org.rekindle.store.run.DailyRun;

/**
 * One customer's P(alive) over time: the curve the latest run's model gives for their history as it
 * stood on each day from their first order to the run's date, and the P(alive) each run stored.
 *
 * <p>The curve is recomputed, not stored: on each day the customer's orders up to that day are
 * summarised by the same {@link Summarizer} the run uses (same-day orders merged, refunds netted,
 * in {@link DailyRun#PERIOD}s) and the stored fit gives P(alive) for that summary. On the run's own
 * date it is the P(alive) the run stored. It rises with each purchase and sinks in the silences
 * between, faster the more often the customer used to buy.
 */
public final class AliveHistory {
  /** The curve has at most about this many days, besides each purchase day and the day before. */
  static final int STEPS = 120;

  /** Orders read for the curve: the latest this many (a history longer is cut at its start). */
  static final int MAX_ORDERS = 20_000;

  /** Runs whose stored P(alive) is read: the latest this many. */
  static final int MAX_RUNS = 400;

  private AliveHistory() {}

  /** P(alive) on a day. */
  public record Point(LocalDate on, double pAlive) {}

  /**
   * The history.
   *
   * @param asOf the latest run's date; empty before the first run with a fit
   * @param model the model of the latest run's fit, as the literature names it
   * @param curve the recomputed P(alive), day by day, in date order
   * @param purchases the customer's purchase days up to the run's date
   * @param scored what each run stored, in date order
   */
  public record History(
      Optional<LocalDate> asOf,
      Optional<String> model,
      List<Point> curve,
      List<LocalDate> purchases,
      List<Point> scored) {
    public History {
      curve = List.copyOf(curve);
      purchases = List.copyOf(purchases);
      scored = List.copyOf(scored);
    }
  }

  private record Fit(LocalDate asOf, ModelKind kind, double[] params) {}

  private record Order(LocalDate on, BigDecimal amount) {}

  /** The history of the customer with this row id ({@link CustomerActivity.Owner#id}). */
  public static History of(Jdbi jdbi, long customer) {
    return jdbi.withHandle(
        h -> {
          List<Point> scored = scored(h, customer);
          Optional<Fit> fit = fit(h);
          if (fit.isEmpty()) {
            return new History(Optional.empty(), Optional.empty(), List.of(), List.of(), scored);
          }
          List<Order> orders = orders(h, customer, fit.get().asOf());
          return curve(fit.get(), customer, orders, scored);
        });
  }

  private static History curve(Fit fit, long customer, List<Order> orders, List<Point> scored) {
    TransactionModel model = fit.kind().create(fit.params());
    Optional<String> name = Optional.of(fit.kind().displayName());
    Summarizer summarizer = new Summarizer();
    String id = Long.toString(customer);
    long line = 0;
    TreeSet<LocalDate> days = new TreeSet<>();
    for (Order o : orders) {
      long minor =
          o.amount()
              .setScale(TransactionSink.AMOUNT_SCALE, RoundingMode.HALF_UP)
              .unscaledValue()
              .longValueExact();
      summarizer.accept(id, (int) o.on().toEpochDay(), minor, TransactionSink.NO_ORDER, ++line);
      if (o.amount().signum() >= 0) {
        days.add(o.on());
      }
    }
    if (days.isEmpty()) {
      return new History(Optional.of(fit.asOf()), name, List.of(), List.of(), scored);
    }
    LocalDate first = days.first();
    LocalDate end = fit.asOf();
    // the days the curve is drawn at: evenly spread, each purchase and the day before it (where
    // the curve had sunk to), and the run's date
    TreeSet<LocalDate> at = new TreeSet<>();
    long span = ChronoUnit.DAYS.between(first, end);
    long step = Math.max(1, span / STEPS);
    for (long d = 0; d <= span; d += step) {
      at.add(first.plusDays(d));
    }
    for (LocalDate p : days) {
      at.add(p);
      if (p.isAfter(first)) {
        at.add(p.minusDays(1));
      }
    }
    at.add(end);
    List<Point> curve = new ArrayList<>(at.size());
    for (LocalDate d : at) {
      Summaries s =
          summarizer.summarize(SummaryOptions.defaults().withAsOf(d).withPeriod(DailyRun.PERIOD));
      if (s.customers().isEmpty()) {
        // only refunds so far: no purchase day yet
        continue;
      }
      CustomerSummary c = s.customers().get(0);
      curve.add(new Point(d, model.probabilityAlive(c.frequency(), c.recency(), c.age())));
    }
    return new History(Optional.of(end), name, curve, List.copyOf(days), scored);
  }

  private static List<Point> scored(Handle h, long customer) {
    // runs outer, one step of the scores' key per run: no scan of every run's scores
    List<Point> points =
        h.select(
                "SELECT r.as_of, s.p_alive FROM (SELECT id, as_of FROM runs"
                    + " WHERE status = 'completed' ORDER BY as_of DESC LIMIT ?) r"
                    + " JOIN scores s ON s.run_id = r.id AND s.customer_id = ?"
                    + " ORDER BY r.as_of",
                MAX_RUNS,
                customer)
            .map((rs, ctx) -> new Point(rs.getObject(1, LocalDate.class), rs.getDouble(2)))
            .list();
    return points;
  }

  private record Head(LocalDate asOf, ModelKind kind, long fitId) {}

  private static Optional<Fit> fit(Handle h) {
    Optional<Head> head =
        h.select(
                "SELECT r.as_of, f.model, f.id FROM runs r JOIN model_fits f ON f.id = r.fit_id"
                    + " WHERE r.status = 'completed' ORDER BY r.as_of DESC LIMIT 1")
            .map(
                (rs, ctx) ->
                    new Head(
                        rs.getObject(1, LocalDate.class),
                        ModelKind.fromId(rs.getString(2)),
                        rs.getLong(3)))
            .findOne();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = head.get().kind().parameterNames();
    double[] params = new double[names.size()];
    for (int i = 0; i < params.length; i++) {
      params[i] =
          h.select(
                  "SELECT (params->>?)::float8 FROM model_fits WHERE id = ?",
                  names.get(i),
                  head.get().fitId())
              .mapTo(Double.class)
              .one();
    }
    return Optional.of(new Fit(head.get().asOf(), head.get().kind(), params));
  }

  private static List<Order> orders(Handle h, long customer, LocalDate asOf) {
    List<Order> latest =
        h.select(
                "SELECT order_date, amount FROM orders WHERE customer_id = ? AND order_date <= ?"
                    + " ORDER BY order_date DESC, id DESC LIMIT ?",
                customer,
                asOf,
                MAX_ORDERS)
            .map((rs, ctx) -> new Order(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2)))
            .list();
    List<Order> inOrder = new ArrayList<>(latest);
    Collections.reverse(inOrder);
    return inOrder;
  }
}
