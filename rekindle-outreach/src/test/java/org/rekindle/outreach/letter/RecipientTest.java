package org.rekindle.outreach.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientTest {
  @Test
  void lines_followTheRegionOrTheContinentalForm() {
    Recipient us =
        new Recipient(
            "Ada Roofing",
            "1 Main Street",
            Optional.of("Suite 4"),
            "Springfield",
            Optional.of("IL"),
            Optional.of("62701"),
            Optional.empty());
    assertThat(us.lines())
        .containsExactly("Ada Roofing", "1 Main Street", "Suite 4", "Springfield, IL 62701");
    Recipient de =
        new Recipient(
            "Bo Holz GmbH",
            "Hauptstraße 1",
            Optional.of(""),
            "Berlin",
            Optional.of("  "),
            Optional.of("10115"),
            Optional.of("Germany"));
    assertThat(de.lines())
        .containsExactly("Bo Holz GmbH", "Hauptstraße 1", "10115 Berlin", "Germany");
  }

  @Test
  void aLineBreakOrAnEmptyRequiredPart_isRefused() {
    assertThatThrownBy(
            () ->
                new Recipient(
                    "Ada\nRoofing",
                    "1 Main Street",
                    Optional.empty(),
                    "Springfield",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageContaining("the recipient's name must be one line of text");
    assertThatThrownBy(
            () ->
                new Recipient(
                    "Ada",
                    "",
                    Optional.empty(),
                    "Springfield",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessage("the recipient's street address is empty");
  }

  @Test
  void letter_checksItsIdAndValues() {
    Recipient r =
        new Recipient(
            "Ada",
            "1 Main Street",
            Optional.empty(),
            "Springfield",
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThatThrownBy(() -> new Letter("1\r\n2", r, "birthday-card", Map.of()))
        .hasMessageContaining("a letter's id must be one line of text");
    assertThatThrownBy(() -> new Letter("x".repeat(65), r, "birthday-card", Map.of()))
        .hasMessageContaining("a letter's id is at most 64 characters");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("first_name", null);
    assertThatThrownBy(() -> new Letter("9", r, "birthday-card", withNull))
        .hasMessage("letter 9: the value 'first_name' is null; leave it out instead");
    Map<String, Object> values = new HashMap<>(Map.of("first_name", "Ada"));
    Letter l = new Letter("9", r, "birthday-card", values);
    values.put("first_name", "Bo");
    assertThat(l.values()).containsEntry("first_name", "Ada");
  }
}
