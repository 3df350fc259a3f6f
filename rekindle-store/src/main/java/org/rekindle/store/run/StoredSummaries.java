package org.rekindle.store.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.core.summary.TransactionSink;
import org.rekindle.store.StoreException;

/**
 * Per-customer summaries straight from the stored orders: one query streams every order, grouped by
 * customer and in date order, into the same {@link Summarizer} that {@code rekindle score} uses, so
 * a stored history and the same history in a file give the same summaries — same-day orders merged,
 * refunds netted, the calibration split — by construction, not by a second implementation of the
 * rules in SQL. Stored order ids are unique, so no row is a duplicate here.
 */
public final class StoredSummaries {
  private static final int FETCH = 10_000;

  private StoredSummaries() {}

  /**
   * Summarises the stored orders as {@code options} say (as-of date, calibration end, period).
   *
   * @throws StoreException if there are no orders to summarise
   */
  public static Summaries summarize(Jdbi jdbi, SummaryOptions options) {
    Objects.requireNonNull(options, "options");
    return collect(jdbi).summarize(options);
  }

  /**
   * Streams every stored order into a {@link Summarizer}, which can then summarise them as of any
   * date and with or without a calibration split, without reading the orders again.
   *
   * @throws StoreException if there are no orders
   */
  public static Summarizer collect(Jdbi jdbi) {
    Summarizer summarizer = new Summarizer();
    long rows =
        jdbi.inTransaction(
            h -> {
              long[] n = {0};
              // a cursor, not the whole result in memory: the driver fetches in a transaction
              h.createQuery(
                      "SELECT c.external_id, o.order_date, o.amount FROM orders o"
                          + " JOIN customers c ON c.id = o.customer_id"
                          + " ORDER BY o.customer_id, o.order_date, o.id")
                  .setFetchSize(FETCH)
                  .map(
                      (rs, ctx) -> {
                        String customer = rs.getString(1);
                        LocalDate day = rs.getObject(2, LocalDate.class);
                        BigDecimal amount = rs.getBigDecimal(3);
                        summarizer.accept(
                            customer,
                            (int) day.toEpochDay(),
                            amount.movePointRight(TransactionSink.AMOUNT_SCALE).longValueExact(),
                            TransactionSink.NO_ORDER,
                            ++n[0]);
                        return Boolean.TRUE;
                      })
                  .forEach(ignored -> {});
              return n[0];
            });
    if (rows == 0) {
      throw new StoreException("there are no orders to summarise: import some first");
    }
    return summarizer;
  }
}
