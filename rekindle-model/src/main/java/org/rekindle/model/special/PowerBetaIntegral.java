package org.rekindle.model.special;

/**
 * The integral I(k, e, z) = ∫_0^1 t^(k-1) (1 - zt)^(-e) dt = 2F1(k, e; k+1; z) / k (Euler's
 * integral, DLMF 15.6.1, with c = a + 1) in log space, together with its derivatives in all three
 * arguments. The Pareto/NBD likelihood is built from it (Fader &amp; Hardie 2005, "A note on
 * deriving the Pareto/NBD model and related expressions", eq. 22), and fitting needs the gradient.
 *
 * <p>The derivatives of ln I are means under the density w(t) ∝ t^(k-1) (1 - zt)^(-e) on (0, 1), by
 * differentiating under the integral sign:
 *
 * <pre>
 * ∂ ln I / ∂k = E_w[ln t],   ∂ ln I / ∂e = E_w[-ln(1 - zt)],   ∂ ln I / ∂z = e E_w[t / (1 - zt)].
 * </pre>
 *
 * <p>Method. Expanding (1 - zt)^(-e) = Σ (e)_n z^n t^n / n! and integrating term by term gives I =
 * Σ p_n / (k+n) with p_n = (e)_n z^n / n!, and the derivatives as series of positive terms with the
 * same p_n: ∂I/∂k = -Σ p_n / (k+n)^2, ∂I/∂e = Σ p_n (ψ(e+n) - ψ(e)) / (k+n) with ψ(e+n) - ψ(e) =
 * Σ_{j&lt;n} 1/(e+j) (DLMF 5.5.2), ∂I/∂z = Σ n p_n / (z (k+n)). Euler's transformation (DLMF
 * 15.8.1) gives the alternative I = (1-z)^(1-e) / k · Σ h_n with h_n = (d)_n / (k+1)_n z^n, d = k +
 * 1 - e, whose terms fall at least like z^n and faster when e is large; its derivatives follow the
 * same way (below). Whichever series is shorter is summed, if it is a few hundred terms at most;
 * otherwise, near z = 1, the integral and the three means are computed by the same panelled
 * Gauss-Legendre quadrature on the logistic substitution that {@link Hypergeometric} uses for 2F1.
 */
public final class PowerBetaIntegral {

  /** A series up to about this long is cheaper than the quadrature with its three means. */
  private static final int SERIES_TERMS = 1000;

  /** Relative size of a neglected term (times the tail factor) at which a series stops. */
  private static final double EPSILON = 1e-17;

  private static final double RESCALE_ABOVE = 1e250;
  private static final double LOG_RESCALE = Math.log(RESCALE_ABOVE);

  private PowerBetaIntegral() {}

  /**
   * Returns ln I(k, e, z) and writes {∂ ln I/∂k, ∂ ln I/∂e, ∂ ln I/∂z} into {@code grad}.
   *
   * <p>Accuracy: against 40-digit references over k from 0.05 to 2e4, e from 0.05 to 1e4 and z up
   * to 1 - 1e-8, the log agrees with {@link Hypergeometric#log2F1} - ln k to about 1e-12 and the
   * derivatives to about 1e-10 relative (see PowerBetaIntegralTest).
   *
   * @param k positive and finite
   * @param e positive and finite
   * @param z in [0, 1)
   * @param omega 1 - z, passed separately because the caller may know it more precisely than z
   * @param grad receives the three derivatives; length at least 3
   * @throws IllegalArgumentException if an argument is outside the domain
   */
  public static double log(double k, double e, double z, double omega, double[] grad) {
    if (!(k > 0) || k == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("k must be positive and finite, got " + k);
    }
    if (!(e > 0) || e == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("e must be positive and finite, got " + e);
    }
    if (!(z >= 0 && z < 1) || !(omega > 0 && omega <= 1)) {
      throw new IllegalArgumentException(
          "z must be in [0, 1) and omega = 1 - z in (0, 1], got z=" + z + ", omega=" + omega);
    }
    if (z == 0) {
      // I = 1/k; E[ln t] = -1/k under t^(k-1); E[t] = k/(k+1)
      grad[0] = -1 / k;
      grad[1] = 0;
      grad[2] = e * k / (k + 1);
      return -Math.log(k);
    }
    double d = k + 1 - e;
    double direct = GaussSeries.estimateTerms(k, e, k + 1, z, omega);
    // Euler's form is used only for e >= 1: below, its ∂/∂z would be a difference of two terms
    // of opposite sign, while the direct series then converges as fast anyway
    double euler =
        e >= 1 && d > 0
            ? GaussSeries.estimateTerms(1, d, k + 1, z, omega)
            : Double.POSITIVE_INFINITY;
    if (Math.min(direct, euler) <= SERIES_TERMS) {
      double value =
          euler < direct
              ? eulerSeries(k, e, d, z, omega, grad, 4 * SERIES_TERMS)
              : directSeries(k, e, z, grad, 4 * SERIES_TERMS);
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    return quadrature(k, e, z, omega, grad);
  }

  /**
   * I = Σ p_n / (k+n), p_n = (e)_n z^n / n!, and its derivatives as positive series. Returns NaN if
   * it has not converged within maxTerms terms.
   */
  static double directSeries(double k, double e, double z, double[] grad, int maxTerms) {
    double p = 1; // p_n, rescaled
    double a = 0; // ψ(e+n) - ψ(e)
    double u = 1 / k;
    double s0 = u; // Σ p_n / (k+n)
    double sk = u * u; // Σ p_n / (k+n)^2
    double se = 0; // Σ p_n a_n / (k+n)
    double sz = 0; // Σ n p_n / (z (k+n))
    double logScale = 0;
    for (int n = 1; n <= maxTerms; n++) {
      double pz = p * (e + n - 1); // n p_n / z
      p = pz * z / n;
      a += 1 / (e + n - 1);
      u = 1 / (k + n);
      double c0 = p * u;
      double ck = c0 * u;
      double ce = c0 * a;
      double cz = pz * u;
      s0 += c0;
      sk += ck;
      se += ce;
      sz += cz;
      // later term ratios z (e+n)/(n+1) (k+n)/(k+n+1) are at most b, and the weights a_n and n
      // grow at most linearly, so each tail is below its last term / (1-b)^2
      double b = z * Math.max(1, (e + n) / (n + 1));
      if (b < 1) {
        double tail = EPSILON * (1 - b) * (1 - b);
        if (c0 <= tail * s0 && ck <= tail * sk && ce <= tail * se && cz <= tail * sz) {
          grad[0] = -sk / s0;
          grad[1] = se / s0;
          grad[2] = sz / s0;
          return logScale + Math.log(s0);
        }
      }
      if (s0 > RESCALE_ABOVE) {
        p /= RESCALE_ABOVE;
        s0 /= RESCALE_ABOVE;
        sk /= RESCALE_ABOVE;
        se /= RESCALE_ABOVE;
        sz /= RESCALE_ABOVE;
        logScale += LOG_RESCALE;
      }
    }
    return Double.NaN;
  }

  /**
   * Euler's form I = (1-z)^(1-e) / k · H, H = Σ h_n, h_n = (d)_n / (c)_n z^n with c = k + 1 and d =
   * c - e. With k and e as the free arguments (d moves with both):
   *
   * <pre>
   * ∂ ln I/∂k = -1/k + Σ h_n Σ_{j&lt;n} e / ((d+j)(c+j)) / H
   * ∂ ln I/∂e = -ln(1-z) - Σ h_n Σ_{j&lt;n} 1/(d+j) / H
   * ∂ ln I/∂z = (e-1)/(1-z) + Σ n h_n / z / H
   * </pre>
   *
   * The terms h_n are at most 1 and fall at least like z^n. Returns NaN if it has not converged
   * within maxTerms terms.
   */
  static double eulerSeries(
      double k, double e, double d, double z, double omega, double[] grad, int maxTerms) {
    double c = k + 1;
    double h = 1;
    double bk = 0; // Σ_{j<n} e / ((d+j)(c+j))
    double ad = 0; // Σ_{j<n} 1/(d+j)
    double s0 = 1;
    double sk = 0;
    double se = 0;
    double sz = 0;
    for (int n = 1; n <= maxTerms; n++) {
      double dj = d + n - 1;
      double cj = c + n - 1;
      double hz = h * dj / cj; // n h_n / z / n
      h = hz * z;
      bk += e / (dj * cj);
      ad += 1 / dj;
      double ck = h * bk;
      double ce = h * ad;
      double cz = hz * n;
      s0 += h;
      sk += ck;
      se += ce;
      sz += cz;
      double tail = EPSILON * (1 - z) * (1 - z);
      if (h <= tail * s0 && ck <= tail * sk && ce <= tail * se && cz <= tail * sz) {
        // from whichever of z and 1 - z carries the digits: ln(1 - z) ≈ -z for small z
        double logOmega = z < 0.5 ? Math.log1p(-z) : Math.log(omega);
        grad[0] = -1 / k + sk / s0;
        grad[1] = -logOmega - se / s0;
        grad[2] = (e - 1) / omega + sz / s0;
        return (1 - e) * logOmega - Math.log(k) + Math.log(s0);
      }
    }
    return Double.NaN;
  }

  /**
   * Near z = 1: Euler's integral on t = 1/(1 + e^-x) (see {@link Hypergeometric}), with the means
   * of ln t, -ln(1 - zt) and t/(1 - zt) taken on the same nodes.
   */
  static double quadrature(double k, double e, double z, double omega, double[] grad) {
    Hypergeometric.EulerIntegrand g = new Hypergeometric.EulerIntegrand(k, 1, e, omega);
    double guess = Math.max(-30, Math.min(30, Math.log(k)));
    double[] means = new double[3];
    double log =
        PeakQuadrature.logIntegral(
            g, guess, new double[] {0, g.hinge}, k, 1, (x, out) -> logs(x, omega, out), means);
    grad[0] = means[0];
    grad[1] = means[1];
    grad[2] = e * means[2];
    return log;
  }

  /**
   * ln t, -ln(1 - zt) and t/(1 - zt) at t = 1/(1 + e^-x): with u = e^-|x|, 1 - zt = (omega + e^-x)
   * / (1 + e^-x), computed without cancellation for either sign of x.
   */
  private static void logs(double x, double omega, double[] out) {
    double u = Math.exp(-Math.abs(x));
    double log1pU = Math.log1p(u);
    if (x >= 0) {
      out[0] = -log1pU;
      out[1] = log1pU - Math.log(omega + u);
      out[2] = 1 / (omega + u);
    } else {
      out[0] = x - log1pU;
      out[1] = log1pU - Math.log1p(omega * u);
      out[2] = u / (omega * u + 1);
    }
  }
}
