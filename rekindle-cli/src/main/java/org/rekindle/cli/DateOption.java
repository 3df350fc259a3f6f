package org.rekindle.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** A date given on the command line: ISO, and one message for a bad one whichever option it is. */
final class DateOption {
  private DateOption() {}

  /** The date {@code value} names. */
  static LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " must be a date like 2024-03-31, was '" + value + "'");
    }
  }

  /** The date {@code value} names; today (in this machine's zone) when absent. */
  static LocalDate orToday(String option, @Nullable String value) {
    return value == null ? LocalDate.now(Clock.systemDefaultZone()) : parse(option, value);
  }

  /**
   * The date {@code value} names; when absent, today in {@code zone} (the business's, of
   * rekindle.yaml's {@code contact_policy.time_zone}) by {@code clock}: near midnight the machine's
   * day may already be another.
   */
  static LocalDate orToday(String option, @Nullable String value, ZoneId zone, Clock clock) {
    return value == null ? LocalDate.now(clock.withZone(zone)) : parse(option, value);
  }
}
