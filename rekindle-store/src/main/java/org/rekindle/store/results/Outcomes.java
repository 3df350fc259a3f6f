package org.rekindle.store.results;

import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;

/**
 * The kept outcomes of the enrollments' windows (table {@code enrollment_outcomes}): for each
 * enrollment whose window has closed, whether an order came in it and its revenue, the numbers the
 * lift over the holdout is made of. An outcome depends only on the orders dated inside its window,
 * so once kept it holds for every later as-of date; the triggers on {@code orders} drop it when an
 * order inside the window is written, changed or removed, and {@link Results} computes a window
 * with no kept outcome afresh, so a kept outcome only saves time and never changes a result.
 */
public final class Outcomes {
  /** Outcomes kept at once above which the table's statistics are refreshed straight away. */
  static final int ANALYZE_AFTER = 10_000;

  private Outcomes() {}

  /**
   * Keeps the outcome of every enrollment whose window of {@code windowDays} has ended by {@code
   * asOf} and has none kept yet; returns how many were kept.
   *
   * <p>The orders are locked against writes (share mode) for the transaction: an import committing
   * while the outcomes are read could otherwise drop the outcomes it saw before these are written,
   * and leave these stale. Imports wait for it, it waits for an import under way; on a day's new
   * windows it takes well under a second (docs/benchmarks.md, "Results on 1M customers").
   */
  public static int keep(Jdbi jdbi, int windowDays, LocalDate asOf) {
    Results.checkWindow(windowDays);
    int kept =
        jdbi.inTransaction(
            h -> {
              h.execute("LOCK TABLE orders IN SHARE MODE");
              h.execute("SET LOCAL work_mem = '64MB'");
              return h.createUpdate(
                      "INSERT INTO enrollment_outcomes (enrollment_id, window_days,"
                          + " customer_id, playbook, held_out, started_on, offer_id, came_back,"
                          + " revenue)"
                          + " SELECT e.id, :window, e.customer_id, e.playbook,"
                          + " e.status = 'held_out',"
                          + " e.started_on, e.offer_id, coalesce(bool_or(x.amount > 0), false),"
                          + " coalesce(sum(x.amount), 0)"
                          + " FROM enrollments e LEFT JOIN orders x ON x.customer_id = e.customer_id"
                          + " AND x.order_date > e.started_on"
                          + " AND x.order_date <= e.started_on + :window"
                          + " WHERE e.started_on + :window <= :asOf"
                          + " AND NOT EXISTS (SELECT 1 FROM enrollment_outcomes k"
                          + " WHERE k.enrollment_id = e.id AND k.window_days = :window)"
                          + " GROUP BY e.id"
                          + " ON CONFLICT (enrollment_id, window_days) DO NOTHING")
                  .bind("window", windowDays)
                  .bind("asOf", asOf)
                  .execute();
            });
    if (kept >= ANALYZE_AFTER) {
      // a first keep on a large home: the planner learns of the rows now, not when autovacuum
      // gets to them, and the results right after join them as the many they are
      jdbi.useHandle(h -> h.execute("ANALYZE enrollment_outcomes"));
    }
    return kept;
  }
}
