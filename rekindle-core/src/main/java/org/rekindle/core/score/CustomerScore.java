package org.rekindle.core.score;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One customer's scores. Money is in the currency of the input, per purchase or in total as named;
 * time in days unless named otherwise.
 *
 * @param customerId the customer's id
 * @param frequency x, repeat purchases (in the calibration period when there is a holdout)
 * @param recency t_x in the summary's period unit
 * @param age T in the summary's period unit
 * @param monetary mean spend of the repeat purchases (0 when none)
 * @param pAlive probability the customer is still active
 * @param expectedPurchases expected purchases over the horizon
 * @param expectedSpend expected spend per future purchase (empty without amounts)
 * @param clv discounted expected residual purchases × expected spend (empty without amounts)
 * @param valueAtRisk CLV if surely still active minus CLV now (empty without amounts)
 * @param logLikelihood the customer's log-likelihood under the model
 * @param daysSinceLastPurchase silence so far
 * @param usualGapDays their mean days between purchases; for a one-time buyer the typical gap of
 *     repeat buyers
 * @param overdueRatio silence so far ÷ usual gap
 * @param lifecycle the label
 * @param holdoutPurchases actual purchases in the holdout (with a calibration split)
 * @param holdoutPredicted predicted purchases in the holdout (with a calibration split)
 */
public record CustomerScore(
    String customerId,
    int frequency,
    double recency,
    double age,
    double monetary,
    double pAlive,
    double expectedPurchases,
    OptionalDouble expectedSpend,
    OptionalDouble clv,
    OptionalDouble valueAtRisk,
    double logLikelihood,
    double daysSinceLastPurchase,
    OptionalDouble usualGapDays,
    OptionalDouble overdueRatio,
    Lifecycle lifecycle,
    OptionalInt holdoutPurchases,
    OptionalDouble holdoutPredicted) {}
