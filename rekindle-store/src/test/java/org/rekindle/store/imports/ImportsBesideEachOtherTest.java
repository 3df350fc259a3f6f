package org.rekindle.store.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.OrderFileReader;

/**
 * Order files the size of an API body are imported beside each other, under the importers' lock
 * shared; a collision with another import is rolled back and run again alone, so the outcome is the
 * one of the two imports one after the other. The other import is played here by a transaction of
 * the test's own, held open while the import runs.
 */
class ImportsBesideEachOtherTest extends ImportTestBase {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private CompletableFuture<ImportResult> importInBackground(Path file) {
    return CompletableFuture.supplyAsync(
        () ->
            new OrderImporter(store, OrderFileReader.builder(), 1.0, "USD", s -> {})
                .importFile(file));
  }

  @Test
  void aSmallFile_isImportedWhileAnotherHoldsTheLockShared_andWaitsForOneAlone() throws Exception {
    Path file = write("small.csv", "customer,order_id,date,amount", "a,o1,2024-01-05,10");
    try (Handle other = store.jdbi().open()) {
      other.begin();
      other.execute("SELECT pg_advisory_xact_lock_shared(" + ImportBatches.LOCK + ")");
      ImportResult beside = importInBackground(file).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(beside.inserted()).isEqualTo(1);
      other.commit();
    }

    Path next = write("next.csv", "customer,order_id,date,amount", "a,o2,2024-01-06,10");
    CompletableFuture<ImportResult> waiting;
    try (Handle alone = store.jdbi().open()) {
      alone.begin();
      alone.execute("SELECT pg_advisory_xact_lock(" + ImportBatches.LOCK + ")");
      waiting = importInBackground(next);
      awaitBlocked("advisory");
      assertThat(waiting).isNotDone();
      alone.commit();
    }
    assertThat(waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).inserted()).isEqualTo(1);
  }

  @Test
  void anOrderIdInsertedAtOnceForAnotherCustomer_isRejected_afterTheImportRunsAgainAlone()
      throws Exception {
    Path file =
        write("b.csv", "customer,order_id,date,amount", "b,x1,2024-01-05,10", "b,x2,2024-01-06,5");
    CompletableFuture<ImportResult> running;
    try (Handle other = store.jdbi().open()) {
      // another import beside this one, which has just inserted x1 for customer a
      other.begin();
      other.execute("SELECT pg_advisory_xact_lock_shared(" + ImportBatches.LOCK + ")");
      long a =
          other
              .select(
                  "INSERT INTO customers (external_id, minimal) VALUES ('a', true) RETURNING id")
              .mapTo(Long.class)
              .one();
      other.execute(
          "INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency)"
              + " VALUES ('x1', ?, '2024-01-01T00:00:00Z', '2024-01-01', 3, 'USD')",
          a);
      running = importInBackground(file);
      // the import inserts x1 too, and waits to learn whether the other commits
      awaitBlocked("transactionid");
      other.commit();
    }
    ImportResult r = running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(ImportBatches.rejects(store.jdbi(), r.batchId()))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.reason())
                    .isEqualTo("order id 'x1' is already stored for customer 'a'"));
    assertThat(
            count(
                "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE o.external_id = 'x1' AND c.external_id = 'a'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM orders WHERE external_id = 'x2'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM import_batches WHERE status = 'completed'"))
        .isEqualTo(1);
  }

  @Test
  void aCustomerCreatedAtOnceByAnotherImport_getsThisImportsOrder() throws Exception {
    Path file = write("c.csv", "customer,order_id,date,amount", "c,y1,2024-01-05,10");
    CompletableFuture<ImportResult> running;
    try (Handle other = store.jdbi().open()) {
      other.begin();
      other.execute("SELECT pg_advisory_xact_lock_shared(" + ImportBatches.LOCK + ")");
      other.execute("INSERT INTO customers (external_id, minimal) VALUES ('c', true)");
      running = importInBackground(file);
      // the import creates c too, and waits to learn whether the other commits
      awaitBlocked("transactionid");
      other.commit();
    }
    ImportResult r = running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(r.customersCreated()).isZero();
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE o.external_id = 'y1' AND c.external_id = 'c'"))
        .isEqualTo(1);
  }

  @Test
  void collided_isAUniqueKeyOrADeadlock_andNothingElse() {
    assertThat(ImportBatches.collided(wrapped("23505"))).isTrue();
    assertThat(ImportBatches.collided(wrapped("40P01"))).isTrue();
    assertThat(ImportBatches.collided(wrapped("23503"))).isFalse();
    assertThat(ImportBatches.collided(new IllegalStateException("no SQL"))).isFalse();
  }

  private static RuntimeException wrapped(String state) {
    return new RuntimeException("statement failed", new java.sql.SQLException("x", state));
  }

  /** Waits until a backend waits for a lock of this type (the import, blocked by the test's). */
  private void awaitBlocked(String locktype) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (count(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = '" + locktype + "'")
        == 0) {
      assertThat(System.nanoTime() - deadline).as("a backend waiting on a lock").isNegative();
      Thread.sleep(20);
    }
  }
}
