package org.rekindle.store.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Service-recovery cases: opened by negative feedback (see {@link Feedback}), worked by a rep, and
 * escalated to the manager when the first contact is not made by the time it is due. Every change
 * writes a {@code case_actions} row naming who did it; a contact also writes a {@code contacts} row
 * (source {@code case}) so the rest of Rekindle knows the customer was touched. While a customer
 * has an open case the planner makes them no sales offer.
 *
 * <p>Time comes from the clock given, so tests and replays can move it.
 */
public final class Cases {
  /** The actor of what Rekindle does by itself (escalations). */
  public static final String SYSTEM = "rekindle";

  private final Jdbi jdbi;
  private final Clock clock;

  public Cases(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** How a case ended; the values {@code cases.outcome} allows. */
  public enum Outcome {
    RESOLVED,
    UNRESOLVED,
    NO_RESPONSE,
    DUPLICATE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** From resolved, unresolved, no_response (or no-response), duplicate. */
    public static Outcome parse(String text) {
      String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
      for (Outcome o : values()) {
        if (o.label().equals(t)) {
          return o;
        }
      }
      throw new IllegalArgumentException(
          "the outcome must be resolved, unresolved, no_response or duplicate, not '" + text + "'");
    }
  }

  /** How the customer was reached on a case; stored in {@code contacts} as such. */
  public enum Channel {
    CALL,
    EMAIL,
    VISIT,
    OTHER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** From call, email, visit, other. */
    public static Channel parse(String text) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      for (Channel c : values()) {
        if (c.label().equals(t)) {
          return c;
        }
      }
      throw new IllegalArgumentException(
          "the channel must be call, email, visit or other, not '" + text + "'");
    }
  }

  /**
   * A case as listed.
   *
   * @param assignedTo the rep on it; empty for the pool
   * @param overdue open, no first contact, and past its due time
   * @param rating the feedback's rating on 1 to 5, if it had one
   */
  public record Case(
      long id,
      String customerId,
      Optional<String> customerName,
      Optional<String> assignedTo,
      Instant openedAt,
      Instant dueAt,
      Optional<Instant> firstContactAt,
      Optional<Instant> escalatedAt,
      Optional<String> escalatedTo,
      Optional<Instant> closedAt,
      Optional<String> outcome,
      Optional<String> outcomeNote,
      long feedbackId,
      String source,
      Optional<Integer> rating,
      boolean flagged,
      LocalDate receivedOn,
      boolean overdue) {

    public boolean open() {
      return closedAt.isEmpty();
    }
  }

  /** One thing done on a case. */
  public record Action(Instant at, String actor, String action, Optional<String> note) {}

  /** A case with its feedback's text and everything done on it, in order. */
  public record Detail(Case summary, Optional<String> feedbackText, List<Action> actions) {}

  /**
   * What recording a contact did.
   *
   * @param first whether it was the case's first contact
   * @param late whether that first contact came after it was due
   * @param contactId the {@code contacts} row written
   */
  public record Contacted(long caseId, boolean first, boolean late, long contactId) {}

  // ---- opening, inside the transaction that stores the feedback

  /**
   * Opens a case for each negative one (rating 2 or less, or flagged) of these feedback rows that
   * has none: assigned to the customer's rep (none: the pool), due {@code sla} after now, with an
   * 'opened' action by {@code actor}.
   *
   * @return the cases opened
   */
  static List<Long> openFor(Handle h, Long[] feedbackIds, Instant now, Duration sla, String actor) {
    if (feedbackIds.length == 0) {
      return List.of();
    }
    Instant due = now.plus(sla);
    return h.createQuery(
            "WITH opened AS (INSERT INTO cases (feedback_id, customer_id, assigned_to, opened_at,"
                + " due_at) SELECT f.id, f.customer_id, nullif(btrim(c.owner_rep), ''), :now, :due"
                + " FROM feedback f JOIN customers c ON c.id = f.customer_id"
                + " WHERE f.id = ANY(:ids) AND "
                + Feedback.NEGATIVE
                + " AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.feedback_id = f.id)"
                + " ORDER BY f.id RETURNING id, feedback_id, assigned_to)"
                + " INSERT INTO case_actions (case_id, at, actor, action, note)"
                + " SELECT o.id, :now, :actor, 'opened', 'negative feedback #' || f.id"
                + " || ' from ' || f.source"
                + " || CASE WHEN f.rating IS NOT NULL THEN ', rated ' || f.rating || ' of 5'"
                + " ELSE '' END || CASE WHEN f.flagged THEN ', flagged' ELSE '' END"
                + " || '; assigned to ' || coalesce(o.assigned_to, 'the pool')"
                + " || '; first contact due within ' || :sla"
                + " FROM opened o JOIN feedback f ON f.id = o.feedback_id ORDER BY o.id"
                + " RETURNING case_id")
        .bind("ids", feedbackIds)
        .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .bind("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
        .bind("actor", actor)
        .bind("sla", words(sla))
        .mapTo(Long.class)
        .list();
  }

  /** An SLA in words: "24 hours", "2 days". */
  static String words(Duration sla) {
    long hours = sla.toHours();
    if (hours % 24 == 0) {
      long days = hours / 24;
      return days + (days == 1 ? " day" : " days");
    }
    return hours + (hours == 1 ? " hour" : " hours");
  }

  // ---- working a case

  /**
   * Records a contact with the customer on the case: the first one meets (or misses) the SLA.
   *
   * @throws CaseException for an unknown or closed case, or no actor
   */
  public Contacted contact(long caseId, String by, Channel channel, Optional<String> note) {
    String actor = actor(by);
    Optional<String> text = clean(note);
    Instant now = clock.instant();
    return jdbi.inTransaction(
        h -> {
          Row c = lock(h, caseId);
          if (c.closedAt != null) {
            throw closed(c, "record a contact");
          }
          boolean first = c.firstContactAt == null;
          if (first) {
            h.createUpdate("UPDATE cases SET first_contact_at = :now WHERE id = :id")
                .bind("now", utc(now))
                .bind("id", caseId)
                .execute();
          }
          action(
              h,
              caseId,
              now,
              actor,
              "contacted",
              "by " + channel.label() + text.map(t -> ": " + t).orElse(""));
          long contact =
              h.createUpdate(
                      "INSERT INTO contacts (customer_id, contacted_on, channel, source, note)"
                          + " VALUES (:customer, :on, :channel, 'case', :note)")
                  .bind("customer", c.customer)
                  .bind("on", LocalDate.ofInstant(now, clock.getZone()))
                  .bind("channel", channel.label())
                  .bind(
                      "note",
                      "case #" + caseId + " (" + actor + ")" + text.map(t -> ": " + t).orElse(""))
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          return new Contacted(caseId, first, first && now.isAfter(c.dueAt), contact);
        });
  }

  /**
   * Adds a note to a case, open or closed.
   *
   * @throws CaseException for an unknown case, an empty note or no actor
   */
  public void note(long caseId, String by, String note) {
    String actor = actor(by);
    String text =
        clean(Optional.of(note))
            .orElseThrow(() -> new CaseException("a note needs some text: say what happened"));
    Instant now = clock.instant();
    jdbi.useTransaction(
        h -> {
          lock(h, caseId);
          action(h, caseId, now, actor, "note", text);
        });
  }

  /**
   * Gives an open case to another rep.
   *
   * @throws CaseException for an unknown or closed case, the rep it already has, or no actor
   */
  public void assign(long caseId, String to, String by) {
    String actor = actor(by);
    String rep = to.strip();
    if (rep.isEmpty()) {
      throw new CaseException("say whom to assign case #" + caseId + " to: a rep's name");
    }
    Instant now = clock.instant();
    jdbi.useTransaction(
        h -> {
          Row c = lock(h, caseId);
          if (c.closedAt != null) {
            throw closed(c, "reassign it");
          }
          if (rep.equals(c.assignedTo)) {
            throw new CaseException("case #" + caseId + " is already assigned to " + rep);
          }
          h.createUpdate("UPDATE cases SET assigned_to = :rep WHERE id = :id")
              .bind("rep", rep)
              .bind("id", caseId)
              .execute();
          action(
              h,
              caseId,
              now,
              actor,
              "reassigned",
              "from " + (c.assignedTo == null ? "the pool" : c.assignedTo) + " to " + rep);
        });
  }

  /**
   * Closes an open case with its outcome.
   *
   * @throws CaseException for an unknown or already closed case, or no actor
   */
  public void close(long caseId, Outcome outcome, String by, Optional<String> note) {
    String actor = actor(by);
    Optional<String> text = clean(note);
    Instant now = clock.instant();
    jdbi.useTransaction(
        h -> {
          Row c = lock(h, caseId);
          if (c.closedAt != null) {
            throw new CaseException(
                "case #"
                    + caseId
                    + " is already closed ("
                    + c.outcome
                    + ", "
                    + c.closedAt.atOffset(ZoneOffset.UTC).toLocalDate()
                    + "): reopen it first to close it differently");
          }
          h.createUpdate(
                  "UPDATE cases SET closed_at = greatest(:now, opened_at), outcome = :outcome,"
                      + " outcome_note = :note WHERE id = :id")
              .bind("now", utc(now))
              .bind("outcome", outcome.label())
              .bind("note", text.orElse(null))
              .bind("id", caseId)
              .execute();
          action(
              h,
              caseId,
              now,
              actor,
              "closed",
              outcome.label() + text.map(t -> ": " + t).orElse(""));
        });
  }

  /**
   * Opens a closed case again: its outcome is cleared (the action keeps the old one), and sales
   * offers pause again until it is closed.
   *
   * @throws CaseException for an unknown or open case, or no actor
   */
  public void reopen(long caseId, String by, Optional<String> note) {
    String actor = actor(by);
    Optional<String> text = clean(note);
    Instant now = clock.instant();
    jdbi.useTransaction(
        h -> {
          Row c = lock(h, caseId);
          if (c.closedAt == null) {
            throw new CaseException("case #" + caseId + " is open: there is nothing to reopen");
          }
          h.createUpdate(
                  "UPDATE cases SET closed_at = NULL, outcome = NULL, outcome_note = NULL"
                      + " WHERE id = :id")
              .bind("id", caseId)
              .execute();
          action(
              h,
              caseId,
              now,
              actor,
              "reopened",
              "was " + c.outcome + text.map(t -> ": " + t).orElse(""));
        });
  }

  /**
   * Escalates every open case whose first contact was not made by its due time and that was not
   * escalated yet: once each, to {@code manager}, with an 'escalated' action.
   *
   * @return how many cases were escalated
   */
  public int escalate(String manager) {
    String to = manager.strip().isEmpty() ? "manager" : manager.strip();
    Instant now = clock.instant();
    return jdbi.inTransaction(
        h ->
            h.createUpdate(
                    "WITH late AS (UPDATE cases SET escalated_at = :now, escalated_to = :to"
                        + " WHERE closed_at IS NULL AND first_contact_at IS NULL"
                        + " AND escalated_at IS NULL AND due_at <= :now"
                        + " RETURNING id, due_at, assigned_to)"
                        + " INSERT INTO case_actions (case_id, at, actor, action, note)"
                        + " SELECT id, :now, :actor, 'escalated', 'no first contact by '"
                        + " || to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'"
                        + " || ' (' || coalesce(assigned_to, 'the pool') || '): escalated to '"
                        + " || :to FROM late ORDER BY id")
                .bind("now", utc(now))
                .bind("to", to)
                .bind("actor", SYSTEM)
                .execute());
  }

  // ---- reading

  /**
   * The cases, open ones first; among them the escalated, then the overdue, then by due time.
   *
   * @param openOnly only the open cases
   * @param rep only the cases of this rep
   */
  public List<Case> list(boolean openOnly, Optional<String> rep) {
    Instant now = clock.instant();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + " WHERE (:all OR k.closed_at IS NULL)"
                        + " AND (CAST(:rep AS text) IS NULL OR k.assigned_to = :rep)"
                        + " ORDER BY k.closed_at IS NULL DESC,"
                        + " (k.closed_at IS NULL AND k.escalated_at IS NOT NULL) DESC,"
                        + " overdue DESC, k.due_at, k.id")
                .bind("now", utc(now))
                .bind("all", !openOnly)
                .bind("rep", rep.map(String::strip).orElse(null))
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /**
   * The first {@code limit} open cases in the order of {@link #list} (the escalated, then the
   * overdue, then by due time), for a page that cannot show them all.
   */
  public List<Case> firstOpen(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("list at least one case: " + limit);
    }
    Instant now = clock.instant();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + " WHERE k.closed_at IS NULL"
                        + " ORDER BY (k.escalated_at IS NOT NULL) DESC, overdue DESC, k.due_at,"
                        + " k.id LIMIT :limit")
                .bind("now", utc(now))
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /**
   * The open cases counted.
   *
   * @param overdue open, no first contact, past the due time
   * @param escalated open and escalated
   */
  public record OpenCounts(long open, long overdue, long escalated) {}

  /** Counts the open cases (by the partial index of open cases: only those are read). */
  public OpenCounts countOpen() {
    Instant now = clock.instant();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*), count(*) FILTER (WHERE first_contact_at IS NULL AND due_at"
                        + " < :now), count(*) FILTER (WHERE escalated_at IS NOT NULL) FROM cases"
                        + " WHERE closed_at IS NULL")
                .bind("now", utc(now))
                .map((rs, ctx) -> new OpenCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .one());
  }

  /**
   * One case with its feedback and actions.
   *
   * @throws CaseException if there is no such case
   */
  public Detail show(long caseId) {
    Instant now = clock.instant();
    return jdbi.withHandle(
        h -> {
          Case c =
              h.createQuery(SELECT + " WHERE k.id = :id")
                  .bind("now", utc(now))
                  .bind("id", caseId)
                  .map((rs, ctx) -> row(rs))
                  .findOne()
                  .orElseThrow(() -> unknown(caseId));
          Optional<String> text =
              h.select(
                      "SELECT f.text FROM feedback f JOIN cases k ON k.feedback_id = f.id"
                          + " WHERE k.id = ?",
                      caseId)
                  .mapTo(String.class)
                  .findOne();
          List<Action> actions =
              h.select(
                      "SELECT at, actor, action, note FROM case_actions WHERE case_id = ?"
                          + " ORDER BY at, id",
                      caseId)
                  .map(
                      (rs, ctx) ->
                          new Action(
                              instant(rs, "at"),
                              rs.getString("actor"),
                              rs.getString("action"),
                              Optional.ofNullable(rs.getString("note"))))
                  .list();
          return new Detail(c, text, actions);
        });
  }

  private static final String SELECT =
      "SELECT k.id, c.external_id, c.name, k.assigned_to, k.opened_at, k.due_at,"
          + " k.first_contact_at, k.escalated_at, k.escalated_to, k.closed_at, k.outcome,"
          + " k.outcome_note, f.id AS feedback_id, f.source, f.rating, f.flagged, f.received_on,"
          + " (k.closed_at IS NULL AND k.first_contact_at IS NULL AND k.due_at < :now) AS overdue"
          + " FROM cases k JOIN customers c ON c.id = k.customer_id"
          + " JOIN feedback f ON f.id = k.feedback_id";

  private static Case row(ResultSet rs) throws SQLException {
    int rating = rs.getInt("rating");
    Optional<Integer> r = rs.wasNull() ? Optional.empty() : Optional.of(rating);
    return new Case(
        rs.getLong("id"),
        rs.getString("external_id"),
        Optional.ofNullable(rs.getString("name")),
        Optional.ofNullable(rs.getString("assigned_to")),
        instant(rs, "opened_at"),
        instant(rs, "due_at"),
        optionalInstant(rs, "first_contact_at"),
        optionalInstant(rs, "escalated_at"),
        Optional.ofNullable(rs.getString("escalated_to")),
        optionalInstant(rs, "closed_at"),
        Optional.ofNullable(rs.getString("outcome")),
        Optional.ofNullable(rs.getString("outcome_note")),
        rs.getLong("feedback_id"),
        rs.getString("source"),
        r,
        rs.getBoolean("flagged"),
        rs.getObject("received_on", LocalDate.class),
        rs.getBoolean("overdue"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNull(rs.getTimestamp(column), column).toInstant();
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, String column)
      throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  // ---- shared

  /** The case's row as an operation needs it, locked until the transaction ends. */
  private static final class Row {
    final long id;
    final long customer;
    final @Nullable String assignedTo;
    final Instant dueAt;
    final @Nullable Instant firstContactAt;
    final @Nullable Instant closedAt;
    final @Nullable String outcome;

    Row(ResultSet rs) throws SQLException {
      id = rs.getLong("id");
      customer = rs.getLong("customer_id");
      assignedTo = rs.getString("assigned_to");
      dueAt = instant(rs, "due_at");
      firstContactAt = optionalInstant(rs, "first_contact_at").orElse(null);
      closedAt = optionalInstant(rs, "closed_at").orElse(null);
      outcome = rs.getString("outcome");
    }
  }

  private static Row lock(Handle h, long caseId) {
    return h.select(
            "SELECT id, customer_id, assigned_to, due_at, first_contact_at, closed_at, outcome"
                + " FROM cases WHERE id = ? FOR UPDATE",
            caseId)
        .map((rs, ctx) -> new Row(rs))
        .findOne()
        .orElseThrow(() -> unknown(caseId));
  }

  private static CaseException unknown(long caseId) {
    return new CaseException(
        "there is no case #" + caseId + " ('rekindle cases' lists them, with their numbers)");
  }

  private static CaseException closed(Row c, String what) {
    return new CaseException(
        "case #"
            + c.id
            + " is closed ("
            + c.outcome
            + "): reopen it first ('rekindle case reopen "
            + c.id
            + "') to "
            + what);
  }

  private static void action(
      Handle h, long caseId, Instant at, String actor, String action, @Nullable String note) {
    h.createUpdate(
            "INSERT INTO case_actions (case_id, at, actor, action, note)"
                + " VALUES (:case, :at, :actor, :action, :note)")
        .bind("case", caseId)
        .bind("at", utc(at))
        .bind("actor", actor)
        .bind("action", action)
        .bind("note", note)
        .execute();
  }

  private static String actor(String by) {
    String actor = by.strip();
    if (actor.isEmpty()) {
      throw new CaseException("say who did it: a case records every action with a name");
    }
    return actor;
  }

  private static Optional<String> clean(Optional<String> note) {
    return note.map(String::strip).filter(n -> !n.isEmpty());
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
