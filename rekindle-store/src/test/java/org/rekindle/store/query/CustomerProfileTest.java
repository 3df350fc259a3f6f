package org.rekindle.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One customer's profile read back from a store after two runs on CDNOW. */
class CustomerProfileTest extends QueryTestBase {
  @AfterEach
  void undo() {
    execute("DELETE FROM contacts");
    // a customer with a consent history is never deleted (the log is append-only): the walk-in
    // customer, once made, stays for the class's other tests, which do not look at it
  }

  @Test
  void find_creditAccount_recordScoresStateOrdersAndHistory() {
    CustomerProfile.Profile p = CustomerProfile.find(store.jdbi(), "1", 2).orElseThrow();

    CustomerProfile.Customer c = p.customer();
    assertThat(c.customerId()).isEqualTo("1");
    assertThat(c.name()).contains("Ada Roofing Ltd");
    assertThat(c.email()).contains("orders@ada-roofing.example");
    assertThat(c.phone()).contains("+1 555 0101");
    assertThat(c.address().parts()).containsExactly("Springfield");
    assertThat(c.birthday()).isEmpty();
    assertThat(c.customerSince()).contains(LocalDate.of(1997, 1, 1));
    assertThat(c.ownerRep()).contains("Maria");
    assertThat(c.segment()).contains("contractor");
    assertThat(c.tags()).containsExactly("roofing", "key account");
    assertThat(c.isCreditAccount()).isTrue();
    assertThat(c.consents()).isEqualTo(new CustomerProfile.Consents(true, true, false, false));
    assertThat(c.minimal()).isFalse();

    // orders on 1 Jan, 18 Jan and 2 Aug 1997 by 14 Oct: two repeat purchases 213 days apart
    long runId = count("SELECT id FROM runs WHERE as_of = ?", AS_OF);
    assertThat(p.latestRun()).contains(new CustomerProfile.Run(runId, AS_OF));
    CustomerProfile.Scores s = p.scores().orElseThrow();
    assertThat(s.runId()).isEqualTo(runId);
    assertThat(s.repeatPurchases()).isEqualTo(2);
    assertThat(s.daysSinceLast()).isCloseTo(73, within(1e-9));
    assertThat(s.usualGapDays().orElseThrow()).isCloseTo(106.5, within(1e-9));
    assertThat(s.overdueRatio().orElseThrow()).isCloseTo(73 / 106.5, within(1e-9));
    String scored =
        "SELECT %s FROM scores s JOIN customers c ON c.id = s.customer_id"
            + " WHERE c.external_id = '1' AND s.run_id = ?";
    assertThat(s.pAlive()).isEqualTo(number(scored.formatted("p_alive"), runId));
    assertThat(s.clv().orElseThrow()).isEqualTo(number(scored.formatted("clv"), runId));
    assertThat(s.valueAtRisk().orElseThrow())
        .isEqualTo(number(scored.formatted("value_at_risk"), runId));
    assertThat(s.expectedPurchases())
        .isEqualTo(number(scored.formatted("expected_purchases"), runId));
    assertThat(p.state().orElseThrow().state())
        .isEqualTo(
            text(
                "SELECT state FROM lifecycle_states ls JOIN customers c ON c.id = ls.customer_id"
                    + " WHERE c.external_id = '1'"));

    // all four orders are stored, the December one after the run included; the latest first
    assertThat(p.orderCount()).isEqualTo(4);
    assertThat(p.moreOrders()).isEqualTo(2);
    assertThat(p.orders())
        .extracting(CustomerProfile.Order::date)
        .containsExactly(LocalDate.of(1997, 12, 12), LocalDate.of(1997, 8, 2));
    assertThat(p.orders().get(0).amount()).isEqualByComparingTo("26.48");
    assertThat(p.orders().get(0).currency()).isEqualTo("USD");
    assertThat(p.totals())
        .containsExactly(new CustomerProfile.Total("USD", 4, new BigDecimal("100.5000")));

    assertThat(p.history())
        .hasSize(
            (int)
                count(
                    "SELECT count(*) FROM lifecycle_transitions t JOIN customers c"
                        + " ON c.id = t.customer_id WHERE c.external_id = '1'"));
    assertThat(p.history().get(0).from()).isEmpty();
    assertThat(p.history().get(0).on()).isEqualTo(FIRST_RUN);
    assertThat(p.history().get(p.history().size() - 1).to()).isEqualTo(p.state().get().state());
    assertThat(p.contacts()).isEmpty();

    // the run gave the credit account its dormancy dates
    String dormancy =
        "SELECT %s FROM account_dormancy d JOIN customers c ON c.id = d.customer_id"
            + " WHERE c.external_id = '1'";
    CustomerProfile.AccountDormancy account = p.account().orElseThrow();
    assertThat(account.dormantOn()).isEqualTo(date(dormancy.formatted("dormant_on")));
    assertThat(account.noticeDue()).isEqualTo(date(dormancy.formatted("notice_due")));
    assertThat(account.lastOrder()).isEqualTo(date(dormancy.formatted("last_order")));
    assertThat(account.status()).isEqualTo(text(dormancy.formatted("status")));
  }

  @Test
  void find_dormancyDatesAndContacts_ofACreditAccountOnly() {
    execute(
        "INSERT INTO account_dormancy (customer_id, last_order, dormant_on, notice_due, status)"
            + " SELECT id, DATE '1997-08-02', DATE '1998-08-02', DATE '1998-07-03', 'open'"
            + " FROM customers WHERE external_id IN ('1', '2')"
            // the run may have given the account dates of its own: these replace them
            + " ON CONFLICT (customer_id) DO UPDATE SET last_order = EXCLUDED.last_order,"
            + " dormant_on = EXCLUDED.dormant_on, notice_due = EXCLUDED.notice_due,"
            + " status = EXCLUDED.status, status_since = NULL, reactivated_on = NULL");
    Contacts.record(
        store.jdbi(),
        "1",
        LocalDate.of(1997, 10, 20),
        Contacts.Channel.CALL,
        Optional.of("asked about spring stock"),
        "test");
    Contacts.record(
        store.jdbi(),
        "1",
        LocalDate.of(1997, 11, 2),
        Contacts.Channel.LETTER,
        Optional.empty(),
        "test");

    CustomerProfile.Profile ada = CustomerProfile.find(store.jdbi(), "1", 20).orElseThrow();
    assertThat(ada.account())
        .contains(
            new CustomerProfile.AccountDormancy(
                LocalDate.of(1997, 8, 2),
                LocalDate.of(1998, 8, 2),
                LocalDate.of(1998, 7, 3),
                "open",
                Optional.empty(),
                Optional.empty()));
    assertThat(ada.contacts())
        .extracting(Contacts.Contact::on, Contacts.Contact::channel, Contacts.Contact::note)
        .containsExactly(
            tuple(LocalDate.of(1997, 11, 2), Contacts.Channel.LETTER, Optional.empty()),
            tuple(
                LocalDate.of(1997, 10, 20),
                Contacts.Channel.CALL,
                Optional.of("asked about spring stock")));
    assertThat(ada.orders()).hasSize(4);
    assertThat(ada.moreOrders()).isZero();

    // a consumer has no account to go dormant, whatever a stray row says
    assertThat(CustomerProfile.find(store.jdbi(), "2", 20).orElseThrow().account()).isEmpty();
  }

  @Test
  void find_recordWithoutOrders_hasNoScores() {
    execute(
        "INSERT INTO customers (external_id, name) VALUES ('walk-in', 'Walk In')"
            + " ON CONFLICT (external_id) DO NOTHING");
    CustomerProfile.Profile p = CustomerProfile.find(store.jdbi(), "walk-in", 20).orElseThrow();
    assertThat(p.customer().name()).contains("Walk In");
    assertThat(p.customer().tags()).isEmpty();
    assertThat(p.latestRun()).isPresent();
    assertThat(p.scores()).isEmpty();
    assertThat(p.state()).isEmpty();
    assertThat(p.orderCount()).isZero();
    assertThat(p.orders()).isEmpty();
    assertThat(p.totals()).isEmpty();
    assertThat(p.history()).isEmpty();
  }

  @Test
  void find_unknownId_isEmpty() {
    assertThat(CustomerProfile.find(store.jdbi(), "no-such-customer", 20)).isEmpty();
  }

  @Test
  void find_manyOrders_latestFewAndHowManyMore() {
    assertThat(CustomerProfile.find(store.jdbi(), "1901", 3).orElseThrow().moreOrders())
        .isEqualTo(
            count(
                    "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                        + " WHERE c.external_id = '1901'")
                - 3);
  }
}
