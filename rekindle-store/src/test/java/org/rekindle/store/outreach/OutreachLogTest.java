package org.rekindle.store.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.outreach.CallFixtures.customer;
import static org.rekindle.store.outreach.CallFixtures.execute;
import static org.rekindle.store.outreach.CallFixtures.task;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.outreach.OutreachLog.Item;
import org.rekindle.store.outreach.OutreachLog.Status;

/**
 * A day's decisions joined to where their emails, letters and calls stand, by status, playbook and
 * page; and whose a call task is.
 */
class OutreachLogTest {
  static final LocalDate DAY = LocalDate.of(1997, 10, 15);
  static final LocalDate OTHER_DAY = LocalDate.of(1997, 10, 16);

  @TempDir static Path home;
  static Store store;
  static OutreachLog log;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    log = new OutreachLog(store.jdbi());
    customer(store, "sent", "Sam Sent", "sam@mail.example", "+1 555 0101");
    customer(store, "unsure", "Uma Unsure", "uma@mail.example", "+1 555 0102");
    customer(store, "skipped", "Sid Skipped", "sid@mail.example", "+1 555 0103");
    customer(store, "stopped", "Sue Stopped", "sue@mail.example", "+1 555 0104");
    customer(store, "called", "Cal Called", "cal@mail.example", "+1 555 0105");
    customer(store, "later", "Lee Later", "lee@mail.example", "+1 555 0106");
    decision("sent", "win-back", 0, "email", "queued", "queued");
    outbox("sent", "win-back", 0, "sent", "250 Ok");
    decision("unsure", "win-back", 0, "email", "queued", "queued");
    outbox("unsure", "win-back", 0, "uncertain", "the connection broke");
    decision("skipped", "win-back", 0, "email", "skipped", "no consent to email");
    decision("stopped", "win-back", 0, "email", "queued", "queued");
    outbox("stopped", "win-back", 0, "suppressed", "email address suppressed: unsubscribed");
    decision("called", "check-in", 1, "call", "queued", "for Maria");
    long call = task("called").playbook("check-in", 1).due(DAY).rep("Maria").insert(store);
    // the task the fixture writes has its own key: give it the planner's
    execute(
        store,
        "UPDATE call_tasks SET dedupe_key = customer_id || ':check-in:1:' || ?, cycle = ?"
            + " WHERE id = ?",
        DAY.toString(),
        DAY,
        call);
    new CallTasks(store.jdbi())
        .log(call, CallTasks.Outcome.WILL_ORDER, Optional.of("in spring"), "maria", Instant.now());
    decision("later", "check-in", 1, "call", "deferred", "the call capacity is used up");
    decision("later", "check-in", -1, "start", "started", "entered lapsing");
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static void decision(
      String customer, String playbook, int step, String action, String decision, String reason) {
    execute(
        store,
        "INSERT INTO plan_decisions (planned_on, customer_id, playbook, cycle, step, action,"
            + " decision, reason) SELECT ?, id, ?, ?, ?, ?, ?, ? FROM customers"
            + " WHERE external_id = ?",
        DAY,
        playbook,
        DAY,
        step < 0 ? null : step,
        action,
        decision,
        reason,
        customer);
  }

  static void outbox(String customer, String playbook, int step, String status, String reply) {
    execute(
        store,
        "INSERT INTO outbox (dedupe_key, customer_id, playbook, step, cycle, channel, template,"
            + " address, recipient, vars, message_id, status, queued_on, not_before, last_reply,"
            + " sent_at) SELECT id || ':' || ? || ':' || ? || ':' || ?, id, ?, ?, ?, 'email',"
            + " 'win-back', email, name, '{}', '<' || id || '@test>', ?, ?, now(), ?,"
            + " CASE WHEN ? = 'sent' THEN now() END FROM customers WHERE external_id = ?",
        playbook,
        step,
        DAY.toString(),
        playbook,
        step,
        DAY,
        status,
        DAY,
        reply,
        status,
        customer);
  }

  private static List<String> who(Status status) {
    return log.decisions(DAY, Optional.empty(), status, 0, 100).items().stream()
        .map(i -> i.customerId() + " " + i.decision() + " " + i.state().orElse("-"))
        .toList();
  }

  @Test
  void decisions_byStatus_withWhereEachStandsNow() {
    assertThat(who(Status.ALL))
        .containsExactly(
            "sent queued sent",
            "unsure queued uncertain",
            "skipped skipped -",
            "stopped queued suppressed",
            "called queued called: will order",
            "later deferred -",
            "later started -");
    assertThat(who(Status.PLANNED)).hasSize(4).allMatch(w -> w.contains(" queued "));
    assertThat(who(Status.SENT))
        .containsExactly("sent queued sent", "called queued called: will order");
    assertThat(who(Status.SUPPRESSED))
        .containsExactly("skipped skipped -", "stopped queued suppressed");
    assertThat(who(Status.DEFERRED)).containsExactly("later deferred -");
    assertThat(who(Status.UNCERTAIN)).containsExactly("unsure queued uncertain");
    assertThat(log.decisions(OTHER_DAY, Optional.empty(), Status.ALL, 0, 10).items()).isEmpty();
  }

  @Test
  void decisions_carryTheReasonsAndWhatTheSenderOrTheRepSaid() {
    List<Item> items = log.decisions(DAY, Optional.empty(), Status.SUPPRESSED, 0, 10).items();
    assertThat(items.get(0).reason()).isEqualTo("no consent to email");
    assertThat(items.get(1).stateNote()).contains("email address suppressed: unsubscribed");
    assertThat(items.get(1).outboxId()).isPresent();
    Item called = log.decisions(DAY, Optional.of("check-in"), Status.SENT, 0, 10).items().get(0);
    assertThat(called.stateNote()).contains("in spring");
    assertThat(called.step()).isEqualTo(1);
  }

  @Test
  void decisions_byPlaybook_andPaged() {
    assertThat(
            log.decisions(DAY, Optional.of("check-in"), Status.ALL, 0, 10).items().stream()
                .map(Item::customerId))
        .containsExactly("called", "later", "later");
    OutreachLog.Page first = log.decisions(DAY, Optional.empty(), Status.ALL, 0, 3);
    OutreachLog.Page last = log.decisions(DAY, Optional.empty(), Status.ALL, 6, 3);
    assertThat(first.items()).hasSize(3);
    assertThat(first.more()).isTrue();
    assertThat(last.items()).extracting(Item::step).containsExactly(-1);
    assertThat(last.more()).isFalse();
    assertThatThrownBy(() -> log.decisions(DAY, Optional.empty(), Status.ALL, 0, 501))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 500");
  }

  @Test
  void counts_andTheUncertainEmails() {
    assertThat(log.counts(DAY, Optional.empty()))
        .containsEntry("queued email", 3L)
        .containsEntry("skipped email", 1L)
        .containsEntry("queued call", 1L)
        .containsEntry("deferred call", 1L)
        .containsEntry("started start", 1L);
    assertThat(log.counts(DAY, Optional.of("win-back"))).doesNotContainKey("queued call");
    assertThat(log.uncertainCount()).isEqualTo(1);
    assertThat(log.uncertain(10))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.customerId()).isEqualTo("unsure");
              assertThat(u.what()).isEqualTo("the connection broke");
            });
  }

  @Test
  void status_readsItsNames_andRefusesOthersNamingThem() {
    assertThat(Status.parse(" Suppressed ")).isEqualTo(Status.SUPPRESSED);
    assertThatThrownBy(() -> Status.parse("lost"))
        .hasMessage(
            "not a status: 'lost' (one of all, planned, sent, suppressed, deferred, uncertain)");
  }

  @Test
  void assignment_saysWhoseATaskIs() {
    customer(store, "mine", "Mo Mine", null, "+1 555 0107");
    customer(store, "pooled", "Po Pool", null, "+1 555 0108");
    long mine = task("mine").rep("Maria").insert(store);
    long pooled = task("pooled").insert(store);
    CallTasks calls = new CallTasks(store.jdbi());

    assertThat(calls.assignment(mine))
        .hasValueSatisfying(
            a -> {
              assertThat(a.rep()).contains("Maria");
              assertThat(a.pool()).isFalse();
              assertThat(a.customerId()).isEqualTo("mine");
              assertThat(a.status()).isEqualTo("open");
            });
    assertThat(calls.assignment(pooled)).hasValueSatisfying(a -> assertThat(a.pool()).isTrue());
    assertThat(calls.assignment(-1)).isEmpty();
  }
}
