package org.rekindle.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    try (Writer w =
        new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
      w.write(HEADER);
      w.write(holdout ? ",holdout_purchases,holdout_predicted\n" : "\n");
      StringBuilder sb = new StringBuilder(256);
      for (CustomerScore s : result.scores()) {
        sb.setLength(0);
        appendId(sb, s.customerId());
        sb.append(',').append(s.frequency()).append(',');
        Decimals.append(sb, s.recency(), 4).append(',');
        Decimals.append(sb, s.age(), 4).append(',');
        Decimals.append(sb, s.monetary(), 2).append(',');
        Decimals.append(sb, s.pAlive(), 6).append(',');
        Decimals.append(sb, s.expectedPurchases(), 6).append(',');
        optional(sb, s.expectedSpend(), 2).append(',');
        optional(sb, s.clv(), 2).append(',');
        optional(sb, s.valueAtRisk(), 2).append(',');
        Decimals.append(sb, s.logLikelihood(), 6).append(',');
        Decimals.append(sb, s.daysSinceLastPurchase(), 1).append(',');
        optional(sb, s.usualGapDays(), 1).append(',');
        optional(sb, s.overdueRatio(), 3).append(',');
        sb.append(s.lifecycle().label());
        if (holdout) {
          sb.append(',').append(s.holdoutPurchases().orElse(0)).append(',');
          optional(sb, s.holdoutPredicted(), 6);
        }
        sb.append('\n');
        w.append(sb);
      }
    } catch (IOException e) {
      AtomicOutput.discard(tmp);
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    AtomicOutput.move(tmp, out);
  }

  private static StringBuilder optional(StringBuilder sb, OptionalDouble v, int decimals) {
    return v.isPresent() ? Decimals.append(sb, v.getAsDouble(), decimals) : sb;
  }

  /** RFC 4180 quoting when the id holds a comma, quote or line break. */
  static void appendId(StringBuilder sb, String id) {
    boolean quote = false;
    for (int i = 0; i < id.length() && !quote; i++) {
      char c = id.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      sb.append(id);
      return;
    }
    sb.append('"').append(id.replace("\"", "\"\"")).append('"');
  }
}
