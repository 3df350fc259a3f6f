package org.rekindle.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server in the Rekindle home, made durable and started exactly once.
 *
 * <p>The embedded-PostgreSQL library starts its server the way tests like it: {@code fsync} off
 * ({@code -F}) and {@code synchronous_commit} off. Rekindle's home holds a business's records, so
 * both go back on here, with {@code full_page_writes}, and {@link Store} checks them after start.
 *
 * <p>The server is a separate process: when the Java process is killed it keeps running on the data
 * directory. The next start finds it by its {@code postmaster.pid}, and, unless another live
 * Rekindle process still holds the home's lock, stops it with a fast shutdown (SIGINT) and says so,
 * before starting its own. It never connects to the leftover server and never starts a second one
 * on the same data.
 */
final class EmbeddedServer implements AutoCloseable {
  /** The library's lock file in the data directory, held while a process uses the server. */
  private static final String LOCK_FILE = "epg-lock";

  static final String DATABASE = "rekindle";
  private static final String SUPERUSER = "postgres";
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * PostgreSQL's own cache of table and index pages, in MiB: an eighth of the machine's memory (or
   * of the container's limit), at least PostgreSQL's default of 128 MiB and at most 1 GiB. With the
   * default, 10,000 orders added to ten million rewrote index pages read back from the operating
   * system's cache: 1 GiB made the API's bulk ingest 1.8 times as fast (docs/benchmarks.md, "The
   * web app and the API on 1M customers"). The server shares the machine with Rekindle's own JVM,
   * hence an eighth rather than the quarter PostgreSQL advises for a server of its own.
   *
   * @param physical the memory in bytes, 0 when unknown
   */
  static long sharedBuffersMb(long physical) {
    long mb = physical / 8 / (1024 * 1024);
    return Math.max(128, Math.min(1024, mb));
  }

  static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  /**
   * Starts the server on {@code dataDirectory}, creating it on first use.
   *
   * @param notices told, in words, of anything done on the user's behalf (a leftover server
   *     stopped)
   */
  static EmbeddedServer start(Path dataDirectory, Consumer<String> notices) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the database directory " + dir + ": " + e, e);
    }
    stopLeftoverServer(dir, notices);
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setPort(freeLoopbackPort())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              // room for sending workers, the web app and a run at once (each process has a
              // pool of its own), and for a hundred simultaneous redemptions of one code in the
              // tests
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", sharedBuffersMb(physicalMemory()) + "MB")
              // crash recovery after a kill can take a while on a large database
              .setPGStartupWait(Duration.ofMinutes(5))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          "cannot start the embedded PostgreSQL server on "
              + dir
              + ": "
              + e.getMessage()
              + " (its log is in "
              + dir.resolve("log")
              + " when it got that far)",
          e);
    }
    EmbeddedServer server = new EmbeddedServer(postgres, dir);
    server.createDatabase();
    return server;
  }

  /** A data source for Rekindle's database on this server, over loopback. */
  DataSource dataSource() {
    return dataSource(DATABASE);
  }

  private DataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {postgres.getPort()});
    ds.setDatabaseName(database);
    ds.setUser(SUPERUSER);
    return ds;
  }

  int port() {
    return postgres.getPort();
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  private void createDatabase() {
    try (Connection c = dataSource("postgres").getConnection();
        Statement s = c.createStatement()) {
      boolean exists;
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
      }
    } catch (SQLException e) {
      throw new StoreException("cannot create the database on the embedded server: " + e, e);
    }
  }

  /** A clean shutdown (the library's {@code pg_ctl stop -m fast}). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A server from an earlier process that was killed still runs on the data directory: stop it,
   * unless a live Rekindle process holds the home (then refuse).
   */
  private static void stopLeftoverServer(Path dir, Consumer<String> notices) {
    Path pidFile = dir.resolve("postmaster.pid");
    OptionalLong pid = readPid(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(p -> isPostgres(p));
    if (process.isEmpty() || !process.get().isAlive()) {
      if (ProcessHandle.of(pid.getAsLong()).isPresent()) {
        // the pid was reused by another program: PostgreSQL would take it for a live server and
        // refuse to start, though no server of ours runs
        try {
          Files.deleteIfExists(pidFile);
        } catch (IOException e) {
          throw new StoreException("cannot remove the stale " + pidFile + ": " + e, e);
        }
        notices.accept(
            "removed a stale "
                + pidFile
                + " left by a database server that is gone (its pid "
                + pid.getAsLong()
                + " now belongs to another program)");
      }
      // otherwise PostgreSQL itself sees that the process in the stale pid file is gone
      return;
    }
    if (!homeIsFree(dir)) {
      throw new StoreException(
          "another Rekindle process is using "
              + dir.getParent()
              + " (its database server has pid "
              + pid.getAsLong()
              + "); wait for it to finish, or stop it first");
    }
    notices.accept(
        "a database server left running by an earlier Rekindle process that did not finish"
            + " (pid "
            + pid.getAsLong()
            + ") was found on "
            + dir
            + "; stopping it cleanly before starting");
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(pid.getAsLong()))
              .redirectErrorStream(true)
              .start();
      kill.waitFor(10, TimeUnit.SECONDS);
      process.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | ExecutionException e) {
      throw new StoreException(
          "cannot stop the leftover database server (pid " + pid.getAsLong() + "): " + e, e);
    } catch (TimeoutException e) {
      throw new StoreException(
          "the leftover database server (pid "
              + pid.getAsLong()
              + ") on "
              + dir
              + " did not stop within "
              + STOP_WAIT.toSeconds()
              + " s; stop it (kill "
              + pid.getAsLong()
              + ") and try again",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while stopping the leftover database server", e);
    }
  }

  /** The first line of {@code postmaster.pid}, the postmaster's process id; empty if none. */
  static OptionalLong readPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0)));
    } catch (java.nio.file.NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      // a torn pid file: PostgreSQL decides about it at start
      return OptionalLong.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle p) {
    // a recycled pid may now belong to anything: only a postgres process is ours to stop
    return p.info()
        .command()
        .map(c -> c.endsWith("/postgres") || c.equals("postgres"))
        .orElse(false);
  }

  /** Whether no live process holds the library's lock on the data directory. */
  private static boolean homeIsFree(Path dir) {
    Path lock = dir.resolve(LOCK_FILE);
    if (!Files.exists(lock)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return false;
      }
      held.release();
      return true;
    } catch (OverlappingFileLockException e) {
      // this very process holds it: the server is ours and running
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
