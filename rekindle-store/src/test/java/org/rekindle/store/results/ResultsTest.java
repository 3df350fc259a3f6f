package org.rekindle.store.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.results.Verdict;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * Small homes with known enrollments, holdouts, contacts, orders, offers, comebacks and slides into
 * lost, written row by row, and the results checked against counts worked out by hand.
 */
class ResultsTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
  static final LocalDate START = LocalDate.of(2024, 3, 1);

  static final Playbooks BOOKS =
      PlaybookLoader.parse(
          String.join(
              "\n",
              "playbooks:",
              "  - id: win",
              "    name: Dormant win-back",
              "    trigger: {type: entered_state, state: dormant}",
              "    steps:",
              "      - offer: {kind: percent, value: 15, expires_in_days: 30}",
              "      - email: {template: win, subject: Come back}",
              "  - id: check",
              "    name: Key check-in",
              "    trigger: {type: no_contact_for, days: 30, segment: key}",
              "    steps:",
              "      - call: {assign: pool}",
              "  - id: tagged",
              "    trigger: {type: no_contact_for, days: 7, tag: vip}",
              "    enabled: false",
              "    steps:",
              "      - call: {assign: pool}",
              ""),
          "test.yaml");

  @TempDir static Path home;
  static Store store;
  private int orders;

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
    execute(
        "TRUNCATE recoveries, lifecycle_transitions, contacts, enrollments, offers, orders,"
            + " consent_events, customers RESTART IDENTITY CASCADE");
  }

  // ---- lift

  @Test
  void lift_countsAnOrderInTheWindowAfterTheStart_exactly() {
    // 40 contacted: 20 order (on the 30th day, the window's last), 5 order on the start day only
    // (not counted), 5 on the 31st day only (not counted), 10 nothing
    for (int i = 0; i < 40; i++) {
      long c = customer("c" + i, null);
      enrol(c, "win", START, false, null);
      if (i < 20) {
        order(c, START.plusDays(30), "50.00", null);
      } else if (i < 25) {
        order(c, START, "70.00", null);
      } else if (i < 30) {
        order(c, START.plusDays(31), "70.00", null);
      }
    }
    // 40 held out: 8 order on the first day after the start, one of them twice; one refund only
    for (int i = 0; i < 40; i++) {
      long c = customer("h" + i, null);
      enrol(c, "win", START, true, null);
      if (i < 8) {
        order(c, START.plusDays(1), "25.00", null);
      }
      if (i == 0) {
        order(c, START.plusDays(2), "15.00", null);
      }
      if (i == 39) {
        order(c, START.plusDays(3), "-10.00", null);
      }
    }
    // window not ended by the as-of date: still open, not counted
    for (int i = 0; i < 3; i++) {
      enrol(customer("o" + i, null), "win", AS_OF.minusDays(29), i == 0, null);
    }
    // started after the as-of date: not seen
    enrol(customer("late", null), "win", AS_OF.plusDays(1), false, null);

    Results.Report r = compute(Results.Options.asOf(AS_OF));
    assertThat(r.playbooks()).hasSize(1);
    PlaybookLift p = r.playbooks().get(0);
    assertThat(p.playbook()).isEqualTo("win");
    assertThat(p.name()).isEqualTo("Dormant win-back");
    assertThat(p.stillOpen()).isEqualTo(3);
    assertThat(p.lift().contacted().customers()).isEqualTo(40);
    assertThat(p.lift().contacted().reactivated()).isEqualTo(20);
    assertThat(p.lift().holdout().customers()).isEqualTo(40);
    assertThat(p.lift().holdout().reactivated()).isEqualTo(8);
    assertThat(p.lift().verdict()).isEqualTo(Verdict.MORE_CAME_BACK);
    assertThat(p.lift().difference().orElseThrow().estimate()).isCloseTo(0.5 - 0.2, within(1e-12));
    // revenue in the window: 20 × 50 over 40; 8 × 25 + 15 - 10 over 40
    assertThat(p.revenue().contactedMean()).isCloseTo(1000.0 / 40, within(1e-9));
    assertThat(p.revenue().holdoutMean()).isCloseTo(205.0 / 40, within(1e-9));
    double diff = 1000.0 / 40 - 205.0 / 40;
    assertThat(p.revenue().perEnrollment().orElseThrow().estimate()).isCloseTo(diff, within(1e-9));
    assertThat(p.revenue().perEnrollment().orElseThrow().interval().contains(diff)).isTrue();
    assertThat(p.revenue().total().orElseThrow().estimate()).isCloseTo(diff * 40, within(1e-6));
    // a playbook that made no offers has no lines per offer
    assertThat(r.offers()).isEmpty();

    assertThat(p.revenue().method()).isEqualTo(Revenue.Method.BOOTSTRAP);
    // resamples so many that 20 revenues would pass the draws the bootstrap may take: the server
    // sends the sums without the values, and the interval is the normal one around the same mean
    Revenue normal =
        compute(new Results.Options(AS_OF, Optional.empty(), 30, false, 2_000_000))
            .playbooks()
            .get(0)
            .revenue();
    assertThat(normal.method()).isEqualTo(Revenue.Method.NORMAL);
    assertThat(normal.perEnrollment().orElseThrow().estimate()).isCloseTo(diff, within(1e-9));
    assertThat(normal.perEnrollment().orElseThrow().interval().contains(diff)).isTrue();

    // a shorter window: the 30th day is outside it
    Results.Report r10 = compute(new Results.Options(AS_OF, Optional.empty(), 10, false, 100));
    assertThat(r10.playbooks().get(0).lift().contacted().reactivated()).isZero();
    assertThat(r10.playbooks().get(0).lift().verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void keptOutcomes_changeNoResult_andAnOrderWrittenInAClosedWindowDropsItsOutcome() {
    // 30 contacted, 12 of whom order on the 5th day; 30 held out, 3 of whom do; 2 still open
    long[] contacted = new long[30];
    for (int i = 0; i < 30; i++) {
      contacted[i] = customer("c" + i, null);
      enrol(contacted[i], "win", START, false, null);
      if (i < 12) {
        order(contacted[i], START.plusDays(5), "40.00", null);
      }
    }
    for (int i = 0; i < 30; i++) {
      long c = customer("h" + i, null);
      enrol(c, "win", START, true, null);
      if (i < 3) {
        order(c, START.plusDays(5), "30.00", null);
      }
    }
    long open = customer("open", null);
    enrol(open, "win", AS_OF.minusDays(10), false, null);
    Results.Report fresh = compute(options(Optional.empty(), false));

    assertThat(Outcomes.keep(store.jdbi(), 30, AS_OF)).isEqualTo(60);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes WHERE came_back")).isEqualTo(15);
    // kept once: a second keep finds nothing new
    assertThat(Outcomes.keep(store.jdbi(), 30, AS_OF)).isZero();
    Results.Report kept = compute(options(Optional.empty(), false));
    assertThat(kept.playbooks()).isEqualTo(fresh.playbooks());

    // an order after a window, or one of a customer with no enrollment, drops nothing
    order(contacted[20], START.plusDays(31), "99.00", null);
    order(customer("stranger", null), START.plusDays(5), "99.00", null);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(60);

    // a late import into a closed window: that window's outcome goes, the result counts the order
    long late = order(contacted[20], START.plusDays(7), "55.00", null);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(59);
    PlaybookLift p = compute(options(Optional.empty(), false)).playbooks().get(0);
    assertThat(p.lift().contacted().reactivated()).isEqualTo(13);
    assertThat(p.revenue().contactedMean()).isCloseTo((12 * 40.0 + 55) / 30, within(1e-9));
    Outcomes.keep(store.jdbi(), 30, AS_OF);

    // a corrected amount, a date moved out of the window, a removed order: each drops the outcome
    execute("UPDATE orders SET amount = 0 WHERE id = ?", late);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(59);
    assertThat(compute(options(Optional.empty(), false)).playbooks().get(0).lift().contacted())
        .satisfies(g -> assertThat(g.reactivated()).isEqualTo(12));
    Outcomes.keep(store.jdbi(), 30, AS_OF);
    execute(
        "UPDATE orders SET order_date = order_date + 40 WHERE customer_id = ? AND amount = 40",
        contacted[0]);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(59);
    Outcomes.keep(store.jdbi(), 30, AS_OF);
    execute("DELETE FROM orders WHERE customer_id = ? AND amount = 40", contacted[1]);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(59);
    Outcomes.keep(store.jdbi(), 30, AS_OF);

    // a statement of many orders beside the outcomes kept reads them all at once rather than
    // customer by customer (V13; the single orders above go by customer): the same rule. Orders
    // after every window drop nothing...
    String many =
        "INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency)"
            + " SELECT ? || g, ?, CAST(? AS date)::timestamp AT TIME ZONE 'UTC', ?, 1, 'USD'"
            + " FROM generate_series(1, 1500) g";
    execute(many, "after-", contacted[3], START.plusDays(45), START.plusDays(45));
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(60);
    // ...and orders inside a window drop its outcome
    execute(many, "inside-", contacted[3], START.plusDays(3), START.plusDays(3));
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(59);
    execute("DELETE FROM orders WHERE external_id LIKE 'after-%' OR external_id LIKE 'inside-%'");
    Outcomes.keep(store.jdbi(), 30, AS_OF);

    // an offer made to an enrollment after its window closed: its kept outcome goes, and the
    // offer's line counts it; a change that copies nothing (the next step) keeps it
    execute("UPDATE enrollments SET next_step = 3 WHERE customer_id = ?", contacted[2]);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(60);
    long offer = offer(contacted[2], "percent", "15", null, START, 30, "win", "0");
    execute("UPDATE enrollments SET offer_id = ? WHERE customer_id = ?", offer, contacted[2]);
    assertThat(count("SELECT count(*) FROM enrollment_outcomes")).isEqualTo(59);
    assertThat(compute(options(Optional.empty(), false)).offers())
        .anySatisfy(
            l -> {
              assertThat(l.offer()).isEqualTo("15% off, 30 days");
              assertThat(l.lift().contacted().customers()).isOne();
              assertThat(l.lift().contacted().reactivated()).isOne();
            });
    Outcomes.keep(store.jdbi(), 30, AS_OF);

    // kept or not, the same results after all that
    Results.Report after = compute(options(Optional.empty(), false));
    assertThat(after.playbooks().get(0).lift().contacted().reactivated()).isEqualTo(10);
    execute("DELETE FROM enrollment_outcomes");
    Results.Report afresh = compute(options(Optional.empty(), false));
    assertThat(afresh.playbooks()).isEqualTo(after.playbooks());
    assertThat(afresh.offers()).isEqualTo(after.offers()).hasSize(2);
    // another window is not kept by the default one's outcomes
    assertThat(compute(new Results.Options(AS_OF, Optional.empty(), 3, false, 200)).playbooks())
        .allSatisfy(l -> assertThat(l.lift().contacted().reactivated()).isZero());
  }

  @Test
  void lift_tooFewHeldOut_saysNotEnoughDataAndGivesNoNumber() {
    for (int i = 0; i < 50; i++) {
      long c = customer("c" + i, null);
      enrol(c, "win", START, false, null);
      if (i % 2 == 0) {
        order(c, START.plusDays(5), "40.00", null);
      }
    }
    for (int i = 0; i < 12; i++) {
      long c = customer("h" + i, null);
      enrol(c, "win", START, true, null);
      if (i < 6) {
        order(c, START.plusDays(5), "40.00", null);
      }
    }
    PlaybookLift p = compute(Results.Options.asOf(AS_OF)).playbooks().get(0);
    assertThat(p.lift().verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(p.lift().notEnoughData().orElseThrow())
        .isEqualTo(
            "not enough data yet: the holdout group has 12 customers, and at least 30 are needed");
    assertThat(p.lift().difference()).isEmpty();
    assertThat(p.revenue().perEnrollment()).isEmpty();
    assertThat(p.revenue().total()).isEmpty();
    assertThat(p.revenue().contactedMean()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void offerLift_groupsTheContactedByTheOfferMade_againstTheWholeHoldout() {
    for (int i = 0; i < 60; i++) {
      long c = customer("c" + i, null);
      long offer =
          i < 30
              ? offer(c, "percent", "15", null, START, 30, "win", "0")
              : offer(c, "amount", "10", "USD", START, 14, "win", "0");
      enrol(c, "win", START, false, offer);
      if (i % 3 == 0) {
        order(c, START.plusDays(4), "30.00", null);
      }
    }
    for (int i = 0; i < 10; i++) {
      enrol(customer("n" + i, null), "win", START, false, null);
    }
    for (int i = 0; i < 30; i++) {
      long c = customer("h" + i, null);
      enrol(c, "win", START, true, null);
      if (i < 6) {
        order(c, START.plusDays(4), "30.00", null);
      }
    }
    Results.Report r = compute(Results.Options.asOf(AS_OF));
    assertThat(r.offers())
        .extracting(OfferLift::offer)
        .containsExactly("10 USD off, 14 days", "15% off, 30 days", "no offer");
    OfferLift percent = r.offers().get(1);
    assertThat(percent.playbook()).isEqualTo("win");
    assertThat(percent.lift().contacted().customers()).isEqualTo(30);
    assertThat(percent.lift().contacted().reactivated()).isEqualTo(10);
    assertThat(percent.lift().holdout().customers()).isEqualTo(30);
    assertThat(percent.lift().holdout().reactivated()).isEqualTo(6);
    assertThat(r.offers().get(2).lift().contacted().customers()).isEqualTo(10);
    assertThat(r.offers().get(2).lift().verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(r.playbooks().get(0).lift().contacted().customers()).isEqualTo(70);
    assertThat(r.playbooks().get(0).lift().contacted().reactivated()).isEqualTo(20);
  }

  // ---- attribution and the ledger

  @Test
  void ledger_offerCodeBeatsTheWindow_andTheLatestContactWins() {
    LocalDate day = LocalDate.of(2024, 4, 1);
    // a: redeemed an offer of 'win' step 0 with its code 60 days after a contact of 'check'
    long a = customer("a", null);
    contact(a, day.minusDays(60), "check", 0);
    contact(a, day.minusDays(2), "check", 0);
    long offerA = offer(a, "percent", "10", null, day.minusDays(70), 90, "win", "0");
    long orderA = order(a, day, "200.00", code(offerA));
    redeem(offerA, orderA, day, "20.00");
    recovery(a, orderA, day, "dormant");
    // b: two contacts in the window, the later one wins
    long b = customer("b", null);
    contact(b, day.minusDays(20), "win", 1);
    contact(b, day.minusDays(5), "check", 0);
    recovery(b, order(b, day, "100.00", null), day, "lapsing");
    // c: two contacts on the same day, the one recorded last wins
    long c = customer("c", null);
    contact(c, day.minusDays(3), "check", 0);
    contact(c, day.minusDays(3), "win", 1);
    recovery(c, order(c, day, "50.00", null), day, "lost");
    // d: a contact 30 days before (the window's first day): credited
    long d = customer("d", null);
    contact(d, day.minusDays(30), "win", 1);
    recovery(d, order(d, day, "10.00", null), day, "lapsing");
    // e: a contact 31 days before, and one on the order's day: neither counts
    long e = customer("e", null);
    contact(e, day.minusDays(31), "win", 1);
    contact(e, day, "win", 1);
    recovery(e, order(e, day, "30.00", null), day, "lapsing");
    // f: a contact by hand, outside the playbooks
    long f = customer("f", null);
    contact(f, day.minusDays(1), null, null);
    recovery(f, order(f, day, "5.00", null), day, "dormant");

    Results.Report r = compute(options(Optional.empty(), true));
    List<LedgerCustomer> rows = r.comebacks();
    assertThat(rows)
        .extracting(LedgerCustomer::customerId)
        .containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(rows.get(0).attribution())
        .isEqualTo(
            new Attribution(
                Attribution.Method.OFFER,
                Optional.of("win"),
                Optional.of(0),
                Optional.of(day.minusDays(70))));
    assertThat(rows.get(1).attribution())
        .isEqualTo(
            new Attribution(
                Attribution.Method.CONTACT,
                Optional.of("check"),
                Optional.of(0),
                Optional.of(day.minusDays(5))));
    assertThat(rows.get(2).attribution().playbook()).contains("win");
    assertThat(rows.get(3).attribution().playbook()).contains("win");
    assertThat(rows.get(3).attribution().on()).contains(day.minusDays(30));
    assertThat(rows.get(4).attribution()).isEqualTo(Attribution.NONE);
    assertThat(rows.get(5).attribution().method()).isEqualTo(Attribution.Method.CONTACT);
    assertThat(rows.get(5).attribution().playbook()).isEmpty();
    assertThat(rows.get(0).offerCost()).isEqualByComparingTo("20.00");
    assertThat(rows.get(0).net()).isEqualByComparingTo("180.00");

    assertThat(r.ledger())
        .extracting(LedgerLine::key)
        .containsExactly("check", "win", LedgerLine.OUTSIDE, LedgerLine.ON_THEIR_OWN);
    LedgerLine check = r.ledger().get(0);
    assertThat(check.comebacks()).isEqualTo(1);
    assertThat(check.byContact()).isEqualTo(1);
    assertThat(check.revenue()).isEqualByComparingTo("100.00");
    assertThat(check.roi()).isEmpty(); // no cost
    LedgerLine win = r.ledger().get(1);
    assertThat(win.name()).isEqualTo("Dormant win-back");
    assertThat(win.comebacks()).isEqualTo(3);
    assertThat(win.byOffer()).isEqualTo(1);
    assertThat(win.byContact()).isEqualTo(2);
    assertThat(win.revenue()).isEqualByComparingTo("260.00");
    assertThat(win.offerCost()).isEqualByComparingTo("20.00");
    assertThat(win.net()).isEqualByComparingTo("240.00");
    assertThat(win.roi()).contains(new BigDecimal("12.0000"));
    assertThat(r.ledger().get(3).revenue()).isEqualByComparingTo("30.00");

    // a window of 60 days reaches e's contact 31 days before
    Results.Report wide = compute(new Results.Options(AS_OF, Optional.empty(), 60, true, 100));
    assertThat(wide.comebacks().get(4).attribution().on()).contains(day.minusDays(31));
  }

  @Test
  void ledger_costOnTheRedeemingOrdersDay_andTheCustomersOwnRepliesCreditNobody() {
    LocalDate day = LocalDate.of(2024, 4, 1);
    // a: a shop east of UTC; the comeback order of the 1st, made at 00:30 local time, redeemed
    // its offer at 22:30 UTC on the day before
    long a = customer("a", null);
    long offerA = offer(a, "amount", "10", "USD", day.minusDays(10), 30, "win", "0");
    long orderA = order(a, day, "100.00", null);
    execute(
        "UPDATE offers SET status = 'redeemed', redeemed_at = CAST(? AS date)::timestamp AT TIME"
            + " ZONE 'UTC' - interval '90 minutes', redeemed_order_id = ?, cost = 10,"
            + " cost_currency = 'USD' WHERE id = ?",
        day,
        orderA,
        offerA);
    recovery(a, orderA, day, "dormant");
    // b: the playbook's email, then the customer's survey answer and reply: the email is credited
    long b = customer("b", null);
    contact(b, day.minusDays(6), "win", 1);
    execute(
        "INSERT INTO contacts (customer_id, contacted_on, channel, source)"
            + " VALUES (?, ?, 'other', 'survey')",
        b,
        day.minusDays(3));
    execute(
        "INSERT INTO contacts (customer_id, contacted_on, channel, source)"
            + " VALUES (?, ?, 'email', 'reply')",
        b,
        day.minusDays(2));
    recovery(b, order(b, day, "50.00", null), day, "lost");

    List<LedgerCustomer> rows = compute(options(Optional.empty(), true)).comebacks();

    assertThat(rows).extracting(LedgerCustomer::customerId).containsExactly("a", "b");
    assertThat(rows.get(0).offerCost()).isEqualByComparingTo("10");
    assertThat(rows.get(1).attribution().playbook()).contains("win");
    assertThat(rows.get(1).attribution().on()).contains(day.minusDays(6));
  }

  @Test
  void ledger_revenueRunsUntilTheNextComeback_andOffersCostInTheSpan() {
    long a = customer("a", null);
    LocalDate first = LocalDate.of(2024, 2, 1);
    LocalDate second = LocalDate.of(2024, 5, 1);
    long o1 = order(a, first, "100.00", null);
    order(a, first.plusDays(10), "40.00", null);
    long offer = offer(a, "amount", "15", "USD", first.plusDays(5), 30, "win", "0");
    long o2 = order(a, first.plusDays(20), "60.00", code(offer));
    redeem(offer, o2, first.plusDays(20), "15.00");
    long o3 = order(a, second, "300.00", null);
    order(a, AS_OF, "1.00", null);
    order(a, AS_OF.plusDays(1), "1000.00", null); // after the as-of date: not counted
    recovery(a, o1, first, "lost");
    recovery(a, o3, second, "lost");
    List<LedgerCustomer> rows = compute(options(Optional.empty(), true)).comebacks();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).revenue()).isEqualByComparingTo("200.00");
    assertThat(rows.get(0).offerCost()).isEqualByComparingTo("15.00");
    assertThat(rows.get(1).revenue()).isEqualByComparingTo("301.00");
    assertThat(rows.get(1).offerCost()).isEqualByComparingTo("0");
    assertThat(rows.get(1).orderId()).isEqualTo("o" + o3);

    // --since: only the second comeback, its span unchanged
    Results.Report since = compute(options(Optional.of(LocalDate.of(2024, 3, 1)), true));
    assertThat(since.comebacks()).hasSize(1);
    assertThat(since.comebacks().get(0).revenue()).isEqualByComparingTo("301.00");
    assertThat(since.ledger()).hasSize(1);
    assertThat(since.ledger().get(0).key()).isEqualTo(LedgerLine.ON_THEIR_OWN);
  }

  // ---- lost

  @Test
  void lost_valueAtRiskWhenTheSlideBegan_withAndWithoutContact() {
    // a: active -> lapsing (500) -> dormant (400) -> lost, a letter while dormant: contacted
    long a = customer("a", "Ann");
    transition(a, "active", "lapsing", "2024-01-10", 500);
    transition(a, "lapsing", "dormant", "2024-02-10", 400);
    contact(a, LocalDate.of(2024, 2, 20), "win", 1);
    transition(a, "dormant", "lost", "2024-04-10", 300);
    // b: lapsing (250) -> lost, nobody in touch (a contact before the slide does not count)
    long b = customer("b", null);
    contact(b, LocalDate.of(2023, 12, 1), null, null);
    transition(b, "active", "lapsing", "2024-01-05", 250);
    transition(b, "lapsing", "lost", "2024-03-05", 200);
    // c: slid once and came back, then slid again (from 120): the second slide counts
    long c = customer("c", null);
    transition(c, "active", "lapsing", "2023-10-01", 900);
    contact(c, LocalDate.of(2023, 10, 5), "check", 0);
    transition(c, "lapsing", "reactivated", "2023-11-01", 0);
    transition(c, "reactivated", "lapsing", "2024-02-01", 120);
    transition(c, "lapsing", "lost", "2024-05-01", 100);
    // d: straight from active to lost: not a slide from lapsing or dormant
    long d = customer("d", null);
    transition(d, "active", "lost", "2024-03-01", 700);
    // e: lost after the as-of date: not yet
    long e = customer("e", null);
    transition(e, "active", "lapsing", "2024-06-01", 80);
    transition(e, "lapsing", "lost", "2024-07-01", 80);

    Lost lost = compute(options(Optional.empty(), true)).lost();
    assertThat(lost.lost()).isEqualTo(3);
    assertThat(lost.valueAtRisk()).isCloseTo(870.0, within(1e-9));
    assertThat(lost.contacted()).isEqualTo(1);
    assertThat(lost.contactedValueAtRisk()).isCloseTo(500.0, within(1e-9));
    assertThat(lost.notContacted()).isEqualTo(2);
    assertThat(lost.notContactedValueAtRisk()).isCloseTo(370.0, within(1e-9));
    assertThat(lost.customers())
        .extracting(LostCustomer::customerId)
        .containsExactly("a", "b", "c");
    LostCustomer ann = lost.customers().get(0);
    assertThat(ann.name()).contains("Ann");
    assertThat(ann.fromState()).isEqualTo("dormant");
    assertThat(ann.slideBegan()).isEqualTo(LocalDate.of(2024, 1, 10));
    assertThat(ann.contacts()).isEqualTo(1);
    assertThat(ann.lastContact()).contains(LocalDate.of(2024, 2, 20));
    assertThat(lost.customers().get(2).slideBegan()).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(lost.customers().get(2).contacted()).isFalse();

    // without the list the totals are summed by the server: the same
    Lost totals = compute(options(Optional.empty(), false)).lost();
    assertThat(totals.customers()).isEmpty();
    assertThat(totals.lost()).isEqualTo(3);
    assertThat(totals.contacted()).isEqualTo(1);
    assertThat(totals.valueAtRisk()).isCloseTo(870.0, within(1e-9));
    assertThat(totals.contactedValueAtRisk()).isCloseTo(500.0, within(1e-9));

    Lost since = compute(options(Optional.of(LocalDate.of(2024, 4, 1)), false)).lost();
    assertThat(since.lost()).isEqualTo(2);
    assertThat(since.customers()).isEmpty();
  }

  // ---- coverage

  @Test
  void coverage_contactedWithinTheCadence_perEnabledCadencePlaybook() {
    long k1 = customer("k1", null, "key");
    long k2 = customer("k2", null, "key");
    long k3 = customer("k3", null, "key");
    customer("k4", null, "key");
    customer("r1", null, "retail");
    contact(k1, AS_OF.minusDays(29), null, null); // within 30 days
    contact(k2, AS_OF.minusDays(30), "check", 0); // 30 days ago: not within
    contact(k3, AS_OF.plusDays(1), "check", 0); // after the as-of date
    List<Coverage> coverage = compute(Results.Options.asOf(AS_OF)).coverage();
    assertThat(coverage).hasSize(1);
    Coverage c = coverage.get(0);
    assertThat(c.playbook()).isEqualTo("check");
    assertThat(c.days()).isEqualTo(30);
    assertThat(c.segment()).contains("key");
    assertThat(c.customers()).isEqualTo(4);
    assertThat(c.contacted()).isEqualTo(1);
    assertThat(c.share().orElseThrow()).isEqualTo(0.25);
  }

  @Test
  void options_badValues_areRefusedWithTheRule() {
    assertThatThrownBy(() -> new Results.Options(AS_OF, Optional.empty(), 0, false, 100))
        .hasMessageContaining("between 1 and 3650 days, was 0");
    assertThatThrownBy(
            () -> new Results.Options(AS_OF, Optional.of(AS_OF.plusDays(1)), 30, false, 100))
        .hasMessageContaining("must not be after the as-of date");
    assertThatThrownBy(() -> new Results.Options(AS_OF, Optional.empty(), 30, false, 10))
        .hasMessageContaining("at least 100 resamples");
  }

  // ---- a planted lift through the whole path

  @Test
  void lift_plantedLift_isRecovered() {
    // 3,000 contacted at 25%, 1,000 held out at 15%: +10 points, well inside the power of this
    // sample; the interval must cover +10 and exclude 0, the revenue interval the planted +4.00
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    int n = 4000;
    String[] ids = new String[n];
    boolean[] held = new boolean[n];
    List<String> buyers = new java.util.ArrayList<>();
    List<LocalDate> days = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids[i] = "p" + i;
      held[i] = i >= 3000;
      if (random.nextDouble() < (held[i] ? 0.15 : 0.25)) {
        buyers.add(ids[i]);
        days.add(START.plusDays(1 + random.nextInt(30)));
      }
    }
    Boolean[] heldBoxed = new Boolean[n];
    for (int i = 0; i < n; i++) {
      heldBoxed[i] = held[i];
    }
    store
        .jdbi()
        .useHandle(
            h -> {
              h.createUpdate("INSERT INTO customers (external_id) SELECT unnest(:ids)")
                  .bind("ids", ids)
                  .execute();
              h.createUpdate(
                      "INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on,"
                          + " status, ended_on) SELECT c.id, 'win', :start, 'test', :start,"
                          + " CASE WHEN x.held THEN 'held_out' ELSE 'completed' END, :start"
                          + " FROM unnest(:ids, :held) AS x(id, held)"
                          + " JOIN customers c ON c.external_id = x.id")
                  .bind("start", START)
                  .bind("ids", ids)
                  .bind("held", heldBoxed)
                  .execute();
              h.createUpdate(
                      "INSERT INTO orders (external_id, customer_id, ordered_at, order_date,"
                          + " amount, currency) SELECT 'po' || c.id, c.id,"
                          + " x.day::timestamp AT TIME ZONE 'UTC', x.day, 40, 'USD'"
                          + " FROM unnest(:ids, :days) AS x(id, day)"
                          + " JOIN customers c ON c.external_id = x.id")
                  .bind("ids", buyers.toArray(new String[0]))
                  .bind("days", days.toArray(new LocalDate[0]))
                  .execute();
            });
    PlaybookLift p = compute(Results.Options.asOf(AS_OF)).playbooks().get(0);
    assertThat(p.lift().contacted().customers()).isEqualTo(3000);
    assertThat(p.lift().holdout().customers()).isEqualTo(1000);
    assertThat(p.lift().contacted().reactivated() + p.lift().holdout().reactivated())
        .isEqualTo(buyers.size());
    assertThat(p.lift().verdict()).isEqualTo(Verdict.MORE_CAME_BACK);
    assertThat(p.lift().difference().orElseThrow().interval().contains(0.10)).isTrue();
    assertThat(p.revenue().perEnrollment().orElseThrow().interval().contains(4.0)).isTrue();
  }

  // ---- helpers

  private static Results.Report compute(Results.Options options) {
    return Results.compute(store.jdbi(), BOOKS, options, stage -> {});
  }

  private static Results.Options options(Optional<LocalDate> since, boolean customers) {
    return new Results.Options(AS_OF, since, 30, customers, 200);
  }

  private long customer(String id, String name) {
    return customer(id, name, null);
  }

  private long customer(String id, String name, String segment) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO customers (external_id, name, segment) VALUES (?, ?, ?)"
                            + " RETURNING id")
                    .bind(0, id)
                    .bind(1, name)
                    .bind(2, segment)
                    .mapTo(Long.class)
                    .one());
  }

  private long order(long customer, LocalDate day, String amount, String code) {
    orders++;
    return store
        .jdbi()
        .withHandle(
            h -> {
              long id =
                  h.createQuery(
                          "INSERT INTO orders (external_id, customer_id, ordered_at, order_date,"
                              + " amount, currency, offer_code) VALUES ('tmp' || ?, ?,"
                              + " CAST(? AS date)::timestamp AT TIME ZONE 'UTC', ?,"
                              + " CAST(? AS numeric), 'USD', ?) RETURNING id")
                      .bind(0, orders)
                      .bind(1, customer)
                      .bind(2, day)
                      .bind(3, day)
                      .bind(4, amount)
                      .bind(5, code)
                      .mapTo(Long.class)
                      .one();
              h.execute("UPDATE orders SET external_id = 'o' || id WHERE id = ?", id);
              return id;
            });
  }

  private static void enrol(
      long customer, String playbook, LocalDate start, boolean heldOut, Long offer) {
    execute(
        "INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on, status,"
            + " offer_id, ended_on) VALUES (?, ?, ?, 'test', ?, ?, ?, ?)",
        customer,
        playbook,
        start,
        start,
        heldOut ? "held_out" : "completed",
        offer,
        start);
  }

  private static void contact(long customer, LocalDate day, String playbook, Integer step) {
    execute(
        "INSERT INTO contacts (customer_id, contacted_on, channel, source, playbook, step)"
            + " VALUES (?, ?, 'email', 'test', ?, ?)",
        customer,
        day,
        playbook,
        step);
  }

  private static long offer(
      long customer,
      String kind,
      String value,
      String currency,
      LocalDate issued,
      int days,
      String playbook,
      String step) {
    long n = count("SELECT count(*) FROM offers") + 1;
    String code = "Q" + String.format("%012d", n).replace('0', 'A').replace('1', 'B');
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO offers (code, customer_id, kind, value, currency, issued_at,"
                            + " expires_at, playbook, step) VALUES (?, ?, ?, CAST(? AS numeric), ?,"
                            + " CAST(? AS date)::timestamp AT TIME ZONE 'UTC',"
                            + " CAST(? AS date)::timestamp AT TIME ZONE 'UTC', ?, ?) RETURNING id")
                    .bind(0, code)
                    .bind(1, customer)
                    .bind(2, kind)
                    .bind(3, value)
                    .bind(4, currency)
                    .bind(5, issued)
                    .bind(6, issued.plusDays(days))
                    .bind(7, playbook)
                    .bind(8, step)
                    .mapTo(Long.class)
                    .one());
  }

  private static String code(long offer) {
    // as a cashier might type it: lower case, in groups
    String c =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT code FROM offers WHERE id = ?", offer)
                        .mapTo(String.class)
                        .one());
    return c.substring(0, 4).toLowerCase(java.util.Locale.ROOT) + "-" + c.substring(4);
  }

  private static void redeem(long offer, long order, LocalDate day, String cost) {
    execute(
        "UPDATE offers SET status = 'redeemed', redeemed_at = CAST(? AS date)::timestamp AT TIME"
            + " ZONE 'UTC', redeemed_order_id = ?, cost = CAST(? AS numeric), cost_currency = 'USD'"
            + " WHERE id = ?",
        day,
        order,
        cost,
        offer);
  }

  private static void recovery(long customer, long order, LocalDate day, String from) {
    execute(
        "INSERT INTO recoveries (customer_id, order_id, recovered_on, from_state) VALUES (?, ?, ?, ?)",
        customer,
        order,
        day,
        from);
  }

  private static void transition(long customer, String from, String to, String day, double var) {
    execute(
        "INSERT INTO lifecycle_transitions (customer_id, from_state, to_state, on_date,"
            + " value_at_risk, reason) VALUES (?, ?, ?, CAST(? AS date), ?, 'test')",
        customer,
        from,
        to,
        day,
        var);
  }

  private static long count(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }

  private static void execute(String sql, Object... args) {
    store.jdbi().useHandle(h -> h.execute(sql, args));
  }
}
