package org.rekindle.model;

import static org.hipparchus.special.Gamma.logGamma;

import org.rekindle.model.special.Hypergeometric;
import org.rekindle.model.special.KummerU;

/**
 * Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987, Management Science 33(1)): while active a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α), and stays active for an exponential
 * lifetime with rate μ ~ Gamma(s, β).
 *
 * <p>The likelihood follows Fader &amp; Hardie (2005), "A note on deriving the Pareto/NBD model and
 * related expressions", eq. (22), written as
 *
 * <pre>
 * L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s + s (G(t_x) − G(T)) ],
 * G(τ) = ∫_τ^∞ (α+u)^-(r+x) (β+u)^-(s+1) du
 *      = (m+τ)^-(r+s+x) 2F1(r+s+x, e; r+s+x+1; |α−β|/(m+τ)) / (r+s+x),
 * </pre>
 *
 * with m = max(α, β) and e = s+1 if α ≥ β, else r+x: the integral form of the note's A_0 that keeps
 * the 2F1 argument in [0, 1) on both branches.
 */
final class ParetoNbdModel implements TransactionModel {
  private final double r;
  private final double alpha;
  private final double s;
  private final double beta;

  ParetoNbdModel(double r, double alpha, double s, double beta) {
    Params.requirePositive("r", r);
    Params.requirePositive("alpha", alpha);
    Params.requirePositive("s", s);
    Params.requirePositive("beta", beta);
    this.r = r;
    this.alpha = alpha;
    this.s = s;
    this.beta = beta;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.PNBD;
  }

  @Override
  public double[] paramArray() {
    return new double[] {r, alpha, s, beta};
  }

  /** ln G(τ) for this x. */
  static double logG(double r, double alpha, double s, double beta, int x, double tau) {
    double k = r + s + x;
    double z;
    double e;
    double m;
    if (alpha >= beta) {
      m = alpha;
      e = s + 1;
      z = (alpha - beta) / (alpha + tau);
    } else {
      m = beta;
      e = r + x;
      z = (beta - alpha) / (beta + tau);
    }
    return -k * Math.log(m + tau) + Hypergeometric.log2F1(k, e, k + 1, z) - Math.log(k);
  }

  /** The two parts of the bracket in logs: {ln alive term, ln s(G(t_x) − G(T))}. */
  private double[] logParts(int x, double tx, double age) {
    double la = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
    double ld = Double.NEGATIVE_INFINITY;
    if (tx < age) {
      double g1 = logG(r, alpha, s, beta, x, tx);
      double g2 = logG(r, alpha, s, beta, x, age);
      ld = Math.log(s) + logDiff(g1, g2);
    }
    return new double[] {la, ld};
  }

  /** ln(e^u − e^v) for u ≥ v; −∞ when they are equal. */
  private static double logDiff(double u, double v) {
    if (!(v < u)) {
      return Double.NEGATIVE_INFINITY;
    }
    return u + Math.log(-Math.expm1(v - u));
  }

  @Override
  public double logLikelihood(int x, double tx, double age) {
    Params.requireSummary(x, tx, age);
    double[] parts = logParts(x, tx, age);
    return logGamma(r + x)
        - logGamma(r)
        + r * Math.log(alpha)
        + s * Math.log(beta)
        + LogMath.logSumExp(parts[0], parts[1]);
  }

  /** P(alive) = alive term / bracket (Fader &amp; Hardie 2005 note, eq. 24). */
  @Override
  public double probabilityAlive(int x, double tx, double age) {
    Params.requireSummary(x, tx, age);
    double[] parts = logParts(x, tx, age);
    return LogMath.logistic(parts[0] - parts[1]);
  }

  /** The alive part of Schmittlein et al. 1987 eq. (22) (Fader &amp; Hardie 2005 note, eq. 27). */
  @Override
  public double expectedPurchasesIfAlive(double t, int x, double age) {
    Params.requireNonNegative("t", t);
    Params.requireSummary(x, 0, age);
    double lifetime = (beta + age) * powerIntegral(s - 1, Math.log1p(t / (beta + age)));
    return (r + x) / (alpha + age) * lifetime;
  }

  /** E[X(t)] = (r β / (α (s−1))) [1 − (β/(β+t))^(s−1)] (Fader &amp; Hardie 2005 note, eq. 17). */
  @Override
  public double expectedPurchases(double t) {
    Params.requireNonNegative("t", t);
    return r / alpha * beta * powerIntegral(s - 1, Math.log1p(t / beta));
  }

  /** (1 − e^{−c L}) / c, and its limit L at c = 0. */
  static double powerIntegral(double c, double l) {
    double cl = c * l;
    if (Math.abs(cl) < 1e-12) {
      return l * (1 - cl / 2);
    }
    return -Math.expm1(-cl) / c;
  }

  /**
   * P(X(t) = n) from the individual-level process: still alive at t with n purchases, or died at τ
   * &lt; t after n purchases. The second part, ∫_0^t s β^s (β+τ)^-(s+1) NBD(n; r, α, τ) dτ, is
   * integrated numerically (composite Gauss-Legendre on 16 panels in ln(1 + τ/min(α, β))).
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    if (n < 0) {
      throw new ModelException("n must not be negative, was " + n);
    }
    Params.requireNonNegative("t", t);
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double alive = Math.exp(Nbd.logPmf(n, t, r, alpha) - s * Math.log1p(t / beta));
    // substitute v = ln(1 + τ/m), m = min(α, β): both the death density and the NBD change on the
    // scale of m near 0 and only logarithmically beyond, so the integrand is smooth in v
    double m = Math.min(alpha, beta);
    double[][] gl = GaussRules.beta(1, 1);
    int panels = 16;
    double width = Math.log1p(t / m) / panels;
    double died = 0;
    for (int k = 0; k < panels; k++) {
      for (int i = 0; i < gl[0].length; i++) {
        double v = width * (k + gl[0][i]);
        double tau = m * Math.expm1(v);
        double dens = Math.log(s) - Math.log(beta) - (s + 1) * Math.log1p(tau / beta);
        died += gl[1][i] * width * (m + tau) * Math.exp(dens + Nbd.logPmf(n, tau, r, alpha));
      }
    }
    return alive + died;
  }

  /**
   * E[λ / (μ + δ)] over the alive posterior λ ~ Gamma(r+x, α+T), μ ~ Gamma(s, β+T): ((r+x)/(α+T))
   * (β+T)^s δ^(s−1) U(s, s; δ(β+T)). Multiplied by P(alive) this is Fader, Hardie &amp; Lee (2005),
   * "RFM and CLV", eq. (2).
   */
  @Override
  public double discountedResidualPurchasesIfAlive(double delta, int x, double age) {
    Params.requireSummary(x, 0, age);
    Params.requirePositive("delta", delta);
    double bt = beta + age;
    double log =
        Math.log((r + x) / (alpha + age))
            + s * Math.log(bt)
            + (s - 1) * Math.log(delta)
            + KummerU.logU(s, s, delta * bt);
    return Math.exp(log);
  }

  @Override
  public String toString() {
    return "Pareto/NBD" + params();
  }

  static final LikelihoodKernel KERNEL =
      new LikelihoodKernel() {
        @Override
        public double value(double[] theta, RfmData data, int from, int to, double[] grad) {
          return kernelValue(theta, data, from, to, grad);
        }

        @Override
        public boolean analyticGradient() {
          return false;
        }
      };

  /**
   * The weighted log-likelihood; G is evaluated once per distinct (x, τ) of the data (see {@link
   * TauIndex}), which turns most rows into a few arithmetic operations. The gradient is by central
   * differences in ln θ (step 1e-5): the 2F1 derivatives with respect to its parameters have no
   * closed form.
   */
  private static double kernelValue(double[] theta, RfmData data, int from, int to, double[] grad) {
    double value = kernelValueOnly(theta, data, from, to);
    if (grad != null) {
      double h = 1e-5;
      for (int j = 0; j < theta.length; j++) {
        double[] up = theta.clone();
        double[] dn = theta.clone();
        up[j] = theta[j] * Math.exp(h);
        dn[j] = theta[j] * Math.exp(-h);
        double d =
            (kernelValueOnly(up, data, from, to) - kernelValueOnly(dn, data, from, to)) / (2 * h);
        grad[j] += d / theta[j];
      }
    }
    return value;
  }

  private static double kernelValueOnly(double[] theta, RfmData data, int from, int to) {
    double r = theta[0];
    double alpha = theta[1];
    double s = theta[2];
    double beta = theta[3];
    double constant = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    double lnS = Math.log(s);
    TauIndex ix = data.tauIndex();
    // the table entries these rows use form one block: rows and entries are both ordered by x
    int lo = Integer.MAX_VALUE;
    int hi = -1;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, ix.rowTx[i]);
      hi = Math.max(hi, ix.rowAge[i]);
    }
    if (hi < 0) {
      return 0;
    }
    double[] g = new double[hi - lo + 1];
    for (int e = lo; e <= hi; e++) {
      g[e - lo] = logG(r, alpha, s, beta, ix.entryX[e], ix.entryTau[e]);
    }
    int cachedX = -1;
    double lgRx = 0;
    double total = 0;
    for (int i = from; i < to; i++) {
      int x = data.x(i);
      if (x != cachedX) {
        cachedX = x;
        lgRx = logGamma(r + x);
      }
      double age = data.age(i);
      double la = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
      double bracket = la;
      if (data.tx(i) < age) {
        double g1 = g[ix.rowTx[i] - lo];
        double g2 = g[ix.rowAge[i] - lo];
        bracket = LogMath.logSumExp(la, lnS + logDiff(g1, g2));
      }
      total += data.weight(i) * (lgRx + constant + bracket);
    }
    return total;
  }
}
