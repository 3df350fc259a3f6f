package org.rekindle.store.outreach;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.NullMarked;

/**
 * What outreach planned and what became of it, for people to read: a day's plan decisions with
 * their reasons, each with where its email, letter or call stands now, and the emails whose outcome
 * is unknown.
 *
 * <p>Every read is bounded: a day's decisions through {@code plan_decisions_day} (planned_on,
 * decision), a page at a time, each joined to its outbox row or call task through their unique
 * dedupe keys (customer, playbook, step, cycle, as the planner writes them); the uncertain emails
 * through the partial index {@code outbox_attention}.
 */
@NullMarked
public final class OutreachLog {
  /** The most rows a page may ask for. */
  public static final int MAX_PAGE = 500;

  /** Which of a day's decisions to show. */
  public enum Status {
    /** Every decision. */
    ALL("every decision", "TRUE"),
    /** What the plan put out: emails and letters queued, calls given to reps, offers issued. */
    PLANNED("queued or issued", "d.decision IN ('queued', 'issued')"),
    /** Planned and gone: emails sent, letters printed, calls logged. */
    SENT(
        "sent, printed or called",
        "d.decision = 'queued' AND (o.status IN ('sent', 'printed') OR t.status = 'done')"),
    /**
     * Not sent, with the reason: skipped by the plan (no consent, no address, a suppression), or
     * suppressed when it was about to be sent (consent withdrawn or the address suppressed after it
     * was queued).
     */
    SUPPRESSED("skipped or suppressed", "(d.decision = 'skipped' OR o.status = 'suppressed')"),
    /** Held for a cap, the call capacity, the offer budget or an open case: tried again later. */
    DEFERRED("deferred", "d.decision = 'deferred'"),
    /** Emails the server may or may not have (a person decides), and those that failed. */
    UNCERTAIN("uncertain or failed", "o.status IN ('uncertain', 'failed')");

    private final String words;
    private final String where;

    Status(String words, String where) {
      this.words = words;
      this.where = where;
    }

    /** As a URL or a form has it: {@code planned}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** In words, for a filter's label. */
    public String words() {
      return words;
    }

    /** Reads {@code planned}, {@code PLANNED}, … */
    public static Status parse(String text) {
      String t = text.strip().toUpperCase(Locale.ROOT);
      for (Status s : values()) {
        if (s.name().equals(t)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "not a status: '"
              + text
              + "' (one of "
              + Arrays.stream(values()).map(Status::id).collect(Collectors.joining(", "))
              + ")");
    }
  }

  /**
   * One decision of a plan and where what it made stands now.
   *
   * @param step the step's index, or -1 for a decision about the whole run
   * @param action start, email, letter, call, offer, survey or wait
   * @param decision started, held_out, stopped, completed, queued, issued, skipped or deferred
   * @param reason the plan's reason, in words
   * @param state where the email or letter ({@code outbox.status}) or call ({@code
   *     call_tasks.status}, or the outcome logged) stands now; empty when the decision made none
   * @param stateNote what the sender or the rep said: the server's reply, why it was suppressed,
   *     the rep's note
   * @param outboxId the outbox row, for an email or letter
   */
  public record Item(
      long id,
      LocalDate plannedOn,
      String customerId,
      String playbook,
      int step,
      String action,
      String decision,
      String reason,
      Optional<String> state,
      Optional<String> stateNote,
      Optional<Long> outboxId) {
    public Item {
      Objects.requireNonNull(plannedOn, "plannedOn");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(playbook, "playbook");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(stateNote, "stateNote");
      Objects.requireNonNull(outboxId, "outboxId");
    }
  }

  /** A page of decisions, and whether more follow it. */
  public record Page(List<Item> items, boolean more) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * An email whose outcome is unknown: the connection broke after sending began, or the sender
   * stopped while sending it.
   *
   * @param since when it became uncertain
   */
  public record Uncertain(
      long id,
      String customerId,
      String address,
      String playbook,
      int step,
      LocalDate queuedOn,
      int attempts,
      String what,
      Instant since) {}

  private final Jdbi jdbi;

  public OutreachLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * A day's decisions, in the order the plan made them (the most value at risk first).
   *
   * @param playbook only this playbook's; empty for every playbook's
   * @param offset how many to pass over
   * @param limit at most this many, 1 to {@value #MAX_PAGE}
   */
  public Page decisions(
      LocalDate day, Optional<String> playbook, Status status, int offset, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException(
          "a page holds 1 to " + MAX_PAGE + " decisions, not " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("the offset must not be negative: " + offset);
    }
    List<Item> items =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT d.id, d.planned_on, c.external_id, d.playbook, d.step, d.action,"
                            + " d.decision, d.reason, o.id, o.status, o.last_reply, t.status,"
                            + " t.outcome, t.outcome_note"
                            + " FROM plan_decisions d JOIN customers c ON c.id = d.customer_id"
                            + " LEFT JOIN outbox o ON d.step IS NOT NULL AND o.dedupe_key ="
                            + "   d.customer_id || ':' || d.playbook || ':' || d.step || ':'"
                            + "   || d.cycle"
                            + " LEFT JOIN call_tasks t ON d.action = 'call' AND d.step IS NOT NULL"
                            + "   AND t.dedupe_key = d.customer_id || ':' || d.playbook || ':'"
                            + "   || d.step || ':' || d.cycle"
                            + " WHERE d.planned_on = :day"
                            + " AND (CAST(:playbook AS text) IS NULL OR d.playbook = :playbook)"
                            + " AND "
                            + status.where
                            + " ORDER BY d.id LIMIT :limit OFFSET :offset")
                    .bind("day", day)
                    .bind("playbook", playbook.orElse(null))
                    .bind("limit", limit + 1)
                    .bind("offset", offset)
                    .map((rs, ctx) -> item(rs))
                    .list());
    boolean more = items.size() > limit;
    return new Page(more ? items.subList(0, limit) : items, more);
  }

  /**
   * How many decisions of each kind a day's plan made ({@code "queued email"}, {@code "skipped
   * call"}, …).
   *
   * @param playbook only this playbook's; empty for every playbook's
   */
  public Map<String, Long> counts(LocalDate day, Optional<String> playbook) {
    Map<String, Long> counts = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT decision, action, count(*) FROM plan_decisions"
                        + " WHERE planned_on = :day"
                        + " AND (CAST(:playbook AS text) IS NULL OR playbook = :playbook)"
                        + " GROUP BY 1, 2")
                .bind("day", day)
                .bind("playbook", playbook.orElse(null))
                .map((rs, ctx) -> Map.entry(rs.getString(1) + " " + rs.getString(2), rs.getLong(3)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  /** The uncertain emails of any day, the longest waiting first: each needs a person's decision. */
  public List<Uncertain> uncertain(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " emails, not " + limit);
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT o.id, c.external_id, o.address, o.playbook, o.step, o.queued_on,"
                        + " o.attempts, coalesce(o.last_reply, ''), o.updated_at FROM outbox o"
                        + " JOIN customers c ON c.id = o.customer_id"
                        + " WHERE o.status = 'uncertain' ORDER BY o.updated_at, o.id LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Uncertain(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getObject(6, LocalDate.class),
                            rs.getInt(7),
                            rs.getString(8),
                            rs.getObject(9, OffsetDateTime.class).toInstant()))
                .list());
  }

  /** How many emails are uncertain, of any day. */
  public long uncertainCount() {
    return jdbi.withHandle(
        h ->
            h.select("SELECT count(*) FROM outbox WHERE status = 'uncertain'")
                .mapTo(Long.class)
                .one());
  }

  private static Item item(ResultSet rs) throws SQLException {
    Optional<Long> outbox = Optional.ofNullable(rs.getObject(9, Long.class));
    Optional<String> outboxStatus = Optional.ofNullable(rs.getString(10));
    Optional<String> reply = Optional.ofNullable(rs.getString(11));
    Optional<String> callStatus = Optional.ofNullable(rs.getString(12));
    Optional<String> outcome = Optional.ofNullable(rs.getString(13));
    Optional<String> repNote = Optional.ofNullable(rs.getString(14));
    Integer step = rs.getObject(5, Integer.class);
    // a call: open, cancelled, or the outcome it was logged with
    Optional<String> callState =
        outcome.map(o -> "called: " + o.replace('_', ' ')).or(() -> callStatus);
    return new Item(
        rs.getLong(1),
        rs.getObject(2, LocalDate.class),
        rs.getString(3),
        rs.getString(4),
        step == null ? -1 : step,
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        outbox.isPresent() ? outboxStatus : callState,
        (outbox.isPresent() ? reply : repNote).filter(n -> !n.isBlank()),
        outbox);
  }
}
