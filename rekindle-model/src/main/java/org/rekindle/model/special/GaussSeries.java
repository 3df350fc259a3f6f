package org.rekindle.model.special;

import org.jspecify.annotations.Nullable;

/**
 * The Gauss series sum over k of (alpha)_k (beta)_k / ((gamma)_k k!) x^k (DLMF 15.2.1), summed in
 * double precision with a running scale so that huge terms cannot overflow.
 */
final class GaussSeries {

  /** Relative size of the first neglected term (times the tail factor) at which we stop. */
  private static final double EPSILON = 1e-17;

  private static final double RESCALE_ABOVE = 1e250;
  private static final double LOG_RESCALE = Math.log(RESCALE_ABOVE);

  /**
   * A signed sum in log form, with the cancellation it suffered: loss = (sum of |terms|) / |sum|,
   * so the relative rounding error of the sum is about loss times the unit roundoff.
   */
  record Result(double logAbs, int sign, double loss) {}

  private GaussSeries() {}

  /**
   * Estimated number of terms for alpha, beta, gamma &gt; 0 and 0 &lt; x &lt; 1: where the term
   * ratio r_k = x (alpha+k)(beta+k) / ((gamma+k)(1+k)) falls through 1 (the largest root of a
   * quadratic in k), plus the terms needed after that to fall by e^-40, or, when the terms decrease
   * from the start, to fall below 1e-17 from the first term r_0. Infinite when the series is
   * hopeless (the peak lies beyond 10^7 terms or the arithmetic overflows).
   *
   * @param oneMinusX 1 - x, passed separately because it may be known more precisely than x
   */
  static double estimateTerms(double alpha, double beta, double gamma, double x, double oneMinusX) {
    // r_k &gt; 1 where -(1-x) k^2 + linear k + constant &gt; 0.
    double linear = x * (alpha + beta) - gamma - 1;
    double constant = x * alpha * beta - gamma;
    double peak = 0;
    if (linear > 0 || constant > 0) {
      double discriminant = linear * linear + 4 * oneMinusX * constant;
      if (!(discriminant < Double.POSITIVE_INFINITY)) {
        return Double.POSITIVE_INFINITY;
      }
      if (discriminant >= 0) {
        peak = Math.max(0, (linear + Math.sqrt(discriminant)) / (2 * oneMinusX));
      }
    }
    if (!(peak < 1e7)) {
      return Double.POSITIVE_INFINITY;
    }
    // Terms that start below 1 need fewer steps: log(first term / 1e-17) instead of 40.
    double drop = 40;
    if (peak == 0) {
      double first = x * alpha * beta / gamma;
      drop = Math.max(0, Math.min(40, Math.log(first) + 40));
    }
    double after = drop / -Math.log(x);
    for (int i = 0; i < 3 && after < 1e7; i++) {
      double k = peak + 0.5 * after;
      double ratio = x * (alpha + k) * (beta + k) / ((gamma + k) * (1 + k));
      after = ratio < 1 ? drop / -Math.log(ratio) : Double.POSITIVE_INFINITY;
    }
    return peak + after;
  }

  /**
   * Sums the series for any real alpha, beta and gamma (gamma not a non-positive integer) and 0
   * &lt;= x &lt; 1. Returns null when it has not converged within maxTerms terms.
   */
  static @Nullable Result sum(double alpha, double beta, double gamma, double x, int maxTerms) {
    double term = 1;
    double sum = 1;
    double absSum = 1;
    double logScale = 0;
    double tailRatio = Math.max(x, 0);
    for (int k = 0; k < maxTerms; k++) {
      double ratio = x * (alpha + k) * (beta + k) / ((gamma + k) * (k + 1));
      term *= ratio;
      sum += term;
      absSum += Math.abs(term);
      if (term == 0) {
        return result(sum, absSum, logScale); // a terminating series
      }
      double bound = Math.abs(ratio) < 1 ? Math.max(Math.abs(ratio), tailRatio) : 1;
      // Once |r_k| < 1 and past every sign change of the Pochhammer symbols, the remaining terms
      // shrink at least like max(|r_k|, x) (r_k tends to x), so the tail is below
      // |term| / (1 - bound).
      if (bound < 1
          && k > -alpha
          && k > -beta
          && k > -gamma
          && Math.abs(term) <= EPSILON * (1 - bound) * Math.abs(sum)) {
        return result(sum, absSum, logScale);
      }
      if (absSum > RESCALE_ABOVE) {
        term /= RESCALE_ABOVE;
        sum /= RESCALE_ABOVE;
        absSum /= RESCALE_ABOVE;
        logScale += LOG_RESCALE;
      }
    }
    return null;
  }

  private static Result result(double sum, double absSum, double logScale) {
    if (sum == 0) {
      return new Result(Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
    }
    return new Result(logScale + Math.log(Math.abs(sum)), sum > 0 ? 1 : -1, absSum / Math.abs(sum));
  }
}
