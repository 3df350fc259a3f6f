package org.rekindle.outreach.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.bounce.Bounce;
import org.rekindle.core.bounce.Bounce.Kind;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.bounce.Rejected;
import org.rekindle.core.input.InputException;

/** Reports as mail servers write them, kept beside this test as .eml and mbox files. */
class DeliveryReportsTest {
  @TempDir Path dir;

  static Path sample(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(DeliveryReportsTest.class.getResource(name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void read_postfixBounce_isHardWithTheServersWords() {
    Path file = sample("postfix-hard.eml");
    BounceFile f = DeliveryReports.read(file);

    assertThat(f.rejected()).isEmpty();
    Bounce b = f.bounces().get(0);
    assertThat(f.bounces()).hasSize(1);
    assertThat(b.address()).isEqualTo("bob@mail.example");
    assertThat(b.kind()).isEqualTo(Kind.HARD);
    assertThat(b.at()).contains(Instant.parse("2024-05-01T10:15:01Z"));
    assertThat(b.detail())
        .isEqualTo(
            "550 5.1.1 <bob@mail.example>: Recipient address rejected: User unknown in virtual"
                + " mailbox table");
    assertThat(b.messageId()).contains("<r1-2024-05-01-7@rekindle.shop.example>");
    assertThat(b.origin()).hasToString(file + " message 1");
  }

  @Test
  void read_delayed_isSoft() {
    BounceFile f = DeliveryReports.read(sample("exchange-delayed.eml"));

    assertThat(f.bounces())
        .extracting(Bounce::address, Bounce::kind, Bounce::at, Bounce::detail)
        .containsExactly(
            tuple(
                "ann@corp.example",
                Kind.SOFT,
                Optional.of(Instant.parse("2024-05-01T10:15:04Z")),
                "4.4.7"));
  }

  @Test
  void read_abuseReport_isAComplaintByTheOriginalRecipient() {
    BounceFile f = DeliveryReports.read(sample("yahoo-abuse.eml"));

    assertThat(f.bounces())
        .extracting(Bounce::address, Bounce::kind, Bounce::at, Bounce::detail, Bounce::messageId)
        .containsExactly(
            tuple(
                "Cy@Corp.Example",
                Kind.COMPLAINT,
                Optional.of(Instant.parse("2024-05-02T08:10:02Z")),
                "abuse report by MailFeedback/2.1",
                Optional.of("<r1-2024-05-02-9@rekindle.shop.example>")));
  }

  @Test
  void read_mbox_readsEveryMessage_andRejectsWhatIsNoFailureWithItsNumber() {
    Path file = sample("returns.mbox");
    BounceFile f = DeliveryReports.read(file);

    assertThat(f.bounces())
        .extracting(b -> b.origin().number(), Bounce::address, Bounce::kind, Bounce::at)
        .containsExactly(
            tuple(
                1L,
                "dee@gone.example",
                Kind.HARD,
                Optional.of(Instant.parse("2024-05-01T10:20:00Z"))),
            // no Original-Rcpt-To: the one To of the headers complained of
            tuple(
                3L,
                "gus@isp.example",
                Kind.COMPLAINT,
                Optional.of(Instant.parse("2024-05-02T08:58:00Z"))));
    assertThat(f.rejected())
        .extracting(r -> r.origin().number(), Rejected::reason, Rejected::raw)
        .containsExactly(
            tuple(
                1L,
                "recipient 2: eve@fine.example was reported 'delivered', not a failure",
                "Subject: Returned mail: see transcript for details"),
            tuple(
                2L,
                "not a delivery status notification (RFC 3464) or complaint report (RFC 5965):"
                    + " its type is text/plain; bounces written as free text are not read",
                "Subject: failure notice"),
            tuple(
                4L,
                "Feedback-Type 'not-spam' is not a spam complaint (only 'abuse' is the"
                    + " recipient's complaint)",
                "Subject: not spam"));
    assertThat(f.bounces().get(0).detail())
        .isEqualTo("550 5.1.2 Host unknown (Name server: gone.example: host not found)");
    assertThat(f.read()).isEqualTo(5);
  }

  @Test
  void read_folder_readsItsEmlFilesInNameOrder() throws IOException {
    for (String name :
        new String[] {"yahoo-abuse.eml", "postfix-hard.eml", "exchange-delayed.eml"}) {
      Files.copy(sample(name), dir.resolve(name));
    }
    Files.writeString(dir.resolve("notes.txt"), "not a message", UTF_8);

    BounceFile f = DeliveryReports.read(dir);

    assertThat(f.source()).isEqualTo(dir.toString());
    assertThat(f.bounces())
        .extracting(b -> b.origin().file(), Bounce::kind)
        .containsExactly(
            tuple(dir.resolve("exchange-delayed.eml").toString(), Kind.SOFT),
            tuple(dir.resolve("postfix-hard.eml").toString(), Kind.HARD),
            tuple(dir.resolve("yahoo-abuse.eml").toString(), Kind.COMPLAINT));
    assertThat(f.rejected()).isEmpty();
  }

  @Test
  void read_emptyFolderOrMissingFile_isBadInput() {
    assertThatThrownBy(() -> DeliveryReports.read(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("holds no .eml files");
    assertThatThrownBy(() -> DeliveryReports.read(dir.resolve("nope.eml")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("cannot read file");
  }

  @Test
  void read_reportsThatAreIncomplete_areRejectedWithTheirReason() {
    String noRecipient =
        "From: fbl@isp.example\n"
            + "Subject: complaint\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=b\n\n"
            + "--b\n"
            + "Content-Type: message/feedback-report\n\n"
            + "Feedback-Type: abuse\n"
            + "Version: 1\n\n"
            + "--b\n"
            + "Content-Type: text/rfc822-headers\n\n"
            + "From: news@shop.example\n"
            + "To: a@isp.example, b@isp.example\n\n"
            + "--b--\n";
    String noStatus =
        "From: postmaster@isp.example\n"
            + "Subject: bounce\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=c\n\n"
            + "--c\n"
            + "Content-Type: message/delivery-status\n\n"
            + "Reporting-MTA: dns; mx.isp.example\n\n"
            + "--c--\n";
    assertThat(read(noRecipient).rejected())
        .extracting(Rejected::reason)
        .containsExactly(
            "the message complained of was sent to 2 addresses and no Original-Rcpt-To says"
                + " which one complained");
    assertThat(read(noStatus).rejected())
        .extracting(Rejected::reason)
        .containsExactly(
            "a delivery status notification that names no recipient (no per-recipient fields)");
    // found by fuzzing: the mail library fails on a first line that continues nothing
    assertThat(read(" \n  ").rejected())
        .extracting(Rejected::reason)
        .singleElement()
        .asString()
        .startsWith("cannot read the message: its headers are broken");
    assertThat(read(noStatus.replace("Reporting-MTA", " \nReporting-MTA")).rejected())
        .extracting(Rejected::reason)
        .containsExactly(
            "a delivery status notification that names no recipient (no per-recipient fields)");
    assertThat(read("just some text\n").rejected())
        .extracting(Rejected::reason)
        .singleElement()
        .asString()
        .contains("its type is text/plain");
  }

  private static BounceFile read(String message) {
    InputStream in = new ByteArrayInputStream(message.getBytes(UTF_8));
    return DeliveryReports.read(in, "test.eml");
  }
}
