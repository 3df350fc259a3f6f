package org.rekindle.core.score;

import java.util.OptionalDouble;
import org.rekindle.model.FitResult;

/**
 * One fitted model in the comparison of {@code --model auto}.
 *
 * @param fit the fit
 * @param holdoutPredicted predicted holdout purchases (sum), when there is a holdout
 * @param holdoutMae mean absolute error per customer on the holdout, when there is one
 * @param fitMillis time spent fitting
 */
public record ModelComparison(
    FitResult fit, OptionalDouble holdoutPredicted, OptionalDouble holdoutMae, long fitMillis) {}
