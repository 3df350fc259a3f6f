package org.rekindle.model;

/** Small log-space helpers. */
final class LogMath {
  private LogMath() {}

  /** ln(e^u + e^v) without overflow. */
  static double logSumExp(double u, double v) {
    double m = Math.max(u, v);
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    return m + Math.log1p(Math.exp(Math.min(u, v) - m));
  }

  /** 1 / (1 + e^-z), stable for any z. */
  static double logistic(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }
}
