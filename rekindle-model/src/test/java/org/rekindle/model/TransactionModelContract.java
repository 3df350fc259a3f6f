package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.hipparchus.special.Beta;

/**
 * Invariants every transaction model must satisfy, whatever its parameters: probabilities lie in
 * [0, 1] and sum to 1, expectations are non-negative and grow with the horizon, silence makes a
 * customer less likely to be alive, and discounting lowers the value. Each model family has a
 * subclass; the ranges are wide on purpose (r, a, b, s in [0.05, 20], α and β in [0.1, 1000], x up
 * to 200) and drawn log-uniformly so every order of magnitude gets tried.
 */
abstract class TransactionModelContract {
  /** Slack for rounding in comparisons that hold exactly in exact arithmetic. */
  static final double ROUNDING = 1e-12;

  /** A customer's history. */
  record History(int x, double tx, double age) {
    @Override
    public String toString() {
      return "(x=" + x + ", t_x=" + tx + ", T=" + age + ")";
    }
  }

  abstract ModelKind kind();

  /** Log-uniform on [lo, hi] (jqwik adds the end points as edge cases). */
  static Arbitrary<Double> logUniform(double lo, double hi) {
    double span = Math.log(hi / lo);
    return Arbitraries.doubles()
        .between(0, 1)
        .ofScale(12)
        .map(u -> u == 1 ? hi : lo * Math.exp(u * span));
  }

  /** Parameters in canonical order; the fourth (b or β) differs between the families. */
  Arbitrary<TransactionModel> models(Arbitrary<Double> third, Arbitrary<Double> fourth) {
    return Combinators.combine(logUniform(0.05, 20), logUniform(0.1, 1000), third, fourth)
        .as((r, alpha, c, d) -> kind().create(r, alpha, c, d));
  }

  /**
   * BG/NBD and MBG/NBD: a and b in [0.05, 20], and one model in ten on the line a + b = 1, where
   * the Gauss-Jacobi rule once divided 0 by 0.
   */
  @Provide
  Arbitrary<TransactionModel> models() {
    Arbitrary<TransactionModel> onLine =
        Combinators.combine(logUniform(0.05, 20), logUniform(0.1, 1000), logUniform(0.05, 0.95))
            .as((r, alpha, a) -> kind().create(r, alpha, a, 1 - a));
    return Arbitraries.frequencyOf(
        Tuple.of(9, models(logUniform(0.05, 20), logUniform(0.05, 20))), Tuple.of(1, onLine));
  }

  /** Models for the discounting properties; Pareto/NBD narrows them (see its subclass). */
  @Provide
  Arbitrary<TransactionModel> discountModels() {
    return models();
  }

  @Provide
  Arbitrary<History> histories() {
    Arbitrary<Integer> x = Arbitraries.integers().between(0, 200);
    Arbitrary<Double> age = logUniform(0.01, 1000);
    Arbitrary<Double> share = Arbitraries.doubles().between(0, 1).ofScale(12);
    return Combinators.combine(x, age, share)
        .as((n, t, f) -> new History(n, n == 0 ? 0 : f * t, t));
  }

  @Provide
  Arbitrary<Double> horizons() {
    return logUniform(1e-3, 1000);
  }

  @Provide
  Arbitrary<Double> discountRates() {
    return logUniform(1e-4, 1);
  }

  @Property
  void probabilityAlive_liesInUnitInterval(
      @ForAll("models") TransactionModel model, @ForAll("histories") History h) {
    assertThat(model.probabilityAlive(h.x(), h.tx(), h.age())).isBetween(0.0, 1.0);
  }

  @Property
  void probabilityAlive_fallsAsSilenceGrows(
      @ForAll("models") TransactionModel model,
      @ForAll("histories") History h,
      @ForAll("horizons") double longer) {
    double now = model.probabilityAlive(h.x(), h.tx(), h.age());
    double later = model.probabilityAlive(h.x(), h.tx(), h.age() + longer);
    assertThat(later).isLessThanOrEqualTo(now + ROUNDING);
  }

  @Property
  void conditionalExpectedPurchases_nonNegativeAndGrowingWithHorizon(
      @ForAll("models") TransactionModel model,
      @ForAll("histories") History h,
      @ForAll("horizons") double t1,
      @ForAll("horizons") double t2) {
    double shorter = model.conditionalExpectedPurchases(Math.min(t1, t2), h.x(), h.tx(), h.age());
    double longer = model.conditionalExpectedPurchases(Math.max(t1, t2), h.x(), h.tx(), h.age());
    assertThat(shorter).isGreaterThanOrEqualTo(0);
    assertThat(longer).isGreaterThanOrEqualTo(shorter * (1 - ROUNDING));
  }

  @Property
  void expectedPurchases_nonNegativeAndGrowingWithHorizon(
      @ForAll("models") TransactionModel model,
      @ForAll("horizons") double t1,
      @ForAll("horizons") double t2) {
    double shorter = model.expectedPurchases(Math.min(t1, t2));
    double longer = model.expectedPurchases(Math.max(t1, t2));
    assertThat(shorter).isGreaterThanOrEqualTo(0);
    assertThat(longer).isGreaterThanOrEqualTo(shorter * (1 - ROUNDING));
  }

  /**
   * Σ_{n=0}^{N} P(X(t) = n) = 1. X(t) never exceeds the purchases of a customer who never leaves,
   * an NBD(r, α) count, so N is taken where that NBD's upper tail I_q(N+1, r), q = t/(α+t), falls
   * below 1e-10. The horizon is drawn through q in [0.001, 0.95] so that N stays in the thousands.
   */
  @Property
  void probabilityOfPurchases_sumsToOne(
      @ForAll("models") TransactionModel model, @ForAll("quantiles") double q) {
    double r = model.paramArray()[0];
    double alpha = model.paramArray()[1];
    double t = alpha * q / (1 - q);
    int last = nbdQuantile(r, q, 1e-10);
    double sum = 0;
    for (int n = 0; n <= last; n++) {
      double p = model.probabilityOfPurchases(n, t);
      assertThat(p).as("P(X(%s) = %d)", t, n).isBetween(0.0, 1.0);
      sum += p;
    }
    assertThat(sum).as("sum to N = %d at t = %s", last, t).isCloseTo(1.0, offset(1e-6));
  }

  @Provide
  Arbitrary<Double> quantiles() {
    return logUniform(1e-3, 0.95);
  }

  /** Smallest N with P(NBD ≥ N + 1) = I_q(N + 1, r) below {@code tail}. */
  static int nbdQuantile(double r, double q, double tail) {
    int hi = 1;
    while (Beta.regularizedBeta(q, hi + 1, r) >= tail) {
      hi *= 2;
    }
    int lo = 0;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Beta.regularizedBeta(q, mid + 1, r) < tail) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * 0 ≤ DERT ≤ DERT if alive ≤ E[λ | history] / δ: a customer who never left and bought at rate λ
   * forever would have discounted purchases λ/δ, and the posterior mean of λ is (r+x)/(α+T) for
   * every model here.
   */
  @Property
  void discountedResidualPurchases_boundedByAliveAndByImmortalValue(
      @ForAll("discountModels") TransactionModel model,
      @ForAll("histories") History h,
      @ForAll("discountRates") double delta) {
    double dert = model.discountedResidualPurchases(delta, h.x(), h.tx(), h.age());
    double ifAlive = model.discountedResidualPurchasesIfAlive(delta, h.x(), h.age());
    double r = model.paramArray()[0];
    double alpha = model.paramArray()[1];
    double immortal = (r + h.x()) / ((alpha + h.age()) * delta);
    assertThat(dert).isGreaterThanOrEqualTo(0);
    assertThat(dert).isLessThanOrEqualTo(ifAlive * (1 + ROUNDING));
    assertThat(ifAlive).isLessThanOrEqualTo(immortal * (1 + 1e-9));
  }

  private static org.assertj.core.data.Offset<Double> offset(double v) {
    return org.assertj.core.data.Offset.offset(v);
  }
}
