package org.rekindle.store.query;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.run.DailyRun;

/**
 * One embedded store per test class holding the CDNOW sample with the example customer records, run
 * as of 1997-09-30 and again as of 1997-10-14 (so there are comebacks): what the query tests read.
 * Tests that write (contacts, diagnostics, dormancy dates) undo it.
 */
abstract class QueryTestBase {
  static final Path CDNOW = Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();
  static final LocalDate FIRST_RUN = LocalDate.of(1997, 9, 30);
  static final LocalDate AS_OF = LocalDate.of(1997, 10, 14);

  @TempDir static Path home;
  static Store store;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(CDNOW.resolve("cdnow_sample.csv"));
    new CustomerImporter(store, CustomerFileReader.builder(), 0.01)
        .importFile(CDNOW.resolve("cdnow_customers_example.csv"));
    DailyRun.run(store, FIRST_RUN, DailyRun.Options.defaults(), s -> {});
    DailyRun.run(store, AS_OF, DailyRun.Options.defaults(), s -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  static double number(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Double.class).one());
  }

  static String text(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(String.class).one());
  }

  static LocalDate date(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(LocalDate.class).one());
  }

  static void execute(String sql, Object... args) {
    store.jdbi().useHandle(h -> h.execute(sql, args));
  }
}
