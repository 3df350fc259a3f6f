package org.rekindle.store.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;
import org.rekindle.store.feedback.Cases;
import org.rekindle.store.feedback.Feedback;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.run.DailyRun;
import org.rekindle.store.survey.SurveyAnswer;
import org.rekindle.store.survey.SurveyAnswers;

/**
 * Plans on a real PostgreSQL over the CDNOW sample, with the lifecycle states of a few customers
 * set by hand so each rule of the contact policy can be seen at work.
 */
class PlannerTest {
  static final Path CDNOW = Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();
  static final LocalDate AS_OF = LocalDate.of(1997, 10, 14);
  static final Instant NOON = Instant.parse("1997-10-14T12:00:00Z");

  @TempDir static Path home;
  static Store store;
  Planner planner = new Planner(store, Clock.fixed(NOON, ZoneOffset.UTC));

  static final String HEAD =
      """
      business: {name: Test Shop, from_email: shop@test.example}
      contact_policy:
        caps: [{at_most: 1, per_days: 7, channels: [email]}]
        quiet_hours: false
        calls_per_rep_per_day: 1
      """;

  static final String LAPSE =
      HEAD
          + """
          playbooks:
            - id: lapse
              trigger: {type: entered_state, state: lapsing}
              steps:
                - offer: {kind: percent, value: 10, expires_in_days: 30}
                - email: {template: lapsing-check-in, subject: "Hello"}
                - wait: 7
                - call: {assign: owner_rep}
              holdout: 0
          """;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(CDNOW.resolve("cdnow_sample.csv"));
    new CustomerImporter(store, CustomerFileReader.builder(), 0.01)
        .importFile(CDNOW.resolve("cdnow_customers_example.csv"));
    DailyRun.run(store, LocalDate.of(1997, 9, 30), DailyRun.Options.defaults(), s -> {});
    DailyRun.run(store, AS_OF, DailyRun.Options.defaults(), s -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  /** Everyone active for long, no outreach yet; customers 1–5 reachable by every channel. */
  @BeforeEach
  void reset() {
    execute(
        "TRUNCATE plan_decisions, outbox, call_tasks, enrollments, playbook_holdout, contacts,"
            + " case_actions, cases, feedback RESTART IDENTITY CASCADE");
    execute("UPDATE offers SET status = 'void'");
    execute("UPDATE lifecycle_states SET state = 'active', since = '1997-01-01'");
    execute("UPDATE account_dormancy SET notice_due = '2099-01-01', dormant_on = '2099-02-01'");
    execute(
        "UPDATE customers SET email = 'c' || external_id || '@mail.example', phone = '+1 555 01'"
            + " || lpad(external_id, 2, '0'), address_line1 = external_id || ' Main St', city ="
            + " 'Springfield', owner_rep = 'maria' WHERE external_id IN ('1', '2', '3', '4', '5')");
    store
        .jdbi()
        .useHandle(
            h -> {
              ConsentLog.attribute(h, ConsentLog.Source.STAFF, "test", "");
              h.execute(
                  "UPDATE customers SET consent_email = true, consent_letter = true, consent_phone"
                      + " = true WHERE external_id IN ('1', '2', '3', '4', '5')");
            });
  }

  private static void execute(String sql, Object... args) {
    store.jdbi().useHandle(h -> h.execute(sql, args));
  }

  private static long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  private static void lapse(String... customers) {
    for (String c : customers) {
      execute(
          "UPDATE lifecycle_states SET state = 'lapsing', since = ? WHERE customer_id ="
              + " (SELECT id FROM customers WHERE external_id = ?)",
          AS_OF.minusDays(2),
          c);
    }
  }

  private static Playbooks books(String yaml) {
    return PlaybookLoader.parse(yaml, "test.yaml");
  }

  @Test
  void dryRun_showsThePlan_andChangesNothing() {
    lapse("1", "2");

    Planner.Plan dry = planner.plan(books(LAPSE), AS_OF, false, s -> {});

    assertThat(dry.applied()).isFalse();
    assertThat(dry.count("started", "start")).isEqualTo(2);
    assertThat(dry.count("issued", "offer")).isEqualTo(2);
    assertThat(dry.count("queued", "email")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM enrollments")).isZero();
    assertThat(count("SELECT count(*) FROM outbox")).isZero();
    assertThat(count("SELECT count(*) FROM plan_decisions")).isZero();
    assertThat(count("SELECT count(*) FROM offers WHERE status = 'issued'")).isZero();
  }

  @Test
  void plan_queuesOnce_evenWhenPlannedTwice() {
    lapse("1", "2");

    Planner.Plan first = planner.plan(books(LAPSE), AS_OF, true, s -> {});
    Planner.Plan again = planner.plan(books(LAPSE), AS_OF, true, s -> {});

    assertThat(first.count("queued", "email")).isEqualTo(2);
    assertThat(again.decisions()).isEmpty();
    assertThat(count("SELECT count(*) FROM outbox WHERE channel = 'email'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM plan_decisions")).isEqualTo(first.decisions().size());
    // the email carries the offer the step before it made, with its code in the values
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN offers f ON f.id = o.offer_id"
                    + " WHERE o.vars -> 'offer' ->> 'value' = '10% off'"
                    + " AND length(o.vars -> 'offer' ->> 'code') = 15"))
        .isEqualTo(2);
    // the run waits 7 days before its call
    assertThat(
            count(
                "SELECT count(*) FROM enrollments WHERE next_step = 3 AND next_due = ?",
                AS_OF.plusDays(7)))
        .isEqualTo(2);
  }

  @Test
  void plannedTwice_aRunEndingThatDayIsNotStartedAgain() {
    // a cadence whose run outlasts it: the run started on AS_OF ends two days later, when the
    // customer has again had no contact for two days
    execute("UPDATE customers SET segment = 'key' WHERE external_id = '1'");
    String cadence =
        HEAD
            + """
            playbooks:
              - id: cadence
                trigger: {type: no_contact_for, days: 2, segment: key}
                steps: [{wait: 2}, {email: {template: lapsing-check-in, subject: "Hi"}}]
                holdout: 0
            """;
    planner.plan(books(cadence), AS_OF, true, s -> {});

    Planner.Plan first = planner.plan(books(cadence), AS_OF.plusDays(2), true, s -> {});
    Planner.Plan again = planner.plan(books(cadence), AS_OF.plusDays(2), true, s -> {});

    assertThat(first.count("completed", "start")).isEqualTo(1);
    assertThat(again.decisions()).isEmpty();
    assertThat(count("SELECT count(*) FROM enrollments")).isEqualTo(1);
    // the next day it starts afresh
    Planner.Plan next = planner.plan(books(cadence), AS_OF.plusDays(3), true, s -> {});
    assertThat(next.count("started", "start")).isEqualTo(1);
    execute("UPDATE customers SET segment = NULL WHERE external_id = '1'");
  }

  @Test
  void afterTheWait_theCallGoesToTheRep_mostValueFirst_withinCapacity() {
    lapse("1", "2");
    planner.plan(books(LAPSE), AS_OF, true, s -> {});

    Planner.Plan later = planner.plan(books(LAPSE), AS_OF.plusDays(7), true, s -> {});

    // one call per rep per day: one of the two waits for tomorrow
    assertThat(later.count("queued", "call")).isEqualTo(1);
    assertThat(later.count("deferred", "call")).isEqualTo(1);
    assertThat(later.decisions())
        .filteredOn(d -> d.decision().equals("deferred"))
        .extracting(Planner.Decision::reason)
        .containsExactly("call capacity: maria has 1 calls today already");
    double given =
        store
            .jdbi()
            .withHandle(
                h -> h.select("SELECT value_at_risk FROM call_tasks").mapTo(Double.class).one());
    double waiting =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT s.value_at_risk FROM scores s JOIN runs r ON r.id = s.run_id"
                                + " JOIN enrollments e ON e.customer_id = s.customer_id"
                                + " WHERE r.as_of = ? AND e.status = 'active'",
                            AS_OF)
                        .mapTo(Double.class)
                        .one());
    assertThat(given).isGreaterThanOrEqualTo(waiting);

    Planner.Plan nextDay = planner.plan(books(LAPSE), AS_OF.plusDays(8), true, s -> {});
    assertThat(nextDay.count("queued", "call")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM enrollments WHERE status = 'completed'")).isEqualTo(2);
  }

  @Test
  void suppressedOrUnconsented_areSkipped_withTheReason() {
    lapse("4", "2", "3");
    // suppressions are never deleted: this address is used by no other test
    new Suppressions(store.jdbi())
        .suppress(
            ConsentLog.Channel.EMAIL,
            "C4@mail.example",
            Suppressions.Reason.BOUNCED,
            ConsentLog.Source.BOUNCE,
            "test",
            "");
    execute("UPDATE customers SET email = NULL WHERE external_id = '3'");

    Planner.Plan plan = planner.plan(books(LAPSE), AS_OF, true, s -> {});

    assertThat(plan.decisions())
        .filteredOn(d -> d.action().equals("email"))
        .extracting(Planner.Decision::customerId, Planner.Decision::decision, d -> d.reason())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "4", "skipped", "email address suppressed: bounced"),
            org.assertj.core.groups.Tuple.tuple("2", "queued", "email to c2@mail.example"),
            org.assertj.core.groups.Tuple.tuple("3", "skipped", "no email address"));
    assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(1);
  }

  @Test
  void frequencyCap_defersTheSecondEmailOfTheWeek() {
    lapse("1");
    String two =
        HEAD
            + """
            playbooks:
              - id: first
                trigger: {type: entered_state, state: lapsing}
                steps: [{email: {template: lapsing-check-in, subject: "One"}}]
                holdout: 0
                priority: 5
              - id: second
                trigger: {type: entered_state, state: lapsing}
                steps: [{email: {template: lapsing-check-in, subject: "Two"}}]
                holdout: 0
            """;

    Planner.Plan plan = planner.plan(books(two), AS_OF, true, s -> {});

    assertThat(plan.decisions())
        .filteredOn(d -> d.action().equals("email"))
        .extracting(Planner.Decision::playbook, Planner.Decision::decision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", "queued"),
            org.assertj.core.groups.Tuple.tuple("second", "deferred"));
    // a week on the cap has room again
    Planner.Plan week = planner.plan(books(two), AS_OF.plusDays(7), true, s -> {});
    assertThat(week.count("queued", "email")).isEqualTo(1);
  }

  @Test
  void quietHours_holdTheEmailUntilMorningInTheCustomersZone() {
    lapse("1");
    execute("UPDATE customers SET time_zone = 'America/Chicago' WHERE external_id = '1'");
    String quiet = LAPSE.replace("quiet_hours: false", "quiet_hours: {from: '20:00', to: '08:00'}");
    // 03:00 UTC is 22:00 the evening before in Chicago
    Planner night =
        new Planner(store, Clock.fixed(Instant.parse("1997-10-15T03:00:00Z"), ZoneOffset.UTC));

    Planner.Plan plan = night.plan(books(quiet), AS_OF.plusDays(1), true, s -> {});

    assertThat(plan.count("queued", "email")).as("%s", plan.decisions()).isEqualTo(1);

    OffsetDateTime notBefore =
        store
            .jdbi()
            .withHandle(
                h -> h.select("SELECT not_before FROM outbox").mapTo(OffsetDateTime.class).one());
    assertThat(notBefore.toInstant()).isEqualTo(Instant.parse("1997-10-15T13:00:00Z"));
  }

  @Test
  void holdout_isPersistent_andGetsNothing() {
    // every CDNOW customer lapsing: a large enough group for the share
    execute("UPDATE lifecycle_states SET state = 'lapsing', since = ?", AS_OF.minusDays(1));
    execute("UPDATE customers SET consent_letter = true");
    String half =
        HEAD
            + """
            playbooks:
              - id: card
                trigger: {type: entered_state, state: lapsing}
                steps: [{letter: {template: lapsing-check-in}}]
                holdout: 0.5
            """;

    Planner.Plan plan = planner.plan(books(half), AS_OF, true, s -> {});

    long customers = count("SELECT count(*) FROM customers");
    long out = count("SELECT count(*) FROM playbook_holdout WHERE held_out");
    assertThat(out).isBetween((long) (customers * 0.45), (long) (customers * 0.55));
    assertThat(plan.count("held_out", "start")).isEqualTo((int) out);
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN playbook_holdout p ON p.customer_id ="
                    + " o.customer_id AND p.held_out"))
        .isZero();

    // entering the state again starts a new cycle; the assignment stands
    execute(
        "UPDATE lifecycle_states SET since = ? WHERE customer_id IN (SELECT customer_id FROM"
            + " enrollments)",
        AS_OF.plusDays(40));
    execute(
        "UPDATE enrollments SET status = 'completed', ended_on = ? WHERE status = 'active'", AS_OF);
    planner.plan(books(half), AS_OF.plusDays(40), true, s -> {});
    assertThat(count("SELECT count(*) FROM playbook_holdout WHERE held_out")).isEqualTo(out);
    assertThat(
            count(
                "SELECT count(*) FROM enrollments e JOIN playbook_holdout p ON p.customer_id ="
                    + " e.customer_id WHERE p.held_out <> (e.status = 'held_out')"))
        .isZero();
  }

  @Test
  void conditionOnScores_startsExactlyForThoseWhoMeetIt() {
    // every CDNOW customer lapsing; the comparisons of scores are also tested in SQL, so the
    // customers they rule out are never read: the outcome must be the condition's all the same,
    // also for the customers whose scores are the very numbers compared with
    execute("UPDATE lifecycle_states SET state = 'lapsing', since = ?", AS_OF.minusDays(1));
    // a customer in the middle whose scores are the numbers compared with: they meet the
    // condition only through the equal sign
    String middle =
        "SELECT %s FROM scores s JOIN runs r ON r.id = s.run_id WHERE r.as_of = ?"
            + " AND s.value_at_risk IS NOT NULL AND s.p_alive IS NOT NULL"
            + " AND s.days_since_last IS NOT NULL AND coalesce(s.overdue_ratio <= 50, true)"
            + " ORDER BY s.value_at_risk, s.customer_id LIMIT 1 OFFSET 1200";
    double var = number(String.format(middle, "s.value_at_risk"));
    double alive = number(String.format(middle, "s.p_alive"));
    double days = number(String.format(middle, "s.days_since_last")) - 1;
    String scored =
        HEAD
            + """
            playbooks:
              - id: scored
                trigger: {type: entered_state, state: lapsing}
                when:
                  value_at_risk: [">= %s", "!= 25"]
                  p_alive: "<= %s"
                  any: [{days_since_last: "> %s"}, {consent_email: true}]
                  not: {overdue_ratio: "> 50"}
                steps: [{letter: {template: lapsing-check-in}}]
                holdout: 0
            """
                .formatted(var, alive, days);

    Planner.Plan plan = planner.plan(books(scored), AS_OF, true, s -> {});

    long meet =
        count(
            "SELECT count(*) FROM scores s JOIN runs r ON r.id = s.run_id JOIN customers c ON c.id"
                + " = s.customer_id WHERE r.as_of = ? AND s.value_at_risk >= ?"
                + " AND s.value_at_risk <> 25 AND s.p_alive <= ?"
                + " AND (s.days_since_last > ? OR c.consent_email)"
                + " AND NOT coalesce(s.overdue_ratio > 50, false)",
            AS_OF,
            var,
            alive,
            days);
    assertThat(meet).isPositive();
    assertThat(plan.count("started", "start")).isEqualTo((int) meet);
    assertThat(plan.notForThem()).isEqualTo((int) (count("SELECT count(*) FROM customers") - meet));
  }

  private static double number(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql, AS_OF).mapTo(Double.class).one());
  }

  @Test
  void birthdays_comingWithinTheLead_acrossTheNewYearAndOn29February() {
    execute(
        "UPDATE customers SET birthday = CASE external_id WHEN '1' THEN DATE '1960-12-30'"
            + " WHEN '2' THEN DATE '1971-01-03' WHEN '3' THEN DATE '1980-02-29'"
            + " WHEN '4' THEN DATE '1975-01-05' WHEN '5' THEN DATE '1990-03-01' END"
            + " WHERE external_id IN ('1', '2', '3', '4', '5')");
    String cards =
        HEAD
            + """
            playbooks:
              - id: card
                trigger: {type: birthday, days_before: 7}
                steps: [{letter: {template: birthday-card}}]
                holdout: 0
            """;
    try {
      Planner.Plan winter = planner.plan(books(cards), LocalDate.of(1997, 12, 28), true, s -> {});
      assertThat(winter.decisions())
          .filteredOn(d -> d.decision().equals("started"))
          .extracting(Planner.Decision::customerId, d -> d.cycle().toString())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("1", "1997-12-30"),
              org.assertj.core.groups.Tuple.tuple("2", "1998-01-03"));
      // in a year without 29 February the birthday falls on the 28th
      Planner.Plan february = planner.plan(books(cards), LocalDate.of(1998, 2, 21), true, s -> {});
      assertThat(february.decisions())
          .filteredOn(d -> d.decision().equals("started"))
          .extracting(Planner.Decision::customerId, d -> d.cycle().toString())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("3", "1998-02-28"));
    } finally {
      execute("UPDATE customers SET birthday = NULL");
    }
  }

  @Test
  void anOrder_stopsTheRunBeforeItsNextStep() {
    lapse("1");
    planner.plan(books(LAPSE), AS_OF, true, s -> {});
    execute(
        "INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency)"
            + " SELECT 'late-order', id, '1997-10-16T10:00:00Z', '1997-10-16', 20, 'USD'"
            + " FROM customers WHERE external_id = '1'");

    Planner.Plan later = planner.plan(books(LAPSE), AS_OF.plusDays(7), true, s -> {});

    assertThat(later.decisions())
        .extracting(Planner.Decision::decision, Planner.Decision::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("stopped", "ordered on 1997-10-16"));
    assertThat(count("SELECT count(*) FROM call_tasks")).isZero();
    execute("DELETE FROM orders WHERE external_id = 'late-order'");
  }

  @Test
  void aSurveyAnswer_stopsTheRunAsAReply() {
    lapse("1");
    planner.plan(books(LAPSE), AS_OF, true, s -> {});
    long customer = count("SELECT id FROM customers WHERE external_id = '1'");
    new SurveyAnswers(store.jdbi())
        .answer(
            customer,
            SurveyAnswer.of("price", "maybe", null, null),
            Instant.parse("1997-10-17T09:00:00Z"));

    Planner.Plan later = planner.plan(books(LAPSE), AS_OF.plusDays(7), true, s -> {});

    assertThat(later.decisions())
        .extracting(Planner.Decision::decision, Planner.Decision::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("stopped", "replied on 1997-10-17"));
    assertThat(count("SELECT count(*) FROM call_tasks")).isZero();
    execute("DELETE FROM survey_answers");
  }

  @Test
  void offerBudget_goesToTheMostValueAtRisk() {
    lapse("1", "2", "3", "4", "5");
    String budget =
        LAPSE.replace(
            "calls_per_rep_per_day: 1",
            "calls_per_rep_per_day: 1\n  offer_budget: {amount: 0.01, per_days: 30}");
    // amount offers of 0.01 each: room for exactly one
    budget = budget.replace("kind: percent, value: 10", "kind: amount, value: 0.01");

    Planner.Plan plan = planner.plan(books(budget), AS_OF, true, s -> {});

    assertThat(plan.count("issued", "offer")).isEqualTo(1);
    assertThat(plan.count("deferred", "offer")).isEqualTo(4);
    String first =
        plan.decisions().stream()
            .filter(d -> d.action().equals("offer") && d.decision().equals("issued"))
            .findFirst()
            .orElseThrow()
            .customerId();
    List<String> byValue =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT c.external_id FROM scores s JOIN runs r ON r.id = s.run_id"
                                + " JOIN customers c ON c.id = s.customer_id WHERE r.as_of = ?"
                                + " AND c.external_id IN ('1','2','3','4','5')"
                                + " ORDER BY s.value_at_risk DESC NULLS LAST, c.id",
                            AS_OF)
                        .mapTo(String.class)
                        .list());
    assertThat(first).isEqualTo(byValue.get(0));
  }

  @Test
  void offerBudget_aCatchUpOfMissedDaysSpendsOneBudget() {
    // the plans of two days are made late, on one day: their offers are issued that day, more
    // than a budget span after the days planned
    lapse("1");
    execute(
        "UPDATE lifecycle_states SET state = 'lapsing', since = ? WHERE customer_id ="
            + " (SELECT id FROM customers WHERE external_id = '2')",
        AS_OF.plusDays(1));
    String budget =
        LAPSE
            .replace(
                "calls_per_rep_per_day: 1",
                "calls_per_rep_per_day: 1\n  offer_budget: {amount: 0.01, per_days: 30}")
            .replace("kind: percent, value: 10", "kind: amount, value: 0.01");
    Planner late = new Planner(store, Clock.fixed(NOON.plus(Duration.ofDays(40)), ZoneOffset.UTC));

    Planner.Plan first = late.plan(books(budget), AS_OF, true, s -> {});
    Planner.Plan second = late.plan(books(budget), AS_OF.plusDays(1), true, s -> {});

    assertThat(first.count("issued", "offer")).isEqualTo(1);
    assertThat(second.count("issued", "offer")).isZero();
    assertThat(second.decisions())
        .filteredOn(d -> d.action().equals("offer"))
        .extracting(Planner.Decision::reason)
        .containsExactly("offer budget: 0.01 per 30 days would be exceeded");
  }

  /** A flagged complaint from {@code customer}: an open service case; returns its id. */
  private static long complaint(String customer) {
    return new Feedback(store.jdbi(), Clock.fixed(NOON, ZoneOffset.UTC), Duration.ofHours(24))
        .add(
            new Feedback.Entry(
                customer,
                "phone",
                Optional.empty(),
                Optional.of("nobody called back"),
                AS_OF,
                true,
                Optional.of("maria")))
        .caseId()
        .orElseThrow();
  }

  private static void closeCase(long id) {
    new Cases(store.jdbi(), Clock.fixed(NOON.plus(Duration.ofHours(2)), ZoneOffset.UTC))
        .close(id, Cases.Outcome.RESOLVED, "maria", Optional.empty());
  }

  @Test
  void openServiceCase_holdsTheOffer_andItFlowsAgainOnceClosed() {
    lapse("1", "2");
    long open = complaint("1");

    Planner.Plan held = planner.plan(books(LAPSE), AS_OF, true, s -> {});

    // customer 2 gets the offer and the email; customer 1 neither, and the run waits
    assertThat(held.decisions())
        .filteredOn(d -> d.customerId().equals("1") && d.step() >= 0)
        .extracting(Planner.Decision::action, Planner.Decision::decision, Planner.Decision::reason)
        .containsExactly(
            tuple(
                "offer",
                "deferred",
                "open service case #" + open + ": no sales offers until it is closed"));
    assertThat(held.count("issued", "offer")).isEqualTo(1);
    assertThat(held.count("queued", "email")).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM offers f JOIN customers c ON c.id = f.customer_id"
                    + " WHERE c.external_id = '1' AND f.status <> 'void'"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.external_id = '1'"))
        .isZero();
    Planner.Plan stillHeld = planner.plan(books(LAPSE), AS_OF.plusDays(1), true, s -> {});
    assertThat(stillHeld.count("deferred", "offer")).isEqualTo(1);
    assertThat(stillHeld.count("issued", "offer")).isZero();

    closeCase(open);
    Planner.Plan flowing = planner.plan(books(LAPSE), AS_OF.plusDays(2), true, s -> {});

    assertThat(flowing.decisions())
        .filteredOn(d -> d.customerId().equals("1") && d.step() >= 0)
        .extracting(Planner.Decision::action, Planner.Decision::decision)
        .containsExactly(tuple("offer", "issued"), tuple("email", "queued"));
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.external_id = '1' AND o.offer_id IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void openServiceCase_holdsACallCarryingAnOffer_butNotAPlainCheckIn() {
    lapse("1");
    planner.plan(books(LAPSE), AS_OF, true, s -> {});
    long open = complaint("1");
    String checkIn =
        HEAD
            + """
            playbooks:
              - id: check-in
                trigger: {type: entered_state, state: lapsing}
                steps:
                  - letter: {template: lapsing-check-in}
                holdout: 0
            """;

    Planner.Plan plain = planner.plan(books(checkIn), AS_OF, true, s -> {});
    Planner.Plan later = planner.plan(books(LAPSE), AS_OF.plusDays(7), true, s -> {});

    // a check-in carries no offer: it goes while the case is open
    assertThat(plain.count("queued", "letter")).isEqualTo(1);
    // the call after the wait carries the offer made before the complaint: it waits
    assertThat(later.decisions())
        .filteredOn(d -> d.action().equals("call"))
        .extracting(Planner.Decision::decision, Planner.Decision::reason)
        .containsExactly(
            tuple(
                "deferred", "open service case #" + open + ": no sales offers until it is closed"));
    assertThat(count("SELECT count(*) FROM call_tasks")).isZero();

    closeCase(open);
    Planner.Plan next = planner.plan(books(LAPSE), AS_OF.plusDays(8), true, s -> {});
    assertThat(next.count("queued", "call")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM call_tasks WHERE offer_id IS NOT NULL")).isEqualTo(1);
  }

  @Test
  void openServiceCase_anOfferThatExpiredWhileHeld_isNotCarriedOnceClosed() {
    lapse("1");
    planner.plan(books(LAPSE), AS_OF, true, s -> {});
    long open = complaint("1");
    Planner.Plan held = planner.plan(books(LAPSE), AS_OF.plusDays(7), true, s -> {});
    assertThat(held.count("deferred", "call")).isEqualTo(1);

    // the case is closed 40 days on: the 30-day offer the call was to mention has expired
    closeCase(open);
    Planner late = new Planner(store, Clock.fixed(NOON.plus(Duration.ofDays(40)), ZoneOffset.UTC));
    Planner.Plan next = late.plan(books(LAPSE), AS_OF.plusDays(40), true, s -> {});

    assertThat(next.decisions())
        .filteredOn(d -> d.action().equals("call"))
        .extracting(Planner.Decision::decision, Planner.Decision::reason)
        .containsExactly(
            tuple(
                "skipped",
                "the offer it would carry expired on "
                    + NOON.plus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC).toLocalDate()
                    + " while the touch was held"));
    assertThat(count("SELECT count(*) FROM call_tasks")).isZero();
  }

  @Test
  void noRunYet_isRefusedWithWhatToDo() {
    assertThatThrownBy(() -> planner.plan(books(LAPSE), LocalDate.of(1990, 1, 1), true, s -> {}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("run `rekindle run` first");
  }
}
