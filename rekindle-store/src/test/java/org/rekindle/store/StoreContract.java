package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.run.DailyRun;

/**
 * What every database Rekindle runs on must do, run against each (Jdbi's way): the embedded server
 * ({@link StoreTest}) and an existing server ({@link ExternalStoreTest}).
 */
abstract class StoreContract {
  final List<String> notices = new ArrayList<>();

  /** Settings of a fresh, empty database, the same for every call within one test. */
  abstract StoreSettings settings();

  /** The newest migration in the code: what a fresh store must be at. */
  static final String LATEST = Migrations.LATEST;

  @Test
  void importsAndDailyRuns_workOnThisServer() {
    Path cdnow = Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();
    try (Store store = Store.open(settings(), notices::add)) {
      ImportResult orders =
          new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", x -> {})
              .importFile(cdnow.resolve("cdnow_sample.csv"));
      assertThat(orders.inserted()).isEqualTo(6919);
      new CustomerImporter(store, CustomerFileReader.builder(), 0.01)
          .importFile(cdnow.resolve("cdnow_customers_example.csv"));
      List<DailyRun.Outcome> runs =
          DailyRun.backfill(
              store,
              LocalDate.of(1997, 12, 31),
              LocalDate.of(1998, 6, 30),
              181,
              DailyRun.Options.defaults(),
              (day, stage) -> {},
              o -> {});
      assertThat(runs).hasSize(2).noneMatch(DailyRun.Outcome::alreadyDone);
      DailyRun.Outcome last = runs.get(1);
      assertThat(last.customers()).isEqualTo(2357);
      assertThat(last.states().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2357);
      assertThat(last.recoveries()).isPositive();
      assertThat(last.accounts().accounts()).isEqualTo(2);
      assertThat(last.holdout()).hasValueSatisfying(h -> assertThat(h).contains("chosen"));
      DailyRun.Outcome again =
          DailyRun.run(store, LocalDate.of(1998, 6, 30), DailyRun.Options.defaults(), x -> {});
      assertThat(again.alreadyDone()).isTrue();
    }
  }

  @Test
  void open_migratesToTheLatestSchema() {
    try (Store store = Store.open(settings(), notices::add)) {
      assertThat(store.schemaVersion()).isEqualTo(LATEST);
      List<String> tables =
          store
              .jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT table_name FROM information_schema.tables"
                                  + " WHERE table_schema = current_schema()")
                          .mapTo(String.class)
                          .list());
      assertThat(tables)
          .contains(
              "customers",
              "orders",
              "import_batches",
              "import_rejects",
              "model_fits",
              "runs",
              "scores",
              "lifecycle_states",
              "lifecycle_transitions",
              "recoveries",
              "account_dormancy",
              "account_events",
              "contacts",
              "offers",
              "consent_events",
              "suppressions");
    }
  }

  @Test
  void reopen_keepsCommittedRows() {
    try (Store store = Store.open(settings(), notices::add)) {
      store.jdbi().useHandle(h -> h.execute("INSERT INTO customers (external_id) VALUES ('c-1')"));
    }
    try (Store store = Store.open(settings(), notices::add)) {
      List<String> ids =
          store
              .jdbi()
              .withHandle(
                  h -> h.select("SELECT external_id FROM customers").mapTo(String.class).list());
      assertThat(ids).containsExactly("c-1");
      assertThat(store.schemaVersion()).isEqualTo(LATEST);
    }
  }

  @Test
  void open_databaseFromANewerRekindle_isRefusedAndLeftAlone() {
    try (Store store = Store.open(settings(), notices::add)) {
      // what a later version would have left: a migration this code does not have
      store
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                          + " type, script, checksum, installed_by, execution_time, success)"
                          + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0,"
                          + " current_user, 1, true)"));
      store.jdbi().useHandle(h -> h.execute("INSERT INTO customers (external_id) VALUES ('kept')"));
    }
    assertThatThrownBy(() -> Store.open(settings(), notices::add))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("written by a newer Rekindle")
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("knows only up to " + LATEST);
  }

  @Test
  void schema_refusesWhatWouldCorruptTheRecords() {
    try (Store store = Store.open(settings(), notices::add)) {
      store.jdbi().useHandle(h -> h.execute("INSERT INTO customers (external_id) VALUES ('c')"));
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h -> h.execute("INSERT INTO customers (external_id) VALUES ('c')")))
          .hasMessageContaining("duplicate key");
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h ->
                              h.execute(
                                  "INSERT INTO orders (external_id, customer_id, ordered_at,"
                                      + " order_date, amount, currency) VALUES ('o', 12345,"
                                      + " now(), current_date, 1, 'USD')")))
          .hasMessageContaining("foreign key");
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h ->
                              h.execute(
                                  "UPDATE customers SET account_kind = 'gold' WHERE"
                                      + " external_id = 'c'")))
          .hasMessageContaining("check constraint");
    }
  }
}
