package org.rekindle.store.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.StoreException;

/**
 * Exit-survey answers ({@code survey_answers}, migration V8): one per customer and source, the
 * survey page's or a rep's from a call. Giving an answer again replaces it: the row keeps when it
 * was first given ({@code answered_at}), and counts the revisions.
 *
 * <p>Every save snapshots the customer's lifecycle state ({@code lifecycle_states}), segment and
 * rep as they are then, so the reason patterns count each answer as the customer stood when they
 * gave it.
 *
 * <p>An answer from the survey page is the customer's reply: it also records a {@code contacts} row
 * (channel {@code other}, source {@value #CONTACT_SOURCE}, at most one a customer a day), which the
 * planner counts as a reply for {@code stop_when: replied}, and which the contact policy's caps do
 * not count (they count only what was sent). An answer from a call needs none: the logged call is
 * its contact.
 */
public final class SurveyAnswers {
  /** The source of the {@code contacts} rows that survey-page answers record. */
  public static final String CONTACT_SOURCE = "survey";

  /** Where an answer came from: the values of {@code survey_answers.source}. */
  public enum Source {
    /** The survey page, from the customer's own link. */
    SURVEY,
    /** A rep, from what the customer said on a call. */
    CALL;

    /** As stored: {@code survey}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Source parse(String stored) {
      return valueOf(stored.toUpperCase(Locale.ROOT));
    }
  }

  /** A customer number no customer has (a token for a customer since removed, say). */
  public static final class UnknownCustomerException extends StoreException {
    private static final long serialVersionUID = 1L;

    UnknownCustomerException(long customer) {
      super("there is no customer with the internal number " + customer);
    }
  }

  private static final String COLUMNS =
      "a.id, a.customer_id, c.external_id, a.source, a.reason, a.come_back, a.bring_back,"
          + " a.comment, a.lifecycle_state, a.segment, a.owner_rep, a.call_task_id,"
          + " a.recorded_by, a.answered_at, a.updated_at, a.revisions";

  private final Jdbi jdbi;

  public SurveyAnswers(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Keeps a customer's answer from the survey page, replacing the one they gave before, and records
   * their reply in {@code contacts}; one transaction.
   *
   * @param customer the customer's internal id, as their survey token names it
   * @param at when it was given
   * @throws UnknownCustomerException when no customer has the number
   */
  public StoredAnswer answer(long customer, SurveyAnswer answer, Instant at) {
    return jdbi.inTransaction(
        h -> {
          StoredAnswer kept =
              save(h, customer, Source.SURVEY, answer, Optional.empty(), Optional.empty(), at);
          LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
          h.createUpdate(
                  "INSERT INTO contacts (customer_id, contacted_on, channel, source, note)"
                      + " SELECT :customer, :on, 'other', :source, :note"
                      + " WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = :customer"
                      + " AND contacted_on = :on AND source = :source)")
              .bind("customer", customer)
              .bind("on", day)
              .bind("source", CONTACT_SOURCE)
              .bind("note", "answered the exit survey" + words(answer))
              .execute();
          return kept;
        });
  }

  /**
   * Keeps what a customer said on a call about why they left, replacing the answer recorded from an
   * earlier call. The call's own log is the contact. Call it inside the transaction that logs the
   * call (through the same {@link Jdbi}, whose handle scope then hands it that transaction's
   * handle) so that both are kept or neither.
   *
   * @param customer the customer's internal id
   * @param callTask the call it was said on
   * @param rep who recorded it
   * @param at when
   * @throws UnknownCustomerException when no customer has the number
   */
  public StoredAnswer recordFromCall(
      long customer, long callTask, String rep, SurveyAnswer answer, Instant at) {
    if (rep.isBlank()) {
      throw new IllegalArgumentException("the rep who recorded the answer must be named");
    }
    return jdbi.inTransaction(
        h ->
            save(
                h,
                customer,
                Source.CALL,
                answer,
                Optional.of(callTask),
                Optional.of(rep.strip()),
                at));
  }

  /** A customer's answer from one source, if they gave one. */
  public Optional<StoredAnswer> find(long customer, Source source) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM survey_answers a JOIN customers c ON c.id = a.customer_id"
                        + " WHERE a.customer_id = :customer AND a.source = :source")
                .bind("customer", customer)
                .bind("source", source.id())
                .map((rs, ctx) -> stored(rs))
                .findOne());
  }

  /** Whether a customer with this internal number exists. */
  public boolean customerExists(long customer) {
    return jdbi.withHandle(
        h ->
            h.select("SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)", customer)
                .mapTo(Boolean.class)
                .one());
  }

  private static StoredAnswer save(
      Handle h,
      long customer,
      Source source,
      SurveyAnswer answer,
      Optional<Long> callTask,
      Optional<String> rep,
      Instant at) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    // the customer as they stand now: the snapshot the patterns count the answer by
    Optional<Long> id =
        h.createQuery(
                "INSERT INTO survey_answers (customer_id, source, reason, come_back, bring_back,"
                    + " comment, lifecycle_state, segment, owner_rep, call_task_id, recorded_by,"
                    + " answered_at, updated_at)"
                    + " SELECT c.id, :source, :reason, :comeBack, :bringBack, :comment, l.state,"
                    + " c.segment, c.owner_rep, :task, :rep, :at, :at"
                    + " FROM customers c LEFT JOIN lifecycle_states l ON l.customer_id = c.id"
                    + " WHERE c.id = :customer"
                    + " ON CONFLICT (customer_id, source) DO UPDATE SET"
                    + " reason = excluded.reason, come_back = excluded.come_back,"
                    + " bring_back = excluded.bring_back, comment = excluded.comment,"
                    + " lifecycle_state = excluded.lifecycle_state, segment = excluded.segment,"
                    + " owner_rep = excluded.owner_rep, call_task_id = excluded.call_task_id,"
                    + " recorded_by = excluded.recorded_by, updated_at = excluded.updated_at,"
                    + " revisions = survey_answers.revisions + 1"
                    + " RETURNING id")
            .bind("customer", customer)
            .bind("source", source.id())
            .bind("reason", answer.reason().map(LeavingReason::label).orElse(null))
            .bind("comeBack", answer.comeBack().map(ComeBack::id).orElse(null))
            .bind("bringBack", answer.bringBack().orElse(null))
            .bind("comment", answer.comment().orElse(null))
            .bind("task", callTask.orElse(null))
            .bind("rep", rep.orElse(null))
            .bind("at", when)
            .mapTo(Long.class)
            .findOne();
    if (id.isEmpty()) {
      throw new UnknownCustomerException(customer);
    }
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM survey_answers a JOIN customers c ON c.id = a.customer_id"
                + " WHERE a.id = :id")
        .bind("id", id.get())
        .map((rs, ctx) -> stored(rs))
        .one();
  }

  /** The answer in a few words for the contact's note: ": price, would come back: maybe". */
  private static String words(SurveyAnswer a) {
    StringBuilder b = new StringBuilder();
    a.reason().ifPresent(r -> b.append(": ").append(r.words()));
    a.comeBack()
        .ifPresent(
            c ->
                b.append(b.length() == 0 ? ": " : ", ").append("would come back: ").append(c.id()));
    return b.toString();
  }

  private static StoredAnswer stored(ResultSet rs) throws SQLException {
    SurveyAnswer answer =
        new SurveyAnswer(
            text(rs, "reason").map(LeavingReason::parse),
            text(rs, "come_back").map(ComeBack::parse),
            text(rs, "bring_back"),
            text(rs, "comment"));
    return new StoredAnswer(
        rs.getLong("id"),
        rs.getLong("customer_id"),
        rs.getString("external_id"),
        Source.parse(rs.getString("source")),
        answer,
        text(rs, "lifecycle_state"),
        text(rs, "segment"),
        text(rs, "owner_rep"),
        Optional.ofNullable(rs.getObject("call_task_id", Long.class)),
        text(rs, "recorded_by"),
        rs.getObject("answered_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        rs.getInt("revisions"));
  }

  private static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }
}
