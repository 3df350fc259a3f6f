package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick check that the schema is up to date, and the newest migration it counts on. */
class MigrationsTest {
  @TempDir Path dir;

  @Test
  void latest_isTheNewestMigrationFile() throws IOException, URISyntaxException {
    Path folder =
        Path.of(
            Objects.requireNonNull(getClass().getClassLoader().getResource("db/migration"))
                .toURI());
    List<Integer> versions;
    try (Stream<Path> files = Files.list(folder)) {
      versions =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V[0-9]+__.*\\.sql"))
              .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .sorted(Comparator.reverseOrder())
              .toList();
    }
    assertThat(versions).isNotEmpty();
    assertThat(Migrations.LATEST).isEqualTo(String.valueOf(versions.get(0)));
  }

  @Test
  void upToDate_onlyWithEveryMigrationAppliedAndNoneNewer() throws SQLException {
    try (EmbeddedServer server = EmbeddedServer.start(dir.resolve("pg"), n -> {})) {
      DataSource ds = server.dataSource();
      // a new database: no history, Flyway must run
      assertThat(Migrations.upToDate(ds)).isFalse();
      assertThat(Migrations.apply(ds, "the test server")).isEqualTo(Migrations.LATEST);
      assertThat(Migrations.upToDate(ds)).isTrue();
      assertThat(Migrations.apply(ds, "the test server")).isEqualTo(Migrations.LATEST);

      // a failed migration in the history: Flyway must see it
      execute(ds, "UPDATE flyway_schema_history SET success = false WHERE version = '1'");
      assertThat(Migrations.upToDate(ds)).isFalse();
      execute(ds, "UPDATE flyway_schema_history SET success = true WHERE version = '1'");
      assertThat(Migrations.upToDate(ds)).isTrue();

      // a newer one: Flyway must refuse it, as before
      int next = Integer.parseInt(Migrations.LATEST) + 1;
      execute(
          ds,
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " installed_by, execution_time, success) VALUES (1000, '"
              + next
              + "', 'from the future', 'SQL', 'V"
              + next
              + "__future.sql', 'test', 0, true)");
      assertThat(Migrations.upToDate(ds)).isFalse();
      assertThatThrownBy(() -> Migrations.apply(ds, "the test server"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("written by a newer Rekindle");
    }
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
