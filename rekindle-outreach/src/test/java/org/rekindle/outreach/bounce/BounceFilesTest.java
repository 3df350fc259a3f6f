package org.rekindle.outreach.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.bounce.Bounce;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.input.BounceFileReader;
import org.rekindle.outreach.bounce.BounceFiles.Format;

class BounceFilesTest {
  @TempDir Path dir;

  @Test
  void detect_tellsMessagesFromCsvByTheirContent() throws IOException {
    Path csv = dir.resolve("export.txt");
    Files.writeString(csv, "\uFEFFemail,type\nbob@mail.example,hard\n", UTF_8);
    Path eml = dir.resolve("bounce-1");
    Files.copy(DeliveryReportsTest.sample("postfix-hard.eml"), eml);
    Path mbox = dir.resolve("returns");
    Files.copy(DeliveryReportsTest.sample("returns.mbox"), mbox);
    Path gz = dir.resolve("export");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("Return-Path: looks like mail but is gzip\n".getBytes(UTF_8));
    }

    assertThat(BounceFiles.detect(csv)).isEqualTo(Format.CSV);
    assertThat(BounceFiles.detect(eml)).isEqualTo(Format.DSN);
    assertThat(BounceFiles.detect(mbox)).isEqualTo(Format.DSN);
    assertThat(BounceFiles.detect(gz)).isEqualTo(Format.CSV);
    assertThat(BounceFiles.detect(dir)).isEqualTo(Format.DSN);
    assertThat(BounceFiles.detect(DeliveryReportsTest.sample("yahoo-abuse.eml")))
        .isEqualTo(Format.DSN);
  }

  @Test
  void read_auto_readsEitherFormat() throws IOException {
    Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "email,type\nbob@mail.example,hard\n", UTF_8);
    BounceFileReader reader = BounceFileReader.builder().build();

    BounceFile fromCsv = BounceFiles.read(csv, Format.AUTO, reader);
    BounceFile fromMbox =
        BounceFiles.read(DeliveryReportsTest.sample("returns.mbox"), Format.AUTO, reader);

    assertThat(fromCsv.format()).isEqualTo("CSV");
    assertThat(fromCsv.bounces()).extracting(Bounce::kind).containsExactly(Bounce.Kind.HARD);
    assertThat(fromMbox.format()).isEqualTo("delivery status notifications");
    assertThat(fromMbox.bounces()).hasSize(2);
  }

  @Test
  void parse_namesTheFormats() {
    assertThat(Format.parse(" DSN ")).isEqualTo(Format.DSN);
    assertThatThrownBy(() -> Format.parse("xml"))
        .hasMessage("not a bounce file format: 'xml' (csv, dsn or auto)");
  }
}
