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

/** The outbox's states on a real PostgreSQL, as a sender and a person move emails through them. */
class SendQueueTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir static Path home;
  static Store store;
  SendQueue queue;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static int next = 0;

  /** Three queued emails to three new customers who consent; their outbox ids. */
  private long[] queueThree() {
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      int n = next++;
      ids[i] =
          store
              .jdbi()
              .withHandle(
                  h -> {
                    ConsentLog.attribute(h, ConsentLog.Source.STAFF, "test", "");
                    long customer =
                        h.select(
                                "INSERT INTO customers (external_id, email, consent_email)"
                                    + " VALUES (?, ?, true) RETURNING id",
                                "q" + n,
                                "q" + n + "@mail.example")
                            .mapTo(Long.class)
                            .one();
                    return h.select(
                            "INSERT INTO outbox (dedupe_key, customer_id, playbook, step, cycle,"
                                + " channel, template, address, recipient, vars, message_id,"
                                + " queued_on, not_before) VALUES (?, ?, 'p', 0, '2026-11-23',"
                                + " 'email', 'lapsing-check-in', ?, 'Q', '{\"a\": 1}', ?,"
                                + " '2026-11-23', '2026-11-23T09:00:00Z') RETURNING id",
                            "k" + n,
                            customer,
                            "q" + n + "@mail.example",
                            "m" + n + ".rekindle@test.example")
                        .mapTo(Long.class)
                        .one();
                  });
    }
    return ids;
  }

  private static String status(long id) {
    return store
        .jdbi()
        .withHandle(
            h -> h.select("SELECT status FROM outbox WHERE id = ?", id).mapTo(String.class).one());
  }

  @BeforeEach
  void empty() {
    store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE outbox SET status = 'cancelled' WHERE status IN ('queued', 'retry', 'claimed', 'sending')"));
    queue = new SendQueue(store.jdbi());
  }

  @Test
  void claimSendingSent_recordsTheContact() {
    long[] ids = queueThree();

    List<QueuedEmail> claimed = queue.claim(10, "r", NOW);

    assertThat(claimed).extracting(QueuedEmail::id).containsExactly(ids[0], ids[1], ids[2]);
    assertThat(claimed.get(0).values()).containsEntry("a", 1);
    assertThat(queue.claim(10, "r2", NOW)).isEmpty();
    assertThat(queue.startSending(ids[0])).isEmpty();
    queue.sent(ids[0], "250 OK", NOW);
    assertThat(status(ids[0])).isEqualTo("sent");
    long contacts =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT count(*) FROM contacts WHERE outbox_id = ?", ids[0])
                        .mapTo(Long.class)
                        .one());
    assertThat(contacts).isEqualTo(1);
    // a row moves only from the state expected
    assertThatThrownBy(() -> queue.sent(ids[0], "250 again", NOW))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no longer sending");
  }

  @Test
  void recovery_requeuesTheClaimed_andMakesTheSendingUncertain() {
    long[] ids = queueThree();
    queue.claim(10, "r", NOW);
    queue.startSending(ids[0]);

    OutboxQueue.Recovery r = queue.recover();

    assertThat(r).isEqualTo(new OutboxQueue.Recovery(2, 1));
    assertThat(status(ids[0])).isEqualTo("uncertain");
    assertThat(status(ids[1])).isEqualTo("queued");
    // an uncertain email is never claimed again
    assertThat(queue.claim(10, "r", NOW))
        .extracting(QueuedEmail::id)
        .containsExactly(ids[1], ids[2]);
  }

  @Test
  void aSuppressionMadeAfterQueueing_stopsTheEmailAtTheLastMoment() {
    long[] ids = queueThree();
    queue.claim(10, "r", NOW);
    new Suppressions(store.jdbi())
        .suppress(
            ConsentLog.Channel.EMAIL,
            "q" + (next - 3) + "@mail.example",
            Suppressions.Reason.UNSUBSCRIBED,
            ConsentLog.Source.CUSTOMER,
            "customer",
            "");

    assertThat(queue.startSending(ids[0])).contains("email address suppressed: unsubscribed");
    assertThat(status(ids[0])).isEqualTo("suppressed");
    assertThat(queue.startSending(ids[1])).isEmpty();
  }

  @Test
  void aRefusedRecipient_failsAndIsSuppressed() {
    long[] ids = queueThree();
    queue.claim(10, "r", NOW);
    queue.startSending(ids[0]);

    queue.failed(ids[0], "550 no such user", true);

    assertThat(status(ids[0])).isEqualTo("failed");
    assertThat(
            new Suppressions(store.jdbi())
                .find(ConsentLog.Channel.EMAIL, "q" + (next - 3) + "@mail.example"))
        .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo("bounced"));
  }

  @Test
  void aTemporaryFailure_waitsItsTurn() {
    long[] ids = queueThree();
    queue.claim(10, "r", NOW);
    queue.startSending(ids[0]);
    queue.retryLater(ids[0], "451 busy", NOW.plusSeconds(600));
    queue.release(ids[1]);
    queue.release(ids[2]);

    assertThat(queue.claim(10, "r", NOW))
        .extracting(QueuedEmail::id)
        .containsExactly(ids[1], ids[2]);
    queue.recover();
    List<QueuedEmail> later = queue.claim(10, "r", NOW.plusSeconds(601));
    assertThat(later).extracting(QueuedEmail::id).contains(ids[0]);
    assertThat(later.stream().filter(e -> e.id() == ids[0]).findFirst().orElseThrow().attempts())
        .isEqualTo(1);
  }

  @Test
  void uncertain_isSettledByAPerson_once() {
    long[] ids = queueThree();
    queue.claim(10, "r", NOW);
    for (long id : ids) {
      queue.startSending(id);
      queue.uncertain(id, "connection dropped");
    }
    assertThat(queue.attention(10)).extracting(SendQueue.Attention::id).contains(ids[0]);

    queue.resolve(ids[0], SendQueue.Resolution.DELIVERED, "ann", NOW);
    queue.resolve(ids[1], SendQueue.Resolution.RESEND, "ann", NOW);
    queue.resolve(ids[2], SendQueue.Resolution.DROP, "ann", NOW);

    assertThat(status(ids[0])).isEqualTo("sent");
    assertThat(status(ids[1])).isEqualTo("queued");
    assertThat(status(ids[2])).isEqualTo("cancelled");
    assertThat(queue.claim(10, "r", NOW))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo(ids[1]);
              assertThat(e.messageId()).isEqualTo("m" + (next - 2) + ".rekindle@test.example");
            });
    assertThatThrownBy(() -> queue.resolve(ids[0], SendQueue.Resolution.RESEND, "bob", NOW))
        .isInstanceOf(StoreException.class);
  }
}
