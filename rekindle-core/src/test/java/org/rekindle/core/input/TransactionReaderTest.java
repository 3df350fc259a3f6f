package org.rekindle.core.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rekindle.core.summary.RejectedTransactionException;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;

class TransactionReaderTest {
  private static final LocalDate JAN_1 = LocalDate.of(1997, 1, 1);

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, UTF_8);
    return file;
  }

  private static Recorder read(TransactionReader reader, Path file) {
    Recorder recorder = new Recorder();
    reader.read(file, recorder);
    return recorder;
  }

  private Recorder read(String content) throws IOException {
    return read(TransactionReader.builder().build(), write("t.csv", content));
  }

  @Test
  void read_commonColumnNames_foundIgnoringCaseSpacesUnderscoresAndDashes() throws IOException {
    Recorder r =
        read("Purchase-Date;Notes;Client ID;Dollar_Value;INVOICE\n1997-01-01;x;c7;12,50;A1\n");

    assertThat(r.rows)
        .containsExactly(new Recorder.Row("c7", JAN_1, 125_000, r.rows.get(0).orderKey(), 2));
    assertThat(r.rows.get(0).orderKey()).isNotZero();
  }

  @Test
  void read_withoutAmountAndOrderColumns_readsAmountZeroAndNoOrder() throws IOException {
    Recorder r = read("customer,date\nc1,1997-01-01\n");

    assertThat(r.rows).containsExactly(new Recorder.Row("c1", JAN_1, 0, 0, 2));
  }

  @Test
  void read_explicitMapping_overridesNames() throws IOException {
    Path file = write("t.csv", "id,kunde,datum,betrag\n9,c1,1997-01-01,3\n");
    TransactionReader reader =
        TransactionReader.builder()
            .columns(ColumnMapping.parse("customer=kunde, date=Datum, amount=betrag"))
            .build();

    assertThat(read(reader, file).rows)
        .containsExactly(new Recorder.Row("c1", JAN_1, 30_000, 0, 2));
  }

  @Test
  void read_missingColumn_namesHeaderAndWhatWasLookedFor() throws IOException {
    Path file = write("t.csv", "customer,when,amount\nc1,1997-01-01,3\n");

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("t.csv")
        .hasMessageContaining("has no date column")
        .hasMessageContaining("order_date, timestamp")
        .hasMessageContaining("'customer', 'when', 'amount'");
  }

  @Test
  void read_missingMappedColumn_fails() throws IOException {
    Path file = write("t.csv", "customer,date,amount\nc1,1997-01-01,3\n");
    TransactionReader reader =
        TransactionReader.builder().columns(ColumnMapping.parse("order=ref")).build();

    assertThatThrownBy(() -> read(reader, file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no order column: looked for 'ref' (as mapped)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1997-03-05",
        "19970305",
        "1997-03-05T10:15",
        "1997-03-05T10:15:30",
        "1997-03-05 10:15:30",
        "1997-03-05T10:15:30.123456",
        "1997-03-05T10:15:30Z",
        "1997-03-05T23:15:30-05:00",
        "1997-03-05 01:15:30+0100",
        "1997-03-05T10:15:30.5+01:00"
      })
  void read_isoDateForms_readAsTheDateWritten(String date) throws IOException {
    Recorder r = read("customer,date\nc1," + date + "\nc2," + date + "\n");

    assertThat(r.dates()).containsExactly(LocalDate.of(1997, 3, 5), LocalDate.of(1997, 3, 5));
  }

  @Test
  void read_explicitDateFormat_readsDayFirstDatesAndDateTimes() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,05/03/1997 10:15\nc1,31/12/1999 00:00\n");
    TransactionReader reader = TransactionReader.builder().dateFormat("dd/MM/yyyy HH:mm").build();

    assertThat(read(reader, file).dates())
        .containsExactly(LocalDate.of(1997, 3, 5), LocalDate.of(1999, 12, 31));
  }

  @Test
  void read_explicitDateFormat_rejectsImpossibleDates() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,05/03/1997\nc1,31/04/1997\n");
    TransactionReader reader =
        TransactionReader.builder().dateFormat("dd/MM/yyyy").maxRejects(1).build();

    assertThat(read(reader, file).dates()).containsExactly(LocalDate.of(1997, 3, 5));
  }

  @Test
  void read_ambiguousDayMonthDates_failWithAClearMessage() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,12/01/97\n");

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(
            "cannot recognise the date format of column 'date' (e.g. '12/01/97'); pass"
                + " --date-format");
  }

  @Test
  void read_dateFormatNotMatchingTheData_fails() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,1997-01-01\n");
    TransactionReader reader = TransactionReader.builder().dateFormat("dd.MM.yyyy").build();

    assertThatThrownBy(() -> read(reader, file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("the date format 'dd.MM.yyyy' does not match column 'date'");
  }

  @Test
  void read_invalidDatePattern_fails() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,1997-01-01\n");
    TransactionReader reader = TransactionReader.builder().dateFormat("dd/MM/yyyy {").build();

    assertThatThrownBy(() -> read(reader, file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'dd/MM/yyyy {' is not a valid pattern");
  }

  @Test
  void read_decimalCommaFile_readsGroupedAndPlainAmounts() throws IOException {
    Recorder r =
        read(
            "customer;date;amount\n"
                + "c1;1997-01-01;12,50\n"
                + "c1;1997-01-01;1.234,56\n"
                + "c1;1997-01-01;1.234\n"
                + "c1;1997-01-01;-€ 3,5\n"
                + "c1;1997-01-01;7,25 €\n");

    assertThat(r.amounts()).containsExactly(125_000L, 12_345_600L, 12_340_000L, -35_000L, 72_500L);
  }

  @Test
  void read_decimalPointFile_readsGroupedCurrencyAndNegativeAmounts() throws IOException {
    Recorder r =
        read(
            "customer,date,amount\n"
                + "c1,1997-01-01,12.5\n"
                + "c1,1997-01-01,\"1,234.56\"\n"
                + "c1,1997-01-01,\"1,234\"\n"
                + "c1,1997-01-01,$-0.99\n"
                + "c1,1997-01-01,0.00005\n"
                + "c1,1997-01-01,\"12,50\"\n");

    assertThat(r.amounts())
        .containsExactly(125_000L, 12_345_600L, 12_340_000L, -9_900L, 1L, 125_000L);
  }

  @Test
  void read_gzipFile_detectedByMagicBytesWhateverItsName() throws IOException {
    Path file = dir.resolve("plain-name.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("customer,date,amount\nc1,1997-01-01,2\nc2,1997-01-02,3\n".getBytes(UTF_8));
    }

    Recorder r = read(TransactionReader.builder().build(), file);

    assertThat(r.customers()).containsExactly("c1", "c2");
    assertThat(r.amounts()).containsExactly(20_000L, 30_000L);
  }

  @Test
  void read_corruptGzip_failsWithInputException() throws IOException {
    Path file = dir.resolve("t.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write("customer,date\nc1,1997-01-01\n".getBytes(UTF_8));
    }
    byte[] data = bytes.toByteArray();
    Files.write(file, java.util.Arrays.copyOf(data, data.length / 2));

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("t.csv.gz");
  }

  @Test
  void read_corruptGzipIntoSummarizer_failsOnTheReadingThread() throws IOException {
    // a Summarizer is fed by a second, parsing thread: its failure must surface here, intact
    Path file = dir.resolve("s.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      StringBuilder sb = new StringBuilder("customer,date,amount\n");
      for (int i = 0; i < 50_000; i++) {
        sb.append('c').append(i % 977).append(",1997-01-").append(10 + i % 20).append(",5\n");
      }
      out.write(sb.toString().getBytes(UTF_8));
    }
    byte[] data = bytes.toByteArray();
    Files.write(file, java.util.Arrays.copyOf(data, data.length / 2));

    assertThatThrownBy(() -> TransactionReader.builder().build().read(file, new Summarizer()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("s.csv.gz");
  }

  @Test
  void read_utf8Bom_isSkipped() throws IOException {
    Recorder r = read("\uFEFFcustomer_id,date\nkäufer,1997-01-01\n");

    assertThat(r.customers()).containsExactly("käufer");
  }

  @Test
  void read_tabAndPipeDelimiters_detected() throws IOException {
    assertThat(read("customer\tdate\tamount\nc1\t1997-01-01\t1,5\n").amounts())
        .containsExactly(15_000L);
    assertThat(read("customer|date|amount\nc1|1997-01-01|2\n").amounts()).containsExactly(20_000L);
  }

  @Test
  void read_badRows_writtenToRejectsFileWithPhysicalLineNumbers() throws IOException {
    Path file =
        write(
            "t.csv",
            "customer,date,amount,note\n"
                + "c1,1997-01-01,1,ok\n"
                + ",1997-01-01,1,no customer\n"
                + "\n"
                + "c1,1997-02-30,1,bad date\n"
                + "c1,1997-01-01,\"1,2,3\",\"bad\namount\"\n"
                + "c1,1997-01-01,1\n"
                + "c1,1997-01-01,,no amount\n"
                + "c1,1997-01-02,2,ok\n");
    Path rejects = dir.resolve("rejects.csv");
    TransactionReader reader =
        TransactionReader.builder().maxRejects(1).rejectsFile(rejects).build();
    Recorder r = new Recorder();

    ReadReport report = reader.read(file, r);

    assertThat(r.rows).extracting(Recorder.Row::line).containsExactly(2L, 10L);
    assertThat(report.rows()).isEqualTo(7);
    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(5);
    assertThat(report.rejectsFile()).contains(rejects);
    assertThat(Files.readString(rejects, UTF_8))
        .isEqualTo(
            "line,reason,raw\r\n"
                + "3,missing customer id in column 'customer',\",1997-01-01,1,no customer\"\r\n"
                + "5,column 'date': cannot read '1997-02-30' as a date (expected yyyy-MM-dd),"
                + "\"c1,1997-02-30,1,bad date\"\r\n"
                + "6,\"column 'amount': cannot read '1,2,3' as an amount (expected a number such"
                + " as 1,234.50, at most 12 digits before the decimal separator)\","
                + "\"c1,1997-01-01,\"\"1,2,3\"\",\"\"bad\namount\"\"\"\r\n"
                + "8,\"expected 4 fields as in the header, found 3\",\"c1,1997-01-01,1\"\r\n"
                + "9,missing amount in column 'amount',\"c1,1997-01-01,,no amount\"\r\n");
  }

  @Test
  void read_tooManyRejects_failsAfterReadingAndPointsToTheRejectsFile() throws IOException {
    StringBuilder csv = new StringBuilder("customer,date\n");
    for (int i = 0; i < 98; i++) {
      csv.append("c").append(i).append(",1997-01-01\n");
    }
    csv.append("c1,not a date\nc2,1997-13-01\n");
    Path file = write("t.csv", csv.toString());
    Path rejects = dir.resolve("rejects.csv");

    assertThatThrownBy(() -> read(TransactionReader.builder().rejectsFile(rejects).build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("2 of 100 rows (2%) rejected, above the 1% limit")
        .hasMessageContaining("see the rejects file '" + rejects + "'");
    assertThat(Files.readAllLines(rejects)).hasSize(3);
  }

  @Test
  void read_rejectsWithinTheLimit_pass() throws IOException {
    StringBuilder csv = new StringBuilder("customer,date\n");
    for (int i = 0; i < 99; i++) {
      csv.append("c").append(i).append(",1997-01-01\n");
    }
    csv.append("c1,not a date\n");

    Recorder r = read(TransactionReader.builder().build(), write("t.csv", csv.toString()));

    assertThat(r.rows).hasSize(99);
  }

  @Test
  void read_tooManyRejectsWithoutRejectsFile_quotesTheFirstReasons() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,1997-01-01\nc1,1997-01-32\n");

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 of 2 rows (50%) rejected")
        .hasMessageContaining("line 3: column 'date': cannot read '1997-01-32'");
  }

  @Test
  void read_emptyFile_fails() throws IOException {
    Path file = write("empty.csv", "");

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessage("file '" + file + "' is empty: expected a header line");
  }

  @Test
  void read_headerOnly_fails() throws IOException {
    Path file = write("header.csv", "customer,date,amount\n\n");

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has a header but no data rows");
  }

  @Test
  void read_missingFile_fails() {
    Path file = dir.resolve("nope.csv");

    assertThatThrownBy(() -> read(TransactionReader.builder().build(), file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void read_orderIdOfAnotherCustomer_isRejectedAndDuplicatesAreDropped() throws IOException {
    Path file =
        write(
            "t.csv",
            "customer,date,amount,order_id\n"
                + "c1,1997-01-01,10,A\n"
                + "c1,1997-01-01,10,A\n"
                + "c2,1997-01-05,10,A\n"
                + "c2,1997-01-05,10,B\n");
    Path rejects = dir.resolve("rejects.csv");
    Summarizer summarizer = new Summarizer();

    ReadReport report =
        TransactionReader.builder()
            .maxRejects(0.5)
            .rejectsFile(rejects)
            .build()
            .read(file, summarizer);
    Summaries s = summarizer.summarize(SummaryOptions.defaults());

    assertThat(report.rejected()).isEqualTo(1);
    assertThat(Files.readAllLines(rejects))
        .containsExactly(
            "line,reason,raw",
            "4,order id already belongs to customer 'c1',\"c2,1997-01-05,10,A\"");
    assertThat(s.counts().duplicateOrders()).isEqualTo(1);
    assertThat(s.counts().rows()).isEqualTo(3);
  }

  @Test
  void read_stream_reportsProgressToTheEnd() {
    List<long[]> calls = new ArrayList<>();
    byte[] data = "customer,date\nc1,1997-01-01\n".getBytes(UTF_8);
    TransactionReader reader =
        TransactionReader.builder()
            .progress((read, total) -> calls.add(new long[] {read, total}))
            .build();

    reader.read(new ByteArrayInputStream(data), "memory", new Recorder());

    assertThat(calls).isNotEmpty();
    assertThat(calls.get(calls.size() - 1)).containsExactly(data.length, -1);
  }

  @Test
  void read_file_reportsProgressAgainstTheFileSize() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,1997-01-01\n");
    List<long[]> calls = new ArrayList<>();
    TransactionReader reader =
        TransactionReader.builder()
            .progress((read, total) -> calls.add(new long[] {read, total}))
            .build();

    reader.read(file, new Recorder());

    long size = Files.size(file);
    assertThat(calls.get(calls.size() - 1)).containsExactly(size, size);
  }

  @Test
  void read_repeatedCustomer_reusesTheIdString() throws IOException {
    Recorder r = read("customer,date\nc1,1997-01-01\nc1,1997-01-02\nc2,1997-01-02\n");

    assertThat(r.rows.get(0).customer()).isSameAs(r.rows.get(1).customer());
    assertThat(r.dates())
        .containsExactly(JAN_1, LocalDate.of(1997, 1, 2), LocalDate.of(1997, 1, 2));
  }

  @Test
  void read_dateOutsideTheSupportedRange_isRejected() throws IOException {
    Path file = write("t.csv", "customer,date\nc1,1997-01-01\nc1,1066-10-14\n");
    Path rejects = dir.resolve("r.csv");

    read(TransactionReader.builder().maxRejects(1).rejectsFile(rejects).build(), file);

    assertThat(Files.readAllLines(rejects).get(1))
        .startsWith("3,column 'date': the date '1066-10-14' is outside 1800-01-01 .. 2299-12-31");
  }

  @Test
  void read_intoSummarizer_isTheSameAsRowByRowWithRejectsInLineOrder() throws IOException {
    // Many batches, a file larger than the sample (so the size hint is used), unsorted dates,
    // short, long and non-Latin ids, refunds, duplicate and foreign order ids, bad dates.
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("customer,date,amount,order_id\n");
    int rows = 10 * TransactionHandler.BATCH + 17;
    String previous = "";
    for (int i = 0; i < rows; i++) {
      int c = random.nextInt(300);
      String id = c % 10 == 0 ? "customer-with-a-long-id-" + c : c % 10 == 1 ? "κ" + c : "c" + c;
      String date = i % 17 == 5 ? "not-a-date" : JAN_1.plusDays(random.nextInt(400)).toString();
      int cents = 100 + random.nextInt(10_000);
      String amount = (random.nextInt(20) == 0 ? "-" : "") + cents / 100 + "." + cents % 100;
      String order = "O" + (i % 13 == 3 ? random.nextInt(i) : i);
      String line = id + "," + date + "," + amount + "," + order + "\n";
      // Now and then the previous row again: a duplicate order of the same customer.
      csv.append(i % 29 == 7 ? previous : line);
      previous = line;
    }
    Path file = write("t.csv", csv.toString());
    assertThat(Files.size(file)).isGreaterThan(Source.SAMPLE_BYTES);
    TransactionReader reader = TransactionReader.builder().maxRejects(1).build();

    Summarizer bulk = new Summarizer();
    Path rejects = dir.resolve("rejects.csv");
    ReadReport report =
        TransactionReader.builder().maxRejects(1).rejectsFile(rejects).build().read(file, bulk);
    Recorder recorder = read(reader, file);
    Summarizer oneByOne = new Summarizer();
    TreeSet<Long> expectedRejects = new TreeSet<>();
    for (long line = 2; line <= rows + 1; line++) {
      expectedRejects.add(line);
    }
    for (Recorder.Row row : recorder.rows) {
      expectedRejects.remove(row.line());
      try {
        oneByOne.accept(
            row.customer(),
            (int) row.date().toEpochDay(),
            row.amountMinor(),
            row.orderKey(),
            row.line());
      } catch (RejectedTransactionException e) {
        expectedRejects.add(row.line());
      }
    }

    List<Long> rejectedLines =
        Files.readAllLines(rejects).stream()
            .skip(1)
            .map(l -> Long.parseLong(l.substring(0, l.indexOf(','))))
            .toList();
    assertThat(rejectedLines).containsExactlyElementsOf(expectedRejects);
    assertThat(expectedRejects.size()).isGreaterThan(rows / 17 + 10);
    assertThat(report.rejected()).isEqualTo(expectedRejects.size());
    assertThat(report.accepted()).isEqualTo(rows - expectedRejects.size());
    Summaries a = bulk.summarize(SummaryOptions.defaults());
    Summaries b = oneByOne.summarize(SummaryOptions.defaults());
    assertThat(a.customers()).isEqualTo(b.customers());
    assertThat(a.counts()).isEqualTo(b.counts());
    assertThat(a.counts().duplicateOrders()).isPositive();
  }
}
