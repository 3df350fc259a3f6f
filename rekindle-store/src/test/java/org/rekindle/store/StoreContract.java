package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every database Rekindle runs on must do, run against each (Jdbi's way): the embedded server
 * ({@link StoreTest}) and an existing server ({@link ExternalStoreTest}).
 */
abstract class StoreContract {
  final List<String> notices = new ArrayList<>();

  /** Settings of a fresh, empty database, the same for every call within one test. */
  abstract StoreSettings settings();

  /** The newest migration in the code: what a fresh store must be at. */
  static final String LATEST = "2";

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
              "contacts");
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
