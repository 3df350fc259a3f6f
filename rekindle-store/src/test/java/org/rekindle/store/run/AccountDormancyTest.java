package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.run.RunFixtures.CDNOW;
import static org.rekindle.store.run.RunFixtures.importOrders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.imports.CustomerImporter;

/**
 * B2B credit accounts on top of the CDNOW history, under a 120-day policy with a 30-day notice:
 * dates recorded, the notice before dormancy, an order and the command reactivating, an account
 * first seen late getting its full notice, and the command's refusals.
 */
class AccountDormancyTest {
  private static final DailyRun.Options OPTIONS =
      DailyRun.Options.defaults().withDormancy(new AccountDormancy.Policy(120, 30));

  @TempDir Path home;
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private static void customers(Store store, Path file) {
    new CustomerImporter(store, CustomerFileReader.builder(), 0.01).importFile(file);
  }

  private static DailyRun.Outcome run(Store store, String asOf) {
    return DailyRun.run(store, LocalDate.parse(asOf), OPTIONS, s -> {});
  }

  /** status, last order, notice due, dormant on. */
  private static String account(Store store, String id) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select(
                        "SELECT d.status || ' ' || d.last_order || ' ' || d.notice_due || ' '"
                            + " || d.dormant_on FROM account_dormancy d JOIN customers c"
                            + " ON c.id = d.customer_id WHERE c.external_id = ?",
                        id)
                    .mapTo(String.class)
                    .one());
  }

  /** event on date by source, in order. */
  private static List<String> events(Store store, String id) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select(
                        "SELECT e.event || ' ' || e.on_date || ' ' || e.source FROM account_events e"
                            + " JOIN customers c ON c.id = e.customer_id WHERE c.external_id = ?"
                            + " ORDER BY e.id",
                        id)
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void creditAccounts_noticeThenDormantThenReactivated() throws IOException {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
      importOrders(
          store,
          write(
              "accounts.csv",
              "customer_id,order_id,date,amount",
              "ACME,A1,1997-01-10,500",
              "ACME,A2,1997-02-10,700",
              "ACME,A3,1997-03-01,-50",
              "BOLT,B1,1997-01-05,300",
              "CRANE,C1,1997-01-02,900"));
      Path kinds =
          write(
              "kinds.csv",
              "customer_id,account_kind,customer_since",
              "ACME,credit,1996-05-01",
              "BOLT,credit,1998-01-01",
              "CRANE,consumer,",
              "DORA,credit,1997-02-01");
      customers(store, kinds);

      DailyRun.Outcome march = run(store, "1997-03-31");
      assertThat(march.accounts()).isEqualTo(new AccountDormancy.Counts(3, 0, 0, 0));
      // the refund does not move the clock: 1997-02-10 + 120 days
      assertThat(account(store, "ACME")).isEqualTo("open 1997-02-10 1997-05-11 1997-06-10");
      // the clock runs from the last order, whatever the customer-since date says
      assertThat(account(store, "BOLT")).isEqualTo("open 1997-01-05 1997-04-05 1997-05-05");
      // an account that never ordered counts from when it was opened
      assertThat(account(store, "DORA")).isEqualTo("open 1997-02-01 1997-05-02 1997-06-01");
      // a consumer has no dormancy record
      long consumers =
          store
              .jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT count(*) FROM account_dormancy d JOIN customers c"
                                  + " ON c.id = d.customer_id WHERE c.external_id = 'CRANE'")
                          .mapTo(Long.class)
                          .one());
      assertThat(consumers).isZero();

      // mid-May: ACME's notice is due; BOLT's notice came and went, and so did its dormant day
      DailyRun.Outcome may = run(store, "1997-05-15");
      assertThat(may.accounts()).isEqualTo(new AccountDormancy.Counts(3, 3, 1, 0));
      assertThat(events(store, "ACME")).containsExactly("notice_due 1997-05-11 run");
      assertThat(events(store, "BOLT"))
          .containsExactlyInAnyOrder("notice_due 1997-04-05 run", "dormant 1997-05-05 run");
      assertThat(account(store, "BOLT")).startsWith("dormant ");

      // the command refuses what it must not do
      assertThatThrownBy(
              () -> AccountDormancy.reactivate(store, "ACME", LocalDate.of(1997, 5, 20), ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is not dormant: it would go dormant on 1997-06-10");
      assertThatThrownBy(
              () -> AccountDormancy.reactivate(store, "CRANE", LocalDate.of(1997, 5, 20), ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("not a credit account");
      assertThatThrownBy(
              () -> AccountDormancy.reactivate(store, "NOPE", LocalDate.of(1997, 5, 20), ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("no customer with id 'NOPE'");
      assertThatThrownBy(
              () -> AccountDormancy.reactivate(store, "BOLT", LocalDate.of(1997, 5, 1), ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("went dormant on 1997-05-05");

      // one command brings BOLT back; its clock restarts on the day
      AccountDormancy.Reactivation back =
          AccountDormancy.reactivate(
              store, "BOLT", LocalDate.of(1997, 5, 20), "called, wants to order");
      assertThat(back.dormantOn()).isEqualTo(LocalDate.of(1997, 9, 17));
      assertThat(back.noticeDue()).isEqualTo(LocalDate.of(1997, 8, 18));
      assertThat(account(store, "BOLT")).isEqualTo("reactivated 1997-01-05 1997-08-18 1997-09-17");

      // CRANE becomes a credit account long after its last order: it gets its full notice
      customers(store, write("kinds2.csv", "customer_id,account_kind", "CRANE,credit_account"));
      DailyRun.Outcome june = run(store, "1997-06-15");
      assertThat(june.accounts()).isEqualTo(new AccountDormancy.Counts(4, 1, 2, 0));
      assertThat(events(store, "DORA"))
          .containsExactly("notice_due 1997-05-02 run", "dormant 1997-06-01 run");
      assertThat(account(store, "CRANE")).isEqualTo("open 1997-01-02 1997-06-15 1997-07-15");
      assertThat(events(store, "CRANE")).containsExactly("notice_due 1997-06-15 run");
      assertThat(account(store, "ACME")).startsWith("dormant ");
      // the run keeps the command's dates
      assertThat(account(store, "BOLT")).isEqualTo("reactivated 1997-01-05 1997-08-18 1997-09-17");

      // ACME orders again: the next run reactivates it and restarts its clock
      importOrders(
          store, write("back.csv", "customer_id,order_id,date,amount", "ACME,A4,1997-07-01,800"));
      DailyRun.Outcome july = run(store, "1997-07-10");
      assertThat(july.accounts().reactivated()).isEqualTo(1);
      assertThat(account(store, "ACME")).isEqualTo("reactivated 1997-07-01 1997-09-29 1997-10-29");
      assertThat(events(store, "ACME"))
          .containsExactly(
              "notice_due 1997-05-11 run",
              "dormant 1997-06-10 run",
              "reactivated 1997-07-01 order");
      assertThat(events(store, "BOLT"))
          .containsExactly(
              "notice_due 1997-04-05 run",
              "dormant 1997-05-05 run",
              "reactivated 1997-05-20 command");
      // CRANE went dormant only after its notice period, and its notice is not repeated
      assertThat(account(store, "CRANE")).startsWith("open ");
      DailyRun.Outcome later = run(store, "1997-07-20");
      assertThat(later.accounts().wentDormant()).isEqualTo(1);
      assertThat(events(store, "CRANE"))
          .containsExactly("notice_due 1997-06-15 run", "dormant 1997-07-15 run");
    }
  }
}
