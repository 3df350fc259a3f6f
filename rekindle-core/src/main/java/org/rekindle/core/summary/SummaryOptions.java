package org.rekindle.core.summary;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How to summarise: the as-of date, an optional calibration end for a calibration/holdout split,
 * and the time unit.
 *
 * @param asOf the day the summary is taken; rows after it are ignored. Empty: the latest date in
 *     the data.
 * @param calibrationEnd the last day of the calibration period; empty for no split. Must be before
 *     {@code asOf}.
 * @param period the unit of recency, age and holdout length
 */
public record SummaryOptions(
    Optional<LocalDate> asOf, Optional<LocalDate> calibrationEnd, Period period) {

  public SummaryOptions {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(period, "period");
    if (asOf.isPresent()
        && calibrationEnd.isPresent()
        && !calibrationEnd.get().isBefore(asOf.get())) {
      throw new IllegalArgumentException(
          "calibration end "
              + calibrationEnd.get()
              + " must be before the as-of date "
              + asOf.get());
    }
  }

  /** As of the latest date in the data, no holdout, in weeks. */
  public static SummaryOptions defaults() {
    return new SummaryOptions(Optional.empty(), Optional.empty(), Period.WEEK);
  }

  public SummaryOptions withAsOf(LocalDate asOf) {
    return new SummaryOptions(Optional.of(asOf), calibrationEnd, period);
  }

  public SummaryOptions withCalibrationEnd(LocalDate calibrationEnd) {
    return new SummaryOptions(asOf, Optional.of(calibrationEnd), period);
  }

  public SummaryOptions withPeriod(Period period) {
    return new SummaryOptions(asOf, calibrationEnd, period);
  }
}
