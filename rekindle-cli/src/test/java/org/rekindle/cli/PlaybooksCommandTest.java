package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle playbooks}: the default, a home's file, a bad file. */
class PlaybooksCommandTest {
  @TempDir Path home;
  private final CliRun cli = new CliRun();

  @Test
  void playbooks_withoutAFile_listsTheDefault() {
    assertThat(cli.run("playbooks", "--home", home.toString())).as(cli.err()).isZero();

    assertThat(cli.out())
        .startsWith("Playbooks from the built-in default (no " + home.resolve("rekindle.yaml"))
        .contains(": 6, 6 enabled. No problems found.")
        .contains("  account-dormancy-notice (priority 30): Account dormancy notice")
        .contains("    when a credit account's dormancy notice is due, if its condition holds")
        .contains(
            "    then offer 15% off for 30 days; email 'dormant-win-back'; wait 10 days;"
                + " letter 'dormant-win-back'")
        .contains("    stops when they ordered or replied (or all steps are done); holds out 10%")
        .contains("    when a customer in segment key has had no contact for 30 days")
        .contains("    when a customer has been lost for 14 days");
    assertThat(cli.out().indexOf("account-dormancy-notice"))
        .isLessThan(cli.out().indexOf("dormant-win-back ("));
  }

  @Test
  void playbooks_homeFile_isUsedAndNamed() throws IOException {
    Path file = home.resolve("rekindle.yaml");
    Files.writeString(
        file,
        "playbooks:\n"
            + "  - id: only\n"
            + "    enabled: false\n"
            + "    trigger: {type: birthday}\n"
            + "    steps: [letter: {template: card}]\n");

    assertThat(cli.run("playbooks", "--home", home.toString())).as(cli.err()).isZero();

    assertThat(cli.out())
        .startsWith("Playbooks from " + file + ": 1, 0 enabled.")
        .contains("  only [disabled] (priority 0): only")
        .contains("    when it is a customer's birthday");
  }

  @Test
  void playbooks_badFile_reportsEveryProblemWithExit3() throws IOException {
    Path file = home.resolve("mine.yaml");
    Files.writeString(
        file,
        "playbooks:\n"
            + "  - id: p\n"
            + "    tirgger: {type: birthday}\n"
            + "    steps: [wait: -1]\n");

    assertThat(cli.run("playbooks", "--file", file.toString())).isEqualTo(3);

    assertThat(cli.err())
        .isEqualTo(
            "rekindle: 3 problems in the playbooks file:\n"
                + "mine.yaml:2:5: a playbook needs 'trigger'\n"
                + "mine.yaml:3:5: unknown key 'tirgger' in a playbook (did you mean 'trigger'?)\n"
                + "mine.yaml:4:19: wait (days) must be at least 1, not -1\n");
    assertThat(cli.out()).isEmpty();
  }
}
