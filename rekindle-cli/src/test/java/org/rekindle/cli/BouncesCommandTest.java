package org.rekindle.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BouncesCommandTest {
  @TempDir Path home;
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private static final String DSN =
      "Date: Wed, 1 May 2024 10:15:03 +0000\n"
          + "From: MAILER-DAEMON@mx1.shop.example (Mail Delivery System)\n"
          + "To: news@shop.example\n"
          + "Subject: Undelivered Mail Returned to Sender\n"
          + "MIME-Version: 1.0\n"
          + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n"
          + "\n"
          + "--b1\n"
          + "Content-Type: text/plain; charset=us-ascii\n"
          + "\n"
          + "Your message could not be delivered.\n"
          + "\n"
          + "--b1\n"
          + "Content-Type: message/delivery-status\n"
          + "\n"
          + "Reporting-MTA: dns; mx1.shop.example\n"
          + "Arrival-Date: Wed, 1 May 2024 10:15:01 +0000\n"
          + "\n"
          + "Final-Recipient: rfc822; dee@corp.example\n"
          + "Action: failed\n"
          + "Status: 5.1.1\n"
          + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n"
          + "\n"
          + "--b1--\n";

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, UTF_8);
    return file;
  }

  @Test
  void import_csvAndDsn_suppress_reimportChangesNothing_complaintsStayTheCustomers()
      throws IOException {
    String h = home.toString();
    Path customers =
        write(
            "customers.csv",
            "id,email,consent_email\n"
                + "1,bob@mail.example,yes\n"
                + "2,ann@shop.example,yes\n"
                + "3,dee@corp.example,yes\n");
    assertThat(cli.run("import", "customers", customers.toString(), "--home", h))
        .as(cli.err())
        .isZero();
    Path bounces =
        write(
            "bounces.csv",
            "Email,Event,Timestamp,Reason\n"
                + "bob@mail.example,bounce,1714557600,550 5.1.1 no such user\n"
                + "ann@shop.example,spamreport,1714557600,\n"
                + "not-an-address,bounce,1714557600,\n"
                + "cy@gone.example,bounce,1714557600,\n"
                + "ann@shop.example,deferred,1714557600,452 try later\n");
    Path rejects = dir.resolve("rejects.csv");

    assertThat(
            cli.run(
                "bounces",
                "import",
                bounces.toString(),
                "--by",
                "tom",
                "--rejects",
                rejects.toString(),
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("Imported bounces from " + bounces + " (CSV)")
        .contains(
            "5 reports read: 2 hard bounces, 1 spam complaint, 0 unsubscribes, 1 soft bounce;"
                + " 1 rejected")
        .contains(
            "3 addresses newly suppressed (1 complained, 2 bounced); 0 addresses already"
                + " suppressed")
        .contains("1 soft bounce not suppressed")
        .contains("email consent turned off for 1 customer")
        .contains("1 address no customer has (suppressed all the same): cy@gone.example")
        .contains(bounces + " line 4: column 'Email': 'not-an-address' is not an email address");
    assertThat(Files.readString(rejects))
        .isEqualTo(
            "file,at,reason,raw\n"
                + "\""
                + bounces
                + "\",line 4,\"column 'Email': 'not-an-address' is not an email address\","
                + "\"not-an-address,bounce,1714557600,\"\n");

    // the same file again changes nothing, and says so
    assertThat(cli.run("bounces", "import", bounces.toString(), "--home", h)).isZero();
    assertThat(cli.out())
        .contains(
            "0 addresses newly suppressed; 3 addresses already suppressed (kept as they were)")
        .doesNotContain("consent turned off");

    // a delivery status notification, told apart by its content
    Path eml = write("bounce-1", DSN);
    assertThat(cli.run("bounces", "import", eml.toString(), "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("(delivery status notifications)")
        .contains("1 report read: 1 hard bounce")
        .contains("1 address newly suppressed (1 bounced)");

    assertThat(cli.run("suppress", "--list", "--home", h)).isZero();
    assertThat(cli.out())
        .contains("4 suppressions standing")
        .containsPattern("ann@shop\\.example +complained +by tom \\(complaint\\)")
        .containsPattern("bob@mail\\.example +bounced +by tom \\(bounce\\)");

    // staff may lift a bounce, never the customer's complaint
    assertThat(cli.run("suppress", "bob@mail.example", "--lift", "--home", h)).isZero();
    assertThat(cli.run("suppress", "ann@shop.example", "--lift", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("only they can lift it");
  }

  @Test
  void import_badInput_exitCodes_andHelp() throws IOException {
    String h = home.toString();
    assertThat(cli.run("bounces", "import", "--help")).isZero();
    assertThat(cli.out())
        .contains("CSV, as mail providers export it")
        .contains("RFC 3464")
        .contains("RFC 5965")
        .contains("--format");

    assertThat(cli.run("bounces", "import", dir.resolve("nope.csv").toString(), "--home", h))
        .isEqualTo(3);
    assertThat(cli.err()).contains("no such file or folder");

    Path csv = write("b.csv", "email,type\nbob@mail.example,hard\n");
    assertThat(cli.run("bounces", "import", csv.toString(), "--format", "xml", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("not a bounce file format: 'xml' (csv, dsn or auto)");

    Path noType = write("c.csv", "email,when\nbob@mail.example,2024-05-01\n");
    assertThat(cli.run("bounces", "import", noType.toString(), "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("says nothing of what happened");

    // nothing readable: the rejects are shown, and the exit code says so
    Path none = write("d.csv", "email,type\nbob,hard\nann@shop.example,opened\n");
    assertThat(cli.run("bounces", "import", none.toString(), "--home", h)).isEqualTo(3);
    assertThat(cli.out()).contains(none + " line 2:").contains(none + " line 3:");
    assertThat(cli.err()).contains("nothing in " + none + " could be read as a bounce");

    // a mapped column
    Path mapped = write("e.csv", "Mail;Art\nbob@mail.example;hard\n");
    assertThat(
            cli.run(
                "bounces",
                "import",
                mapped.toString(),
                "--columns",
                "email=Mail,type=Art",
                "--format",
                "csv",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("1 address newly suppressed (1 bounced)");
  }
}
