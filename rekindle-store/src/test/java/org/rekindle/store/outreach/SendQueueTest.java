package org.rekindle.store.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.outbox.OutboxQueue;
import org.rekindle.core.outbox.QueuedEmail;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;

/**
 * The outbox's states on a real PostgreSQL, step by step as a sending worker takes them: claims,
 * the checks before sending, the outcomes, and what recovery makes of a dead runner's rows.
 */
class SendQueueTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir static Path home;
  static Store store;
  final SendQueue queue = new SendQueue(store.jdbi());

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  /** Customers c1..c5 who may be emailed, each with one email due an hour ago (c5's not yet). */
  @BeforeEach
  void queueFive() {
    store
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "TRUNCATE contacts, outbox, suppressions, consent_events, customers CASCADE");
              h.execute(
                  "INSERT INTO customers (external_id, name, email, consent_email)"
                      + " SELECT 'c' || i, 'Customer ' || i, 'c' || i || '@mail.example', true"
                      + " FROM generate_series(1, 5) i");
              h.execute(
                  "INSERT INTO outbox (dedupe_key, customer_id, playbook, step, cycle, channel,"
                      + " template, address, recipient, vars, message_id, queued_on, not_before)"
                      + " SELECT external_id, id, 'lapse', 0, DATE '2026-11-01', 'email',"
                      + " 'lapsing-check-in', email, name, '{\"first_name\": \"A\"}',"
                      + " external_id || '@shop.example', DATE '2026-11-01',"
                      + " CASE WHEN external_id = 'c5' THEN TIMESTAMPTZ '2026-11-23 13:00Z'"
                      + " ELSE TIMESTAMPTZ '2026-11-23 11:00Z' + id * interval '1 second' END"
                      + " FROM customers");
            });
  }

  @Test
  void claim_takesDueEmailsOldestFirst_andNeverOneAnotherSessionHolds() {
    try (OutboxQueue.Session a = queue.open("a");
        OutboxQueue.Session b = queue.open("b")) {
      List<QueuedEmail> first = a.claim(3, NOW);
      assertThat(first)
          .extracting(QueuedEmail::messageId)
          .containsExactly("c1@shop.example", "c2@shop.example", "c3@shop.example");
      assertThat(first.get(0).values()).containsEntry("first_name", "A");
      assertThat(first.get(0).attempts()).isZero();
      // c5 is not due yet
      assertThat(b.claim(10, NOW))
          .extracting(QueuedEmail::messageId)
          .containsExactly("c4@shop.example");
      assertThat(a.claim(10, NOW)).isEmpty();
    }
    assertThat(status("c1")).isEqualTo("claimed");
    assertThat(text("SELECT claimed_by FROM outbox WHERE dedupe_key = 'c4'")).isEqualTo("b");
  }

  @Test
  void startSending_commitsSendingAndCountsTheAttempt() {
    try (OutboxQueue.Session s = queue.open("w")) {
      long id = s.claim(1, NOW).get(0).id();
      assertThat(s.startSending(id)).isEmpty();
      // seen from another connection: committed
      assertThat(status("c1")).isEqualTo("sending");
      assertThat(count("SELECT attempts FROM outbox WHERE dedupe_key = 'c1'")).isEqualTo(1);
      assertThatThrownBy(() -> s.startSending(id))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is not claimed");
    }
  }

  @Test
  void startSending_consentWithdrawnOrAddressSuppressed_suppressesWithTheReason() {
    store
        .jdbi()
        .useHandle(
            h -> h.execute("UPDATE customers SET consent_email = false WHERE external_id = 'c1'"));
    new Suppressions(store.jdbi())
        .suppress(
            ConsentLog.Channel.EMAIL,
            "c2@mail.example",
            Suppressions.Reason.UNSUBSCRIBED,
            ConsentLog.Source.CUSTOMER,
            "test",
            "");
    try (OutboxQueue.Session s = queue.open("w")) {
      List<QueuedEmail> batch = s.claim(3, NOW);
      assertThat(s.startSending(batch.get(0).id())).contains("no consent to email any more");
      assertThat(s.startSending(batch.get(1).id()))
          .contains("email address suppressed: unsubscribed");
      assertThat(s.startSending(batch.get(2).id())).isEmpty();
    }
    assertThat(status("c1")).isEqualTo("suppressed");
    assertThat(status("c2")).isEqualTo("suppressed");
    assertThat(text("SELECT last_reply FROM outbox WHERE dedupe_key = 'c2'"))
        .isEqualTo("email address suppressed: unsubscribed");
    assertThat(count("SELECT sum(attempts) FROM outbox WHERE dedupe_key IN ('c1', 'c2')")).isZero();
    assertThat(status("c3")).isEqualTo("sending");
  }

  @Test
  void sent_recordsTheContact_committedWithTheNextStep_orAtTheClose() {
    try (OutboxQueue.Session s = queue.open("w")) {
      List<QueuedEmail> batch = s.claim(2, NOW);
      s.startSending(batch.get(0).id());
      s.sent(batch.get(0).id(), "250 ok", NOW);
      assertThat(status("c1")).as("not committed yet").isEqualTo("sending");
      // one commit: the first one sent, the next one being sent
      s.startSending(batch.get(1).id());
      assertThat(status("c1")).isEqualTo("sent");
      assertThat(status("c2")).isEqualTo("sending");
      s.sent(batch.get(1).id(), "250 fine", NOW);
      assertThat(status("c2")).isEqualTo("sending");
    }
    assertThat(status("c2")).isEqualTo("sent");
    assertThat(text("SELECT last_reply FROM outbox WHERE dedupe_key = 'c1'")).isEqualTo("250 ok");
    assertThat(
            text(
                "SELECT c.contacted_on || ' ' || c.channel || ' ' || c.source || ' ' || c.note"
                    + " || ' ' || c.playbook FROM contacts c JOIN outbox o ON o.id = c.outbox_id"
                    + " WHERE o.dedupe_key = 'c1'"))
        .isEqualTo("2026-11-23 email outreach lapsing-check-in lapse");
    assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(2);
  }

  @Test
  void sent_ofAnEmailNotBeingSent_failsWithTheStepItWasCommittedWith() {
    OutboxQueue.Session s = queue.open("w");
    List<QueuedEmail> batch = s.claim(2, NOW);
    s.sent(batch.get(0).id(), "250 ok", NOW);
    assertThatThrownBy(() -> s.startSending(batch.get(1).id()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is no longer sending");
    assertThat(status("c1")).isEqualTo("claimed");
    assertThat(status("c2")).as("rolled back with it").isEqualTo("claimed");
    assertThatThrownBy(s::close).isInstanceOf(StoreException.class);
    assertThat(count("SELECT count(*) FROM contacts")).isZero();
  }

  @Test
  void sent_whenTheNextStepFails_isCommittedOnItsOwnAtTheClose() {
    try (OutboxQueue.Session s = queue.open("w")) {
      List<QueuedEmail> batch = s.claim(1, NOW);
      s.startSending(batch.get(0).id());
      s.sent(batch.get(0).id(), "250 ok", NOW);
      // c2 was never claimed: the step fails, and the 'sent' it carried is rolled back with it
      long unclaimed = count("SELECT id FROM outbox WHERE dedupe_key = 'c2'");
      assertThatThrownBy(() -> s.startSending(unclaimed))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is not claimed");
      assertThat(status("c1")).isEqualTo("sending");
    }
    assertThat(status("c1")).isEqualTo("sent");
    assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(1);
  }

  @Test
  void outcomes_moveOnlyAnEmailBeingSent_andARefusedAddressIsSuppressed() {
    try (OutboxQueue.Session s = queue.open("w")) {
      List<QueuedEmail> batch = s.claim(4, NOW);
      for (QueuedEmail e : batch) {
        s.startSending(e.id());
      }
      s.retryLater(batch.get(0).id(), "451 later", NOW.plusSeconds(300));
      s.failed(batch.get(1).id(), "550 no such user", true);
      s.failed(batch.get(2).id(), "554 rejected", false);
      s.uncertain(batch.get(3).id(), "the reply never came");
      assertThatThrownBy(() -> s.uncertain(batch.get(3).id(), "again"))
          .isInstanceOf(StoreException.class);
    }
    assertThat(status("c1")).isEqualTo("retry");
    assertThat(
            count(
                "SELECT count(*) FROM outbox WHERE dedupe_key = 'c1'"
                    + " AND not_before = TIMESTAMPTZ '2026-11-23 12:05:00Z'"))
        .isEqualTo(1);
    assertThat(status("c2")).isEqualTo("failed");
    assertThat(status("c3")).isEqualTo("failed");
    assertThat(status("c4")).isEqualTo("uncertain");
    assertThat(text("SELECT string_agg(address || ' ' || reason, ',') FROM suppressions"))
        .isEqualTo("c2@mail.example bounced");
    assertThat(count("SELECT count(*) FROM contacts")).isZero();
  }

  @Test
  void recover_makesWhatWasBeingSentUncertain_andPutsClaimedBack() {
    try (OutboxQueue.Session s = queue.open("dead")) {
      List<QueuedEmail> batch = s.claim(3, NOW);
      s.startSending(batch.get(0).id());
      s.sent(batch.get(0).id(), "250 ok", NOW);
      s.startSending(batch.get(1).id());
      // the runner dies here: c2 may or may not have reached the server, c3 never started
    }
    assertThat(queue.recover()).isEqualTo(new OutboxQueue.Recovery(1, 1));
    assertThat(status("c1")).isEqualTo("sent");
    assertThat(status("c2")).isEqualTo("uncertain");
    assertThat(status("c3")).isEqualTo("queued");
    assertThat(queue.recover()).isEqualTo(new OutboxQueue.Recovery(0, 0));
    try (OutboxQueue.Session s = queue.open("next")) {
      assertThat(s.claim(10, NOW))
          .extracting(QueuedEmail::messageId)
          .containsExactly("c3@shop.example", "c4@shop.example");
    }
  }

  @Test
  void uncertain_isSettledByAPerson_once_andAResendKeepsItsMessageId() {
    try (OutboxQueue.Session s = queue.open("w")) {
      for (QueuedEmail e : s.claim(3, NOW)) {
        s.startSending(e.id());
        s.uncertain(e.id(), "the connection dropped");
      }
    }
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = count("SELECT id FROM outbox WHERE dedupe_key = 'c" + (i + 1) + "'");
    }
    assertThat(queue.attention(10)).extracting(SendQueue.Attention::id).contains(ids[0], ids[1]);

    queue.resolve(ids[0], SendQueue.Resolution.DELIVERED, "ann", NOW);
    queue.resolve(ids[1], SendQueue.Resolution.RESEND, "ann", NOW);
    queue.resolve(ids[2], SendQueue.Resolution.DROP, "ann", NOW);

    assertThat(status("c1")).isEqualTo("sent");
    assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(1);
    assertThat(status("c2")).isEqualTo("queued");
    assertThat(status("c3")).isEqualTo("cancelled");
    try (OutboxQueue.Session s = queue.open("w")) {
      assertThat(s.claim(10, NOW))
          .extracting(QueuedEmail::messageId)
          .containsExactly("c2@shop.example", "c4@shop.example");
    }
    assertThatThrownBy(() -> queue.resolve(ids[0], SendQueue.Resolution.RESEND, "bob", NOW))
        .isInstanceOf(StoreException.class);
  }

  private static String status(String customer) {
    return text("SELECT status FROM outbox WHERE dedupe_key = '" + customer + "'");
  }

  private static String text(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(String.class).one());
  }

  private static long count(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }
}
