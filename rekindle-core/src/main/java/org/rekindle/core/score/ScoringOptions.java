package org.rekindle.core.score;

import java.util.Objects;
import java.util.Optional;
import org.rekindle.core.RekindleException;
import org.rekindle.model.FitOptions;
import org.rekindle.model.GammaGammaModel;
import org.rekindle.model.ModelKind;

/**
 * How to score.
 *
 * @param model the model to fit; empty means "auto": fit all, pick by holdout error when there is a
 *     holdout, else by BIC
 * @param givenParams parameters to score with instead of fitting (canonical order of {@code model})
 * @param givenSpend Gamma-Gamma parameters to use instead of fitting
 * @param horizonDays horizon of the expected-purchases column, in days
 * @param annualDiscountRate yearly discount rate of the lifetime value (0.10 = 10% a year)
 * @param rules lifecycle thresholds
 * @param fit optimiser settings
 */
public record ScoringOptions(
    Optional<ModelKind> model,
    Optional<double[]> givenParams,
    Optional<GammaGammaModel> givenSpend,
    double horizonDays,
    double annualDiscountRate,
    LifecycleRules rules,
    FitOptions fit) {

  public ScoringOptions {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(givenParams, "givenParams");
    Objects.requireNonNull(givenSpend, "givenSpend");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(fit, "fit");
    if (givenParams.isPresent() && model.isEmpty()) {
      throw new RekindleException("given parameters need a named model, not auto");
    }
    if (!(horizonDays > 0) || Double.isInfinite(horizonDays)) {
      throw new RekindleException("the horizon must be a positive number of days: " + horizonDays);
    }
    if (!(annualDiscountRate > 0) || annualDiscountRate > 10) {
      throw new RekindleException(
          "the annual discount rate must be above 0 and at most 10 (1000%): " + annualDiscountRate);
    }
  }

  /** Auto model choice, 365-day horizon, 10% a year, default lifecycle rules. */
  public static ScoringOptions defaults() {
    return new ScoringOptions(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        365,
        0.10,
        LifecycleRules.defaults(),
        FitOptions.defaults());
  }
}
