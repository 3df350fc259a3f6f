package org.rekindle.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LeavingReasonTest {
  @Test
  void parse_everyLabelAndItsWords_roundTrip() {
    for (LeavingReason r : LeavingReason.values()) {
      assertThat(LeavingReason.parse(r.label())).isEqualTo(r);
      assertThat(LeavingReason.parse(r.words())).isEqualTo(r);
      assertThat(LeavingReason.parse(" " + r.label().toUpperCase(Locale.ROOT) + " ")).isEqualTo(r);
    }
  }

  @Test
  void parse_labelsAreStableAndLowerCase() {
    assertThat(LeavingReason.values())
        .extracting(LeavingReason::label)
        .containsExactly(
            "price",
            "service",
            "quality",
            "delivery",
            "moved_or_closed",
            "competitor",
            "not_needed",
            "forgot",
            "other");
  }

  @Test
  void parse_reasonableSpellings_areAccepted() {
    assertThat(LeavingReason.parse("Moved/Closed")).isEqualTo(LeavingReason.MOVED_OR_CLOSED);
    assertThat(LeavingReason.parse("moved or closed")).isEqualTo(LeavingReason.MOVED_OR_CLOSED);
    assertThat(LeavingReason.parse("not-needed")).isEqualTo(LeavingReason.NOT_NEEDED);
    assertThat(LeavingReason.parse("No longer needed")).isEqualTo(LeavingReason.NOT_NEEDED);
    assertThat(LeavingReason.parse("Service or staff")).isEqualTo(LeavingReason.SERVICE);
    assertThat(LeavingReason.parse("staff")).isEqualTo(LeavingReason.SERVICE);
    assertThat(LeavingReason.parse("Just forgot")).isEqualTo(LeavingReason.FORGOT);
    assertThat(LeavingReason.parse("found another supplier")).isEqualTo(LeavingReason.COMPETITOR);
    assertThat(LeavingReason.parse("product quality")).isEqualTo(LeavingReason.QUALITY);
    assertThat(LeavingReason.parse("prices")).isEqualTo(LeavingReason.PRICE);
  }

  @Test
  void parse_junk_isRejectedNamingTheLabels() {
    for (String junk : new String[] {"", "  ", "weather", "price!", "moved or"}) {
      assertThatThrownBy(() -> LeavingReason.parse(junk))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + junk + "'")
          .hasMessageContaining(
              "price, service, quality, delivery, moved_or_closed, competitor, not_needed,"
                  + " forgot, other");
    }
  }

  @Test
  void parse_aLongText_isQuotedOnlyInPart() {
    String essay = "they never called me back ".repeat(40_000);

    assertThatThrownBy(() -> LeavingReason.parse(essay))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + essay.substring(0, 57) + "...'")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
  }
}
