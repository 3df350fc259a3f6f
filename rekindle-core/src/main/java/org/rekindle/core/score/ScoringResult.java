package org.rekindle.core.score;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.rekindle.model.FitResult;
import org.rekindle.model.GammaGammaModel;

/**
 * Everything a scoring run produced.
 *
 * @param chosen the model used for the scores
 * @param fitted whether it was fitted here (false when parameters were given)
 * @param comparison every model fitted, in the order tried
 * @param spend the Gamma-Gamma fit, when amounts exist
 * @param scores one per customer, in input order
 * @param holdoutActual total holdout purchases, with a calibration split
 * @param holdoutPredicted total predicted holdout purchases, with a calibration split
 * @param holdoutMae mean absolute error per customer on the holdout
 * @param warnings plain-language notes for the report
 * @param timings milliseconds per stage
 */
public record ScoringResult(
    FitResult chosen,
    boolean fitted,
    List<ModelComparison> comparison,
    Optional<GammaGammaModel.Fit> spend,
    List<CustomerScore> scores,
    OptionalDouble holdoutActual,
    OptionalDouble holdoutPredicted,
    OptionalDouble holdoutMae,
    List<String> warnings,
    Map<String, Long> timings) {

  /** Customers and their total value at risk in one lifecycle state. */
  public record StateTotal(long customers, double valueAtRisk) {}

  /** Totals per lifecycle state, every state present, in lifecycle order. */
  public Map<Lifecycle, StateTotal> lifecycleTotals() {
    long[] n = new long[Lifecycle.values().length];
    double[] risk = new double[n.length];
    for (CustomerScore s : scores) {
      n[s.lifecycle().ordinal()]++;
      risk[s.lifecycle().ordinal()] += s.valueAtRisk().orElse(0);
    }
    Map<Lifecycle, StateTotal> totals = new EnumMap<>(Lifecycle.class);
    for (Lifecycle l : Lifecycle.values()) {
      totals.put(l, new StateTotal(n[l.ordinal()], risk[l.ordinal()]));
    }
    return totals;
  }
}
