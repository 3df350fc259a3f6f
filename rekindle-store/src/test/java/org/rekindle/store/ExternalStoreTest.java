package org.rekindle.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract on an existing PostgreSQL server, the {@code REKINDLE_DB_URL} path. {@code .ci/run}
 * starts Debian's PostgreSQL on a free loopback port and sets {@code REKINDLE_TEST_DB_URL} (an
 * administrator's URL); each test gets a database of its own on it.
 */
@EnabledIfEnvironmentVariable(named = "REKINDLE_TEST_DB_URL", matches = "jdbc:postgresql:.+")
class ExternalStoreTest extends StoreContract {
  private final String adminUrl = System.getenv("REKINDLE_TEST_DB_URL");
  private final String database = "rekindle_test_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeEach
  void createDatabase() throws SQLException {
    admin("CREATE DATABASE " + database);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + database);
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  StoreSettings settings() {
    // the admin URL with this test's database in place of its own
    String url = adminUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    return new StoreSettings(
        java.nio.file.Path.of("unused"), Optional.of(url), Optional.empty(), Optional.empty());
  }
}
