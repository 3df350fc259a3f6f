package org.rekindle.store.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.core.offer.OfferKind;

/**
 * What went on with one customer besides their orders, for the dashboard's customer page: the
 * emails and letters outreach queued and what became of them, the calls and how they went, the
 * other contacts, the feedback and the service cases. Each list is the latest {@link #LIMIT} at
 * most, read through the customer's index on its table.
 */
public final class CustomerActivity {
  /** The most rows of each list. */
  public static final int LIMIT = 100;

  private CustomerActivity() {}

  /**
   * Who a customer is, before anything else is read: enough to decide whether a user may see them.
   *
   * @param id their row
   * @param ownerRep their rep, as stored
   */
  public record Owner(long id, String customerId, Optional<String> ownerRep) {}

  /** The customer with this external id and their rep; empty when no customer has the id. */
  public static Optional<Owner> owner(Jdbi jdbi, String customerId) {
    return jdbi.withHandle(
        h ->
            h.select(
                    "SELECT id, external_id, owner_rep FROM customers WHERE external_id = ?",
                    customerId)
                .map(
                    (rs, ctx) ->
                        new Owner(rs.getLong(1), rs.getString(2), CustomerProfile.text(rs, 3)))
                .findOne());
  }

  /**
   * An email or a letter outreach queued.
   *
   * @param status queued, sent, printed, suppressed, failed, uncertain, ...
   * @param subject an email's subject, when the playbook gave one
   * @param sentAt when it went out (sent or printed)
   * @param reply the mail server's last reply, or why it was not sent
   */
  public record Message(
      LocalDate queuedOn,
      String channel,
      String playbook,
      String template,
      Optional<String> subject,
      String status,
      Optional<Instant> sentAt,
      Optional<String> reply,
      Optional<String> offerCode) {}

  /**
   * A call for a rep to make, and how it went.
   *
   * @param assignedTo the rep; empty for the pool
   * @param status open, done or cancelled
   * @param outcome how it went, once logged
   */
  public record Call(
      LocalDate dueOn,
      String playbook,
      Optional<String> assignedTo,
      String status,
      Optional<String> outcome,
      Optional<String> note,
      Optional<String> loggedBy,
      Optional<Instant> loggedAt) {}

  /** A service case opened by bad feedback, and where it stands. */
  public record Case(
      long id,
      Optional<String> assignedTo,
      Instant openedAt,
      Instant dueAt,
      Optional<Instant> firstContactAt,
      Optional<Instant> escalatedAt,
      Optional<Instant> closedAt,
      Optional<String> outcome,
      Optional<String> outcomeNote,
      LocalDate feedbackOn,
      Optional<Integer> rating) {
    public boolean open() {
      return closedAt.isEmpty();
    }
  }

  /** Feedback the customer gave. */
  public record Feedback(
      LocalDate receivedOn,
      String source,
      Optional<Integer> rating,
      Optional<String> text,
      boolean flagged,
      Optional<Long> caseId) {}

  /** A contact outreach did not make: a call or visit recorded by hand, a case's contact. */
  public record Contact(LocalDate on, String channel, String source, Optional<String> note) {}

  /** An offer made to the customer. */
  public record Offer(
      String code,
      String incentive,
      Instant issuedAt,
      Instant expiresAt,
      String status,
      Optional<Instant> redeemedAt,
      Optional<String> redeemedOrder,
      Optional<String> playbook) {}

  /** Everything, each list the latest first. */
  public record Activity(
      List<Message> messages,
      List<Call> calls,
      List<Contact> contacts,
      List<Offer> offers,
      List<Feedback> feedback,
      List<Case> cases) {
    public Activity {
      messages = List.copyOf(messages);
      calls = List.copyOf(calls);
      contacts = List.copyOf(contacts);
      offers = List.copyOf(offers);
      feedback = List.copyOf(feedback);
      cases = List.copyOf(cases);
    }
  }

  /** The activity of the customer with this row id ({@link Owner#id}). */
  public static Activity of(Jdbi jdbi, long customer) {
    return jdbi.withHandle(
        h ->
            new Activity(
                messages(h, customer),
                calls(h, customer),
                contacts(h, customer),
                offers(h, customer),
                feedback(h, customer),
                cases(h, customer)));
  }

  private static List<Message> messages(Handle h, long c) {
    return h.select(
            "SELECT o.queued_on, o.channel, o.playbook, o.template, o.subject, o.status,"
                + " o.sent_at, o.last_reply, f.code FROM outbox o"
                + " LEFT JOIN offers f ON f.id = o.offer_id"
                + " WHERE o.customer_id = ? ORDER BY o.queued_on DESC, o.id DESC LIMIT ?",
            c,
            LIMIT)
        .map(
            (rs, ctx) ->
                new Message(
                    rs.getObject(1, LocalDate.class),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    CustomerProfile.text(rs, 5),
                    rs.getString(6),
                    instant(rs, 7),
                    CustomerProfile.text(rs, 8),
                    CustomerProfile.text(rs, 9)))
        .list();
  }

  private static List<Call> calls(Handle h, long c) {
    return h.select(
            "SELECT due_on, playbook, assigned_to, status, outcome, outcome_note, logged_by,"
                + " logged_at FROM call_tasks WHERE customer_id = ?"
                + " ORDER BY due_on DESC, id DESC LIMIT ?",
            c,
            LIMIT)
        .map(
            (rs, ctx) ->
                new Call(
                    rs.getObject(1, LocalDate.class),
                    rs.getString(2),
                    CustomerProfile.text(rs, 3),
                    rs.getString(4),
                    CustomerProfile.text(rs, 5),
                    CustomerProfile.text(rs, 6),
                    CustomerProfile.text(rs, 7),
                    instant(rs, 8)))
        .list();
  }

  private static List<Contact> contacts(Handle h, long c) {
    // outreach's own contacts are the messages and calls above, with more to say
    return h.select(
            "SELECT contacted_on, channel, source, note FROM contacts"
                + " WHERE customer_id = ? AND outbox_id IS NULL AND call_task_id IS NULL"
                + " ORDER BY contacted_on DESC, id DESC LIMIT ?",
            c,
            LIMIT)
        .map(
            (rs, ctx) ->
                new Contact(
                    rs.getObject(1, LocalDate.class),
                    rs.getString(2),
                    rs.getString(3),
                    CustomerProfile.text(rs, 4)))
        .list();
  }

  private static List<Offer> offers(Handle h, long c) {
    return h.select(
            "SELECT f.code, f.kind, CASE WHEN f.kind = 'free_service' THEN f.service_cost"
                + " ELSE f.value END, f.currency, f.description, f.issued_at, f.expires_at,"
                + " f.status, f.redeemed_at, o.external_id, f.playbook"
                + " FROM offers f LEFT JOIN orders o ON o.id = f.redeemed_order_id"
                + " WHERE f.customer_id = ? ORDER BY f.issued_at DESC, f.id DESC LIMIT ?",
            c,
            LIMIT)
        .map(
            (rs, ctx) ->
                new Offer(
                    OfferCode.of(rs.getString(1)).grouped(),
                    new org.rekindle.core.offer.Offer(
                            OfferKind.parse(rs.getString(2)),
                            rs.getBigDecimal(3),
                            CustomerProfile.text(rs, 4),
                            CustomerProfile.text(rs, 5))
                        .describe(),
                    instant(rs, 6).orElseThrow(),
                    instant(rs, 7).orElseThrow(),
                    rs.getString(8),
                    instant(rs, 9),
                    CustomerProfile.text(rs, 10),
                    CustomerProfile.text(rs, 11)))
        .list();
  }

  private static List<Feedback> feedback(Handle h, long c) {
    return h.select(
            "SELECT f.received_on, f.source, f.rating, f.text, f.flagged, k.id FROM feedback f"
                + " LEFT JOIN cases k ON k.feedback_id = f.id WHERE f.customer_id = ?"
                + " ORDER BY f.received_on DESC, f.id DESC LIMIT ?",
            c,
            LIMIT)
        .map(
            (rs, ctx) ->
                new Feedback(
                    rs.getObject(1, LocalDate.class),
                    rs.getString(2),
                    Optional.ofNullable(rs.getObject(3, Integer.class)),
                    CustomerProfile.text(rs, 4),
                    rs.getBoolean(5),
                    Optional.ofNullable(rs.getObject(6, Long.class))))
        .list();
  }

  private static List<Case> cases(Handle h, long c) {
    // through the customer's feedback: cases has an index on open cases only
    return h.select(
            "SELECT k.id, k.assigned_to, k.opened_at, k.due_at, k.first_contact_at,"
                + " k.escalated_at, k.closed_at, k.outcome, k.outcome_note, f.received_on,"
                + " f.rating FROM feedback f JOIN cases k ON k.feedback_id = f.id"
                + " WHERE f.customer_id = ? ORDER BY k.opened_at DESC, k.id DESC LIMIT ?",
            c,
            LIMIT)
        .map(
            (rs, ctx) ->
                new Case(
                    rs.getLong(1),
                    CustomerProfile.text(rs, 2),
                    instant(rs, 3).orElseThrow(),
                    instant(rs, 4).orElseThrow(),
                    instant(rs, 5),
                    instant(rs, 6),
                    instant(rs, 7),
                    CustomerProfile.text(rs, 8),
                    CustomerProfile.text(rs, 9),
                    rs.getObject(10, LocalDate.class),
                    Optional.ofNullable(rs.getObject(11, Integer.class))))
        .list();
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }
}
