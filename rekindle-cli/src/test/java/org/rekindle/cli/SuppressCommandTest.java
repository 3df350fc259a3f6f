package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressCommandTest {
  @TempDir Path home;
  private final CliRun cli = new CliRun();

  @Test
  void suppress_list_lift() {
    String h = home.toString();
    assertThat(
            cli.run(
                "suppress",
                "Bob@Mail.Example",
                "--reason",
                "do-not-contact",
                "--by",
                "maria",
                "--note",
                "asked on the phone",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("Suppressed: nothing goes to email bob@mail.example (do_not_contact)");
    assertThat(cli.run("suppress", "bob@mail.example", "--reason", "bounced", "--home", h))
        .isZero();
    assertThat(cli.out()).contains("Already suppressed: email bob@mail.example (do_not_contact");
    assertThat(cli.run("suppress", "--list", "--home", h)).isZero();
    assertThat(cli.out())
        .contains("1 suppressions standing")
        .contains("bob@mail.example")
        .contains("by maria (staff)")
        .contains(": asked on the phone");
    assertThat(cli.run("suppress", "bob@mail.example", "--lift", "--by", "tom", "--home", h))
        .isZero();
    assertThat(cli.out()).contains("Lifted: email bob@mail.example may be contacted again");

    // what a customer asked for, staff cannot lift
    assertThat(cli.run("suppress", "ann@mail.example", "--reason", "unsubscribed", "--home", h))
        .isZero();
    assertThat(cli.run("suppress", "ann@mail.example", "--lift", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("only they can lift it");

    assertThat(cli.run("suppress", "x@y.example", "--reason", "spam", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("not a suppression reason");
    assertThat(
            cli.run(
                "suppress", "x@y.example", "--reason", "bounced", "--channel", "fax", "--home", h))
        .isEqualTo(2);
    assertThat(cli.run("suppress", "--home", h)).isEqualTo(2);
  }
}
