package org.rekindle.store.outreach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.outbox.OutboxQueue;
import org.rekindle.core.outbox.QueuedEmail;
import org.rekindle.store.StoreException;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;

/**
 * The outbox's emails in PostgreSQL, as the sending runner works through them ({@link
 * OutboxQueue}), and what a person decides about those whose outcome is unknown.
 *
 * <p>Every state change is one conditional UPDATE on the state it expects, so a row can never be
 * moved twice (by two workers, or by a runner and a person). A worker's steps go through its own
 * {@link #open session}.
 */
public final class SendQueue implements OutboxQueue {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Jdbi jdbi;

  public SendQueue(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Recovery recover() {
    return jdbi.inTransaction(
        h -> {
          int requeued =
              h.execute(
                  "UPDATE outbox SET status = 'queued', claimed_by = NULL, updated_at = now()"
                      + " WHERE status = 'claimed'");
          int uncertain =
              h.execute(
                  "UPDATE outbox SET status = 'uncertain', updated_at = now(), last_reply ="
                      + " 'the sender stopped while sending it: the server may or may not have"
                      + " it' WHERE status = 'sending'");
          return new Recovery(requeued, uncertain);
        });
  }

  @Override
  public OutboxQueue.Session open(String runner) {
    return new Session(jdbi.open(), runner);
  }

  /**
   * A worker's session: one connection kept for the worker's whole run, each step one statement. A
   * new connection per step cost more than the step (a server process started, its caches filled,
   * every statement planned afresh); a kept one reuses its prepared statements.
   *
   * <p>A commit waits for the disk (fsync), and that wait is what limits a worker. So a 'sent' is
   * held back and committed with the session's next step, in one transaction: usually the next
   * email's 'sending', so each email costs one commit instead of two. The 'sending' marks are never
   * held back or joined: each is committed before its own SMTP conversation, so a worker still has
   * at most one email 'sending' at any moment, and a crash still leaves at most one uncertain email
   * per worker.
   */
  private static final class Session implements OutboxQueue.Session {
    private final Handle h;
    private final String runner;

    /** A 'sent' not committed yet: it goes with the next step, or on its own at the close. */
    private @Nullable Sent heldBack;

    private record Sent(long id, String reply, Instant at) {}

    Session(Handle h, String runner) {
      this.h = h;
      this.runner = runner;
    }

    /**
     * Runs a step, in one transaction with the 'sent' held back if there is one (and then no longer
     * held back), else on its own.
     */
    private <T> T step(Function<Handle, T> work) {
      Sent sent = heldBack;
      if (sent == null) {
        return work.apply(h);
      }
      T result =
          h.inTransaction(
              tx -> {
                record(tx, sent);
                return work.apply(tx);
              });
      heldBack = null;
      return result;
    }

    private void run(Consumer<Handle> work) {
      step(
          tx -> {
            work.accept(tx);
            return true;
          });
    }

    /** Commits the 'sent' held back, if there is one, on its own. */
    private void commitHeldBack() {
      if (heldBack != null) {
        run(tx -> {});
      }
    }

    @Override
    public List<QueuedEmail> claim(int max, Instant now) {
      return step(tx -> claim(tx, runner, max, now));
    }

    private static List<QueuedEmail> claim(Handle h, String runner, int max, Instant now) {
      return h
          .createQuery(
              "UPDATE outbox SET status = 'claimed', claimed_by = :runner, updated_at ="
                  + " now() WHERE id IN (SELECT id FROM outbox WHERE status IN ('queued',"
                  + " 'retry') AND channel = 'email' AND not_before <= :now"
                  + " ORDER BY not_before, id LIMIT :max FOR UPDATE SKIP LOCKED)"
                  + " RETURNING id, customer_id, message_id, address, recipient, template,"
                  + " subject, vars::text, attempts")
          .bind("runner", runner)
          .bind("now", now.atOffset(ZoneOffset.UTC))
          .bind("max", max)
          .map(
              (rs, ctx) ->
                  new QueuedEmail(
                      rs.getLong("id"),
                      rs.getLong("customer_id"),
                      rs.getString("message_id"),
                      rs.getString("address"),
                      rs.getString("recipient"),
                      rs.getString("template"),
                      Optional.ofNullable(rs.getString("subject")),
                      values(rs.getString("vars")),
                      rs.getInt("attempts")))
          .list()
          .stream()
          .sorted(Comparator.comparingLong(QueuedEmail::id))
          .toList();
    }

    @Override
    public Optional<String> startSending(long id) {
      return step(tx -> startSending(tx, id));
    }

    private static Optional<String> startSending(Handle h, long id) {
      // one statement: the row is locked, consent and suppressions read, and the row moved to
      // 'sending' (or 'suppressed', with the reason)
      return h.createQuery(
              "WITH target AS (SELECT o.id, CASE WHEN NOT c.consent_email THEN 'no consent to"
                  + " email any more' WHEN s.reason IS NOT NULL THEN 'email address"
                  + " suppressed: ' || s.reason END AS why FROM outbox o JOIN customers c ON"
                  + " c.id = o.customer_id LEFT JOIN suppressions s ON s.channel = 'email'"
                  + " AND s.address = o.address AND s.lifted_at IS NULL"
                  + " WHERE o.id = :id AND o.status = 'claimed' FOR UPDATE OF o)"
                  + " UPDATE outbox SET status = CASE WHEN target.why IS NULL THEN 'sending'"
                  + " ELSE 'suppressed' END, attempts = outbox.attempts + CASE WHEN target.why"
                  + " IS NULL THEN 1 ELSE 0 END, last_reply = coalesce(target.why,"
                  + " outbox.last_reply), updated_at = now() FROM target"
                  + " WHERE outbox.id = target.id RETURNING target.why")
          .bind("id", id)
          .map((rs, ctx) -> Optional.ofNullable(rs.getString(1)))
          .findOne()
          .orElseThrow(
              () ->
                  new StoreException("outbox email " + id + " is not claimed: it cannot be sent"));
    }

    @Override
    public void unsendable(long id, String problem) {
      run(tx -> move(tx, id, "claimed", "status = 'failed', last_reply = :reply", null, problem));
    }

    @Override
    public void sent(long id, String reply, Instant at) {
      // two outcomes in a row without a step between them (not how a worker goes): the first on
      // its own
      commitHeldBack();
      heldBack = new Sent(id, reply, at);
    }

    /** Moves a 'sending' email to 'sent' and records the contact, in one statement. */
    private static void record(Handle h, Sent sent) {
      long id = sent.id();
      Instant at = sent.at();
      String reply = sent.reply();
      int moved =
          h.createQuery(
                  "WITH done AS (UPDATE outbox SET status = 'sent', sent_at = :at, last_reply ="
                      + " :reply, updated_at = now() WHERE id = :id AND status = 'sending'"
                      + " RETURNING id, customer_id, template, playbook, step),"
                      + " contact AS (INSERT INTO contacts (customer_id, contacted_on, channel,"
                      + " source, note, playbook, step, outbox_id) SELECT customer_id, :day,"
                      + " 'email', 'outreach', template, playbook, step, id FROM done"
                      + " ON CONFLICT (outbox_id) DO NOTHING) SELECT count(*) FROM done")
              .bind("id", id)
              .bind("at", at.atOffset(ZoneOffset.UTC))
              .bind("reply", reply)
              .bind("day", at.atOffset(ZoneOffset.UTC).toLocalDate())
              .mapTo(Integer.class)
              .one();
      if (moved != 1) {
        throw new StoreException("outbox email " + id + " is no longer sending");
      }
    }

    @Override
    public void retryLater(long id, String reply, Instant notBefore) {
      run(
          tx ->
              move(
                  tx,
                  id,
                  "sending",
                  "status = 'retry', not_before = :at, last_reply = :reply, claimed_by = NULL",
                  notBefore,
                  reply));
    }

    @Override
    public void failed(long id, String reply, boolean suppressAddress) {
      run(tx -> move(tx, id, "sending", "status = 'failed', last_reply = :reply", null, reply));
      if (suppressAddress) {
        String address =
            h.select("SELECT address FROM outbox WHERE id = ?", id).mapTo(String.class).one();
        new Suppressions(h.getJdbi())
            .suppress(
                ConsentLog.Channel.EMAIL,
                address,
                Suppressions.Reason.BOUNCED,
                ConsentLog.Source.BOUNCE,
                "sender",
                reply);
      }
    }

    @Override
    public void uncertain(long id, String what) {
      run(tx -> move(tx, id, "sending", "status = 'uncertain', last_reply = :reply", null, what));
    }

    @Override
    public void release(long id) {
      run(tx -> move(tx, id, "claimed", "status = 'queued', claimed_by = NULL", null, ""));
    }

    @Override
    public void close() {
      try {
        commitHeldBack();
      } finally {
        h.close();
      }
    }
  }

  private static Map<String, Object> values(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("an outbox row's values are not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void move(
      Handle h,
      long id,
      String from,
      String set,
      @org.jspecify.annotations.Nullable Instant at,
      String reply) {
    var update =
        h.createUpdate(
                "UPDATE outbox SET "
                    + set
                    + ", updated_at = now() WHERE id = :id AND status = :from")
            .bind("id", id)
            .bind("from", from);
    if (set.contains(":at")) {
      update.bind("at", at == null ? null : at.atOffset(ZoneOffset.UTC));
    }
    if (set.contains(":reply")) {
      update.bind("reply", reply);
    }
    if (update.execute() != 1) {
      throw new StoreException("outbox email " + id + " is no longer " + from);
    }
  }

  // ---- for people

  /** What a person decides about an email whose outcome is unknown. */
  public enum Resolution {
    /** It arrived (the customer has it, or the server's log shows it): record it as sent. */
    DELIVERED,
    /** Send it again, with the same Message-ID, so a copy that did arrive can be recognised. */
    RESEND,
    /** Leave it: never sent again. */
    DROP;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An email that needs a person: uncertain, or failed.
   *
   * @param updatedAt when it got there
   */
  public record Attention(
      long id,
      String customerId,
      String address,
      String playbook,
      String template,
      String status,
      int attempts,
      String reply,
      Instant updatedAt) {}

  /** The uncertain emails, then the failed ones, newest first. */
  public List<Attention> attention(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT o.id, c.external_id, o.address, o.playbook, o.template, o.status,"
                        + " o.attempts, coalesce(o.last_reply, ''), o.updated_at FROM outbox o"
                        + " JOIN customers c ON c.id = o.customer_id WHERE o.status IN"
                        + " ('uncertain', 'failed') ORDER BY o.status DESC, o.updated_at DESC,"
                        + " o.id LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Attention(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getString(8),
                            rs.getObject(9, OffsetDateTime.class).toInstant()))
                .list());
  }

  /**
   * Settles an uncertain email.
   *
   * @throws StoreException when it is not uncertain (unknown, or already settled)
   */
  public void resolve(long id, Resolution resolution, String actor, Instant at) {
    String note = resolution.label() + " by " + actor;
    jdbi.useTransaction(
        h -> {
          switch (resolution) {
            case DELIVERED -> {
              move(
                  h,
                  id,
                  "uncertain",
                  "status = 'sent', sent_at = :at, last_reply = :reply",
                  at,
                  note);
              h.createUpdate(
                      "INSERT INTO contacts (customer_id, contacted_on, channel, source, note,"
                          + " playbook, step, outbox_id) SELECT customer_id, :day, 'email',"
                          + " 'outreach', template, playbook, step, id FROM outbox WHERE id = :id"
                          + " ON CONFLICT (outbox_id) DO NOTHING")
                  .bind("day", at.atOffset(ZoneOffset.UTC).toLocalDate())
                  .bind("id", id)
                  .execute();
            }
            case RESEND ->
                move(
                    h,
                    id,
                    "uncertain",
                    "status = 'queued', not_before = :at, last_reply = :reply, claimed_by = NULL",
                    at,
                    note);
            case DROP ->
                move(h, id, "uncertain", "status = 'cancelled', last_reply = :reply", null, note);
          }
        });
  }

  /** How many emails stand in each state. */
  public Map<String, Long> counts() {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT status, count(*) FROM outbox WHERE channel = 'email' GROUP BY 1")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(
                    java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
