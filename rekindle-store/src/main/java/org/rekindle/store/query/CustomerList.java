package org.rekindle.store.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.rekindle.store.StoreException;

/**
 * Customers as the latest completed run left them: their lifecycle state and scores, filtered and
 * sorted, for {@code rekindle customers}.
 */
public final class CustomerList {
  private CustomerList() {}

  /** The order of the list. */
  public enum Sort {
    VALUE_AT_RISK("s.value_at_risk DESC NULLS LAST"),
    CLV("s.clv DESC NULLS LAST"),
    OVERDUE("s.overdue_ratio DESC NULLS LAST");

    final String sql;

    Sort(String sql) {
      this.sql = sql;
    }

    /** From {@code value-at-risk}, {@code clv} or {@code overdue}. */
    public static Sort parse(String text) {
      for (Sort s : values()) {
        if (s.name().replace('_', '-').equalsIgnoreCase(text.strip())) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "sort by value-at-risk, clv or overdue, not '" + text + "'");
    }
  }

  /**
   * Which customers.
   *
   * @param state a lifecycle state, or empty for all
   * @param segment a segment, or empty for all
   * @param rep an owner rep, or empty for all
   * @param sort the order
   * @param limit at most this many
   */
  public record Filter(
      Optional<String> state,
      Optional<String> segment,
      Optional<String> rep,
      Sort sort,
      int limit) {
    public Filter {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(segment, "segment");
      Objects.requireNonNull(rep, "rep");
      Objects.requireNonNull(sort, "sort");
      if (limit < 1) {
        throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
      }
    }
  }

  /** One customer in the list. */
  public record Row(
      String customerId,
      Optional<String> name,
      String state,
      LocalDate since,
      Optional<String> segment,
      Optional<String> rep,
      double pAlive,
      Optional<Double> clv,
      Optional<Double> valueAtRisk,
      double daysSinceLast,
      Optional<Double> usualGapDays,
      Optional<Double> overdueRatio) {}

  /** The list and the run it comes from. */
  public record Result(long runId, LocalDate asOf, List<Row> rows) {}

  /**
   * @throws StoreException if there is no completed run yet
   */
  public static Result list(Jdbi jdbi, Filter filter) {
    return jdbi.withHandle(
        h -> {
          Optional<Long> run =
              h.select("SELECT id FROM runs WHERE status = 'completed' ORDER BY as_of DESC LIMIT 1")
                  .mapTo(Long.class)
                  .findOne();
          if (run.isEmpty()) {
            throw new StoreException("there is no run yet: import orders, then 'rekindle run'");
          }
          LocalDate asOf =
              h.select("SELECT as_of FROM runs WHERE id = ?", run.get())
                  .mapTo(LocalDate.class)
                  .one();
          List<String> where = new ArrayList<>();
          where.add("s.run_id = :run");
          filter.state().ifPresent(x -> where.add("ls.state = :state"));
          filter.segment().ifPresent(x -> where.add("c.segment = :segment"));
          filter.rep().ifPresent(x -> where.add("c.owner_rep = :rep"));
          Query q =
              h.createQuery(
                      "SELECT c.external_id, c.name, ls.state, ls.since, c.segment, c.owner_rep,"
                          + " s.p_alive, s.clv, s.value_at_risk, s.days_since_last,"
                          + " s.usual_gap_days, s.overdue_ratio FROM scores s"
                          + " JOIN customers c ON c.id = s.customer_id"
                          + " JOIN lifecycle_states ls ON ls.customer_id = c.id"
                          + " WHERE "
                          + String.join(" AND ", where)
                          + " ORDER BY "
                          + filter.sort().sql
                          + ", c.external_id LIMIT :limit")
                  .bind("run", run.get())
                  .bind("limit", filter.limit());
          filter.state().ifPresent(x -> q.bind("state", x.toLowerCase(Locale.ROOT)));
          filter.segment().ifPresent(x -> q.bind("segment", x));
          filter.rep().ifPresent(x -> q.bind("rep", x));
          List<Row> rows =
              q.map(
                      (rs, ctx) ->
                          new Row(
                              rs.getString(1),
                              Optional.ofNullable(rs.getString(2)),
                              rs.getString(3),
                              rs.getObject(4, LocalDate.class),
                              Optional.ofNullable(rs.getString(5)),
                              Optional.ofNullable(rs.getString(6)),
                              rs.getDouble(7),
                              Optional.ofNullable(rs.getObject(8, Double.class)),
                              Optional.ofNullable(rs.getObject(9, Double.class)),
                              rs.getDouble(10),
                              Optional.ofNullable(rs.getObject(11, Double.class)),
                              Optional.ofNullable(rs.getObject(12, Double.class))))
                  .list();
          return new Result(run.get(), asOf, rows);
        });
  }
}
