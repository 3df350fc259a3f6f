package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle import} end to end, on the embedded database in a temporary home. */
class ImportCommandTest {
  private static final Path CDNOW = CliRun.EXAMPLES.resolve("cdnow").resolve("cdnow_sample.csv");

  @TempDir Path home;
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void importOrders_twice_secondChangesNothing() {
    String h = home.toString();
    assertThat(run("import", "orders", CDNOW.toString(), "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("(batch 1)")
        .contains("6,919 rows read: 6,919 inserted, 0 updated, 0 unchanged, 0 rejected")
        .contains("2,357 new customers");
    assertThat(run("import", "orders", CDNOW.toString(), "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("(batch 2)")
        .contains("0 inserted, 0 updated, 6,919 unchanged")
        .doesNotContain("new customers");
    assertThat(run("import", "rejects", "1", "--home", h)).isZero();
    assertThat(cli.out()).contains("Batch 1 has no rejected rows.");
  }

  @Test
  void importCustomers_afterOrders_completesTheMinimalRecords() {
    String h = home.toString();
    assertThat(run("import", "orders", CDNOW.toString(), "--home", h)).as(cli.err()).isZero();
    Path customers = CDNOW.resolveSibling("cdnow_customers_example.csv");
    assertThat(run("import", "customers", customers.toString(), "--home", h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("(batch 2)")
        .contains("5 rows read: 0 inserted, 5 updated, 0 unchanged, 0 rejected")
        .doesNotContain("duplicate");
    assertThat(run("import", "customers", customers.toString(), "--home", h)).isZero();
    assertThat(cli.out()).contains("0 inserted, 0 updated, 5 unchanged");
  }

  @Test
  void importOrders_badRows_areListedByBatch() throws IOException {
    Path file = dir.resolve("orders.csv");
    Files.write(
        file,
        List.of(
            "customer,order_id,date,amount",
            "a,o1,2024-01-05,10",
            "b,o2,2024-01-05,=HYPERLINK(1)",
            "c,o3,2024-01-06,4"));
    String h = home.toString();
    assertThat(run("import", "orders", file.toString(), "--home", h, "--max-rejects", "0.5"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("1 rejected").contains("rekindle import rejects 1");
    assertThat(run("import", "rejects", "1", "--home", h)).isZero();
    String listing = cli.out();
    assertThat(listing).startsWith("file,line,reason,row");
    assertThat(listing).contains(",3,\"column 'amount': cannot read '=HYPERLINK(1)'");
    // a cell a spreadsheet would run as a formula is neutralised
    assertThat(listing).contains("\"b,o2,2024-01-05,=HYPERLINK(1)\"");
    assertThat(listing).doesNotContain(",\"=");
  }

  @Test
  void importOrders_garbageOrMissing_exit3AndUsage_exit2() throws IOException {
    Path file = dir.resolve("garbage.csv");
    Files.write(file, List.of("customer,date", "a,someday", "b,never"));
    String h = home.toString();
    assertThat(run("import", "orders", file.toString(), "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("cannot recognise the date format");
    assertThat(run("import", "orders", dir.resolve("nope.csv").toString(), "--home", h))
        .isEqualTo(3);
    assertThat(cli.err()).contains("no such file");
    assertThat(run("import", "orders", file.toString(), "--home", h, "--currency", "EURO"))
        .isEqualTo(2);
    assertThat(run("import", "rejects", "99", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("there is no import batch 99");
  }
}
