package org.rekindle.model.special;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/** Small numerically careful helpers shared by the special functions: all in log space. */
final class LogMath {

  private LogMath() {}

  /** ln(1 + e^x) without overflow or loss of the small tail. */
  static double softplus(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** The logistic function 1 / (1 + e^-x), without overflow. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** ln(e^x + e^y). */
  static double logAdd(double x, double y) {
    if (x == Double.NEGATIVE_INFINITY) {
      return y;
    }
    if (y == Double.NEGATIVE_INFINITY) {
      return x;
    }
    return Math.max(x, y) + Math.log1p(Math.exp(-Math.abs(x - y)));
  }

  /** True when x is 0, -1, -2, ...: where 1/Gamma(x) vanishes. */
  static boolean isNonPositiveInteger(double x) {
    return x <= 0 && x == Math.rint(x);
  }

  /**
   * ln|Gamma(x)| for any x that is not a non-positive integer. Negative arguments use the
   * reflection formula Gamma(x) Gamma(1 - x) = pi / sin(pi x) (DLMF 5.5.3).
   */
  static double logAbsGamma(double x) {
    if (x > 0) {
      return Gamma.logGamma(x);
    }
    return Math.log(Math.PI) - Math.log(Math.abs(sinPi(x))) - Gamma.logGamma(1 - x);
  }

  /** The sign of Gamma(x) (DLMF 5.2.1 and 5.5.3): positive for x > 0, alternating below 0. */
  static int signGamma(double x) {
    if (x > 0) {
      return 1;
    }
    return sinPi(x) > 0 ? 1 : -1;
  }

  /** sin(pi x) with the argument reduced exactly, so it stays accurate near integers. */
  static double sinPi(double x) {
    double r = x - 2.0 * Math.rint(0.5 * x); // exact, in [-1, 1]
    // sin(pi r) = sin(pi (1 - r)): fold into [-1/2, 1/2] so a near-integer x keeps its digits.
    if (r > 0.5) {
      r = 1.0 - r;
    } else if (r < -0.5) {
      r = -1.0 - r;
    }
    return FastMath.sin(Math.PI * r);
  }
}
