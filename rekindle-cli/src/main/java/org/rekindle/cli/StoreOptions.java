package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import picocli.CommandLine.Option;

/** Where the records are: the options every command that uses the store shares. */
final class StoreOptions {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "The Rekindle home, where the embedded database keeps its data. Default: $REKINDLE_HOME,"
              + " else ./rekindle-data. REKINDLE_DB_URL (with REKINDLE_DB_USER and"
              + " REKINDLE_DB_PASSWORD) uses an existing PostgreSQL server instead.")
  @Nullable Path home;

  /** The Rekindle home directory, whichever store is used. */
  Path homeDir() {
    return StoreSettings.from(Optional.ofNullable(home), System.getenv()).home();
  }

  /** Opens the store; what it does on the user's behalf is said on {@code err}. */
  Store open(PrintWriter err) {
    return Store.open(
        StoreSettings.from(Optional.ofNullable(home), System.getenv()),
        notice -> err.println("rekindle: " + notice));
  }
}
