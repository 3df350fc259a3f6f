package org.rekindle.model;

import static org.hipparchus.special.Gamma.logGamma;

/** The negative binomial distribution of purchases in t under Gamma(r, α) rates. */
final class Nbd {
  private Nbd() {}

  /** ln P(n purchases in t) = ln[Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n] (FHL 2005, eq. 3). */
  static double logPmf(int n, double t, double r, double alpha) {
    if (t == 0) {
      return n == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    return logGamma(r + n)
        - logGamma(r)
        - logGamma(n + 1.0)
        - r * Math.log1p(t / alpha)
        + n * (Math.log(t) - Math.log(alpha + t));
  }
}
