package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.input.TransactionReader;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.imports.OrderImporter;

/** Summaries from the stored orders equal those from the same history in a file. */
class StoredSummariesTest {
  private static final Path CDNOW =
      Path.of("..", "examples", "cdnow", "cdnow_sample.csv").toAbsolutePath().normalize();
  @TempDir Path home;

  private static final SummaryOptions OPTIONS =
      SummaryOptions.defaults()
          .withCalibrationEnd(LocalDate.of(1997, 9, 30))
          .withAsOf(LocalDate.of(1998, 6, 30))
          .withPeriod(Period.WEEK);

  private static Map<String, CustomerSummary> byId(Summaries s) {
    Map<String, CustomerSummary> m = new HashMap<>();
    for (CustomerSummary c : s.customers()) {
      m.put(c.customerId(), c);
    }
    return m;
  }

  @Test
  void cdnow_storedEqualsFile() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      assertThatThrownBy(() -> StoredSummaries.collect(store.jdbi()).summarize(OPTIONS))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("no orders");
      new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", stage -> {})
          .importFile(CDNOW);
      Summaries stored = StoredSummaries.collect(store.jdbi()).summarize(OPTIONS);

      Summarizer fromFile = new Summarizer();
      TransactionReader.builder().build().read(CDNOW, fromFile);
      Summaries expected = fromFile.summarize(OPTIONS);

      assertThat(stored.customers()).hasSize(2357);
      assertThat(byId(stored)).isEqualTo(byId(expected));
      assertThat(stored.totalFrequency()).isEqualTo(2457);
      assertThat(stored.totalHoldoutPurchases()).isEqualTo(1882);
      assertThat(stored.holdoutLength()).isEqualTo(expected.holdoutLength());
    }
  }
}
