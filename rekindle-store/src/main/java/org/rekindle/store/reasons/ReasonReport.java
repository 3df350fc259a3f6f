package org.rekindle.store.reasons;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why customers left, for the dates asked for.
 *
 * @param options what was asked for
 * @param allAnswers survey answers stored, whatever their date: tells "none yet" from "none in
 *     these dates"
 * @param total every answer in the dates by reason
 * @param overTime one entry per period from the first with answers (or the start date) to the end
 *     date's, empty periods included; the group is the period's key
 * @param periods the first day of each period of {@code overTime}, in the same order
 * @param bySegment per segment the customer had when answering, most answers first
 * @param byRep per rep, most answers first
 * @param byState per lifecycle state, most answers first
 * @param comeBack would they come back, per reason in the order of the taxonomy, then the answers
 *     with no reason
 * @param said the themes of what they wrote (with the text of negative feedback when asked for)
 * @param bringBack the themes of what would bring them back
 * @param alerts the latest complete period against the ones before it
 */
public record ReasonReport(
    ReasonPatterns.Options options,
    long allAnswers,
    ReasonCounts total,
    List<ReasonCounts> overTime,
    List<LocalDate> periods,
    List<ReasonCounts> bySegment,
    List<ReasonCounts> byRep,
    List<ReasonCounts> byState,
    List<ComeBackCounts> comeBack,
    TextThemes said,
    TextThemes bringBack,
    ReasonAlerts alerts) {
  public ReasonReport {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(total, "total");
    overTime = List.copyOf(overTime);
    periods = List.copyOf(periods);
    if (periods.size() != overTime.size()) {
      throw new IllegalArgumentException(
          "one first day per period: " + periods.size() + " != " + overTime.size());
    }
    bySegment = List.copyOf(bySegment);
    byRep = List.copyOf(byRep);
    byState = List.copyOf(byState);
    comeBack = List.copyOf(comeBack);
    Objects.requireNonNull(said, "said");
    Objects.requireNonNull(bringBack, "bringBack");
    Objects.requireNonNull(alerts, "alerts");
  }

  /** The answers in the dates asked for. */
  public long answers() {
    return total.answers();
  }

  /** The first day counted: the start date, else the first period's, else the end date. */
  public LocalDate from() {
    return options.since().orElse(periods.isEmpty() ? options.until() : periods.get(0));
  }

  /** Whether there is nothing at all to show: no answer and no text in the dates. */
  public boolean isEmpty() {
    return answers() == 0 && said.texts() == 0 && bringBack.texts() == 0;
  }

  /** The comeback counts of the answers with no reason, when any. */
  public Optional<ComeBackCounts> comeBackWithoutReason() {
    return comeBack.stream().filter(c -> c.reason().isEmpty() && c.answers() > 0).findFirst();
  }
}
