package org.rekindle.model;

import static org.hipparchus.special.Gamma.logGamma;

import org.jspecify.annotations.Nullable;
import org.rekindle.model.special.Digamma;
import org.rekindle.model.special.Hypergeometric;
import org.rekindle.model.special.KummerU;
import org.rekindle.model.special.PowerBetaIntegral;

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
 *
 * <p>Fitting uses the analytic gradient of the log-likelihood: G's derivatives in r and s, which
 * 2F1 has no closed form for, are means of logarithms under the integrand (differentiation under
 * the integral sign), computed by {@link PowerBetaIntegral}; see {@link #logGWithGradient}.
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
        public double value(
            double[] theta, RfmData data, int from, int to, double @Nullable [] grad) {
          return grad == null
              ? kernelValueOnly(theta, data, from, to)
              : kernelWithGradient(theta, data, from, to, grad);
        }
      };

  /**
   * ln G(τ) for this x (as {@link #logG}) and its derivatives with respect to (r, α, s, β), written
   * into {@code grad}. With m = max(α, β), q = m + τ, k = r+s+x, z = |α−β|/q, 1 − z = (min(α, β) +
   * τ)/q and I(k, e, z) = ∫_0^1 t^(k−1) (1 − zt)^(−e) dt ({@link PowerBetaIntegral}), ln G = −k ln
   * q + ln I(k, e, z), so
   *
   * <pre>
   * ∂ ln G/∂r = −ln q + I_k + [α &lt; β] I_e      ∂ ln G/∂s = −ln q + I_k + [α ≥ β] I_e
   * ∂ ln G/∂m = −k/q + (1 − z) I_z / q           ∂ ln G/∂min(α, β) = −I_z / q
   * </pre>
   *
   * where I_k, I_e, I_z are the derivatives of ln I (∂z/∂m = (1 − z)/q, ∂z/∂min = −1/q).
   */
  static double logGWithGradient(
      double r, double alpha, double s, double beta, int x, double tau, double[] grad) {
    double k = r + s + x;
    boolean alphaLarger = alpha >= beta;
    double m = alphaLarger ? alpha : beta;
    double n = alphaLarger ? beta : alpha;
    double e = alphaLarger ? s + 1 : r + x;
    double q = m + tau;
    double z = (m - n) / q;
    double omega = (n + tau) / q;
    double[] d = new double[3];
    double logQ = Math.log(q);
    double log = -k * logQ + PowerBetaIntegral.log(k, e, z, omega, d);
    double common = -logQ + d[0];
    double dMax = (-k + omega * d[2]) / q;
    double dMin = -d[2] / q;
    grad[0] = alphaLarger ? common : common + d[1];
    grad[2] = alphaLarger ? common + d[1] : common;
    grad[1] = alphaLarger ? dMax : dMin;
    grad[3] = alphaLarger ? dMin : dMax;
    return log;
  }

  /**
   * The weighted log-likelihood and its analytic gradient. Per row, with L = ln Γ(r+x) − ln Γ(r) +
   * r ln α + s ln β + ln(A + sD), A the alive term and D = G(t_x) − G(T):
   *
   * <pre>
   * ∂L/∂θ = ∂(head)/∂θ + w_A ∂ ln A/∂θ + w_D (∂ ln D/∂θ + [θ = s]/s),
   * ∂ ln D/∂θ = d_2 + (d_1 − d_2) / (1 − G(T)/G(t_x)),   d_i = ∂ ln G/∂θ at t_x, T,
   * </pre>
   *
   * where w_A = A/(A + sD) and w_D = sD/(A + sD) are the two shares of the bracket. The form of ∂
   * ln D keeps G(t_x) − G(T) out of it: the error of d_1 − d_2 is amplified only as much as the
   * value ln D itself is by the difference.
   */
  private static double kernelWithGradient(
      double[] theta, RfmData data, int from, int to, double[] grad) {
    double r = theta[0];
    double alpha = theta[1];
    double s = theta[2];
    double beta = theta[3];
    double lnAlpha = Math.log(alpha);
    double lnBeta = Math.log(beta);
    double constant = -logGamma(r) + r * lnAlpha + s * lnBeta;
    double psiR = Digamma.value(r);
    double lnS = Math.log(s);
    TauIndex ix = data.tauIndex();
    int[] block = entryBlock(ix, from, to);
    if (block.length == 0) {
      return 0;
    }
    int lo = block[0];
    int hi = block[1];
    int size = hi - lo + 1;
    double[] g = new double[size];
    double[] dg = new double[4 * size];
    double[] one = new double[4];
    for (int e = lo; e <= hi; e++) {
      g[e - lo] = logGWithGradient(r, alpha, s, beta, ix.entryX[e], ix.entryTau[e], one);
      System.arraycopy(one, 0, dg, 4 * (e - lo), 4);
    }
    int cachedX = -1;
    double lgRx = 0;
    double psiRx = 0;
    double total = 0;
    double gr = 0;
    double gAlpha = 0;
    double gs = 0;
    double gBeta = 0;
    for (int i = from; i < to; i++) {
      int x = data.x(i);
      if (x != cachedX) {
        cachedX = x;
        lgRx = logGamma(r + x);
        psiRx = Digamma.value(r + x);
      }
      double w = data.weight(i);
      double age = data.age(i);
      double lnAlphaT = Math.log(alpha + age);
      double lnBetaT = Math.log(beta + age);
      double la = -(r + x) * lnAlphaT - s * lnBetaT;
      // head: ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
      double hr = psiRx - psiR + lnAlpha;
      double hAlpha = r / alpha;
      double hs = lnBeta;
      double hBeta = s / beta;
      // ln A
      double ar = -lnAlphaT;
      double aAlpha = -(r + x) / (alpha + age);
      double as = -lnBetaT;
      double aBeta = -s / (beta + age);
      double bracket = la;
      double fr = ar;
      double fAlpha = aAlpha;
      double fs = as;
      double fBeta = aBeta;
      int e1 = ix.rowTx[i] - lo;
      int e2 = ix.rowAge[i] - lo;
      double g1 = g[e1];
      double g2 = g[e2];
      // D = 0 (t_x = T, or G(t_x) and G(T) equal in floating point) leaves the alive term alone
      double ld = data.tx(i) < age ? lnS + logDiff(g1, g2) : Double.NEGATIVE_INFINITY;
      if (ld > Double.NEGATIVE_INFINITY) {
        bracket = LogMath.logSumExp(la, ld);
        double shareA = Math.exp(la - bracket);
        double shareD = Math.exp(ld - bracket);
        double inv = 1 / -Math.expm1(g2 - g1);
        int o1 = 4 * e1;
        int o2 = 4 * e2;
        double dr = dg[o2] + (dg[o1] - dg[o2]) * inv;
        double dAlpha = dg[o2 + 1] + (dg[o1 + 1] - dg[o2 + 1]) * inv;
        double ds = dg[o2 + 2] + (dg[o1 + 2] - dg[o2 + 2]) * inv + 1 / s;
        double dBeta = dg[o2 + 3] + (dg[o1 + 3] - dg[o2 + 3]) * inv;
        fr = shareA * ar + shareD * dr;
        fAlpha = shareA * aAlpha + shareD * dAlpha;
        fs = shareA * as + shareD * ds;
        fBeta = shareA * aBeta + shareD * dBeta;
      }
      total += w * (lgRx + constant + bracket);
      gr += w * (hr + fr);
      gAlpha += w * (hAlpha + fAlpha);
      gs += w * (hs + fs);
      gBeta += w * (hBeta + fBeta);
    }
    grad[0] += gr;
    grad[1] += gAlpha;
    grad[2] += gs;
    grad[3] += gBeta;
    return total;
  }

  /**
   * The {@link TauIndex} entries rows {@code from..to)} use, {lo, hi}, or none for no rows: they
   * form one block, as rows and entries are both ordered by x.
   */
  private static int[] entryBlock(TauIndex ix, int from, int to) {
    int lo = Integer.MAX_VALUE;
    int hi = -1;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, ix.rowTx[i]);
      hi = Math.max(hi, ix.rowAge[i]);
    }
    return hi < 0 ? new int[0] : new int[] {lo, hi};
  }

  private static double kernelValueOnly(double[] theta, RfmData data, int from, int to) {
    double r = theta[0];
    double alpha = theta[1];
    double s = theta[2];
    double beta = theta[3];
    double constant = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    double lnS = Math.log(s);
    TauIndex ix = data.tauIndex();
    int[] block = entryBlock(ix, from, to);
    if (block.length == 0) {
      return 0;
    }
    int lo = block[0];
    int hi = block[1];
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
