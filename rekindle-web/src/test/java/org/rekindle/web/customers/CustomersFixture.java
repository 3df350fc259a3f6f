package org.rekindle.web.customers;

import java.nio.file.Path;
import java.time.LocalDate;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.access.Role;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.run.DailyRun;
import org.rekindle.web.DashboardServer;

/**
 * The business the customers pages' tests read: the CDNOW sample (2,357 customers) with the example
 * customer records, imported by the real importers and run by the real daily run as of 1997-10-14.
 * Maria's accounts are 1 and 2, Tom's 3 and 4 (stored as "Tom", his user's rep name is "tom");
 * customer 5 is made Maria's too, with a name and a segment a spreadsheet would run as formulas.
 */
final class CustomersFixture {
  static final Path CDNOW = Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();
  static final LocalDate AS_OF = LocalDate.of(1997, 10, 14);

  /** Customer 5's name: a formula, and markup. */
  static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\")<b>x</b>";

  private CustomersFixture() {}

  static void load(DashboardServer server) {
    Store store = server.store;
    new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(CDNOW.resolve("cdnow_sample.csv"));
    new CustomerImporter(store, CustomerFileReader.builder(), 0.01)
        .importFile(CDNOW.resolve("cdnow_customers_example.csv"));
    DailyRun.run(store, AS_OF, DailyRun.Options.defaults(), s -> {});
    store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE customers SET name = ?, owner_rep = 'Maria', segment = '@risk'"
                        + " WHERE external_id = '5'",
                    FORMULA_NAME));
    server.user("maria", Role.REP, "Maria");
    server.user("tom", Role.REP, "tom");
    server.user("mona", Role.MANAGER, null);
  }
}
