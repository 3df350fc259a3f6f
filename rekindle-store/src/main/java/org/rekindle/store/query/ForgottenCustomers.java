package org.rekindle.store.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Valuable customers overdue against their own rhythm whom nobody has contacted since their last
 * order: the question "how many others did we forget, and what did that cost us?".
 *
 * <p>From the latest completed run: customers whose state is lapsing or dormant, or who are at
 * least {@link #OVERDUE_RATIO} times their usual gap overdue in any state but new (a new customer
 * has no rhythm of their own yet), with no row in {@code contacts} dated on or after their last
 * order, the most value at risk first. The last order is the one the run counted: the as-of date
 * minus the days of silence.
 */
public final class ForgottenCustomers {
  /** Silence of at least this many usual gaps counts as overdue whatever the state. */
  public static final double OVERDUE_RATIO = 1.5;

  private ForgottenCustomers() {}

  /** One forgotten customer. */
  public record Row(
      String customerId,
      Optional<String> name,
      Optional<String> rep,
      String state,
      Optional<Double> usualGapDays,
      double daysSilent,
      Optional<Double> overdueRatio,
      Optional<Double> valueAtRisk,
      LocalDate lastOrder) {}

  /**
   * All forgotten customers counted, and the top ones.
   *
   * @param count how many there are
   * @param valueAtRisk their value at risk, summed
   * @param top the first of them, the most value at risk first
   */
  public record Result(long count, double valueAtRisk, List<Row> top) {
    public Result {
      top = List.copyOf(top);
    }
  }

  /** Joined to the latest run's scores; {@code :run} and {@code :overdue} bound by the caller. */
  private static final String FROM =
      " FROM scores s JOIN runs r ON r.id = s.run_id"
          + " JOIN customers c ON c.id = s.customer_id"
          + " JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
          + " WHERE s.run_id = :run AND ls.state <> 'new'"
          + " AND (ls.state IN ('lapsing', 'dormant') OR s.overdue_ratio >= :overdue)"
          + " AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = s.customer_id"
          + " AND k.contacted_on >= r.as_of - round(s.days_since_last)::int)";

  /** The forgotten customers of run {@code runId}; the first {@code top} listed. */
  static Result of(Handle h, long runId, int top) {
    if (top < 0) {
      throw new IllegalArgumentException("the number to list must not be negative, was " + top);
    }
    Result totals =
        h.createQuery("SELECT count(*), coalesce(sum(s.value_at_risk), 0)" + FROM)
            .bind("run", runId)
            .bind("overdue", OVERDUE_RATIO)
            .map((rs, ctx) -> new Result(rs.getLong(1), rs.getDouble(2), List.of()))
            .one();
    List<Row> rows =
        h.createQuery(
                "SELECT c.external_id, c.name, c.owner_rep, ls.state, s.usual_gap_days,"
                    + " s.days_since_last, s.overdue_ratio, s.value_at_risk,"
                    + " r.as_of - round(s.days_since_last)::int"
                    + FROM
                    + " ORDER BY s.value_at_risk DESC NULLS LAST, s.overdue_ratio DESC NULLS LAST,"
                    + " c.external_id LIMIT :top")
            .bind("run", runId)
            .bind("overdue", OVERDUE_RATIO)
            .bind("top", top)
            .map(
                (rs, ctx) ->
                    new Row(
                        rs.getString(1),
                        CustomerProfile.text(rs, 2),
                        CustomerProfile.text(rs, 3),
                        rs.getString(4),
                        CustomerProfile.number(rs, 5),
                        rs.getDouble(6),
                        CustomerProfile.number(rs, 7),
                        CustomerProfile.number(rs, 8),
                        rs.getObject(9, LocalDate.class)))
            .list();
    return new Result(totals.count(), totals.valueAtRisk(), rows);
  }
}
