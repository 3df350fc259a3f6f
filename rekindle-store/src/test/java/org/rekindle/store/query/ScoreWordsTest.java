package org.rekindle.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scores in words: units by size, rhythm phrases, P(alive) and value, exactly as printed. */
class ScoreWordsTest {
  @Test
  void rhythm_onRhythmLateOverdueLongOverdue() {
    assertThat(ScoreWords.rhythm(3, 213, Optional.of(274.0), Optional.of(213 / 274.0)))
        .isEqualTo("orders about every 9 months; last order 7 months ago - on rhythm");
    assertThat(ScoreWords.rhythm(5, 26, Optional.of(21.0), Optional.of(26 / 21.0)))
        .isEqualTo(
            "orders about every 3 weeks; last order 4 weeks ago - 1.2x their usual gap, a little"
                + " late");
    assertThat(ScoreWords.rhythm(8, 77, Optional.of(21.0), Optional.of(77 / 21.0)))
        .isEqualTo(
            "orders about every 3 weeks; silent for 11 weeks - 3.7x their usual gap, overdue");
    assertThat(ScoreWords.rhythm(55, 186, Optional.of(1.57), Optional.of(118.4)))
        .isEqualTo(
            "orders about every 2 days; silent for 6 months - 118.4x their usual gap, long"
                + " overdue");
    assertThat(ScoreWords.rhythm(2, 10, Optional.empty(), Optional.empty()))
        .isEqualTo("orders now and then; last order 10 days ago");
  }

  @Test
  void rhythm_oneOrder_tooEarlyOrNoSecondOrder() {
    assertThat(ScoreWords.rhythm(0, 40, Optional.of(60.0), Optional.of(40 / 60.0)))
        .isEqualTo("one order so far, 6 weeks ago - too early to know a rhythm");
    assertThat(ScoreWords.rhythm(0, 0, Optional.empty(), Optional.empty()))
        .isEqualTo("one order so far, today - too early to know a rhythm");
    assertThat(ScoreWords.rhythm(0, 330, Optional.of(35.0), Optional.of(330 / 35.0)))
        .isEqualTo(
            "one order so far, 11 months ago - no second order; repeat customers order about"
                + " every 5 weeks");
  }

  @Test
  void alive_bands() {
    assertThat(ScoreWords.alive(0.31)).isEqualTo("P(alive) 0.31: probably lost");
    assertThat(ScoreWords.alive(0.02)).isEqualTo("P(alive) 0.02: almost certainly lost");
    assertThat(ScoreWords.alive(0.15)).isEqualTo("P(alive) 0.15: probably lost");
    assertThat(ScoreWords.alive(0.55)).isEqualTo("P(alive) 0.55: may be slipping away");
    assertThat(ScoreWords.alive(0.7)).isEqualTo("P(alive) 0.70: probably still a customer");
    assertThat(ScoreWords.alive(0.97))
        .isEqualTo("P(alive) 0.97: almost certainly still a customer");
  }

  @Test
  void expectedAndValue_roundedForReading() {
    assertThat(ScoreWords.expected(2.34, 365))
        .isEqualTo("expected to order about 2.3 times in the next 12 months");
    assertThat(ScoreWords.expected(0.98, 365))
        .isEqualTo("expected to order about 1.0 time in the next 12 months");
    assertThat(ScoreWords.expected(0.01, 365))
        .isEqualTo("not expected to order in the next 12 months");
    assertThat(ScoreWords.value(Optional.of(1240.4), Optional.of(830.0), Optional.of("USD")))
        .contains("worth about 1,240 USD from here on; another 830 USD at stake if nobody acts");
    assertThat(ScoreWords.value(Optional.of(1240.4), Optional.of(830.0), Optional.empty()))
        .contains("worth about 1,240 from here on; another 830 at stake if nobody acts");
    assertThat(ScoreWords.value(Optional.of(3.267), Optional.of(0.0), Optional.of("EUR")))
        .contains("worth about 3.27 EUR from here on; nothing more at stake");
    assertThat(ScoreWords.value(Optional.of(0.2), Optional.of(18074.04), Optional.of("USD")))
        .contains("worth next to nothing from here on; another 18,074 USD at stake if nobody acts");
    assertThat(ScoreWords.value(Optional.empty(), Optional.empty(), Optional.of("USD"))).isEmpty();
    assertThat(ScoreWords.money(9.996)).isEqualTo("10");
    assertThat(ScoreWords.money(18074.04)).isEqualTo("18,074");
  }
}
