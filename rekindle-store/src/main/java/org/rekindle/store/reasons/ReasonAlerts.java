package org.rekindle.store.reasons;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rekindle.core.feedback.ShareAlert;

/**
 * The latest complete period's reasons against the periods before it.
 *
 * @param period the latest complete period's first day; empty when no period before the end date is
 *     complete (or none has answers)
 * @param answers the answers giving a reason in that period
 * @param trailingPeriods how many periods before it were compared with (up to {@link
 *     ReasonPatterns#TRAILING_PERIODS}, fewer when the answers start later)
 * @param checks one check per reason, in the order of the taxonomy; empty when there is no period
 */
public record ReasonAlerts(
    Optional<LocalDate> period, long answers, int trailingPeriods, List<ShareAlert> checks) {
  public ReasonAlerts {
    Objects.requireNonNull(period, "period");
    checks = List.copyOf(checks);
  }

  /** The checks that found a significant rise. */
  public List<ShareAlert> raised() {
    return checks.stream().filter(ShareAlert::alert).toList();
  }
}
