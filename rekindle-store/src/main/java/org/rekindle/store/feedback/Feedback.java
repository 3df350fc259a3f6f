package org.rekindle.store.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.store.query.UnknownCustomerException;

/**
 * Feedback entered one at a time (by hand, later through the API) and read back. Negative feedback
 * — rated 2 or less of 5, or flagged — opens a service-recovery case in the same transaction that
 * stores it (see {@link Cases}).
 */
public final class Feedback {
  /**
   * Negative feedback in SQL, over {@code feedback} as {@code f}: rated 2 or less of 5, or flagged.
   * What opens a case, and what the reasons report counts as a complaint.
   */
  public static final String NEGATIVE = "(f.rating <= 2 OR f.flagged)";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration sla;

  /**
   * @param sla how long after a case opens its first contact is due
   */
  public Feedback(Jdbi jdbi, Clock clock, Duration sla) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sla = Objects.requireNonNull(sla, "sla");
    if (sla.isNegative() || sla.isZero()) {
      throw new IllegalArgumentException("the first-contact SLA must be positive: " + sla);
    }
  }

  /**
   * One piece of feedback to store.
   *
   * @param customerId the customer's external id
   * @param source where it came from: a review site, phone, email, ...
   * @param rating 1 to 5, if it has one
   * @param receivedOn the day it came in
   * @param enteredBy who entered it
   */
  public record Entry(
      String customerId,
      String source,
      Optional<Integer> rating,
      Optional<String> text,
      LocalDate receivedOn,
      boolean flagged,
      Optional<String> enteredBy) {
    public Entry {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(rating, "rating");
      text = text.map(String::strip).filter(t -> !t.isEmpty());
      Objects.requireNonNull(receivedOn, "receivedOn");
      enteredBy = enteredBy.map(String::strip).filter(t -> !t.isEmpty());
      if (source.isBlank()) {
        throw new IllegalArgumentException("feedback needs a source: where it came from");
      }
      if (rating.isPresent() && (rating.get() < 1 || rating.get() > 5)) {
        throw new IllegalArgumentException("the rating must be from 1 to 5, not " + rating.get());
      }
      if (rating.isEmpty() && text.isEmpty() && !flagged) {
        throw new IllegalArgumentException(
            "feedback needs a rating, a text or the flag: there is nothing to record");
      }
    }
  }

  /**
   * What storing feedback did.
   *
   * @param feedbackId the stored row
   * @param caseId the case it opened, if it was negative
   */
  public record Added(long feedbackId, Optional<Long> caseId) {}

  /**
   * Stores one piece of feedback, and opens a case when it is negative.
   *
   * @throws UnknownCustomerException if no customer has the id
   */
  public Added add(Entry e) {
    return jdbi.inTransaction(
        h -> {
          long customer =
              h.select("SELECT id FROM customers WHERE external_id = ?", e.customerId().strip())
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(() -> new UnknownCustomerException(e.customerId()));
          long id =
              h.createUpdate(
                      "INSERT INTO feedback (customer_id, source, rating, text, received_on,"
                          + " flagged, entered_by) VALUES (:customer, :source, :rating, :text,"
                          + " :on, :flagged, :by)")
                  .bind("customer", customer)
                  .bind("source", e.source().strip())
                  .bind("rating", e.rating().orElse(null))
                  .bind("text", e.text().orElse(null))
                  .bind("on", e.receivedOn())
                  .bind("flagged", e.flagged())
                  .bind("by", e.enteredBy().orElse(null))
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          List<Long> opened =
              Cases.openFor(
                  h, new Long[] {id}, clock.instant(), sla, e.enteredBy().orElse(Cases.SYSTEM));
          return new Added(id, opened.stream().findFirst());
        });
  }

  /**
   * Stored feedback, as listed.
   *
   * @param caseId the case it opened, if any
   */
  public record Stored(
      long id,
      String customerId,
      String source,
      Optional<Integer> rating,
      Optional<String> text,
      LocalDate receivedOn,
      boolean flagged,
      Optional<String> externalId,
      Optional<Long> caseId) {}

  /**
   * The feedback received on or after {@code since} (all when empty), of one customer or all, the
   * latest first.
   */
  public static List<Stored> list(
      Jdbi jdbi, Optional<LocalDate> since, Optional<String> customerId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT f.id, c.external_id AS customer, f.source, f.rating, f.text,"
                        + " f.received_on, f.flagged, f.external_id, k.id AS case_id"
                        + " FROM feedback f JOIN customers c ON c.id = f.customer_id"
                        + " LEFT JOIN cases k ON k.feedback_id = f.id"
                        + " WHERE (CAST(:since AS date) IS NULL OR f.received_on >= :since)"
                        + " AND (CAST(:customer AS text) IS NULL OR c.external_id = :customer)"
                        + " ORDER BY f.received_on DESC, f.id DESC")
                .bind("since", since.orElse(null))
                .bind("customer", customerId.map(String::strip).orElse(null))
                .map((rs, ctx) -> stored(rs))
                .list());
  }

  /**
   * The latest {@code limit} pieces of feedback, the latest first (by the index on the day
   * received).
   */
  public static List<Stored> latest(Jdbi jdbi, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("list at least one piece of feedback: " + limit);
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT f.id, c.external_id AS customer, f.source, f.rating, f.text,"
                        + " f.received_on, f.flagged, f.external_id, k.id AS case_id"
                        + " FROM (SELECT * FROM feedback ORDER BY received_on DESC, id DESC"
                        + " LIMIT :limit) f JOIN customers c ON c.id = f.customer_id"
                        + " LEFT JOIN cases k ON k.feedback_id = f.id"
                        + " ORDER BY f.received_on DESC, f.id DESC")
                .bind("limit", limit)
                .map((rs, ctx) -> stored(rs))
                .list());
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    int r = rs.getInt("rating");
    Optional<Integer> rating = rs.wasNull() ? Optional.empty() : Optional.of(r);
    long k = rs.getLong("case_id");
    Optional<Long> caseId = rs.wasNull() ? Optional.empty() : Optional.of(k);
    return new Stored(
        rs.getLong("id"),
        rs.getString("customer"),
        rs.getString("source"),
        rating,
        Optional.ofNullable(rs.getString("text")),
        rs.getObject("received_on", LocalDate.class),
        rs.getBoolean("flagged"),
        Optional.ofNullable(rs.getString("external_id")),
        caseId);
  }

  /**
   * Feedback received from {@code since} on, counted.
   *
   * @param negative rated 2 or less, or flagged
   */
  public record Counts(long received, long negative) {}

  /** Counts the feedback received on or after {@code since} (by the index on the day received). */
  public static Counts countSince(Jdbi jdbi, LocalDate since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*), count(*) FILTER (WHERE "
                        + NEGATIVE
                        + ") FROM feedback f WHERE f.received_on >= ?")
                .bind(0, since)
                .map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2)))
                .one());
  }
}
