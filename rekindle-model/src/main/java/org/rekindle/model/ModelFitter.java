package org.rekindle.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Maximum-likelihood fitting of the transaction models on compressed summaries.
 *
 * <p>Parameters are optimised on the log scale (so they stay positive) by BFGS with analytic
 * gradients. Several starting points are tried on a thinned copy of the data (at most {@value
 * #SEARCH_ROWS} unique rows) and the best is polished on all rows; the standard errors come from
 * the inverse of a Hessian obtained by differencing the analytic gradient.
 */
public final class ModelFitter {
  static final int SEARCH_ROWS = 4_000;
  private static final double BOUNDARY = 11.5; // |ln θ| beyond this: θ < 1e-5 or θ > 1e5

  private ModelFitter() {}

  /** Fits {@code kind} to {@code data} with default options. */
  public static FitResult fit(ModelKind kind, RfmData data) {
    return fit(kind, data, FitOptions.defaults());
  }

  public static FitResult fit(ModelKind kind, RfmData data, FitOptions options) {
    if (data.size() == 0) {
      throw new ModelException("no customers to fit");
    }
    LikelihoodKernel kernel = kind.kernel();
    RfmData search = data.thin(SEARCH_ROWS);
    Bfgs.Result best = null;
    for (double[] start : startingPoints(kind, data)) {
      Bfgs.Result res = minimise(kernel, search, options, logOf(start), null);
      if (Double.isFinite(res.value()) && (best == null || res.value() < best.value())) {
        best = res;
      }
    }
    if (best == null) {
      throw new ModelException(kind.displayName() + ": the likelihood could not be evaluated");
    }
    Bfgs.Result fin = best;
    if (search != data) {
      // warm start: the curvature learnt on the sample carries over to the full data
      fin = minimise(kernel, data, options, best.argmin(), best.inverseHessian());
    }
    double[] theta = expOf(fin.argmin());
    TransactionModel model = kind.create(theta);
    double ll = kernelSum(kernel, theta, data, options.threads(), null);
    List<String> warnings = new ArrayList<>();
    if (!fin.converged()) {
      warnings.add(
          kind.displayName()
              + ": the optimiser stopped before meeting its tolerance (largest gradient "
              + String.format("%.2e", maxAbs(fin.gradient()))
              + "); treat the estimates with care");
    }
    boundaryWarnings(kind, theta, warnings);
    Optional<Map<String, Double>> se = standardErrors(kernel, kind, theta, data, options, warnings);
    return new FitResult(
        model, fin.converged(), fin.iterations(), ll, se, data.totalWeight(), warnings);
  }

  private static Bfgs.Result minimise(
      LikelihoodKernel kernel,
      RfmData data,
      FitOptions options,
      double[] start,
      double @Nullable [][] inverseHessian) {
    double n = data.totalWeight();
    double penalty = options.l2Penalty();
    int threads = options.threads();
    Bfgs.Objective objective =
        (u, grad) -> {
          double[] theta = expOf(u);
          double[] g = new double[u.length];
          double ll = kernelSum(kernel, theta, data, threads, g);
          double value = -ll;
          for (int j = 0; j < u.length; j++) {
            // chain rule: d/du = θ d/dθ; then the penalty λ Σ u²
            grad[j] = (-g[j] * theta[j] + 2 * penalty * u[j]) / n;
            value += penalty * u[j] * u[j];
          }
          return value / n;
        };
    return new Bfgs(objective, options.gradientTolerance(), options.maxIterations())
        .minimize(start, inverseHessian);
  }

  /** Weighted log-likelihood (and gradient into {@code grad}) split over threads. */
  static double kernelSum(
      LikelihoodKernel kernel,
      double[] theta,
      RfmData data,
      int threads,
      double @Nullable [] grad) {
    int[] ranges = data.ranges(threads);
    int parts = ranges.length - 1;
    if (parts == 1) {
      return kernel.value(theta, data, 0, data.size(), grad);
    }
    double[][] grads = new double[parts][theta.length];
    double[] values = new double[parts];
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            k ->
                values[k] =
                    kernel.value(
                        theta, data, ranges[k], ranges[k + 1], grad == null ? null : grads[k]));
    double total = 0;
    for (int k = 0; k < parts; k++) {
      total += values[k];
      if (grad != null) {
        for (int j = 0; j < theta.length; j++) {
          grad[j] += grads[k][j];
        }
      }
    }
    return total;
  }

  /** Starting points scaled to the data: the purchase rate r/α near the observed x/T. */
  static List<double[]> startingPoints(ModelKind kind, RfmData data) {
    double meanAge = Math.max(data.meanAge(), 1e-3);
    double rate = Math.max(data.meanX(), 0.05) / meanAge;
    List<double[]> starts = new ArrayList<>();
    double[] rs = {1.0, 0.3, 3.0};
    double[] drops = {1.0, 0.5, 2.0};
    for (int i = 0; i < rs.length; i++) {
      double r = rs[i];
      double alpha = r / rate;
      if (kind == ModelKind.PNBD) {
        starts.add(new double[] {r, alpha, drops[i], meanAge * drops[i]});
      } else {
        starts.add(new double[] {r, alpha, drops[i], 2 * drops[i] + 1});
      }
    }
    return starts;
  }

  private static void boundaryWarnings(ModelKind kind, double[] theta, List<String> warnings) {
    List<String> names = kind.parameterNames();
    List<String> extreme = new ArrayList<>();
    for (int j = 0; j < theta.length; j++) {
      if (Math.abs(Math.log(theta[j])) > BOUNDARY) {
        extreme.add(names.get(j) + " = " + String.format("%.3g", theta[j]));
      }
    }
    if (extreme.isEmpty()) {
      return;
    }
    String note;
    if (kind != ModelKind.PNBD && Math.log(theta[2]) > BOUNDARY && Math.log(theta[3]) > BOUNDARY) {
      note =
          ": a and b are both very large, so the drop-out probability is nearly constant at a/(a+b)"
              + " = "
              + String.format("%.3g", theta[2] / (theta[2] + theta[3]))
              + "; the fit sits on the boundary of the model";
    } else if (kind == ModelKind.PNBD && Math.log(theta[3]) > BOUNDARY) {
      note = ": beta is very large, so customers hardly ever drop out (the model tends to an NBD)";
    } else {
      note = ": the estimate sits on the boundary of the parameter space";
    }
    warnings.add(kind.displayName() + " " + String.join(", ", extreme) + note);
  }

  /**
   * Standard errors from the observed information: the Hessian of −LL in log-parameters by central
   * differences of the analytic gradient, inverted; by the delta method se(θ) = θ se(ln θ).
   */
  private static Optional<Map<String, Double>> standardErrors(
      LikelihoodKernel kernel,
      ModelKind kind,
      double[] theta,
      RfmData data,
      FitOptions options,
      List<String> warnings) {
    double[] u = logOf(theta);
    double[][] h = hessianFromGradients(kernel, u, data, options.threads());
    Optional<Map<String, Double>> se =
        StandardErrors.fromLogHessian(h, theta, kind.parameterNames());
    if (se.isEmpty()) {
      warnings.add(
          kind.displayName()
              + ": the likelihood is flat or curved the wrong way at the estimate, so standard"
              + " errors are not available");
    }
    return se;
  }

  /** Hessian of −LL in ln θ by central differences of the analytic gradient (2k gradients). */
  private static double[][] hessianFromGradients(
      LikelihoodKernel kernel, double[] u, RfmData data, int threads) {
    int k = u.length;
    double[][] h = new double[k][k];
    double step = 1e-4;
    for (int j = 0; j < k; j++) {
      double[] up = u.clone();
      double[] dn = u.clone();
      up[j] += step;
      dn[j] -= step;
      double[] gp = logGradient(kernel, up, data, threads);
      double[] gm = logGradient(kernel, dn, data, threads);
      for (int i = 0; i < k; i++) {
        h[i][j] = -(gp[i] - gm[i]) / (2 * step);
      }
    }
    return h;
  }

  /** Gradient of LL with respect to ln θ. */
  private static double[] logGradient(
      LikelihoodKernel kernel, double[] u, RfmData data, int threads) {
    double[] theta = expOf(u);
    double[] g = new double[u.length];
    kernelSum(kernel, theta, data, threads, g);
    for (int j = 0; j < u.length; j++) {
      g[j] *= theta[j];
    }
    return g;
  }

  private static double[] logOf(double[] v) {
    double[] u = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = Math.log(v[i]);
    }
    return u;
  }

  private static double[] expOf(double[] u) {
    double[] v = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      v[i] = Math.exp(u[i]);
    }
    return v;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
