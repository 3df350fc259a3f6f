package org.rekindle.store.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.rekindle.model.ModelException;
import org.rekindle.model.ModelKind;

/**
 * The state of the business as the latest completed run left it, for {@code rekindle report}:
 * customers and value at risk per lifecycle state, the comebacks, the model and how well it
 * predicted, the credit accounts' dormancy, and the forgotten customers.
 */
public final class BusinessReport {
  /** The lifecycle states in the order they are reported. */
  public static final List<String> STATES =
      List.of("new", "active", "lapsing", "dormant", "lost", "reactivated");

  /** Recoveries and account dormancy are counted over this many days up to the as-of date. */
  public static final int RECENT_DAYS = 30;

  private BusinessReport() {}

  /**
   * Customers in one lifecycle state.
   *
   * @param valueAtRisk summed; empty when no customer there has one (orders without amounts)
   */
  public record StateLine(String state, long customers, Optional<Double> valueAtRisk) {}

  /**
   * Customers who came back.
   *
   * @param count comebacks
   * @param valueAtRisk their value at risk in the run before they came back, summed
   * @param from comebacks per state they came back from: lapsing, dormant, lost
   */
  public record Recoveries(long count, double valueAtRisk, Map<String, Long> from) {
    public Recoveries {
      from = Collections.unmodifiableMap(new LinkedHashMap<>(from));
    }
  }

  /** One model of the comparison made when fitting. */
  public record ModelFit(
      String model,
      Optional<Double> logLikelihood,
      Optional<Double> bic,
      Optional<Boolean> converged) {}

  /** One model's holdout prediction. */
  public record ModelHoldout(String model, Optional<Double> predicted, Optional<Double> mae) {}

  /** Whether and how the fit was checked on data it had not seen. */
  public sealed interface HoldoutCheck permits Checked, Skipped, NotRecorded {}

  /**
   * The fit was judged on the orders after {@code calibrationEnd} up to {@code asOf}.
   *
   * @param actual purchases that happened in the holdout
   * @param predicted purchases the chosen model predicted
   * @param mae mean absolute error per customer
   */
  public record Checked(
      Optional<LocalDate> calibrationEnd,
      Optional<LocalDate> asOf,
      Optional<Double> days,
      Optional<Long> customers,
      Optional<Double> actual,
      Optional<Double> predicted,
      Optional<Double> mae,
      Optional<String> model,
      List<ModelHoldout> models)
      implements HoldoutCheck {
    public Checked {
      models = List.copyOf(models);
    }
  }

  /** The check was skipped, for the reason given. */
  public record Skipped(String reason) implements HoldoutCheck {}

  /** The fit has no holdout check on record (fits made before the check was recorded). */
  public record NotRecorded() implements HoldoutCheck {}

  /**
   * The model the run used.
   *
   * @param model its id ({@code bgnbd}, {@code pnbd}, {@code mbgnbd})
   * @param params in the model's order, time in weeks
   * @param fittedAt when it was fitted
   * @param dataAsOf the day of the data it was fitted on
   * @param customers customers it saw
   * @param repeatPurchases repeat purchases it saw
   * @param spendParams the Gamma-Gamma spend model's p, q, gamma (empty without amounts)
   * @param decision why the run refitted or reused it, in words
   * @param comparison the models compared when fitting (empty when not recorded)
   */
  public record Fit(
      long fitId,
      String model,
      Map<String, Double> params,
      double logLikelihood,
      boolean converged,
      Instant fittedAt,
      LocalDate dataAsOf,
      Optional<Long> customers,
      Optional<Long> repeatPurchases,
      Map<String, Double> spendParams,
      Optional<String> decision,
      List<ModelFit> comparison,
      HoldoutCheck holdout) {
    public Fit {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
      spendParams = Collections.unmodifiableMap(new LinkedHashMap<>(spendParams));
      comparison = List.copyOf(comparison);
      Objects.requireNonNull(holdout, "holdout");
    }

    /** The name as written in the literature (BG/NBD), or the id when it is not one we know. */
    public String modelName() {
      try {
        return ModelKind.fromId(model).displayName();
      } catch (ModelException e) {
        return model;
      }
    }
  }

  /**
   * B2B credit accounts.
   *
   * @param creditAccounts customers who are credit accounts
   * @param open accounts with dormancy dates that are not dormant
   * @param noticesDue not dormant and the notice is due on or before the as-of date
   * @param goingDormantSoon not dormant, going dormant within {@link #RECENT_DAYS} days
   * @param dormant dormant accounts
   */
  public record Accounts(
      long creditAccounts, long open, long noticesDue, long goingDormantSoon, long dormant) {}

  /**
   * The report.
   *
   * @param currency the stored orders' currency (one per store), in which the values are
   * @param states every lifecycle state, in {@link #STATES} order, with zero where empty
   * @param recent recoveries in the {@link #RECENT_DAYS} days up to the as-of date
   * @param allTime every recovery
   */
  public record Report(
      long runId,
      LocalDate asOf,
      Optional<String> currency,
      List<StateLine> states,
      Recoveries recent,
      Recoveries allTime,
      Fit fit,
      Accounts accounts,
      ForgottenCustomers.Result forgotten) {
    public Report {
      states = List.copyOf(states);
    }

    public long customers() {
      return states.stream().mapToLong(StateLine::customers).sum();
    }

    /** Empty when no customer has a value at risk (orders without amounts). */
    public Optional<Double> valueAtRisk() {
      return states.stream()
          .map(StateLine::valueAtRisk)
          .flatMap(Optional::stream)
          .reduce(Double::sum);
    }
  }

  /**
   * The report of the latest completed run.
   *
   * @param forgotten list this many of the forgotten customers
   * @return empty when there is no completed run
   */
  public static Optional<Report> latest(Jdbi jdbi, int forgotten) {
    if (forgotten < 0) {
      throw new IllegalArgumentException(
          "the number of forgotten customers to list must not be negative, was " + forgotten);
    }
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h ->
            CustomerProfile.latestRun(h)
                .map(
                    run ->
                        new Report(
                            run.id(),
                            run.asOf(),
                            h.select("SELECT currency FROM orders LIMIT 1")
                                .mapTo(String.class)
                                .findOne(),
                            states(h, run.id()),
                            recoveries(h, Optional.of(run.asOf().minusDays(RECENT_DAYS)), run),
                            recoveries(h, Optional.empty(), run),
                            fit(h, run.id()),
                            accounts(h, run.asOf()),
                            ForgottenCustomers.of(h, run.id(), forgotten))));
  }

  private static List<StateLine> states(Handle h, long runId) {
    Map<String, StateLine> byState = new LinkedHashMap<>();
    for (String s : STATES) {
      byState.put(s, new StateLine(s, 0, Optional.empty()));
    }
    h.createQuery(
            "SELECT ls.state, count(*), sum(s.value_at_risk) FROM scores s"
                + " JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
                + " WHERE s.run_id = ? GROUP BY ls.state")
        .bind(0, runId)
        .map(
            (rs, ctx) ->
                byState.put(
                    rs.getString(1),
                    new StateLine(rs.getString(1), rs.getLong(2), CustomerProfile.number(rs, 3))))
        .list();
    return new ArrayList<>(byState.values());
  }

  /** Recoveries after {@code after} (all when empty) up to the run's date. */
  private static Recoveries recoveries(
      Handle h, Optional<LocalDate> after, CustomerProfile.Run run) {
    Map<String, Long> from = new LinkedHashMap<>();
    for (String s : List.of("lapsing", "dormant", "lost")) {
      from.put(s, 0L);
    }
    double[] valueAtRisk = {0};
    Query q =
        h.createQuery(
                "SELECT from_state, count(*), coalesce(sum(value_at_risk), 0) FROM recoveries"
                    + " WHERE recovered_on <= :asOf"
                    + (after.isPresent() ? " AND recovered_on > :after" : "")
                    + " GROUP BY from_state")
            .bind("asOf", run.asOf());
    after.ifPresent(a -> q.bind("after", a));
    q.map(
            (rs, ctx) -> {
              from.put(rs.getString(1), rs.getLong(2));
              valueAtRisk[0] += rs.getDouble(3);
              return rs.getString(1);
            })
        .list();
    long count = from.values().stream().mapToLong(Long::longValue).sum();
    return new Recoveries(count, valueAtRisk[0], from);
  }

  private static Fit fit(Handle h, long runId) {
    return h.createQuery(
            "SELECT f.id, f.model, f.log_likelihood, f.converged, f.fitted_at, f.as_of, "
                + number("f.data_fingerprint", "customers")
                + ", "
                + number("f.data_fingerprint", "repeat_purchases")
                + ", r.fit_decision FROM runs r JOIN model_fits f ON f.id = r.fit_id"
                + " WHERE r.id = ?")
        .bind(0, runId)
        .map(
            (rs, ctx) -> {
              long fitId = rs.getLong(1);
              String model = rs.getString(2);
              return new Fit(
                  fitId,
                  model,
                  params(h, fitId, "params", parameterNames(model)),
                  rs.getDouble(3),
                  rs.getBoolean(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant(),
                  rs.getObject(6, LocalDate.class),
                  CustomerProfile.number(rs, 7).map(Double::longValue),
                  CustomerProfile.number(rs, 8).map(Double::longValue),
                  params(h, fitId, "spend_params", List.of("p", "q", "gamma")),
                  CustomerProfile.text(rs, 9),
                  comparison(h, fitId),
                  holdout(h, fitId));
            })
        .one();
  }

  private static List<String> parameterNames(String model) {
    try {
      return ModelKind.fromId(model).parameterNames();
    } catch (ModelException e) {
      return List.of();
    }
  }

  /**
   * The numbers of a jsonb object column, the {@code order} names first in that order (jsonb keeps
   * its keys sorted by length, not as written), then any others.
   */
  private static Map<String, Double> params(
      Handle h, long fitId, String column, List<String> order) {
    Map<String, Double> stored = new LinkedHashMap<>();
    h.createQuery(
            "SELECT e.key, e.value::text::float8 FROM model_fits f,"
                + " jsonb_each(CASE WHEN jsonb_typeof(f."
                + column
                + ") = 'object' THEN f."
                + column
                + " ELSE '{}'::jsonb END) e"
                + " WHERE f.id = ? AND jsonb_typeof(e.value) = 'number'")
        .bind(0, fitId)
        .map((rs, ctx) -> stored.put(rs.getString(1), rs.getDouble(2)))
        .list();
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String name : order) {
      Double v = stored.remove(name);
      if (v != null) {
        ordered.put(name, v);
      }
    }
    ordered.putAll(stored);
    return ordered;
  }

  /** {@code diagnostics.models}: the models compared when fitting. */
  private static List<ModelFit> comparison(Handle h, long fitId) {
    return h.createQuery(
            "SELECT m->>'model', "
                + number("m", "log_likelihood")
                + ", "
                + number("m", "bic")
                + ", CASE WHEN jsonb_typeof(m->'converged') = 'boolean'"
                + " THEN (m->>'converged')::boolean END"
                + " FROM model_fits f, jsonb_array_elements(CASE WHEN"
                + " jsonb_typeof(f.diagnostics->'models') = 'array' THEN f.diagnostics->'models'"
                + " ELSE '[]'::jsonb END) m"
                + " WHERE f.id = ? AND jsonb_typeof(m->'model') = 'string'")
        .bind(0, fitId)
        .map(
            (rs, ctx) ->
                new ModelFit(
                    rs.getString(1),
                    CustomerProfile.number(rs, 2),
                    CustomerProfile.number(rs, 3),
                    Optional.ofNullable(rs.getObject(4, Boolean.class))))
        .list();
  }

  /**
   * {@code diagnostics.holdout}, {@code diagnostics.holdout_skipped}, or neither (a fit made before
   * the check was recorded, whose diagnostics are {@code {}}).
   */
  private static HoldoutCheck holdout(Handle h, long fitId) {
    String d = "f.diagnostics->'holdout'";
    return h.createQuery(
            "SELECT jsonb_typeof("
                + d
                + "), f.diagnostics->>'holdout_skipped', "
                + d
                + "->>'calibration_end', "
                + d
                + "->>'as_of', "
                + number(d, "days")
                + ", "
                + number(d, "customers")
                + ", "
                + number(d, "actual")
                + ", "
                + number(d, "predicted")
                + ", "
                + number(d, "mae")
                + ", CASE WHEN jsonb_typeof("
                + d
                + "->'model') = 'string' THEN "
                + d
                + "->>'model' END FROM model_fits f WHERE f.id = ?")
        .bind(0, fitId)
        .map(
            (rs, ctx) -> {
              if ("object".equals(rs.getString(1))) {
                return (HoldoutCheck)
                    new Checked(
                        date(rs.getString(3)),
                        date(rs.getString(4)),
                        CustomerProfile.number(rs, 5),
                        CustomerProfile.number(rs, 6).map(Double::longValue),
                        CustomerProfile.number(rs, 7),
                        CustomerProfile.number(rs, 8),
                        CustomerProfile.number(rs, 9),
                        CustomerProfile.text(rs, 10),
                        holdoutModels(h, fitId));
              }
              Optional<String> skipped =
                  CustomerProfile.text(rs, 2).filter(reason -> !reason.isBlank());
              return skipped.isPresent() ? new Skipped(skipped.get()) : new NotRecorded();
            })
        .one();
  }

  private static List<ModelHoldout> holdoutModels(Handle h, long fitId) {
    return h.createQuery(
            "SELECT m->>'model', "
                + number("m", "predicted")
                + ", "
                + number("m", "mae")
                + " FROM model_fits f, jsonb_array_elements(CASE WHEN"
                + " jsonb_typeof(f.diagnostics->'holdout'->'models') = 'array'"
                + " THEN f.diagnostics->'holdout'->'models' ELSE '[]'::jsonb END) m"
                + " WHERE f.id = ? AND jsonb_typeof(m->'model') = 'string'")
        .bind(0, fitId)
        .map(
            (rs, ctx) ->
                new ModelHoldout(
                    rs.getString(1), CustomerProfile.number(rs, 2), CustomerProfile.number(rs, 3)))
        .list();
  }

  private static Accounts accounts(Handle h, LocalDate asOf) {
    long credit =
        h.select("SELECT count(*) FROM customers WHERE account_kind = 'credit_account'")
            .mapTo(Long.class)
            .one();
    return h.createQuery(
            "SELECT count(*) FILTER (WHERE d.status <> 'dormant'),"
                + " count(*) FILTER (WHERE d.status <> 'dormant' AND d.notice_due <= :asOf),"
                + " count(*) FILTER (WHERE d.status <> 'dormant' AND d.dormant_on >= :asOf"
                + " AND d.dormant_on <= :soon),"
                + " count(*) FILTER (WHERE d.status = 'dormant')"
                + " FROM account_dormancy d JOIN customers c ON c.id = d.customer_id"
                + " WHERE c.account_kind = 'credit_account'")
        .bind("asOf", asOf)
        .bind("soon", asOf.plusDays(RECENT_DAYS))
        .map(
            (rs, ctx) ->
                new Accounts(credit, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .one();
  }

  /**
   * SQL for the number at {@code key} of a jsonb expression, null when it is missing or not a
   * number: diagnostics written by another version must not break the report.
   */
  private static String number(String json, String key) {
    return "CASE WHEN jsonb_typeof("
        + json
        + "->'"
        + key
        + "') = 'number' THEN ("
        + json
        + "->>'"
        + key
        + "')::float8 END";
  }

  private static Optional<LocalDate> date(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.strip()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
