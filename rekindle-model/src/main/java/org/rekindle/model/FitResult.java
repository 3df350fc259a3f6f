package org.rekindle.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of fitting a transaction model.
 *
 * @param model the fitted model
 * @param converged whether the optimiser met its gradient tolerance
 * @param iterations BFGS iterations on the full data (after the starting-point search)
 * @param logLikelihood the unpenalised log-likelihood at the estimate
 * @param standardErrors per parameter, from the inverse Hessian of −LL; empty when the Hessian is
 *     not positive definite (the warnings say so)
 * @param customers number of customers (total weight) the model was fitted on
 * @param warnings plain-language notes: boundary solutions, flat likelihoods, no convergence
 */
public record FitResult(
    TransactionModel model,
    boolean converged,
    int iterations,
    double logLikelihood,
    Optional<Map<String, Double>> standardErrors,
    double customers,
    List<String> warnings) {

  public FitResult {
    warnings = List.copyOf(warnings);
  }

  /** Bayesian information criterion: k ln N − 2 LL (lower is better). */
  public double bic() {
    return model.paramArray().length * Math.log(customers) - 2 * logLikelihood;
  }

  /** Akaike information criterion: 2k − 2 LL. */
  public double aic() {
    return 2.0 * model.paramArray().length - 2 * logLikelihood;
  }
}
