package org.rekindle.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spans of days in words, exactly as messages and the CLI print them. */
class DurationsTest {
  @Test
  void duration_unitBySize() {
    assertThat(Durations.duration(0)).isEqualTo("0 days");
    assertThat(Durations.duration(1)).isEqualTo("1 day");
    assertThat(Durations.duration(13.4)).isEqualTo("13 days");
    assertThat(Durations.duration(14)).isEqualTo("2 weeks");
    assertThat(Durations.duration(40)).isEqualTo("6 weeks");
    assertThat(Durations.duration(77)).isEqualTo("11 weeks");
    assertThat(Durations.duration(90)).isEqualTo("13 weeks");
    assertThat(Durations.duration(91)).isEqualTo("3 months");
    assertThat(Durations.duration(213)).isEqualTo("7 months");
    assertThat(Durations.duration(274)).isEqualTo("9 months");
    assertThat(Durations.duration(729)).isEqualTo("24 months");
    assertThat(Durations.duration(730)).isEqualTo("2 years");
    assertThat(Durations.duration(913)).isEqualTo("2.5 years");
    assertThat(Durations.duration(-3)).isEqualTo("0 days");
  }

  @Test
  void every_andAgo_sayOneWithoutANumber() {
    assertThat(Durations.every(1)).isEqualTo("every day");
    assertThat(Durations.every(7)).isEqualTo("every 7 days");
    assertThat(Durations.every(21)).isEqualTo("every 3 weeks");
    assertThat(Durations.every(30)).isEqualTo("every 4 weeks");
    assertThat(Durations.every(120)).isEqualTo("every 4 months");
    assertThat(Durations.ago(0.2)).isEqualTo("today");
    assertThat(Durations.ago(1)).isEqualTo("1 day ago");
    assertThat(Durations.ago(213)).isEqualTo("7 months ago");
  }
}
