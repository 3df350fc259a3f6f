package org.rekindle.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.OrderFileReader;

/** Order imports on the embedded server: idempotent, counted, every bad row kept. */
class OrderImporterTest extends ImportTestBase {
  private static final Path CDNOW =
      Path.of("..", "examples", "cdnow", "cdnow_sample.csv").toAbsolutePath().normalize();
  private final List<String> stages = new ArrayList<>();

  private ImportResult importFile(Path file, double maxRejects) {
    return new OrderImporter(store, OrderFileReader.builder(), maxRejects, "USD", stages::add)
        .importFile(file);
  }

  @Test
  void importCdnow_thenAgain_changesNothing() {
    ImportResult first = importFile(CDNOW, 0.01);
    assertThat(first.rowsRead()).isEqualTo(6919);
    assertThat(first.inserted()).isEqualTo(6919);
    assertThat(first.customersCreated()).isEqualTo(2357);
    assertThat(first.rejected()).isZero();
    assertThat(count("SELECT count(*) FROM orders")).isEqualTo(6919);
    assertThat(count("SELECT count(*) FROM customers WHERE minimal")).isEqualTo(2357);

    ImportResult again = importFile(CDNOW, 0.01);
    assertThat(again.inserted()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(6919);
    assertThat(again.customersCreated()).isZero();
    assertThat(count("SELECT count(*) FROM orders")).isEqualTo(6919);
    assertThat(
            count(
                "SELECT count(*) FROM import_batches WHERE status = 'completed' AND kind ="
                    + " 'orders'"))
        .isEqualTo(2);
  }

  @Test
  void changedRow_isUpdated_andTheRestUnchanged() throws IOException {
    Path v1 =
        write(
            "v1.csv",
            "customer,order_id,date,amount,currency,coupon",
            "a,o1,2024-01-05,10.00,USD,",
            "a,o2,2024-02-05,12.50,usd,WELCOME10",
            "b,o3,2024-01-07T10:15:00+01:00,7,,");
    assertThat(importFile(v1, 0.01).inserted()).isEqualTo(3);
    Path v2 =
        write(
            "v2.csv",
            "customer,order_id,date,amount,currency,coupon",
            "a,o1,2024-01-05,10.00,USD,",
            "a,o2,2024-02-05,13.50,usd,WELCOME10",
            "b,o3,2024-01-07T10:15:00+01:00,7,,",
            "b,o4,2024-03-01,-2,,");
    ImportResult r = importFile(v2, 0.01);
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.updated()).isEqualTo(1);
    assertThat(r.unchanged()).isEqualTo(2);
    BigDecimal amount =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT amount FROM orders WHERE external_id = 'o2'")
                        .mapTo(BigDecimal.class)
                        .one());
    assertThat(amount).isEqualByComparingTo("13.50");
    assertThat(count("SELECT count(*) FROM orders WHERE offer_code = 'WELCOME10'")).isEqualTo(1);
    // written or defaulted, one currency
    assertThat(count("SELECT count(*) FROM orders WHERE currency = 'USD'")).isEqualTo(4);
    assertThat(
            count(
                "SELECT extract(epoch FROM ordered_at)::bigint FROM orders WHERE external_id ="
                    + " 'o3'"))
        .isEqualTo(java.time.Instant.parse("2024-01-07T09:15:00Z").getEpochSecond());
  }

  @Test
  void badRowsAndForeignOrderIds_areRejectedWithLineAndReason() throws IOException {
    Path file =
        write(
            "orders.csv",
            "customer,order_id,date,amount",
            "a,o1,2024-01-05,10",
            "a,o1,2024-01-05,10",
            "b,o1,2024-01-06,11",
            "c,o9,2024-13-01,5",
            "d,o10,2024-01-08,abc",
            "e,o11,2024-01-09,3");
    ImportResult r = importFile(file, 0.6);
    assertThat(r.rowsRead()).isEqualTo(6);
    assertThat(r.inserted()).isEqualTo(2);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(3);
    List<RejectedRow> rejects = ImportBatches.rejects(store.jdbi(), r.batchId());
    assertThat(rejects).extracting(RejectedRow::line).containsExactly(4L, 5L, 6L);
    assertThat(rejects.get(0).reason()).contains("order id 'o1' belongs to customer 'a' (line 2)");
    assertThat(rejects.get(1).reason()).contains("cannot read '2024-13-01' as a date");
    assertThat(rejects.get(2).reason()).contains("cannot read 'abc' as an amount");
    assertThat(rejects).allSatisfy(x -> assertThat(x.file()).endsWith("orders.csv"));

    // an order id stored for another customer is refused in a later file too
    Path later = write("later.csv", "customer,order_id,date,amount", "z,o11,2024-02-01,1");
    ImportResult moved = importFile(later, 1.0);
    assertThat(moved.rejected()).isEqualTo(1);
    assertThat(ImportBatches.rejects(store.jdbi(), moved.batchId()).get(0).reason())
        .contains("already stored for customer 'e'");
  }

  @Test
  void oneCurrencyPerStore_otherCurrenciesAreRejected() throws IOException {
    Path file =
        write(
            "orders.csv",
            "customer,order_id,date,amount,currency",
            "a,o1,2024-01-05,10,EUR",
            "a,o2,2024-01-06,10,USD",
            "b,o3,2024-01-06,11,EUR",
            "c,o4,2024-01-07,5,eur");
    ImportResult r = importFile(file, 0.5);
    assertThat(r.inserted()).isEqualTo(3);
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(ImportBatches.rejects(store.jdbi(), r.batchId()))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.line()).isEqualTo(3);
              assertThat(x.reason())
                  .contains("currency USD: most orders in the file are in EUR")
                  .contains("one currency");
            });

    // later files must match what is stored, whatever they mostly hold
    Path later =
        write(
            "later.csv",
            "customer,order_id,date,amount,currency",
            "d,o5,2024-02-01,1,USD",
            "d,o6,2024-02-02,1,USD",
            "e,o7,2024-02-03,1,EUR");
    ImportResult next = importFile(later, 1.0);
    assertThat(next.inserted()).isEqualTo(1);
    assertThat(ImportBatches.rejects(store.jdbi(), next.batchId()))
        .extracting(RejectedRow::reason)
        .containsOnly(
            "currency USD: the stored orders are in EUR, and Rekindle adds amounts up in one"
                + " currency");
    assertThat(count("SELECT count(DISTINCT currency) FROM orders")).isEqualTo(1);
  }

  @Test
  void mostlyGarbage_isRefusedWhole_andTheRejectsAreKept() throws IOException {
    Path file =
        write(
            "garbage.csv",
            "customer,date,amount",
            "a,2024-01-05,10",
            "b,yesterday,10",
            "c,someday,10");
    assertThatThrownBy(() -> importFile(file, 0.01))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("2 of 3 rows");
    assertThat(count("SELECT count(*) FROM orders")).isZero();
    assertThat(count("SELECT count(*) FROM customers")).isZero();
    long batch = count("SELECT max(id) FROM import_batches");
    assertThat(count("SELECT count(*) FROM import_batches WHERE status = 'refused'")).isEqualTo(1);
    assertThat(ImportBatches.rejects(store.jdbi(), batch)).hasSize(2);
  }

  @Test
  void largeImport_rebuildsIndexesAndKeys_andReimportChangesOnlyWhatChanged() throws IOException {
    int n = (int) OrderImporter.BULK_ROWS + 20_000;
    List<String> lines = new ArrayList<>(n + 1);
    lines.add("customer,order_id,date,amount");
    for (int i = 0; i < n; i++) {
      lines.add("c" + (i % 9_000) + ",o" + i + ",2024-0" + (1 + i % 9) + "-1" + (i % 10) + "," + i);
    }
    Path file = write("large.csv", lines.toArray(new String[0]));
    ImportResult first = importFile(file, 0.01);
    assertThat(first.inserted()).isEqualTo(n);
    assertThat(first.customersCreated()).isEqualTo(9_000);
    List<String> indexes =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT indexname FROM pg_indexes WHERE tablename = 'orders'")
                        .mapTo(String.class)
                        .list());
    assertThat(indexes)
        .contains(
            "orders_pkey", "orders_external_id_key", "orders_customer_date", "orders_offer_code");
    assertThat(
            count(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass"
                    + " AND conname = 'orders_customer_id_fkey'"))
        .isEqualTo(1);

    lines.set(5, "c4,o4,2024-05-14,999");
    Path changed = write("large2.csv", lines.toArray(new String[0]));
    ImportResult again = importFile(changed, 0.01);
    assertThat(again.inserted()).isZero();
    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.unchanged()).isEqualTo(n - 1);
    assertThat(count("SELECT amount::bigint FROM orders WHERE external_id = 'o4'")).isEqualTo(999);
  }

  @Test
  void onePercentCorrupt_everyGoodRowIn_everyBadRowReportedWithItsLine() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("customer,order_id,date,amount");
    List<Long> badLines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      if (i % 100 == 37) {
        lines.add("c" + i + ",o" + i + ",2024-02-3" + (i % 10) + ",1"); // 30th/31st of February
        badLines.add((long) lines.size());
      } else {
        lines.add("c" + (i % 50) + ",o" + i + ",2024-03-0" + (1 + i % 9) + "," + i);
      }
    }
    ImportResult r = importFile(write("one-percent.csv", lines.toArray(new String[0])), 0.01);
    assertThat(r.inserted()).isEqualTo(990);
    assertThat(r.rejected()).isEqualTo(10);
    assertThat(ImportBatches.rejects(store.jdbi(), r.batchId()))
        .extracting(RejectedRow::line)
        .containsExactlyElementsOf(badLines);
    assertThat(count("SELECT count(*) FROM orders")).isEqualTo(990);
  }
}
