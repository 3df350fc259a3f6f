package org.rekindle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rekindle.core.input.InputException;

/**
 * The home {@code rekindle demo} builds, marked as its own by {@value #MARKER} so that {@code
 * --fresh} only ever wipes a directory the demo made. The marker says how the sample business was
 * drawn and whether the build finished.
 *
 * @param dir the home
 */
record DemoHome(Path dir) {
  /** The file that marks a demo home. */
  static final String MARKER = "rekindle-demo.txt";

  /** The logins file in the home. */
  static final String LOGINS = "demo-logins.txt";

  /** The folder of the home holding the generated files. */
  static final String SAMPLE = "sample";

  /** How the demo in a home was made, as its marker says. */
  record Made(boolean ready, int customers, long seed, LocalDate date) {
    String options() {
      return String.format(
          Locale.ROOT, "--customers %d --seed %d --date %s", customers, seed, date);
    }
  }

  /** The home's state before a build. */
  enum State {
    /** Not there, or an empty directory. */
    EMPTY,
    /** A demo home whose build finished. */
    READY,
    /** A demo home whose build did not finish (stopped, or failed). */
    UNFINISHED,
    /** A file, or a directory with other things in it: never touched. */
    FOREIGN
  }

  State state() {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return State.EMPTY;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return State.FOREIGN;
    }
    if (Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return made().map(m -> m.ready() ? State.READY : State.UNFINISHED).orElse(State.UNFINISHED);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty() ? State.EMPTY : State.FOREIGN;
    } catch (IOException e) {
      throw new InputException("cannot read the directory " + dir + ": " + e.getMessage());
    }
  }

  /** What the marker says; empty when it cannot be read as a demo's marker. */
  Optional<Made> made() {
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
      return Optional.of(
          new Made(
              "ready".equals(values.get("state")),
              Integer.parseInt(values.getOrDefault("customers", "")),
              Long.parseLong(values.getOrDefault("seed", "")),
              LocalDate.parse(values.getOrDefault("date", ""))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the marker: the directory is the demo's from now on. */
  void mark(Made made) {
    String text =
        "# This directory is a Rekindle demo home, made by `rekindle demo`: `rekindle demo --fresh`"
            + " may wipe it.\n"
            + "state="
            + (made.ready() ? "ready" : "building")
            + "\ncustomers="
            + made.customers()
            + "\nseed="
            + made.seed()
            + "\ndate="
            + made.date()
            + "\n";
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(MARKER + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          dir.resolve(MARKER),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MARKER), e);
    }
  }

  /**
   * Whether a live process (a {@code rekindle demo} or {@code serve} still running) holds the
   * embedded database of the home: the library keeps a lock file in the data directory.
   */
  boolean inUse() {
    Path lock = dir.resolve("postgres").resolve("epg-lock");
    if (!Files.exists(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether a database server left by a killed process may still run on the home's data. */
  boolean leftoverServer() {
    return Files.exists(dir.resolve("postgres").resolve("postmaster.pid"));
  }

  /** Deletes the home and everything in it; only ever called on a marked demo home. */
  void wipe() {
    if (!Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalStateException("not a demo home, not wiped: " + dir);
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe the demo home " + dir, e);
    }
  }

  /** The logins, as the logins file keeps them: role, login, password, rep. */
  record Login(String role, String login, String password, String rep) {}

  /** Writes the logins file, readable by its owner only where the file system allows. */
  void writeLogins(List<Login> logins, String address) {
    StringBuilder b = new StringBuilder();
    b.append("# Logins of the Rekindle demo dashboard, ")
        .append(address)
        .append(" (made by rekindle demo; demo data only)\n");
    b.append("role\tlogin\tpassword\trep\n");
    for (Login l : logins) {
      b.append(l.role())
          .append('\t')
          .append(l.login())
          .append('\t')
          .append(l.password())
          .append('\t')
          .append(l.rep())
          .append('\n');
    }
    Path file = dir.resolve(LOGINS);
    try {
      Files.deleteIfExists(file);
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the home's own permissions protect it
      }
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The logins the file keeps; empty when it is missing or unreadable. */
  List<Login> readLogins() {
    try {
      return Files.readAllLines(dir.resolve(LOGINS), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.startsWith("#") && !l.startsWith("role\t"))
          .map(l -> l.split("\t", -1))
          .filter(f -> f.length == 4)
          .map(f -> new Login(f[0], f[1], f[2], f[3]))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
