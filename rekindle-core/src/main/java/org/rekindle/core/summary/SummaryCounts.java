package org.rekindle.core.summary;

/**
 * What went into a set of summaries and what was left out, so a user can check nothing was lost
 * silently.
 *
 * @param rows the rows received
 * @param rowsAfterAsOf rows dated after the as-of date, ignored
 * @param duplicateOrders rows dropped because an earlier row of the same customer had the same
 *     order id (and the same sign: purchase or refund)
 * @param unmatchedRefunds refund rows ignored because the customer had no earlier purchase day in
 *     the same period to net them against
 * @param customers customers summarised
 * @param customersFirstPurchaseAfterCalibration customers left out of the calibration cohort
 *     because their first purchase is after the calibration end
 * @param customersWithoutPurchase customers left out because they have no purchase day up to the
 *     (calibration) end: only refunds, or only rows after the as-of date
 */
public record SummaryCounts(
    long rows,
    long rowsAfterAsOf,
    long duplicateOrders,
    long unmatchedRefunds,
    int customers,
    int customersFirstPurchaseAfterCalibration,
    int customersWithoutPurchase) {

  public SummaryCounts {
    if (rows < 0
        || rowsAfterAsOf < 0
        || duplicateOrders < 0
        || unmatchedRefunds < 0
        || customers < 0
        || customersFirstPurchaseAfterCalibration < 0
        || customersWithoutPurchase < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
