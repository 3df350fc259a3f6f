package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.ReadReport;
import org.rekindle.core.score.CustomerScore;
import org.rekindle.core.score.Lifecycle;
import org.rekindle.core.score.ModelComparison;
import org.rekindle.core.score.ScoringResult;
import org.rekindle.core.summary.Summaries;

/** The few lines a person reads after a run: what was fitted, who is slipping, what is at stake. */
final class Summary {
  private Summary() {}

  static void print(
      PrintWriter out,
      ScoringResult result,
      Summaries summaries,
      ReadReport read,
      Path scores,
      @Nullable Path report) {
    String unit = summaries.period().name().toLowerCase(Locale.ROOT) + "s";
    out.printf(
        Locale.ROOT,
        "Read %,d rows (%,d rejected) -> %,d customers, %,d repeat purchases; time in %s.%n",
        read.rows(),
        read.rejected(),
        summaries.customers().size(),
        summaries.totalFrequency(),
        unit);
    if (result.comparison().size() > 1) {
      out.println();
      out.println("  model        log-likelihood        BIC   holdout MAE");
      for (ModelComparison c : result.comparison()) {
        out.printf(
            Locale.ROOT,
            "  %-10s %16.3f %10.1f   %s%s%n",
            c.fit().model().kind().displayName(),
            c.fit().logLikelihood(),
            c.fit().bic(),
            c.holdoutMae().isPresent()
                ? String.format(Locale.ROOT, "%.4f", c.holdoutMae().getAsDouble())
                : "-",
            c.fit() == result.chosen() ? "   <- chosen" : "");
      }
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "%s %s: %s, log-likelihood %.3f%s%n",
        result.chosen().model().kind().displayName(),
        result.fitted() ? "fitted" : "with given parameters",
        params(result.chosen().model().params()),
        result.chosen().logLikelihood(),
        result.fitted() && !result.chosen().converged() ? " (NOT converged)" : "");
    result
        .spend()
        .ifPresent(
            s ->
                out.printf(
                    Locale.ROOT,
                    "Gamma-Gamma spend: %s (on %,d repeat customers)%n",
                    params(s.model().params()),
                    s.customers()));
    if (result.holdoutActual().isPresent()) {
      out.printf(
          Locale.ROOT,
          "Holdout (%.1f %s): %,.0f purchases happened, %,.1f predicted; MAE per customer %.4f%n",
          summaries.holdoutLength().getAsDouble(),
          unit,
          result.holdoutActual().getAsDouble(),
          result.holdoutPredicted().getAsDouble(),
          result.holdoutMae().getAsDouble());
    }
    out.println();
    out.println("  lifecycle     customers   value at risk");
    result
        .lifecycleTotals()
        .forEach(
            (l, t) ->
                out.printf(
                    Locale.ROOT,
                    "  %-10s %12d %15.2f%n",
                    l.label(),
                    t.customers(),
                    t.valueAtRisk()));
    List<CustomerScore> top = mostAtRisk(result.scores(), 5);
    if (!top.isEmpty()) {
      out.println();
      out.println("Most value at risk (not active):");
      for (CustomerScore s : top) {
        out.printf(
            Locale.ROOT,
            "  %-12s %-8s P(alive) %.2f, silent %.0f days%s, value at risk %.2f%n",
            s.customerId(),
            s.lifecycle().label(),
            s.pAlive(),
            s.daysSinceLastPurchase(),
            s.overdueRatio().isPresent()
                ? String.format(
                    Locale.ROOT, " (%.1fx their usual gap)", s.overdueRatio().getAsDouble())
                : "",
            s.valueAtRisk().getAsDouble());
      }
    }
    for (String w : result.warnings()) {
      out.println("warning: " + w);
    }
    out.println();
    out.println("Scores: " + scores + (report != null ? "   Report: " + report : ""));
  }

  private static String params(Map<String, Double> p) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : p.entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(" = ").append(String.format(Locale.ROOT, "%.4g", e.getValue()));
    }
    return sb.toString();
  }

  /** The k customers not active with the most value at risk, largest first, in one pass. */
  static List<CustomerScore> mostAtRisk(List<CustomerScore> scores, int k) {
    Comparator<CustomerScore> byRisk =
        Comparator.comparingDouble((CustomerScore s) -> s.valueAtRisk().getAsDouble());
    PriorityQueue<CustomerScore> heap = new PriorityQueue<>(k + 1, byRisk);
    for (CustomerScore s : scores) {
      if (s.valueAtRisk().isEmpty() || s.lifecycle() == Lifecycle.ACTIVE) {
        continue;
      }
      heap.add(s);
      if (heap.size() > k) {
        heap.poll();
      }
    }
    List<CustomerScore> top = new ArrayList<>(heap);
    top.sort(byRisk.reversed());
    return top;
  }
}
