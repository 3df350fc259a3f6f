package org.rekindle.store.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rekindle.core.RekindleException;
import org.rekindle.core.score.ModelComparison;
import org.rekindle.core.score.Scorer;
import org.rekindle.core.score.ScoringOptions;
import org.rekindle.core.score.ScoringResult;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.model.ModelKind;

/**
 * Before a refit, the models are tried on a holdout: fitted on the orders up to {@code holdoutDays}
 * before the as-of date and asked to predict each customer's purchases in the days after. The model
 * with the smallest mean absolute error per customer is the one the run then fits on all the data;
 * the predictions and errors are kept in the fit's diagnostics, where {@code rekindle report} shows
 * them. Without enough history before the holdout (at least as long as the holdout itself) the
 * check is skipped, the choice falls to BIC, and the diagnostics say why.
 *
 * @param chosen the model the holdout picked; empty when the check was skipped
 * @param holdoutJson the holdout member of the fit's diagnostics object, {@code "holdout": {...}}
 *     or {@code "holdout_skipped": "why"}
 * @param words what the check found, in a sentence
 */
record HoldoutCheck(Optional<ModelKind> chosen, String holdoutJson, String words) {

  /** Runs the check on the collected orders. */
  static HoldoutCheck run(
      Summarizer orders, LocalDate asOf, int holdoutDays, ScoringOptions scoring) {
    LocalDate calibrationEnd = asOf.minusDays(holdoutDays);
    Summaries calibration;
    try {
      calibration =
          orders.summarize(
              SummaryOptions.defaults()
                  .withAsOf(asOf)
                  .withCalibrationEnd(calibrationEnd)
                  .withPeriod(Period.WEEK));
    } catch (RekindleException e) {
      return skipped("no holdout check: " + e.getMessage());
    }
    double spanDays = 0;
    for (CustomerSummary c : calibration.customers()) {
      spanDays = Math.max(spanDays, c.age() * calibration.period().days());
    }
    if (calibration.customers().isEmpty() || spanDays < holdoutDays) {
      return skipped(
          String.format(
              Locale.ROOT,
              "no holdout check: the history before %s covers %.0f days, less than the %d-day"
                  + " holdout after it",
              calibrationEnd,
              spanDays,
              holdoutDays));
    }
    ScoringResult result;
    try {
      result = Scorer.score(calibration, scoring);
    } catch (RekindleException e) {
      return skipped(
          "no holdout check: the models could not be fitted on the history before "
              + calibrationEnd
              + ": "
              + e.getMessage());
    }
    List<String> models = new ArrayList<>();
    for (ModelComparison m : result.comparison()) {
      models.add(
          String.format(
              Locale.ROOT,
              "{\"model\": \"%s\", \"predicted\": %s, \"mae\": %s}",
              m.fit().model().kind().id(),
              number(m.holdoutPredicted().orElse(Double.NaN)),
              number(m.holdoutMae().orElse(Double.NaN))));
    }
    String json =
        String.format(
            Locale.ROOT,
            "{\"calibration_end\": \"%s\", \"as_of\": \"%s\", \"days\": %d, \"customers\": %d,"
                + " \"actual\": %s, \"predicted\": %s, \"mae\": %s, \"model\": \"%s\","
                + " \"models\": [%s]}",
            calibrationEnd,
            asOf,
            holdoutDays,
            calibration.customers().size(),
            number(result.holdoutActual().orElse(Double.NaN)),
            number(result.holdoutPredicted().orElse(Double.NaN)),
            number(result.holdoutMae().orElse(Double.NaN)),
            result.chosen().model().kind().id(),
            String.join(", ", models));
    String words =
        String.format(
            Locale.ROOT,
            "holdout check: %s, chosen on a %d-day holdout after %s: %,.0f repeat purchases predicted, %,.0f"
                + " happened (mean error %.2f per customer)",
            result.chosen().model().kind().id(),
            holdoutDays,
            calibrationEnd,
            result.holdoutPredicted().orElse(Double.NaN),
            result.holdoutActual().orElse(Double.NaN),
            result.holdoutMae().orElse(Double.NaN));
    return new HoldoutCheck(
        Optional.of(result.chosen().model().kind()), "\"holdout\": " + json, words);
  }

  private static HoldoutCheck skipped(String why) {
    return new HoldoutCheck(Optional.empty(), "\"holdout_skipped\": " + string(why), why);
  }

  static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
