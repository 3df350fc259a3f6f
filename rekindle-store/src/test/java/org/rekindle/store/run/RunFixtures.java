package org.rekindle.store.run;

import java.nio.file.Path;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.imports.OrderImporter;

/** What the run tests share: the CDNOW history and one-number queries. */
final class RunFixtures {
  static final Path CDNOW =
      Path.of("..", "examples", "cdnow", "cdnow_sample.csv").toAbsolutePath().normalize();

  private RunFixtures() {}

  /** Imports {@code file} as orders in USD, at most 1% bad rows. */
  static void importOrders(Store store, Path file) {
    new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {}).importFile(file);
  }

  static long count(Store store, String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }

  static String text(Store store, String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(String.class).one());
  }
}
