package org.rekindle.cli;

import java.nio.file.Path;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * Reads a Rekindle home's records straight from the database, between commands, so a test can check
 * what a command printed against what is stored.
 */
final class HomeSql {
  private HomeSql() {}

  static <T> T with(Path home, Function<Handle, T> work) {
    try (Store store = Store.open(StoreSettings.embedded(home), notice -> {})) {
      return store.jdbi().withHandle(work::apply);
    }
  }

  static long count(Path home, String sql, Object... args) {
    return with(home, h -> h.select(sql, args).mapTo(Long.class).one());
  }

  static void execute(Path home, String sql, Object... args) {
    with(home, h -> h.execute(sql, args));
  }
}
