package org.rekindle.store;

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

  private Migrations() {}

  /** Applies pending migrations; returns the schema version now in place. */
  static String apply(DataSource dataSource, String where) {
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
