package org.rekindle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.ReadReport;
import org.rekindle.core.score.ModelComparison;
import org.rekindle.core.score.ScoringResult;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.SummaryCounts;
import org.rekindle.model.FitResult;
import org.rekindle.model.GammaGammaModel;

/**
 * The machine-readable report of a scoring run (REPORT.json); its fields are documented in the
 * README.
 */
final class ReportJson {
  private ReportJson() {}

  static void write(
      Path target,
      ScoringResult result,
      Summaries summaries,
      ReadReport read,
      String chosenBy,
      Map<String, Long> timings) {
    Map<String, @Nullable Object> root = build(result, summaries, read, chosenBy, timings);
    Path tmp = AtomicOutput.tempFor(target);
    try {
      Json.indented().writeValue(tmp.toFile(), root);
    } catch (IOException e) {
      AtomicOutput.discard(tmp);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    AtomicOutput.move(tmp, target);
  }

  static Map<String, @Nullable Object> build(
      ScoringResult result,
      Summaries summaries,
      ReadReport read,
      String chosenBy,
      Map<String, Long> timings) {
    Map<String, @Nullable Object> root = new LinkedHashMap<>();
    Map<String, @Nullable Object> model = fit(result.chosen());
    model.put("fitted", result.fitted());
    model.put("chosenBy", chosenBy);
    root.put("model", model);

    if (result.spend().isPresent()) {
      GammaGammaModel.Fit s = result.spend().get();
      Map<String, @Nullable Object> spend = new LinkedHashMap<>();
      spend.put("name", "gamma-gamma");
      spend.put("params", s.model().params());
      spend.put("logLikelihood", s.logLikelihood());
      spend.put("converged", s.converged());
      spend.put("standardErrors", s.standardErrors().orElse(null));
      spend.put("customers", s.customers());
      spend.put("populationMeanSpend", s.model().populationMeanSpend().orElse(null));
      root.put("spend", spend);
    } else {
      root.put("spend", null);
    }

    SummaryCounts c = summaries.counts();
    Map<String, @Nullable Object> data = new LinkedHashMap<>();
    data.put("source", read.source());
    data.put("customers", summaries.customers().size());
    data.put("transactions", read.accepted());
    data.put("rows", read.rows());
    data.put("rejected", read.rejected());
    data.put("rejectsFile", read.rejectsFile().map(Path::toString).orElse(null));
    data.put("duplicateOrders", c.duplicateOrders());
    data.put("rowsAfterAsOf", c.rowsAfterAsOf());
    data.put("unmatchedRefunds", c.unmatchedRefunds());
    data.put("customersFirstPurchaseAfterCalibration", c.customersFirstPurchaseAfterCalibration());
    data.put("customersWithoutPurchase", c.customersWithoutPurchase());
    data.put("repeatPurchases", summaries.totalFrequency());
    data.put("period", summaries.period().name().toLowerCase(java.util.Locale.ROOT));
    data.put("asOf", summaries.asOf().map(Object::toString).orElse(null));
    data.put("calibrationEnd", summaries.calibrationEnd().map(Object::toString).orElse(null));
    data.put("settings", read.settings());
    root.put("data", data);

    if (result.holdoutActual().isPresent()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("length", summaries.holdoutLength().getAsDouble());
      h.put("actual", result.holdoutActual().getAsDouble());
      h.put("predicted", result.holdoutPredicted().getAsDouble());
      h.put("mae", result.holdoutMae().getAsDouble());
      root.put("holdout", h);
    }

    List<Map<String, @Nullable Object>> comparison = new ArrayList<>();
    for (ModelComparison mc : result.comparison()) {
      Map<String, @Nullable Object> e = fit(mc.fit());
      e.put("holdoutPredicted", value(mc.holdoutPredicted()));
      e.put("holdoutMae", value(mc.holdoutMae()));
      e.put("fitMillis", mc.fitMillis());
      e.put("chosen", mc.fit() == result.chosen());
      comparison.add(e);
    }
    root.put("comparison", comparison);

    Map<String, Object> lifecycle = new LinkedHashMap<>();
    result
        .lifecycleTotals()
        .forEach(
            (l, t) -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("customers", t.customers());
              e.put("valueAtRisk", t.valueAtRisk());
              lifecycle.put(l.label(), e);
            });
    root.put("lifecycle", lifecycle);
    root.put("warnings", result.warnings());
    root.put("timings", timings);
    return root;
  }

  private static Map<String, @Nullable Object> fit(FitResult f) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", f.model().kind().id());
    m.put("displayName", f.model().kind().displayName());
    m.put("params", f.model().params());
    m.put("logLikelihood", f.logLikelihood());
    m.put("converged", f.converged());
    m.put("iterations", f.iterations());
    m.put("standardErrors", f.standardErrors().orElse(null));
    m.put("bic", f.bic());
    m.put("aic", f.aic());
    m.put("warnings", f.warnings());
    return m;
  }

  private static @Nullable Double value(OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : null;
  }
}
