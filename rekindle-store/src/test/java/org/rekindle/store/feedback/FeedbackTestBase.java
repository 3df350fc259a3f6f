package org.rekindle.store.feedback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * One embedded store per test class, emptied before each test, with three customers (c1 of Maria,
 * c2 of Tom, c3 of nobody), and a clock the test moves.
 */
abstract class FeedbackTestBase {
  static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

  @TempDir static Path home;
  static Store store;
  @TempDir Path dir;
  final MovingClock clock = new MovingClock(START);

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
            h -> {
              h.execute(
                  "TRUNCATE case_actions, cases, feedback, contacts, orders, customers,"
                      + " import_rejects, import_batches RESTART IDENTITY CASCADE");
              h.execute(
                  "INSERT INTO customers (external_id, name, owner_rep) VALUES"
                      + " ('c1', 'Ada Roofing', 'Maria'), ('c2', 'Bob Stein', 'Tom'),"
                      + " ('c3', 'Carla Diaz', NULL)");
            });
  }

  Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  List<String> strings(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(String.class).list());
  }

  /** A clock that stands still until the test moves it. */
  static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the tests keep UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
