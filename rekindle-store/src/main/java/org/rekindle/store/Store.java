package org.rekindle.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rekindle's records on PostgreSQL: the embedded server in the Rekindle home by default, or an
 * existing server named by {@code REKINDLE_DB_URL}. Opening starts the server if it is ours, checks
 * that it is durable, and brings the schema up to date; closing stops the server if it is ours.
 *
 * <p>Work goes through a pool of connections ({@link #POOL_SIZE}): a connection to PostgreSQL is a
 * new server process, whose start cost more than most of the dashboard's and the API's queries.
 * Nothing Rekindle does leaves state on a connection it returns: its advisory locks are released
 * before the connection is, its settings are {@code SET LOCAL}, its scratch tables are dropped at
 * commit.
 */
public final class Store implements AutoCloseable {
  /** The settings that make a committed row survive a crash; all must be on. */
  static final List<String> DURABILITY = List.of("fsync", "synchronous_commit", "full_page_writes");

  private final StoreSettings settings;
  private final Optional<EmbeddedServer> server;

  /**
   * The most connections open at once: the web app's requests, a run's readers, the sender, whose
   * workers (up to 64) each keep one for their whole run, and a hundred redemptions of one code at
   * once in OffersTest. Connections are opened as they are needed and closed after {@link
   * #IDLE_SECONDS} unused, so this bounds a burst; it reserves nothing.
   */
  static final int POOL_SIZE = 100;

  /** How long an unused connection beyond the first stays open. */
  static final int IDLE_SECONDS = 60;

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final String schemaVersion;

  private Store(
      StoreSettings settings,
      Optional<EmbeddedServer> server,
      DataSource dataSource,
      String schemaVersion) {
    this.settings = settings;
    this.server = server;
    this.pool = pool(dataSource);
    this.jdbi = Jdbi.create(pool);
    this.schemaVersion = schemaVersion;
  }

  /**
   * Opens the store.
   *
   * @param notices told, in words, of what was done on the user's behalf (a leftover server
   *     stopped) and of doubts about an external server's durability
   * @throws StoreException if the server cannot be started or reached, is not durable (embedded),
   *     or holds a schema newer than this code
   */
  public static Store open(StoreSettings settings, Consumer<String> notices) {
    if (settings.isEmbedded()) {
      EmbeddedServer server = EmbeddedServer.start(settings.home().resolve("postgres"), notices);
      try {
        DataSource ds = server.dataSource();
        List<String> off = durabilityOff(ds);
        if (!off.isEmpty()) {
          throw new StoreException(
              "the embedded database server runs with "
                  + String.join(", ", off)
                  + " off, so a crash could lose committed records; refusing to use it");
        }
        String version = Migrations.apply(ds, settings.toString());
        return new Store(settings, Optional.of(server), ds, version);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(settings.url().orElseThrow());
    settings.user().ifPresent(ds::setUser);
    settings.password().ifPresent(ds::setPassword);
    List<String> off;
    try {
      off = durabilityOff(ds);
    } catch (StoreException e) {
      throw new StoreException(
          "cannot reach " + settings + ": " + e.getMessage() + " (check REKINDLE_DB_URL)", e);
    }
    if (!off.isEmpty()) {
      notices.accept(
          "the database server at "
              + settings.url().get()
              + " runs with "
              + String.join(", ", off)
              + " off: a crash of that server could lose committed records");
    }
    String version = Migrations.apply(ds, settings.toString());
    return new Store(settings, Optional.empty(), ds, version);
  }

  private static HikariDataSource pool(DataSource dataSource) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(POOL_SIZE);
    // a command uses one or two; the web app keeps what its load needed for the idle timeout
    config.setMinimumIdle(1);
    config.setIdleTimeout(IDLE_SECONDS * 1000L);
    config.setPoolName("rekindle");
    return new HikariDataSource(config);
  }

  /** The durability settings that are not on. */
  static List<String> durabilityOff(DataSource ds) {
    List<String> off = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String setting : DURABILITY) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          if (!"on".equalsIgnoreCase(rs.getString(1))) {
            off.add(setting);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException(String.valueOf(e.getMessage()), e);
    }
    return off;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pool's connections, for what needs JDBC itself. */
  public DataSource dataSource() {
    return pool;
  }

  /** The schema version in place after the migrations. */
  public String schemaVersion() {
    return schemaVersion;
  }

  /** Where the records are, for messages. */
  public String describe() {
    return settings.toString();
  }

  /** The embedded server's port, when the server is ours. */
  public Optional<Integer> embeddedPort() {
    return server.map(EmbeddedServer::port);
  }

  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      server.ifPresent(EmbeddedServer::close);
    }
  }
}
