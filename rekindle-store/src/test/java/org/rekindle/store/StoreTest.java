package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server in a Rekindle home: durable, on loopback, migrated, and it keeps data. */
class StoreTest {
  @TempDir Path home;
  private final List<String> notices = new ArrayList<>();

  @Test
  void open_embedded_isDurableOnLoopbackAndMigrated() {
    try (Store store = Store.open(StoreSettings.embedded(home), notices::add)) {
      assertThat(Store.durabilityOff(store.dataSource())).isEmpty();
      assertThat(store.schemaVersion()).isEqualTo("1");
      String listen =
          store.jdbi().withHandle(h -> h.select("SHOW listen_addresses").mapTo(String.class).one());
      assertThat(listen).isEqualTo("127.0.0.1");
      assertThat(store.describe()).contains(home.resolve("postgres").toString());
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void reopen_keepsCommittedRows() {
    try (Store store = Store.open(StoreSettings.embedded(home), notices::add)) {
      store.jdbi().useHandle(h -> h.execute("INSERT INTO customers (external_id) VALUES ('c-1')"));
    }
    try (Store store = Store.open(StoreSettings.embedded(home), notices::add)) {
      List<String> ids =
          store
              .jdbi()
              .withHandle(
                  h -> h.select("SELECT external_id FROM customers").mapTo(String.class).list());
      assertThat(ids).containsExactly("c-1");
      assertThat(store.schemaVersion()).isEqualTo("1");
    }
  }

  @Test
  void open_databaseFromANewerRekindle_isRefusedAndLeftAlone() {
    try (Store store = Store.open(StoreSettings.embedded(home), notices::add)) {
      // what a later version would have left: a migration this code does not have
      store
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                          + " type, script, checksum, installed_by, execution_time, success)"
                          + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0,"
                          + " 'postgres', 1, true)"));
      store.jdbi().useHandle(h -> h.execute("INSERT INTO customers (external_id) VALUES ('kept')"));
    }
    assertThatThrownBy(() -> Store.open(StoreSettings.embedded(home), notices::add))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("written by a newer Rekindle")
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("knows only up to 1");
  }

  @Test
  void settings_fromEnvironment_homeAndExternalServer() {
    StoreSettings byDefault = StoreSettings.from(Optional.empty(), Map.of());
    assertThat(byDefault.home()).isEqualTo(StoreSettings.DEFAULT_HOME);
    assertThat(byDefault.isEmbedded()).isTrue();
    StoreSettings fromEnv =
        StoreSettings.from(
            Optional.empty(),
            Map.of(
                "REKINDLE_HOME", "/srv/rk",
                "REKINDLE_DB_URL", "jdbc:postgresql://127.0.0.1:5433/rk",
                "REKINDLE_DB_USER", "rk",
                "REKINDLE_DB_PASSWORD", "s3cret"));
    assertThat(fromEnv.home()).isEqualTo(Path.of("/srv/rk"));
    assertThat(fromEnv.isEmbedded()).isFalse();
    assertThat(fromEnv.toString()).contains("5433/rk").contains("as rk").doesNotContain("s3cret");
    assertThat(StoreSettings.from(Optional.of(Path.of("x")), Map.of("REKINDLE_HOME", "y")).home())
        .isEqualTo(Path.of("x"));
    assertThatThrownBy(
            () -> StoreSettings.from(Optional.empty(), Map.of("REKINDLE_DB_URL", "mysql://x")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("PostgreSQL JDBC URL");
  }
}
