package org.rekindle.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code service_recovery} section: read, defaulted, and refused with the line. */
class ServiceRecoveryReaderTest {

  private static List<String> problems(String yaml) {
    try {
      PlaybookLoader.parse(yaml, "rekindle.yaml");
    } catch (PlaybookException e) {
      return e.problems().stream().map(PlaybookException.Problem::toString).toList();
    }
    throw new AssertionError("the file was accepted:\n" + yaml);
  }

  @Test
  void absent_takesTheDefault() {
    Playbooks p = PlaybookLoader.parse("playbooks: []\n", "rekindle.yaml");

    assertThat(p.serviceRecovery()).isEqualTo(ServiceRecovery.DEFAULT);
    assertThat(p.serviceRecovery().firstContactWithin()).isEqualTo(Duration.ofHours(24));
    assertThat(p.serviceRecovery().escalateTo()).isEqualTo("manager");
    assertThat(PlaybookLoader.loadDefault().serviceRecovery()).isEqualTo(ServiceRecovery.DEFAULT);
  }

  @Test
  void hoursAndDays_areRead() {
    Playbooks hours =
        PlaybookLoader.parse(
            "service_recovery:\n  first_contact_within: 4h\n  manager: \"Dana Hill\"\n"
                + "playbooks: []\n",
            "rekindle.yaml");
    Playbooks days =
        PlaybookLoader.parse(
            "service_recovery: {first_contact_within: 2d}\nplaybooks: []\n", "rekindle.yaml");

    assertThat(hours.serviceRecovery())
        .isEqualTo(new ServiceRecovery(Duration.ofHours(4), Optional.of("Dana Hill")));
    assertThat(hours.serviceRecovery().escalateTo()).isEqualTo("Dana Hill");
    assertThat(hours.serviceRecovery().describe()).isEqualTo("4 hours");
    assertThat(days.serviceRecovery().firstContactWithin()).isEqualTo(Duration.ofDays(2));
    assertThat(days.serviceRecovery().manager()).isEmpty();
    assertThat(days.serviceRecovery().describe()).isEqualTo("2 days");
  }

  @Test
  void badValues_areRefusedWithTheirLine() {
    assertThat(problems("service_recovery:\n  first_contact_within: 24\nplaybooks: []\n"))
        .containsExactly(
            "rekindle.yaml:2:25: first_contact_within must be hours or days such as 24h or 2d,"
                + " not '24'");
    assertThat(problems("service_recovery:\n  first_contact_within: 0h\nplaybooks: []\n"))
        .containsExactly("rekindle.yaml:2:25: first_contact_within must be from 1h to 90d, not 0h");
    assertThat(problems("service_recovery:\n  first_contact_within: 91d\nplaybooks: []\n"))
        .containsExactly(
            "rekindle.yaml:2:25: first_contact_within must be from 1h to 90d, not 91d");
    assertThat(problems("service_recovery:\n  manager: [a, b]\nplaybooks: []\n"))
        .hasSize(1)
        .allMatch(p -> p.startsWith("rekindle.yaml:2:12: manager must be a text"));
    assertThat(problems("service_recovery:\n  manger: Dana\nplaybooks: []\n"))
        .containsExactly(
            "rekindle.yaml:2:3: unknown key 'manger' in 'service_recovery' (did you mean"
                + " 'manager'?)");
    assertThat(problems("service_recovery: 24h\nplaybooks: []\n"))
        .hasSize(1)
        .allMatch(p -> p.contains("'service_recovery' must be a mapping"));
  }

  @Test
  void record_refusesAnSlaOutOfRange() {
    assertThatThrownBy(() -> new ServiceRecovery(Duration.ofMinutes(30), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("within an hour to 90 days");
    assertThat(new ServiceRecovery(Duration.ofHours(1), Optional.of("  ")).manager()).isEmpty();
  }
}
