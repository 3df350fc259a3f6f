package org.rekindle.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted (or given) customer-base model of repeat purchasing: how often customers buy while
 * active, and how they drop out unseen. Time is in the unit of the data it was fitted on (days or
 * weeks); x is the number of repeat purchases, t_x the time of the last one and T the time since
 * the first purchase. Implementations are immutable values.
 */
public interface TransactionModel {

  /** Which model this is. */
  ModelKind kind();

  /** Parameter values by name, in the model's canonical order (e.g. r, alpha, a, b). */
  default Map<String, Double> params() {
    Map<String, Double> m = new LinkedHashMap<>();
    double[] values = paramArray();
    for (int i = 0; i < values.length; i++) {
      m.put(kind().parameterNames().get(i), values[i]);
    }
    return m;
  }

  /** Parameter values in canonical order. */
  double[] paramArray();

  /** Log-likelihood of one customer's summary. */
  double logLikelihood(int x, double tx, double age);

  /** Weighted sum of the per-row log-likelihoods. */
  default double logLikelihood(RfmData data) {
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum += data.weight(i) * logLikelihood(data.x(i), data.tx(i), data.age(i));
    }
    return sum;
  }

  /** Probability that the customer is still active at T. */
  double probabilityAlive(int x, double tx, double age);

  /** Expected number of purchases in (T, T + t], given the customer's history. */
  default double conditionalExpectedPurchases(double t, int x, double tx, double age) {
    return probabilityAlive(x, tx, age) * expectedPurchasesIfAlive(t, x, age);
  }

  /**
   * Expected purchases in (T, T + t] of a customer known to be alive at T after x repeat purchases.
   * In all three models it does not depend on t_x, so a customer base needs it once per distinct
   * (x, T); times P(alive) it is {@link #conditionalExpectedPurchases}.
   */
  double expectedPurchasesIfAlive(double t, int x, double age);

  /** Expected number of repeat purchases in (0, t] of a customer just acquired at time 0. */
  double expectedPurchases(double t);

  /** Probability that a customer just acquired makes exactly n repeat purchases in (0, t]. */
  double probabilityOfPurchases(int n, double t);

  /**
   * Discounted expected residual transactions: the expected number of future purchases after T,
   * each discounted continuously at rate {@code delta} per time unit (Fader, Hardie &amp; Lee 2005,
   * "RFM and CLV", eq. 2 defines it for Pareto/NBD). Multiplied by the expected spend per purchase
   * it is the customer's residual lifetime value.
   *
   * @param delta continuous discount rate per time unit, {@code > 0}
   */
  default double discountedResidualPurchases(double delta, int x, double tx, double age) {
    return probabilityAlive(x, tx, age) * discountedResidualPurchasesIfAlive(delta, x, age);
  }

  /**
   * As {@link #discountedResidualPurchases} for a customer known to be alive at T after x repeat
   * purchases: the value the customer would have if we were sure they had not left. Like {@link
   * #expectedPurchasesIfAlive} it does not depend on t_x.
   */
  double discountedResidualPurchasesIfAlive(double delta, int x, double age);
}
