package org.rekindle.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKindTest {
  @TempDir Path dir;

  private static Optional<FileKind> kind(String... header) {
    return FileKind.detect(List.of(header));
  }

  @Test
  void detect_theUsualHeaders() {
    assertThat(kind("customer_id", "order_date", "amount")).contains(FileKind.ORDERS);
    assertThat(kind("Customer ID", "Invoice", "Date")).contains(FileKind.ORDERS);
    assertThat(kind("client", "timestamp")).contains(FileKind.ORDERS);
    assertThat(kind("customer", "date", "rating", "text")).contains(FileKind.FEEDBACK);
    assertThat(kind("Customer ID", "Review ID", "Stars", "Comment", "Received"))
        .contains(FileKind.FEEDBACK);
    assertThat(kind("customer_id", "name", "email", "owner_rep")).contains(FileKind.CUSTOMERS);
    assertThat(kind("account", "company", "created_at")).contains(FileKind.CUSTOMERS);
  }

  @Test
  void detect_anAmountMakesOrdersEvenWithAComment() {
    assertThat(kind("customer", "date", "amount", "comment")).contains(FileKind.ORDERS);
  }

  @Test
  void detect_aHeaderThatSaysNothing_isEmpty() {
    assertThat(kind("foo", "bar")).isEmpty();
    assertThat(kind("date", "amount", "rating")).contains(FileKind.ORDERS);
    assertThat(kind("rating", "text")).isEmpty();
  }

  @Test
  void detect_fromAFile_gzipAndSemicolonsToo() throws IOException {
    Path plain = dir.resolve("c.csv");
    Files.writeString(
        plain, "\uFEFFKunde;Name;E-Mail\n1;A;a@example.com\n", StandardCharsets.UTF_8);
    assertThat(FileKind.detect(plain)).isEmpty();
    Files.writeString(plain, "customer;name;email\n1;A;a@example.com\n", StandardCharsets.UTF_8);
    assertThat(FileKind.detect(plain)).contains(FileKind.CUSTOMERS);

    Path gz = dir.resolve("o.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("customer,date,amount\n1,2026-01-01,5\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(FileKind.detect(gz)).contains(FileKind.ORDERS);
  }

  @Test
  void detect_anEmptyFile_saysSo() throws IOException {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> FileKind.detect(empty))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void progress_rowsAreCountedWithTheirRejects() throws IOException {
    StringBuilder text = new StringBuilder("customer,date,rating\n");
    int n = ProgressListener.ROWS_STEP + 5;
    for (int i = 1; i <= n; i++) {
      // every thousandth row has a rating off the scale
      text.append(i).append(",2026-11-01,").append(i % 1000 == 0 ? 9 : 4).append('\n');
    }
    Path f = dir.resolve("f.csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    List<long[]> seen = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void progress(long bytesRead, long totalBytes) {}

          @Override
          public void rows(long read, long rejected) {
            seen.add(new long[] {read, rejected});
          }
        };

    FeedbackFileReader.builder().maxRejects(1).progress(listener).build().read(f, r -> {});

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).containsExactly(ProgressListener.ROWS_STEP, 10);
    assertThat(seen.get(1)).containsExactly(n, 10);
  }
}
