package org.rekindle.model.special;

import java.util.Arrays;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.jspecify.annotations.Nullable;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z), in log space.
 *
 * <p>The Pareto/NBD likelihood (Fader &amp; Hardie 2005, "A note on deriving the Pareto/NBD model
 * and related expressions") needs 2F1(r+s+x, s+1; r+s+x+1; z) with x up to thousands of purchases
 * and z anywhere in [0, 1), or very negative in other parametrisations; its value overflows a
 * double long before the likelihood does, hence the log.
 */
public final class Hypergeometric {

  /**
   * Series with at most about this many terms beat the quadrature fallback: a term costs about 4
   * ns, a quadrature about 8 us (measured on the development machine).
   */
  private static final int SERIES_TERMS = 1000;

  /** A series this long is still worth it when the alternative is many quadratures. */
  private static final int LONG_SERIES_TERMS = 20_000;

  /** How far below min(a, b) c may lie for 0 &lt; z &lt; 1 (one quadrature per unit). */
  static final int MAX_C_DEFICIT = 200;

  /** The 1 - z transformation is used only when its estimated error is below this. */
  private static final double TRANSFORM_TOLERANCE = 1e-12;

  private static final double UNIT_ROUNDOFF = 0x1p-53;

  private Hypergeometric() {}

  /**
   * Natural log of 2F1(a, b; c; z).
   *
   * <p>Domain: a, b, c positive and finite; z finite and below 1; and
   *
   * <ul>
   *   <li>for z &lt; 0, c &gt;= min(a, b) (otherwise 2F1 can change sign, e.g. 2F1(1, 2; 1/2; z) is
   *       negative for large -z);
   *   <li>for 0 &lt; z &lt; 1, c &gt;= min(a, b) - {@value #MAX_C_DEFICIT} (2F1 is positive there
   *       for any c &gt; 0; the bound keeps the cost of lowering c by contiguous relations finite).
   * </ul>
   *
   * On this domain the function is positive and the result is finite. Every Pareto/NBD case (c = a
   * + 1) is inside it.
   *
   * <p>Accuracy: against 50-digit references (parameters 0.01 to 12,000, z from -1e4 to 1 - 1e-8)
   * the absolute error of the log is at most 6e-11, so the relative error of 2F1 is below 1e-10;
   * the tests allow 1e-9, and 1e-12 times |log| where |log| &gt; 1000 (there the rounding of the
   * log-gamma and power terms, unit roundoff times their size, dominates). For z &lt; 0 Pfaff's
   * factor (1-z)^-b cancels against the rest, so the absolute error grows like 1e-16 b |ln(1-z)|:
   * 1e-11 at b = 1e4, z = -1e4, but 2e-9 at b = 1e6, z = -1e9.
   *
   * <p>Method, by region (after Pfaff's transformation maps z &lt; 0 into (0, 1), DLMF 15.8.1): the
   * Gauss series directly or after Euler's transformation (DLMF 15.8.1), whichever converges in
   * fewer terms, when that is a few hundred at most; near z = 1 the 1 - z transformation (DLMF
   * 15.8.4) unless c - a - b is near an integer or its two terms cancel; otherwise Euler's integral
   * (DLMF 15.6.1) on a logistic substitution by panelled Gauss–Legendre quadrature. For c &lt;
   * min(a, b) the contiguous relation 2F1(a,b;c;z) = 2F1(a,b;c+1;z) + ab z/(c(c+1))
   * 2F1(a+1,b+1;c+2;z) (from DLMF 15.5.4 and 15.5.1) raises c until the integral applies.
   *
   * @throws IllegalArgumentException if an argument is outside the domain; the message names the
   *     rule
   */
  public static double log2F1(double a, double b, double c, double z) {
    requirePositive(a, "a");
    requirePositive(b, "b");
    requirePositive(c, "c");
    if (!(z < 1)) {
      throw new IllegalArgumentException("z must be below 1, got " + z);
    }
    if (z == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("z must be finite");
    }
    if (z == 0) {
      return 0;
    }
    if (z < 0) {
      if (c < Math.min(a, b)) {
        throw new IllegalArgumentException(
            "c must be at least min(a, b) when z is negative, got a="
                + a
                + ", b="
                + b
                + ", c="
                + c);
      }
      return pfaff(a, b, c, z);
    }
    if (c < Math.min(a, b) - MAX_C_DEFICIT) {
      throw new IllegalArgumentException(
          "c must be at least min(a, b) - "
              + MAX_C_DEFICIT
              + ", got a="
              + a
              + ", b="
              + b
              + ", c="
              + c);
    }
    return logPositiveArgument(a, b, c, z, 1 - z);
  }

  private static void requirePositive(double x, String name) {
    if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + x);
    }
  }

  /**
   * Pfaff's transformation 2F1(a,b;c;z) = (1-z)^-b 2F1(c-a,b;c;z/(z-1)) (DLMF 15.8.1), or the same
   * with a and b swapped, chosen so the new parameter c-a (or c-b) is not negative: then every
   * series term is positive and the new argument is in (0, 1).
   */
  private static double pfaff(double a, double b, double c, double z) {
    double logOneMinusZ = Math.log1p(-z);
    double omega = 1 / (1 - z); // 1 - z/(z-1), exact enough even when z/(z-1) rounds to 1
    double w = -z * omega;
    boolean reduceA = c >= a && (c < b || a >= b);
    if (reduceA) {
      return c == a
          ? -b * logOneMinusZ
          : -b * logOneMinusZ + logPositiveArgument(c - a, b, c, w, omega);
    }
    return c == b
        ? -a * logOneMinusZ
        : -a * logOneMinusZ + logPositiveArgument(a, c - b, c, w, omega);
  }

  /** log 2F1 for positive a, b, c and 0 &lt; z &lt;= 1 with omega = 1 - z &gt; 0. */
  private static double logPositiveArgument(double a, double b, double c, double z, double omega) {
    if (c == a) {
      return -b * Math.log(omega);
    }
    if (c == b) {
      return -a * Math.log(omega);
    }
    if (c < Math.min(a, b)) {
      return belowMinimum(a, b, c, z, omega);
    }
    double direct = GaussSeries.estimateTerms(a, b, c, z, omega);
    double euler =
        c > a && c > b
            ? GaussSeries.estimateTerms(c - a, c - b, c, z, omega)
            : Double.POSITIVE_INFINITY;
    if (Math.min(direct, euler) <= SERIES_TERMS) {
      if (euler < direct) {
        // Euler's transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a,c-b;c;z) (DLMF 15.8.1).
        GaussSeries.Result r = GaussSeries.sum(c - a, c - b, c, z, 2 * SERIES_TERMS);
        if (r != null) {
          return (c - a - b) * Math.log(omega) + r.logAbs();
        }
      } else {
        GaussSeries.Result r = GaussSeries.sum(a, b, c, z, 2 * SERIES_TERMS);
        if (r != null) {
          return r.logAbs();
        }
      }
    }
    if (omega < 0.5) {
      double transformed = oneMinusZ(a, b, c, omega);
      if (!Double.isNaN(transformed)) {
        return transformed;
      }
    }
    return eulerIntegral(a, b, c, omega);
  }

  /** c below min(a, b), 0 &lt; z &lt; 1: a long series, the 1 - z transformation, or raise c. */
  private static double belowMinimum(double a, double b, double c, double z, double omega) {
    if (GaussSeries.estimateTerms(a, b, c, z, omega) <= LONG_SERIES_TERMS) {
      GaussSeries.Result r = GaussSeries.sum(a, b, c, z, 2 * LONG_SERIES_TERMS);
      if (r != null) {
        return r.logAbs();
      }
    }
    if (omega < 0.5) {
      double transformed = oneMinusZ(a, b, c, omega);
      if (!Double.isNaN(transformed)) {
        return transformed;
      }
    }
    return raiseC(a, b, c, z, omega);
  }

  /**
   * Applies 2F1(a,b;c;z) = 2F1(a,b;c+1;z) + ab z/(c(c+1)) 2F1(a+1,b+1;c+2;z) n times, where n is
   * the least integer with c + n &gt; min(a, b). This follows from d/dz[z^(c-1) F] = (c-1) z^(c-2)
   * 2F1(a,b;c-1;z) (DLMF 15.5.4) and F' = (ab/c) 2F1(a+1,b+1;c+1;z) (DLMF 15.5.1). After n steps
   * 2F1(a,b;c;z) = sum_j w_j 2F1(a+j, b+j; c+n+j; z), j = 0..n, with positive weights (z &gt; 0),
   * so nothing cancels; each term has c+n+j &gt; min(a+j, b+j), where Euler's integral applies.
   */
  private static double raiseC(double a, double b, double c, double z, double omega) {
    int n = (int) Math.floor(Math.min(a, b) - c) + 1;
    double logZ = Math.log(z);
    double[] logWeights = {0.0};
    for (int level = 0; level < n; level++) {
      double[] next = new double[level + 2];
      Arrays.fill(next, Double.NEGATIVE_INFINITY);
      for (int j = 0; j <= level; j++) {
        double cj = c + level + j;
        next[j] = LogMath.logAdd(next[j], logWeights[j]);
        double step = Math.log(a + j) + Math.log(b + j) + logZ - Math.log(cj) - Math.log(cj + 1);
        next[j + 1] = LogMath.logAdd(next[j + 1], logWeights[j] + step);
      }
      logWeights = next;
    }
    double result = Double.NEGATIVE_INFINITY;
    for (int j = 0; j <= n; j++) {
      result =
          LogMath.logAdd(
              result, logWeights[j] + logPositiveArgument(a + j, b + j, c + n + j, z, omega));
    }
    return result;
  }

  /**
   * The 1 - z transformation (DLMF 15.8.4, A&amp;S 15.3.6), m = c - a - b not an integer:
   *
   * <pre>
   * F(a,b;c;z) = G(c)G(m)/(G(c-a)G(c-b)) F(a,b;1-m;1-z)
   *            + (1-z)^m G(c)G(-m)/(G(a)G(b)) F(c-a,c-b;1+m;1-z)
   * </pre>
   *
   * Returns NaN (never to a caller outside this class) when m is within 1e-6 of an integer, when a
   * series does not converge in {@link #SERIES_TERMS} terms, or when the estimated error
   * (cancellation between the two terms times rounding of their log-gamma factors) exceeds {@link
   * #TRANSFORM_TOLERANCE} relative to the log.
   */
  private static double oneMinusZ(double a, double b, double c, double omega) {
    double m = c - a - b;
    if (Math.abs(m - Math.rint(m)) < 1e-6) {
      return Double.NaN;
    }
    double logZ = Math.log1p(-omega);
    double error1 = 0;
    double log1 = Double.NEGATIVE_INFINITY;
    int sign1 = 0;
    if (!LogMath.isNonPositiveInteger(c - a) && !LogMath.isNonPositiveInteger(c - b)) {
      GaussSeries.Result f1 = closedOrSeries(a, b, 1 - m, omega, logZ);
      if (f1 == null) {
        return Double.NaN;
      }
      double lgC = Gamma.logGamma(c);
      double lgM = LogMath.logAbsGamma(m);
      double lgCa = LogMath.logAbsGamma(c - a);
      double lgCb = LogMath.logAbsGamma(c - b);
      log1 = lgC + lgM - lgCa - lgCb + f1.logAbs();
      sign1 =
          LogMath.signGamma(m) * LogMath.signGamma(c - a) * LogMath.signGamma(c - b) * f1.sign();
      error1 =
          UNIT_ROUNDOFF
              * (Math.abs(lgC)
                  + Math.abs(lgM)
                  + Math.abs(lgCa)
                  + Math.abs(lgCb)
                  + 4 * f1.loss()
                  + Math.abs(log1));
    }
    GaussSeries.Result f2 = closedOrSeries(c - a, c - b, 1 + m, omega, logZ);
    if (f2 == null) {
      return Double.NaN;
    }
    double lgC = Gamma.logGamma(c);
    double lgMinusM = LogMath.logAbsGamma(-m);
    double lgA = Gamma.logGamma(a);
    double lgB = Gamma.logGamma(b);
    double power = m * Math.log(omega);
    double log2 = power + lgC + lgMinusM - lgA - lgB + f2.logAbs();
    int sign2 = LogMath.signGamma(-m) * f2.sign();
    double error2 =
        UNIT_ROUNDOFF
            * (Math.abs(power)
                + Math.abs(lgC)
                + Math.abs(lgMinusM)
                + Math.abs(lgA)
                + Math.abs(lgB)
                + 4 * f2.loss()
                + Math.abs(log2));
    double big = Math.max(log1, log2);
    double t1 = sign1 * Math.exp(log1 - big);
    double t2 = sign2 * Math.exp(log2 - big);
    double total = t1 + t2;
    if (!(total > 0)) {
      return Double.NaN;
    }
    double loss = (Math.abs(t1) + Math.abs(t2)) / total;
    double result = big + Math.log(total);
    double error = loss * Math.max(error1, error2);
    return error <= TRANSFORM_TOLERANCE * Math.max(1, Math.abs(result)) ? result : Double.NaN;
  }

  /**
   * F(alpha, beta; gamma; x) via (1-x)^-alpha when gamma equals beta, else by its series; null when
   * the series has not converged.
   */
  private static GaussSeries.@Nullable Result closedOrSeries(
      double alpha, double beta, double gamma, double x, double logOneMinusX) {
    if (gamma == beta) {
      return new GaussSeries.Result(-alpha * logOneMinusX, 1, 1);
    }
    if (gamma == alpha) {
      return new GaussSeries.Result(-beta * logOneMinusX, 1, 1);
    }
    return GaussSeries.sum(alpha, beta, gamma, x, SERIES_TERMS);
  }

  /**
   * Euler's integral (DLMF 15.6.1), for c &gt; p where p is a or b and q the other:
   *
   * <pre>
   * F = 1/B(p, c-p) * integral_0^1 t^(p-1) (1-t)^(c-p-1) (1-zt)^-q dt
   * </pre>
   *
   * With t = 1/(1+e^-x) the integrand times dt/dx becomes exp(g(x)), g(x) = p ln sigma(x) + (c-p)
   * ln sigma(-x) - q ln(1 - z sigma(x)): the endpoint singularities become exponential tails of
   * rates p and c-p, and the peak near t = 1 when z is near 1 becomes a smooth bump near x =
   * -ln(1-z). g is unimodal (g' has one sign change), as {@link PeakQuadrature} requires.
   */
  private static double eulerIntegral(double a, double b, double c, double omega) {
    double p;
    if (c > a && c > b) {
      // Either works; pick the one whose slower tail is faster.
      p = Math.min(a, c - a) >= Math.min(b, c - b) ? a : b;
    } else {
      p = c > a ? a : b;
    }
    double q = p == a ? b : a;
    double r = c - p;
    EulerIntegrand g = new EulerIntegrand(p, r, q, omega);
    double guess = Math.max(-30, Math.min(30, Math.log(p / r)));
    double logIntegral = PeakQuadrature.logIntegral(g, guess, new double[] {0, g.hinge}, p, r);
    return logIntegral - logBeta(p, r);
  }

  /**
   * ln B(p, r). Hipparchus' logBeta keeps its digits when an argument is large but overflows below
   * about 1e-150; there the plain sum of log-gammas (each about -ln of its argument) is accurate.
   */
  private static double logBeta(double p, double r) {
    double value = Beta.logBeta(p, r);
    if (Double.isFinite(value)) {
      return value;
    }
    return Gamma.logGamma(p) + Gamma.logGamma(r) - Gamma.logGamma(p + r);
  }

  /** exp(g) of {@link #eulerIntegral}, with ln(1 - z sigma(x)) computed from omega = 1 - z. */
  static final class EulerIntegrand implements PeakQuadrature.LogIntegrand {
    private final double p;
    private final double r;
    private final double q;
    private final double omega;

    /** -ln(1 - z): where the (1 - z t)^-q factor bends. */
    final double hinge;

    EulerIntegrand(double p, double r, double q, double omega) {
      this.p = p;
      this.r = r;
      this.q = q;
      this.omega = omega;
      this.hinge = -Math.log(omega);
    }

    /**
     * g(x) = -p ln(1 + e^-x) - (c-p) ln(1 + e^x) - q ln(1 - z sigma(x)), where ln(1 - z sigma(x)) =
     * ln((omega + e^-x) / (1 + e^-x)). With u = e^-|x| all three logs share log1p(u), which keeps
     * the cost at one exp and two logs, and neither a large |x| nor z near 1 loses digits.
     */
    @Override
    public double value(double x) {
      double u = Math.exp(-Math.abs(x));
      double log1pU = Math.log1p(u);
      if (x >= 0) {
        return -p * log1pU - r * (x + log1pU) - q * (Math.log(omega + u) - log1pU);
      }
      return -p * (log1pU - x) - r * log1pU - q * (Math.log1p(omega * u) - log1pU);
    }

    @Override
    public double slope(double x) {
      double sMinus = LogMath.sigmoid(-x);
      return p * sMinus - r * LogMath.sigmoid(x) - q * (sMinus - LogMath.sigmoid(hinge - x));
    }

    @Override
    public double curvature(double x) {
      double s = LogMath.sigmoid(x) * LogMath.sigmoid(-x);
      double t = LogMath.sigmoid(x - hinge) * LogMath.sigmoid(hinge - x);
      return -(p + r) * s - q * (t - s);
    }
  }
}
