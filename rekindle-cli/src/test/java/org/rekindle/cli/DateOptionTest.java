package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Dates on the command line, and "today" as the business counts it. */
class DateOptionTest {
  // 23:30 UTC on 1 January: already 2 January at UTC+14, still 1 January in Honolulu (UTC-10)
  static final Clock LATE = Clock.fixed(Instant.parse("2026-01-01T23:30:00Z"), ZoneOffset.UTC);

  @Test
  void today_isTheBusinessesDay_notTheMachines() {
    assertThat(DateOption.orToday("--as-of", null, ZoneId.of("Pacific/Kiritimati"), LATE))
        .isEqualTo(LocalDate.of(2026, 1, 2));
    assertThat(DateOption.orToday("--as-of", null, ZoneId.of("Pacific/Honolulu"), LATE))
        .isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(DateOption.orToday("--as-of", " 2024-03-31 ", ZoneId.of("UTC"), LATE))
        .isEqualTo(LocalDate.of(2024, 3, 31));
  }

  @Test
  void badDate_namesTheOptionAndTheValue() {
    assertThatThrownBy(() -> DateOption.orToday("--date", "31/03/2024", ZoneId.of("UTC"), LATE))
        .isInstanceOf(UsageException.class)
        .hasMessage("--date must be a date like 2024-03-31, was '31/03/2024'");
  }
}
