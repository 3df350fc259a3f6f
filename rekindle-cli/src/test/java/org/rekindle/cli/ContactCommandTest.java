package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle contact}: recorded with source 'command', refused with a reason. */
class ContactCommandTest {
  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void contact_recordedAndShown_badInputRefused() {
    String h = home.toString();
    assertThat(
            run(
                "import",
                "orders",
                CliRun.EXAMPLES.resolve("cdnow").resolve("cdnow_sample.csv").toString(),
                "--home",
                h))
        .isZero();

    assertThat(run("contact", "244", "--channel", "letter", "--on", "1997-10-20", "--home", h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).startsWith("Recorded: letter with 244 on 1997-10-20 (contact 1).");
    String today = LocalDate.now(ZoneId.systemDefault()).toString();
    assertThat(
            run(
                "contact",
                "244",
                "--channel",
                "CALL",
                "--note",
                "will order in spring",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .startsWith("Recorded: call with 244 on " + today + ", \"will order in spring\"");
    assertThat(
            HomeSql.count(
                home,
                "SELECT count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id"
                    + " WHERE c.external_id = '244' AND k.source = 'command'"))
        .isEqualTo(2);

    assertThat(run("customer", "244", "--home", h)).isZero();
    assertThat(cli.out())
        .contains("Contacts:\n")
        .contains("  " + today + "  call     command   will order in spring\n")
        .contains("  1997-10-20  letter   command\n");

    assertThat(run("contact", "244", "--channel", "fax", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("email, letter, call, sms, visit or other, not 'fax'");
    assertThat(run("contact", "244", "--channel", "call", "--on", "20/10/1997", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--on must be a date like 2024-03-31, was '20/10/1997'");
    assertThat(run("contact", "244", "--channel", "call", "--on", "2999-01-01", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("is after today");
    assertThat(run("contact", "244", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("--channel");
    assertThat(run("contact", "no-such-id", "--channel", "call", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("no customer with id 'no-such-id'");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM contacts")).isEqualTo(2);
  }
}
