package org.rekindle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.rekindle.core.score.CustomerScore;
import org.rekindle.core.score.ScoringResult;

/**
 * Writes the scores file: first the columns the issue fixes, then the extras. The file is written
 * next to its target under a temporary name and moved into place, so a failed run leaves no partial
 * file.
 */
final class ScoresCsv {
  static final String HEADER =
      "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_spend,clv,"
          + "value_at_risk,log_likelihood,days_since_last_purchase,usual_gap_days,overdue_ratio,"
          + "lifecycle";

  private ScoresCsv() {}

  static void write(Path out, ScoringResult result) {
    boolean holdout = result.holdoutActual().isPresent();
    Path tmp = AtomicOutput.tempFor(out);
    try (CsvOut w = new CsvOut(Files.newOutputStream(tmp), 1 << 16)) {
      w.text(HEADER).text(holdout ? ",holdout_purchases,holdout_predicted\n" : "\n");
      for (CustomerScore s : result.scores()) {
        w.field(s.customerId()).ascii(',').integer(s.frequency()).ascii(',');
        w.fixed(s.recency(), 4).ascii(',');
        w.fixed(s.age(), 4).ascii(',');
        w.fixed(s.monetary(), 2).ascii(',');
        w.fixed(s.pAlive(), 6).ascii(',');
        w.fixed(s.expectedPurchases(), 6).ascii(',');
        optional(w, s.expectedSpend(), 2).ascii(',');
        optional(w, s.clv(), 2).ascii(',');
        optional(w, s.valueAtRisk(), 2).ascii(',');
        w.fixed(s.logLikelihood(), 6).ascii(',');
        w.fixed(s.daysSinceLastPurchase(), 1).ascii(',');
        optional(w, s.usualGapDays(), 1).ascii(',');
        optional(w, s.overdueRatio(), 3).ascii(',');
        w.text(s.lifecycle().label());
        if (holdout) {
          w.ascii(',').integer(s.holdoutPurchases().orElse(0)).ascii(',');
          optional(w, s.holdoutPredicted(), 6);
        }
        w.ascii('\n');
      }
    } catch (IOException e) {
      AtomicOutput.discard(tmp);
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    AtomicOutput.move(tmp, out);
  }

  private static CsvOut optional(CsvOut w, OptionalDouble v, int decimals) throws IOException {
    return v.isPresent() ? w.fixed(v.getAsDouble(), decimals) : w;
  }
}
