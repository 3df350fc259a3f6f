package org.rekindle.core.summary;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.ReadReport;
import org.rekindle.core.input.TransactionReader;

/**
 * The CDNOW sample (Fader, Hardie &amp; Lee 2005) summarised from its transaction log must give the
 * published calibration summary: x, t_x and T as in {@code cdnow_customers_summary.csv} and zbar as
 * in {@code cdnow_customers_summary_with_transactions.csv}, all rounded to 2 decimals.
 */
class CdnowSummaryTest {
  static final Path CDNOW = Path.of("..", "examples", "cdnow");
  private static Summaries summaries;
  private static ReadReport report;

  @BeforeAll
  static void summarise() {
    Summarizer summarizer = new Summarizer();
    report =
        TransactionReader.builder().build().read(CDNOW.resolve("cdnow_sample.csv"), summarizer);
    summaries =
        summarizer.summarize(
            SummaryOptions.defaults()
                .withCalibrationEnd(LocalDate.of(1997, 9, 30))
                .withAsOf(LocalDate.of(1998, 6, 30))
                .withPeriod(Period.WEEK));
  }

  @Test
  void read_cdnowSample_acceptsEveryRow() {
    assertThat(report.rows()).isEqualTo(6919);
    assertThat(report.accepted()).isEqualTo(6919);
    assertThat(report.rejected()).isZero();
  }

  @Test
  void summarize_cdnowSample_matchesPublishedCounts() {
    assertThat(summaries.customers()).hasSize(2357);
    assertThat(summaries.totalFrequency()).isEqualTo(2457);
    assertThat(summaries.totalHoldoutPurchases()).isEqualTo(1882);
    assertThat(summaries.customers().stream().filter(c -> c.frequency() == 0)).hasSize(1411);
    assertThat(summaries.holdoutLength().orElseThrow()).isEqualTo(39.0);
    assertThat(summaries.counts().rowsAfterAsOf()).isZero();
    assertThat(summaries.counts().customersFirstPurchaseAfterCalibration()).isZero();
  }

  @Test
  void summarize_cdnowSample_matchesReferenceSummaryPerCustomer() throws IOException {
    Map<String, NamedCsvRecord> reference = load("cdnow_customers_summary.csv");
    assertThat(reference).hasSize(2357);
    for (CustomerSummary c : summaries.customers()) {
      NamedCsvRecord r = reference.get(c.customerId());
      assertThat(r).as("customer %s", c.customerId()).isNotNull();
      assertThat(c.frequency()).as("x of %s", c.customerId()).isEqualTo(intOf(r, "frequency"));
      assertThat(round2(c.recency()))
          .as("t_x of %s", c.customerId())
          .isEqualByComparingTo(r.getField("recency"));
      assertThat(round2(c.age()))
          .as("T of %s", c.customerId())
          .isEqualByComparingTo(r.getField("T"));
    }
  }

  @Test
  void summarize_cdnowSample_monetaryMatchesZbar() throws IOException {
    Map<String, NamedCsvRecord> reference = load("cdnow_customers_summary_with_transactions.csv");
    long repeatCustomers = 0;
    for (CustomerSummary c : summaries.customers()) {
      NamedCsvRecord r = reference.get(c.customerId());
      assertThat(c.frequency()).isEqualTo(intOf(r, "x"));
      assertThat(round2(c.monetary()))
          .as("zbar of %s", c.customerId())
          .isEqualByComparingTo(r.getField("zbar"));
      if (c.frequency() > 0) {
        repeatCustomers++;
      }
    }
    assertThat(repeatCustomers).isEqualTo(946);
  }

  private static BigDecimal round2(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  private static int intOf(NamedCsvRecord r, String field) {
    return Integer.parseInt(r.getField(field));
  }

  private static Map<String, NamedCsvRecord> load(String file) throws IOException {
    Map<String, NamedCsvRecord> byId = new LinkedHashMap<>();
    try (CsvReader<NamedCsvRecord> csv =
        CsvReader.builder().ofNamedCsvRecord(CDNOW.resolve(file))) {
      for (NamedCsvRecord r : csv) {
        byId.put(r.getField("ID"), r);
      }
    }
    return byId;
  }
}
