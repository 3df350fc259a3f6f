package org.rekindle.core.summary;

import java.time.LocalDate;

/**
 * Receives the good rows of a transaction log, one call per row, without an object per row.
 *
 * <p>Money is exact: amounts are {@code long} minor units at a fixed scale of {@value
 * #AMOUNT_SCALE} decimals, whatever the currency ({@code 12.50} is {@code 125_000}); negative
 * amounts are refunds. Dates are epoch days ({@link LocalDate#toEpochDay()}).
 */
@FunctionalInterface
public interface TransactionSink {
  /** Decimal places of an amount in minor units: {@code 12.50} is {@code 125_000}. */
  int AMOUNT_SCALE = 4;

  /** Minor units per currency unit, {@code 10^AMOUNT_SCALE}. */
  long MINOR_PER_UNIT = 10_000L;

  /** The {@code orderKey} of a row without an order id. */
  long NO_ORDER = 0L;

  /** Earliest date a transaction may carry; earlier dates are data errors. */
  LocalDate EARLIEST_DATE = LocalDate.of(1800, 1, 1);

  /** Latest date a transaction may carry; later dates are data errors. */
  LocalDate LATEST_DATE = LocalDate.of(2299, 12, 31);

  /**
   * Takes one row.
   *
   * @param customerId the customer's id, non-blank
   * @param epochDay the transaction date as {@link LocalDate#toEpochDay()}
   * @param amountMinor the amount in minor units (scale {@value #AMOUNT_SCALE}); negative for a
   *     refund
   * @param orderKey a 64-bit hash of the order id, or {@link #NO_ORDER} when the row has none
   * @param line the physical line of the row in its file (1-based, the header is line 1), for
   *     messages
   * @throws RejectedTransactionException if the row contradicts earlier rows; the reader records it
   *     as a reject and goes on
   */
  void accept(String customerId, int epochDay, long amountMinor, long orderKey, long line);
}
