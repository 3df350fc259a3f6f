package org.rekindle.model.special;

import org.hipparchus.special.Gamma;

/**
 * Tricomi's confluent hypergeometric function U(a, b, z), in log space.
 *
 * <p>The Pareto/NBD discounted expected residual transactions (Fader, Hardie &amp; Lee 2005, "RFM
 * and CLV: using iso-value curves for customer base analysis", eq. 2) need U(s, s; delta (beta +
 * T)) with s from 0.01 to 100 and the argument from 1e-6 to 1e4.
 */
public final class KummerU {

  /** Largest number of terms of the asymptotic series tried before the quadrature. */
  private static final int ASYMPTOTIC_TERMS = 60;

  /** The asymptotic series is used when its smallest term is this small relative to the sum. */
  private static final double EPSILON = 1e-17;

  private KummerU() {}

  /**
   * Natural log of U(a, b, z).
   *
   * <p>Domain: a &gt; 0, z &gt; 0, b any real; all finite. There U is positive (DLMF 13.4.4) and
   * the result is finite.
   *
   * <p>Accuracy: measured against 50-digit references, the absolute error of the log is below 1e-9
   * (relative error of U below 1e-9) wherever |log| &lt; 1000, and below 1e-12 times |log| beyond.
   *
   * <p>Method: for b &lt; 1 first Kummer's transformation U(a,b,z) = z^(1-b) U(a-b+1, 2-b, z) (DLMF
   * 13.2.40), which raises a and so shortens the slow t^(a-1) end of the integral; U(a, a+1, z) =
   * z^-a exactly (DLMF 13.6.4); for large z the asymptotic series z^-a sum_k (a)_k (a-b+1)_k / k!
   * (-z)^-k (DLMF 13.7.3) when its terms fall below 1e-17 before they start to grow; otherwise the
   * integral U = 1/Gamma(a) integral_0^inf e^(-zt) t^(a-1) (1+t)^(b-a-1) dt (DLMF 13.4.4) with t =
   * e^x, by panelled Gauss–Legendre quadrature.
   *
   * @throws IllegalArgumentException if an argument is outside the domain; the message names the
   *     rule
   */
  public static double logU(double a, double b, double z) {
    if (!(a > 0) || a == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("a must be positive and finite, got " + a);
    }
    if (!(z > 0) || z == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("z must be positive and finite, got " + z);
    }
    if (!Double.isFinite(b)) {
      throw new IllegalArgumentException("b must be finite, got " + b);
    }
    double logZ = Math.log(z);
    if (b < 1) {
      return (1 - b) * logZ + logUAtLeastOne(a - b + 1, 2 - b, z, logZ);
    }
    return logUAtLeastOne(a, b, z, logZ);
  }

  /** log U for a &gt; 0, b &gt;= 1, z &gt; 0. */
  private static double logUAtLeastOne(double a, double b, double z, double logZ) {
    if (b == a + 1) {
      return -a * logZ;
    }
    double asymptotic = asymptotic(a, b, z, logZ);
    if (!Double.isNaN(asymptotic)) {
      return asymptotic;
    }
    LaplaceIntegrand g = new LaplaceIntegrand(a, b, logZ);
    // The mode is near z e^x = a + (b - a - 1) sigma(x); start from z e^x = a.
    double guess = Math.log(a) - logZ;
    double logIntegral = PeakQuadrature.logIntegral(g, guess, new double[] {0}, a, 1e300);
    return logIntegral - Gamma.logGamma(a);
  }

  /**
   * The asymptotic expansion (DLMF 13.7.3), or NaN when its terms do not fall below 1e-17 of the
   * sum while still decreasing. For real parameters and large positive z the remainder is of the
   * order of the first neglected term (error bounds of DLMF 13.7(ii)), so stopping at 1e-17 keeps
   * the log to about 1e-16.
   */
  private static double asymptotic(double a, double b, double z, double logZ) {
    double c = a - b + 1;
    double term = 1;
    double sum = 1;
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 0; k < ASYMPTOTIC_TERMS; k++) {
      term *= -(a + k) * (c + k) / ((k + 1) * z);
      double size = Math.abs(term);
      if (size == 0) {
        break; // terminating: a - b + 1 is a non-positive integer
      }
      if (size > previous) {
        return Double.NaN;
      }
      sum += term;
      previous = size;
      if (size <= EPSILON * Math.abs(sum)) {
        break;
      }
      if (k == ASYMPTOTIC_TERMS - 1) {
        return Double.NaN;
      }
    }
    return sum > 0 ? -a * logZ + Math.log(sum) : Double.NaN;
  }

  /**
   * The integrand of DLMF 13.4.4 after t = e^x: exp(g(x)) with g(x) = a x - z e^x + (b-a-1) ln(1 +
   * e^x). g' = a - z e^x + (b-a-1) sigma(x) has a single zero for a, z &gt; 0, so g is unimodal.
   */
  private static final class LaplaceIntegrand implements PeakQuadrature.LogIntegrand {
    private final double a;
    private final double d;
    private final double logZ;

    LaplaceIntegrand(double a, double b, double logZ) {
      this.a = a;
      this.d = b - a - 1;
      this.logZ = logZ;
    }

    @Override
    public double value(double x) {
      return a * x - Math.exp(x + logZ) + d * LogMath.softplus(x);
    }

    @Override
    public double slope(double x) {
      return a - Math.exp(x + logZ) + d * LogMath.sigmoid(x);
    }

    @Override
    public double curvature(double x) {
      return -Math.exp(x + logZ) + d * LogMath.sigmoid(x) * LogMath.sigmoid(-x);
    }
  }
}
