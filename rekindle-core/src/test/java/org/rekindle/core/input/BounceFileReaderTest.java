package org.rekindle.core.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.bounce.Bounce;
import org.rekindle.core.bounce.Bounce.Kind;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.bounce.Origin;
import org.rekindle.core.bounce.Rejected;

class BounceFileReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, UTF_8);
    return file;
  }

  private static BounceFile read(Path file) {
    return BounceFileReader.builder().build().read(file);
  }

  @Test
  void read_providerExport_findsColumnsByTheirUsualNamesAndWords() throws IOException {
    // as a newsletter service exports its cleaned addresses: words with spaces and capitals
    Path file =
        write(
            "mailchimp.csv",
            "Email Address,Bounce Type,Date,Reason,Message-ID\n"
                + "Bob@Mail.Example,hard,2024-05-01 10:15:00,550 5.1.1 user unknown,<a1@rekindle>\n"
                + "ann@shop.example,Soft,2024-05-01T11:00:00+02:00,mailbox full,\n"
                + "cy@corp.example,Spam Complaint,2024-05-02,,\n"
                + "dee@corp.example,Unsubscribed,,,\n"
                + "eve@corp.example,abuse,\"Thu, 2 May 2024 09:00:00 +0000 (UTC)\",,\n");

    BounceFile f = read(file);

    assertThat(f.format()).isEqualTo("CSV");
    assertThat(f.rejected()).isEmpty();
    assertThat(f.bounces())
        .extracting(Bounce::address, Bounce::kind, Bounce::at)
        .containsExactly(
            tuple(
                "Bob@Mail.Example", Kind.HARD, Optional.of(Instant.parse("2024-05-01T10:15:00Z"))),
            tuple(
                "ann@shop.example", Kind.SOFT, Optional.of(Instant.parse("2024-05-01T09:00:00Z"))),
            tuple(
                "cy@corp.example",
                Kind.COMPLAINT,
                Optional.of(Instant.parse("2024-05-02T00:00:00Z"))),
            tuple("dee@corp.example", Kind.UNSUBSCRIBE, Optional.empty()),
            tuple(
                "eve@corp.example",
                Kind.COMPLAINT,
                Optional.of(Instant.parse("2024-05-02T09:00:00Z"))));
    Bounce bob = f.bounces().get(0);
    assertThat(bob.detail()).isEqualTo("550 5.1.1 user unknown");
    assertThat(bob.messageId()).contains("<a1@rekindle>");
    assertThat(bob.origin()).isEqualTo(Origin.line(file.toString(), 2));
    assertThat(f.bounces().get(2).messageId()).isEmpty();
  }

  @Test
  void read_statusWithoutType_saysHardOrSoftByItsClass() throws IOException {
    // a bounce list of the kind a sending service exports: status codes and Unix times
    Path file =
        write(
            "bounces.csv",
            "email,created,reason,status\n"
                + "bob@mail.example,1714557600,\"550 5.1.1 The email account does not exist\",5.1.1\n"
                + "ann@shop.example,1714557600123,452 mailbox full,4.2.2\n");

    BounceFile f = read(file);

    assertThat(f.bounces())
        .extracting(Bounce::kind, Bounce::at, Bounce::detail)
        .containsExactly(
            tuple(
                Kind.HARD,
                Optional.of(Instant.parse("2024-05-01T10:00:00Z")),
                "550 5.1.1 The email account does not exist"),
            tuple(
                Kind.SOFT,
                Optional.of(Instant.parse("2024-05-01T10:00:00.123Z")),
                "4.2.2 452 mailbox full"));
  }

  @Test
  void read_badRows_areRejectedWithTheirLineAndReason_theRestRead() throws IOException {
    Path file =
        write(
            "events.csv",
            "recipient;event;timestamp;description\n"
                + "bob@mail.example;bounce;2024-05-01T10:00:00Z;550 no such user\n"
                + "not-an-address;bounce;2024-05-01T10:00:00Z;\n"
                + "ann@shop.example;opened;2024-05-01T10:00:00Z;\n"
                + "cy@corp.example;spamreport;yesterday;\n"
                + "dee@corp.example;unsubscribe;2024-05-01T10:00:00Z;via link;extra\n"
                + ";bounce;;\n"
                + "eve@corp.example;;;\n"
                + "fay@corp.example;Permanent;2024-05-01T10:00:00Z;\n");

    BounceFile f = read(file);

    assertThat(f.bounces())
        .extracting(Bounce::address, Bounce::kind)
        .containsExactly(
            tuple("bob@mail.example", Kind.HARD), tuple("fay@corp.example", Kind.HARD));
    assertThat(f.rejected())
        .extracting(r -> r.origin().number(), Rejected::reason)
        .containsExactly(
            tuple(3L, "column 'recipient': 'not-an-address' is not an email address"),
            tuple(
                4L,
                "column 'event': 'opened' is not a kind of bounce (hard, soft, complaint, spam,"
                    + " abuse, unsubscribe, or a status such as 5.1.1)"),
            tuple(
                5L,
                "column 'timestamp': cannot read 'yesterday' as a date and time (ISO 8601 such as"
                    + " 2024-05-01T10:00:00Z, a Unix time in seconds, or an RFC 1123 date)"),
            tuple(6L, "expected 4 fields as in the header, found 5"),
            tuple(7L, "no email address in column 'recipient'"),
            tuple(8L, "no type or status: the row does not say what happened"));
    assertThat(f.rejected().get(3).raw())
        .isEqualTo("dee@corp.example;unsubscribe;2024-05-01T10:00:00Z;via link;extra");
    assertThat(f.rejected().get(0).toString())
        .isEqualTo(file + " line 3: column 'recipient': 'not-an-address' is not an email address");
    assertThat(f.read()).isEqualTo(8);
  }

  @Test
  void read_headerOnly_isNothingToReport() throws IOException {
    BounceFile f = read(write("none.csv", "email,type\n"));
    assertThat(f.bounces()).isEmpty();
    assertThat(f.rejected()).isEmpty();
  }

  @Test
  void read_withoutTypeOrStatus_orEmail_refusesTheFile() throws IOException {
    assertThatThrownBy(() -> read(write("a.csv", "email,date\nbob@mail.example,2024-05-01\n")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("says nothing of what happened")
        .hasMessageContaining("--columns type=<column>");
    assertThatThrownBy(() -> read(write("b.csv", "customer,type\n7,hard\n")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has no email column");
    assertThatThrownBy(() -> read(write("c.csv", "")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void read_mappedColumns_andGzip() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("Kunde,Mail,Art\n7,bob@mail.example,hard\n".getBytes(UTF_8));
    }
    BounceFile f =
        BounceFileReader.builder()
            .columns("email=Mail,type=Art")
            .build()
            .read(new ByteArrayInputStream(gz.toByteArray()), "export.csv.gz");

    assertThat(f.bounces())
        .singleElement()
        .extracting(Bounce::address)
        .isEqualTo("bob@mail.example");
    assertThat(f.source()).isEqualTo("export.csv.gz");
    assertThatThrownBy(() -> BounceFileReader.builder().columns("mail=Mail"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("email, type, status, date, reason, message_id");
  }

  @Test
  void instant_readsTheFormsProvidersWrite() {
    assertThat(BounceFileReader.instant("2024-05-01T10:00:00Z"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(BounceFileReader.instant("2024-05-01 10:00:00 +0200"))
        .isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
    assertThat(BounceFileReader.instant("2024-05-01T10:00"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(BounceFileReader.instant("1714557600.5"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.5Z"));
    assertThat(BounceFileReader.instant("Wed, 1 May 2024 10:00:00 GMT"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(BounceFileReader.instant("17145576000")).isNull();
    assertThat(BounceFileReader.instant("01/05/2024")).isNull();
    assertThat(BounceFileReader.instant("2024-13-01")).isNull();
    assertThat(BounceFileReader.instant("20240501")).isNull();
  }
}
