package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * The default playbooks end to end: the CDNOW history with 400 customers reachable by every
 * channel, two daily runs, a dry-run plan, then `rekindle send` into a real SMTP server (GreenMail
 * on 127.0.0.1) on a real PostgreSQL. Nothing is sent twice, not even by a second send.
 */
class OutreachEndToEndTest {
  @TempDir Path home;
  private final CliRun cli = new CliRun();
  private GreenMail mail;
  private int port;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void defaultPlaybooks_planThenSend_nothingTwice() throws Exception {
    String h = home.toString();
    cli.importExample(h);
    // 400 of the CDNOW customers, reachable by every channel; some key accounts, some credit
    // accounts, some birthdays in the coming week
    List<String> rows = new ArrayList<>();
    rows.add(
        "customer_id,name,email,phone,address,city,postal_code,birthday,owner_rep,segment,"
            + "account_kind,consent_email,consent_letter,consent_phone");
    for (int i = 6; i <= 405; i++) {
      rows.add(
          i
              + ",Customer "
              + i
              + ",c"
              + i
              + "@mail.example,+1 555 "
              + (1000 + i)
              + ","
              + i
              + " Main St,Springfield,"
              + (10000 + i)
              + ","
              + (i % 4 == 0 ? "1970-10-18" : "1970-03-01")
              + ","
              + (i % 2 == 0 ? "maria" : "tom")
              + ","
              + (i % 10 == 0 ? "key" : "retail")
              + ","
              + (i % 7 == 0 ? "credit_account" : "consumer")
              + ",yes,yes,yes");
    }
    Path customers = home.resolve("reachable.csv");
    Files.write(customers, rows, StandardCharsets.UTF_8);
    assertThat(run("import", "customers", customers.toString(), "--home", h))
        .as(cli.err())
        .isZero();
    assertThat(run("run", "--as-of", "1997-09-30", "--home", h)).as(cli.err()).isZero();
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).as(cli.err()).isZero();
    // the shipped playbooks, with a business named and no quiet hours (the test runs at any
    // hour)
    String yaml =
        PlaybookLoader.defaultText()
            .replace("name: Example Supply Co.", "name: Hill Lumber")
            .replace("from_email: hello@example.com", "from_email: accounts@hill.example")
            .replace(
                "  quiet_hours:                      # no email goes out",
                "  quiet_hours: false\n  old_quiet_hours:                  # no email goes out");
    yaml = dropOldQuietHours(yaml);
    Files.writeString(home.resolve("rekindle.yaml"), yaml, StandardCharsets.UTF_8);
    assertThat(run("playbooks", "--home", h)).as(cli.err() + cli.out()).isZero();

    assertThat(run("plan", "--as-of", "1997-10-14", "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Dry run of the plan for 1997-10-14");
    assertThat(count(h, "SELECT count(*) FROM outbox")).isZero();

    assertThat(
            run(
                "send",
                "--as-of",
                "1997-10-14",
                "--smtp",
                "127.0.0.1:" + port,
                "--workers",
                "3",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    String sendOut = cli.out();
    assertThat(cli.err()).contains("sending through SMTP at 127.0.0.1:" + port);

    long sent = count(h, "SELECT count(*) FROM outbox WHERE status = 'sent'");
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(sent).isPositive();
    assertThat(received).hasSize((int) sent);
    assertThat(sendOut).contains("Emails: " + sent + " sent");
    Set<String> ids = new HashSet<>();
    for (MimeMessage m : received) {
      assertThat(ids.add(m.getMessageID())).as("a message twice: %s", m.getMessageID()).isTrue();
      assertThat(m.getHeader("List-Unsubscribe")[0]).startsWith("<http://127.0.0.1:8080/u/");
      assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
      assertThat(m.getFrom()[0].toString()).contains("accounts@hill.example");
    }
    // every playbook that emails did: the win-back carries its offer code
    long winBacks =
        count(
            h,
            "SELECT count(*) FROM outbox o JOIN offers f ON f.id = o.offer_id"
                + " WHERE o.playbook = 'dormant-win-back' AND o.channel = 'email'"
                + " AND o.status = 'sent'");
    if (winBacks > 0) {
      String code =
          text(
              h,
              "SELECT f.code FROM outbox o JOIN offers f ON f.id = o.offer_id"
                  + " WHERE o.playbook = 'dormant-win-back' AND o.channel = 'email' LIMIT 1");
      boolean found = false;
      for (MimeMessage m : received) {
        String body = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        found |= body.replace("-", "").contains(code);
      }
      assertThat(found).as("the offer code %s in a win-back email", code).isTrue();
    }
    // every sent email is a contact, and the plan's decisions are kept
    assertThat(count(h, "SELECT count(*) FROM contacts WHERE source = 'outreach'")).isEqualTo(sent);
    assertThat(count(h, "SELECT count(*) FROM plan_decisions")).isPositive();
    // no holdout customer got anything
    assertThat(
            count(
                h,
                "SELECT count(*) FROM outbox o JOIN playbook_holdout p ON p.customer_id ="
                    + " o.customer_id AND p.playbook = o.playbook AND p.held_out"))
        .isZero();

    // a second send the same day sends nothing more
    assertThat(run("send", "--as-of", "1997-10-14", "--smtp", "127.0.0.1:" + port, "--home", h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("Emails: 0 sent");
    assertThat(mail.getReceivedMessages()).hasSize((int) sent);

    // the letters the plan queued, printed once
    long letters = count(h, "SELECT count(*) FROM outbox WHERE channel = 'letter'");
    assertThat(letters).isPositive();
    Path pdf = home.resolve("letters.pdf");
    assertThat(run("letters", "--out", pdf.toString(), "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Printed " + letters + " letters");
    assertThat(Files.size(pdf)).isPositive();
    assertThat(Files.readAllLines(home.resolve("letters.csv"))).hasSizeGreaterThan(1);
    assertThat(count(h, "SELECT count(*) FROM outbox WHERE status = 'printed'")).isEqualTo(letters);
    assertThat(run("letters", "--out", pdf.toString(), "--home", h)).isZero();
    assertThat(cli.out()).contains("No letters wait to be printed.");
  }

  /** The default file's quiet-hours block, minus its mapping (replaced by false above). */
  private static String dropOldQuietHours(String yaml) {
    StringBuilder out = new StringBuilder();
    boolean skipping = false;
    for (String line : yaml.split("\n", -1)) {
      if (line.startsWith("  old_quiet_hours:")) {
        skipping = true;
        continue;
      }
      if (skipping && line.startsWith("    ")) {
        continue;
      }
      skipping = false;
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static long count(String home, String sql) {
    try (Store s = Store.open(StoreSettings.embedded(Path.of(home)), n -> {})) {
      return s.jdbi().withHandle(x -> x.select(sql).mapTo(Long.class).one());
    }
  }

  private static String text(String home, String sql) {
    try (Store s = Store.open(StoreSettings.embedded(Path.of(home)), n -> {})) {
      return s.jdbi().withHandle(x -> x.select(sql).mapTo(String.class).one());
    }
  }
}
