package org.rekindle.core.score;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One customer's scores, a value. Money is in the currency of the input, per purchase or in total
 * as named; time in days unless named otherwise.
 *
 * <p>Not a record, so that a million of them need no {@code OptionalDouble} objects each: absent
 * values are kept as NaN (and a holdout count as −1) and the accessors wrap them on demand.
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
public final class CustomerScore {
  private final String customerId;
  private final int frequency;
  private final double recency;
  private final double age;
  private final double monetary;
  private final double pAlive;
  private final double expectedPurchases;
  private final double expectedSpend;
  private final double clv;
  private final double valueAtRisk;
  private final double logLikelihood;
  private final double daysSinceLastPurchase;
  private final double usualGapDays;
  private final double overdueRatio;
  private final Lifecycle lifecycle;
  private final int holdoutPurchases;
  private final double holdoutPredicted;

  /** Every value given; {@code lifecycle} and the id must not be null. */
  public CustomerScore(
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
      OptionalDouble holdoutPredicted) {
    this(
        customerId,
        frequency,
        recency,
        age,
        monetary,
        pAlive,
        expectedPurchases,
        expectedSpend.orElse(Double.NaN),
        clv.orElse(Double.NaN),
        valueAtRisk.orElse(Double.NaN),
        logLikelihood,
        daysSinceLastPurchase,
        usualGapDays.orElse(Double.NaN),
        overdueRatio.orElse(Double.NaN),
        lifecycle,
        holdoutPurchases.orElse(-1),
        holdoutPredicted.orElse(Double.NaN));
  }

  /** The same with absent values as NaN and an absent holdout count as −1. */
  CustomerScore(
      String customerId,
      int frequency,
      double recency,
      double age,
      double monetary,
      double pAlive,
      double expectedPurchases,
      double expectedSpend,
      double clv,
      double valueAtRisk,
      double logLikelihood,
      double daysSinceLastPurchase,
      double usualGapDays,
      double overdueRatio,
      Lifecycle lifecycle,
      int holdoutPurchases,
      double holdoutPredicted) {
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.monetary = monetary;
    this.pAlive = pAlive;
    this.expectedPurchases = expectedPurchases;
    this.expectedSpend = expectedSpend;
    this.clv = clv;
    this.valueAtRisk = valueAtRisk;
    this.logLikelihood = logLikelihood;
    this.daysSinceLastPurchase = daysSinceLastPurchase;
    this.usualGapDays = usualGapDays;
    this.overdueRatio = overdueRatio;
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.holdoutPurchases = holdoutPurchases;
    this.holdoutPredicted = holdoutPredicted;
  }

  public String customerId() {
    return customerId;
  }

  public int frequency() {
    return frequency;
  }

  public double recency() {
    return recency;
  }

  public double age() {
    return age;
  }

  public double monetary() {
    return monetary;
  }

  public double pAlive() {
    return pAlive;
  }

  public double expectedPurchases() {
    return expectedPurchases;
  }

  public OptionalDouble expectedSpend() {
    return present(expectedSpend);
  }

  public OptionalDouble clv() {
    return present(clv);
  }

  public OptionalDouble valueAtRisk() {
    return present(valueAtRisk);
  }

  public double logLikelihood() {
    return logLikelihood;
  }

  public double daysSinceLastPurchase() {
    return daysSinceLastPurchase;
  }

  public OptionalDouble usualGapDays() {
    return present(usualGapDays);
  }

  public OptionalDouble overdueRatio() {
    return present(overdueRatio);
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  public OptionalInt holdoutPurchases() {
    return holdoutPurchases < 0 ? OptionalInt.empty() : OptionalInt.of(holdoutPurchases);
  }

  public OptionalDouble holdoutPredicted() {
    return present(holdoutPredicted);
  }

  /** A stored value as an optional: NaN stands for absent. */
  private static OptionalDouble present(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CustomerScore o)) {
      return false;
    }
    return customerId.equals(o.customerId)
        && frequency == o.frequency
        && Double.compare(recency, o.recency) == 0
        && Double.compare(age, o.age) == 0
        && Double.compare(monetary, o.monetary) == 0
        && Double.compare(pAlive, o.pAlive) == 0
        && Double.compare(expectedPurchases, o.expectedPurchases) == 0
        && Double.compare(expectedSpend, o.expectedSpend) == 0
        && Double.compare(clv, o.clv) == 0
        && Double.compare(valueAtRisk, o.valueAtRisk) == 0
        && Double.compare(logLikelihood, o.logLikelihood) == 0
        && Double.compare(daysSinceLastPurchase, o.daysSinceLastPurchase) == 0
        && Double.compare(usualGapDays, o.usualGapDays) == 0
        && Double.compare(overdueRatio, o.overdueRatio) == 0
        && lifecycle.equals(o.lifecycle)
        && holdoutPurchases == o.holdoutPurchases
        && Double.compare(holdoutPredicted, o.holdoutPredicted) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        customerId,
        frequency,
        recency,
        age,
        monetary,
        pAlive,
        expectedPurchases,
        expectedSpend,
        clv,
        valueAtRisk,
        logLikelihood,
        daysSinceLastPurchase,
        usualGapDays,
        overdueRatio,
        lifecycle,
        holdoutPurchases,
        holdoutPredicted);
  }

  @Override
  public String toString() {
    return "CustomerScore["
        + "customerId="
        + customerId
        + ", frequency="
        + frequency
        + ", recency="
        + recency
        + ", age="
        + age
        + ", monetary="
        + monetary
        + ", pAlive="
        + pAlive
        + ", expectedPurchases="
        + expectedPurchases
        + ", expectedSpend="
        + expectedSpend()
        + ", clv="
        + clv()
        + ", valueAtRisk="
        + valueAtRisk()
        + ", logLikelihood="
        + logLikelihood
        + ", daysSinceLastPurchase="
        + daysSinceLastPurchase
        + ", usualGapDays="
        + usualGapDays()
        + ", overdueRatio="
        + overdueRatio()
        + ", lifecycle="
        + lifecycle
        + ", holdoutPurchases="
        + holdoutPurchases()
        + ", holdoutPredicted="
        + holdoutPredicted()
        + "]";
  }
}
