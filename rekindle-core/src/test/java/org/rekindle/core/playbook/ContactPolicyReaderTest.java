package org.rekindle.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactPolicyReaderTest {

  private static List<String> problems(String yaml) {
    try {
      PlaybookLoader.parse(yaml, "rekindle.yaml");
    } catch (PlaybookException e) {
      return e.problems().stream().map(PlaybookException.Problem::toString).toList();
    }
    throw new AssertionError("the file was accepted:\n" + yaml);
  }

  @Test
  void default_isTheShippedPolicyAndTheExampleBusiness() {
    Playbooks defaults = PlaybookLoader.loadDefault();

    assertThat(defaults.policy()).isEqualTo(ContactPolicy.DEFAULT);
    assertThat(defaults.business()).isEqualTo(Business.EXAMPLE);
    assertThat(defaults.business().isExample()).isTrue();
  }

  @Test
  void absentSections_takeTheDefaults() {
    Playbooks p = PlaybookLoader.parse("playbooks: []\n", "rekindle.yaml");

    assertThat(p.policy()).isEqualTo(ContactPolicy.DEFAULT);
    assertThat(p.business()).isEqualTo(Business.EXAMPLE);
  }

  @Test
  void everyKey_isRead() {
    String yaml =
        """
        contact_policy:
          caps:
            - {at_most: 2, per_days: 14, channels: [email, letter]}
          quiet_hours: {from: "21:30", to: "07:00", days_off: [saturday, sunday]}
          time_zone: America/Chicago
          calls_per_rep_per_day: 12
          offer_budget: {amount: 1500.50, per_days: 30}
        business:
          name: Hill Lumber
          phone: 555-0199
          from_email: sales@hill.example
          reply_to: reps@hill.example
          address: [2 Mill Road, Hilltown]
          website: https://hill.example
          public_url: https://rk.hill.example/
        playbooks: []
        """;
    Playbooks p = PlaybookLoader.parse(yaml, "rekindle.yaml");

    assertThat(p.policy())
        .isEqualTo(
            new ContactPolicy(
                List.of(new ContactPolicy.Cap(Set.of(Channel.EMAIL, Channel.LETTER), 2, 14)),
                Optional.of(
                    new ContactPolicy.QuietHours(
                        LocalTime.of(21, 30),
                        LocalTime.of(7, 0),
                        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))),
                OptionalInt.of(12),
                Optional.of(new ContactPolicy.OfferBudget(new BigDecimal("1500.50"), 30)),
                ZoneId.of("America/Chicago")));
    assertThat(p.business())
        .isEqualTo(
            new Business(
                "Hill Lumber",
                Optional.of("555-0199"),
                "sales@hill.example",
                Optional.of("reps@hill.example"),
                List.of("2 Mill Road", "Hilltown"),
                Optional.of("https://hill.example"),
                URI.create("https://rk.hill.example/")));
    assertThat(p.business().link("u", "TOKEN")).isEqualTo("https://rk.hill.example/u/TOKEN");
  }

  @Test
  void quietHoursFalse_turnsThemOff() {
    Playbooks p =
        PlaybookLoader.parse("contact_policy:\n  quiet_hours: false\nplaybooks: []\n", "x");

    assertThat(p.policy().quietHours()).isEmpty();
  }

  @Test
  void badValues_areReportedWhereTheyAre() {
    String yaml =
        """
        contact_policy:
          caps:
            - {at_most: -1, per_days: 7}
            - {per_days: 7, channel: [email]}
          quiet_hours: {from: "25:00", to: "8", days_off: [someday]}
          time_zone: Mars/Olympus
          offer_budget: {amount: 0, per_days: 30}
        business:
          name: Shop
          from_email: "Shop <shop@example.com>"
          public_url: ftp://example.com
        playbooks: []
        """;
    assertThat(problems(yaml))
        .containsExactly(
            "rekindle.yaml:3:17: at_most must be at least 0, not -1",
            "rekindle.yaml:4:7: a cap needs 'at_most'",
            "rekindle.yaml:4:21: unknown key 'channel' in a cap (did you mean 'channels'?)",
            "rekindle.yaml:5:23: from must be a time of day as \"HH:MM\" (24-hour), not '25:00'",
            "rekindle.yaml:5:36: to must be a time of day as \"HH:MM\" (24-hour), not '8'",
            "rekindle.yaml:5:52: bad day 'someday' (did you mean 'monday'?): expected one of"
                + " monday, tuesday, wednesday, thursday, friday, saturday, sunday",
            "rekindle.yaml:6:14: unknown time_zone 'Mars/Olympus': write a zone such as"
                + " Europe/London or America/Chicago",
            "rekindle.yaml:7:26: the offer budget's amount must be more than 0, not 0",
            "rekindle.yaml:10:15: from_email must be one plain email address, like"
                + " shop@example.com",
            "rekindle.yaml:11:15: public_url must be an http(s) address with no query, e.g."
                + " https://rekindle.example.com");
  }

  @Test
  void everyDayOff_isRefused() {
    assertThatThrownBy(
            () ->
                PlaybookLoader.parse(
                    "contact_policy:\n  quiet_hours: {from: '20:00', to: '08:00', days_off:"
                        + " [monday, tuesday, wednesday, thursday, friday, saturday, sunday]}\n"
                        + "playbooks: []\n",
                    "x"))
        .isInstanceOf(PlaybookException.class)
        .hasMessageContaining("every day of the week");
  }
}
