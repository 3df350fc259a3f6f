package org.rekindle.model;

/**
 * Settings for maximum-likelihood fitting.
 *
 * @param l2Penalty weight λ of the penalty λ Σ (ln θ_j)² subtracted from the log-likelihood; it
 *     pulls every parameter towards 1 and keeps flat likelihoods from running off to a boundary. 0
 *     (the default) gives the plain maximum-likelihood estimate.
 * @param maxIterations BFGS iterations per starting point
 * @param gradientTolerance convergence threshold on the largest gradient component of −LL/N with
 *     respect to the log-parameters
 * @param threads how many threads evaluate the likelihood (rows are split between them)
 */
public record FitOptions(
    double l2Penalty, int maxIterations, double gradientTolerance, int threads) {
  public FitOptions {
    if (!(l2Penalty >= 0) || Double.isInfinite(l2Penalty)) {
      throw new ModelException("l2Penalty must be finite and >= 0, was " + l2Penalty);
    }
    if (maxIterations < 1) {
      throw new ModelException("maxIterations must be at least 1, was " + maxIterations);
    }
    if (!(gradientTolerance > 0)) {
      throw new ModelException("gradientTolerance must be > 0, was " + gradientTolerance);
    }
    if (threads < 1) {
      throw new ModelException("threads must be at least 1, was " + threads);
    }
  }

  public static FitOptions defaults() {
    return new FitOptions(0, 500, 1e-7, Runtime.getRuntime().availableProcessors());
  }

  public FitOptions withL2Penalty(double penalty) {
    return new FitOptions(penalty, maxIterations, gradientTolerance, threads);
  }

  public FitOptions withThreads(int n) {
    return new FitOptions(l2Penalty, maxIterations, gradientTolerance, n);
  }
}
