package org.rekindle.model;

import static org.hipparchus.special.Gamma.logGamma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rekindle.model.special.Digamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie &amp; Lee 2005, "RFM and CLV", JMR
 * 42(4), section 4; Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value", note 025).
 * Each purchase's value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; the mean observed
 * over x purchases, z̄, has density
 *
 * <pre>
 * f(z̄ | p, q, γ, x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q x^(px) z̄^(px−1) / (γ + x z̄)^(px+q)
 * </pre>
 *
 * and the expected spend per purchase is E[Z | x, z̄] = p (γ + x z̄) / (px + q − 1) (note 025 eq.
 * 5): a weighted mean of the population mean pγ/(q−1) and the customer's own z̄.
 *
 * @param p shape of a purchase's value
 * @param q shape of the customers' scale parameter ν
 * @param gamma rate of the customers' scale parameter ν
 */
public record GammaGammaModel(double p, double q, double gamma) {

  public GammaGammaModel {
    Params.requirePositive("p", p);
    Params.requirePositive("q", q);
    Params.requirePositive("gamma", gamma);
  }

  public Map<String, Double> params() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("p", p);
    m.put("q", q);
    m.put("gamma", gamma);
    return m;
  }

  /** Log-density of a customer's mean spend z̄ over x ≥ 1 purchases. */
  public double logLikelihood(int x, double meanSpend) {
    requireObservation(x, meanSpend);
    double px = p * x;
    return logGamma(px + q)
        - logGamma(px)
        - logGamma(q)
        + q * Math.log(gamma)
        + px * Math.log(x)
        + (px - 1) * Math.log(meanSpend)
        - (px + q) * Math.log(gamma + x * meanSpend);
  }

  /**
   * Expected spend per purchase of a customer with x purchases averaging z̄ (x = 0: the population
   * mean). Empty when the expectation is infinite (q ≤ 1 for the population mean, px + q ≤ 1 for a
   * customer): the model then has no finite mean and the caller must choose a fallback.
   */
  public Optional<Double> expectedSpend(int x, double meanSpend) {
    if (x < 0 || !(meanSpend >= 0)) {
      throw new ModelException("need x >= 0 and mean spend >= 0, got x=" + x + " z=" + meanSpend);
    }
    double denom = p * x + q - 1;
    if (!(denom > 0)) {
      return Optional.empty();
    }
    return Optional.of(p * (gamma + x * meanSpend) / denom);
  }

  /** Population mean spend per purchase pγ/(q−1), empty if q ≤ 1. */
  public Optional<Double> populationMeanSpend() {
    return expectedSpend(0, 0);
  }

  private static void requireObservation(int x, double meanSpend) {
    if (x < 1) {
      throw new ModelException("Gamma-Gamma needs x >= 1 purchases, was " + x);
    }
    if (!(meanSpend > 0) || Double.isInfinite(meanSpend)) {
      throw new ModelException("mean spend must be finite and > 0, was " + meanSpend);
    }
  }

  /**
   * Maximum-likelihood fit on customers with x ≥ 1 and z̄ &gt; 0 (others carry no information on
   * spend and are skipped; the result says how many were used). Log-parameters, BFGS, analytic
   * gradient; the starting points are searched on a thinned sample and the best is polished on all
   * customers; standard errors from the Hessian as for the transaction models.
   */
  public static Fit fit(int[] x, double[] meanSpend) {
    if (x.length != meanSpend.length) {
      throw new ModelException("x and mean spend must have the same length");
    }
    SpendData data = SpendData.of(x, meanSpend);
    int used = data.size();
    if (used < 3) {
      throw new ModelException(
          "Gamma-Gamma needs at least 3 customers with a repeat purchase of positive value, found "
              + used);
    }
    double meanZ = data.meanSpend();
    SpendData search = data.thin(ModelFitter.SEARCH_ROWS);
    Bfgs.Result best = null;
    for (double[] start :
        new double[][] {{1, 1, meanZ}, {5, 3, 2 * meanZ}, {0.5, 2, 0.5 * meanZ}}) {
      double[] u0 = {Math.log(start[0]), Math.log(start[1]), Math.log(start[2])};
      Bfgs.Result res = new Bfgs(objective(search), 1e-8, 1000).minimize(u0);
      if (Double.isFinite(res.value()) && (best == null || res.value() < best.value())) {
        best = res;
      }
    }
    if (best == null) {
      throw new ModelException("Gamma-Gamma: the likelihood could not be evaluated");
    }
    if (search != data) {
      best = new Bfgs(objective(data), 1e-8, 1000).minimize(best.argmin(), best.inverseHessian());
    }
    double[] theta = {
      Math.exp(best.argmin()[0]), Math.exp(best.argmin()[1]), Math.exp(best.argmin()[2])
    };
    GammaGammaModel model = new GammaGammaModel(theta[0], theta[1], theta[2]);
    double ll = data.value(theta[0], theta[1], theta[2], null);
    List<String> warnings = new ArrayList<>();
    if (!best.converged()) {
      warnings.add("Gamma-Gamma: the optimiser stopped before meeting its tolerance");
    }
    if (theta[1] <= 1) {
      warnings.add(
          "Gamma-Gamma: q = "
              + String.format("%.3g", theta[1])
              + " <= 1, so the population has no finite mean spend");
    }
    Optional<Map<String, Double>> se = standardErrors(theta, data);
    if (se.isEmpty()) {
      warnings.add("Gamma-Gamma: standard errors are not available (flat likelihood)");
    }
    return new Fit(model, best.converged(), ll, se, used, warnings);
  }

  private static Bfgs.Objective objective(SpendData data) {
    double n = data.size();
    return (u, grad) -> {
      double[] g = new double[3];
      double ll = data.value(Math.exp(u[0]), Math.exp(u[1]), Math.exp(u[2]), g);
      for (int j = 0; j < 3; j++) {
        grad[j] = -g[j] * Math.exp(u[j]) / n;
      }
      return -ll / n;
    };
  }

  private static Optional<Map<String, Double>> standardErrors(double[] theta, SpendData data) {
    double[][] h = new double[3][3];
    double step = 1e-5;
    for (int j = 0; j < 3; j++) {
      double[] up = theta.clone();
      double[] dn = theta.clone();
      up[j] *= Math.exp(step);
      dn[j] *= Math.exp(-step);
      double[] gp = new double[3];
      double[] gm = new double[3];
      data.value(up[0], up[1], up[2], gp);
      data.value(dn[0], dn[1], dn[2], gm);
      for (int i = 0; i < 3; i++) {
        h[i][j] = -(gp[i] * up[i] - gm[i] * dn[i]) / (2 * step);
      }
    }
    return StandardErrors.fromLogHessian(h, theta, List.of("p", "q", "gamma"));
  }

  /**
   * The customers a spend fit uses, grouped by x so the terms of x alone (log-gammas, digammas) are
   * computed once per distinct x; ln z̄ is computed once.
   */
  private static final class SpendData {
    final int[] x;
    final double[] z;
    final double[] lnZ;

    private SpendData(int[] x, double[] z) {
      this.x = x;
      this.z = z;
      this.lnZ = new double[z.length];
      for (int i = 0; i < z.length; i++) {
        lnZ[i] = Math.log(z[i]);
      }
    }

    static SpendData of(int[] xs, double[] zs) {
      int maxX = 0;
      int n = 0;
      for (int i = 0; i < xs.length; i++) {
        if (usable(xs[i], zs[i])) {
          maxX = Math.max(maxX, xs[i]);
          n++;
        }
      }
      int[] start = new int[maxX + 2];
      for (int i = 0; i < xs.length; i++) {
        if (usable(xs[i], zs[i])) {
          start[xs[i] + 1]++;
        }
      }
      for (int v = 0; v <= maxX; v++) {
        start[v + 1] += start[v];
      }
      int[] x = new int[n];
      double[] z = new double[n];
      for (int i = 0; i < xs.length; i++) {
        if (usable(xs[i], zs[i])) {
          int k = start[xs[i]]++;
          x[k] = xs[i];
          z[k] = zs[i];
        }
      }
      return new SpendData(x, z);
    }

    private static boolean usable(int x, double z) {
      return x >= 1 && z > 0 && Double.isFinite(z);
    }

    int size() {
      return x.length;
    }

    double meanSpend() {
      double s = 0;
      for (double v : z) {
        s += v;
      }
      return s / z.length;
    }

    /** Every k-th customer, at most {@code max}; keeps the grouping by x. */
    SpendData thin(int max) {
      if (size() <= max) {
        return this;
      }
      int step = (size() + max - 1) / max;
      int m = (size() + step - 1) / step;
      int[] sx = new int[m];
      double[] sz = new double[m];
      for (int j = 0, i = 0; j < m; j++, i += step) {
        sx[j] = x[i];
        sz[j] = z[i];
      }
      return new SpendData(sx, sz);
    }

    double value(double p, double q, double gamma, double @Nullable [] grad) {
      double lgQ = logGamma(q);
      double psiQ = Digamma.value(q);
      double lnGamma = Math.log(gamma);
      double total = 0;
      int cachedX = -1;
      double head = 0;
      double dpHead = 0;
      double dqHead = 0;
      for (int i = 0; i < x.length; i++) {
        int xi = x[i];
        double px = p * xi;
        if (xi != cachedX) {
          cachedX = xi;
          double lnX = Math.log(xi);
          head = logGamma(px + q) - logGamma(px) - lgQ + q * lnGamma + px * lnX;
          if (grad != null) {
            double psiPxq = Digamma.value(px + q);
            dpHead = xi * (psiPxq - Digamma.value(px) + lnX);
            dqHead = psiPxq - psiQ + lnGamma;
          }
        }
        double lnDen = Math.log(gamma + xi * z[i]);
        total += head + (px - 1) * lnZ[i] - (px + q) * lnDen;
        if (grad != null) {
          grad[0] += dpHead + xi * (lnZ[i] - lnDen);
          grad[1] += dqHead - lnDen;
          grad[2] += q / gamma - (px + q) / (gamma + xi * z[i]);
        }
      }
      return total;
    }
  }

  /**
   * A fitted Gamma-Gamma model.
   *
   * @param customers how many customers (x ≥ 1, z̄ &gt; 0) the fit used
   */
  public record Fit(
      GammaGammaModel model,
      boolean converged,
      double logLikelihood,
      Optional<Map<String, Double>> standardErrors,
      int customers,
      List<String> warnings) {
    public Fit {
      warnings = List.copyOf(warnings);
    }
  }
}
