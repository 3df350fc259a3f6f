package org.rekindle.store.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * One embedded store per test class, emptied before each test, and files written to a temporary
 * directory: what the import tests share.
 */
abstract class ImportTestBase {
  @TempDir static Path home;
  static Store store;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @BeforeEach
  void empty() {
    store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "TRUNCATE orders, customers, import_rejects, import_batches"
                        + " RESTART IDENTITY CASCADE"));
  }

  Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  long count(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }
}
