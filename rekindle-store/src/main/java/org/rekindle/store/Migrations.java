package org.rekindle.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema, brought up to date at every start by Flyway from {@code db/migration}. A database
 * written by a newer Rekindle is refused: this code would not know what its tables mean.
 */
final class Migrations {
  static final String LOCATION = "classpath:db/migration";

  /** The newest migration in {@code db/migration}; {@code MigrationsTest} holds it to the files. */
  static final String LATEST = "15";

  private Migrations() {}

  /** Applies pending migrations; returns the schema version now in place. */
  static String apply(DataSource dataSource, String where) {
    if (upToDate(dataSource)) {
      return LATEST;
    }
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations(LOCATION).loggers("slf4j").load();
    try {
      refuseNewer(flyway, where);
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      return current == null ? "none" : current.getVersion().getVersion();
    } catch (FlywayException e) {
      throw new StoreException(
          "cannot bring the database schema of " + where + " up to date: " + e.getMessage(), e);
    }
  }

  /**
   * Whether every migration up to {@link #LATEST} is applied, successfully, and none after it: then
   * Flyway would have nothing to do, and starting it (loading its classes, scanning the classpath
   * for migrations, reading the history twice) took about a second of every command. One query
   * instead. Anything else (no history yet, a pending, failed or newer migration, an error) goes
   * through Flyway, which migrates, or refuses with its reasons. What the quick way does not do is
   * compare the checksums of applied migrations with the files, which only a migration edited after
   * it was applied (in development) would fail.
   */
  static boolean upToDate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
        if (!rs.next() || rs.getBoolean(1)) {
          return false;
        }
      }
      MigrationVersion latest = MigrationVersion.fromVersion(LATEST);
      boolean reached = false;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
        while (rs.next()) {
          MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
          if (!rs.getBoolean(2) || v.isNewerThan(LATEST)) {
            return false;
          }
          reached |= v.equals(latest);
        }
      }
      return reached;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** The newest schema version this code knows. */
  static MigrationVersion latestKnown(Flyway flyway) {
    MigrationVersion latest = MigrationVersion.EMPTY;
    for (MigrationInfo m : flyway.info().all()) {
      if (m.getState() != MigrationState.FUTURE_SUCCESS
          && m.getState() != MigrationState.FUTURE_FAILED
          && m.getVersion() != null
          && m.getVersion().isNewerThan(latest.getVersion() == null ? "0" : latest.getVersion())) {
        latest = m.getVersion();
      }
    }
    return latest;
  }

  private static void refuseNewer(Flyway flyway, String where) {
    List<String> future = new ArrayList<>();
    for (MigrationInfo m : flyway.info().applied()) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS
          || m.getState() == MigrationState.FUTURE_FAILED) {
        future.add(m.getVersion() + " (" + m.getDescription() + ")");
      }
    }
    if (!future.isEmpty()) {
      throw new StoreException(
          "the database of "
              + where
              + " was written by a newer Rekindle: it has schema version "
              + String.join(", ", future)
              + ", and this Rekindle knows only up to "
              + latestKnown(flyway)
              + ". Upgrade Rekindle; the data is left as it is.");
    }
  }
}
