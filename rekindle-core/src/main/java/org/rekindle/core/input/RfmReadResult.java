package org.rekindle.core.input;

import java.util.Objects;
import org.rekindle.core.summary.Summaries;

/**
 * The summaries read from an RFM summary file and what the reader did.
 *
 * @param summaries one summary per accepted row
 * @param report rows read, accepted and rejected
 */
public record RfmReadResult(Summaries summaries, ReadReport report) {
  public RfmReadResult {
    Objects.requireNonNull(summaries, "summaries");
    Objects.requireNonNull(report, "report");
  }
}
