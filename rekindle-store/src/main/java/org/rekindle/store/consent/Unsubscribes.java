package org.rekindle.store.consent;

import java.util.Optional;
import org.rekindle.store.Store;

/**
 * A customer's "stop" by the unsubscribe link of an email ({@code /u/TOKEN}, docs/outreach.md): the
 * same as an unsubscribe reported by the mail provider ({@link Bounces}): the customer's email
 * consent is turned off as their own word, which only they can undo, and their address is
 * suppressed ({@code unsubscribed}, source {@code customer}), so nothing is sent to it whichever
 * customer record holds it.
 */
public final class Unsubscribes {
  /** Who the consent log and the suppression name as having done it. */
  static final String ACTOR = "unsubscribe link";

  private final Store store;
  private final Suppressions suppressions;

  public Unsubscribes(Store store) {
    this.store = store;
    this.suppressions = new Suppressions(store.jdbi());
  }

  /**
   * A customer as the unsubscribe page sees them.
   *
   * @param customer their external id
   * @param email their address, when they have one
   * @param unsubscribed whether emails to them have stopped already: no email consent, or their
   *     address suppressed
   */
  public record Standing(String customer, Optional<String> email, boolean unsubscribed) {}

  /** The customer of a verified link (by internal id), when still on file. */
  public Optional<Standing> standing(long customerId) {
    record Row(String customer, Optional<String> email, boolean consent) {}
    Optional<Row> row =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT external_id, email, consent_email FROM customers WHERE id = ?",
                            customerId)
                        .map(
                            (rs, ctx) ->
                                new Row(
                                    rs.getString("external_id"),
                                    Optional.ofNullable(rs.getString("email"))
                                        .filter(e -> !e.isBlank()),
                                    rs.getBoolean("consent_email")))
                        .findOne());
    return row.map(
        r ->
            new Standing(
                r.customer(),
                r.email(),
                !r.consent()
                    || r.email()
                        .flatMap(e -> suppressions.find(ConsentLog.Channel.EMAIL, e))
                        .isPresent()));
  }

  /**
   * Unsubscribes the customer of a verified link from email.
   *
   * @param how what the request was, kept as the note ("one-click POST" or "the page's button")
   * @return the customer as they stand now, or empty when no longer on file
   */
  public Optional<Standing> unsubscribe(long customerId, String how) {
    Optional<Standing> before = standing(customerId);
    if (before.isEmpty()) {
      return before;
    }
    String note = "unsubscribe link: " + how;
    ConsentLog.change(
        store,
        before.get().customer(),
        ConsentLog.Channel.EMAIL,
        false,
        ConsentLog.Source.CUSTOMER,
        ACTOR,
        note);
    before
        .get()
        .email()
        .filter(e -> !Suppressions.normalise(ConsentLog.Channel.EMAIL, e).isEmpty())
        .ifPresent(
            e ->
                suppressions.suppress(
                    ConsentLog.Channel.EMAIL,
                    e,
                    Suppressions.Reason.UNSUBSCRIBED,
                    ConsentLog.Source.CUSTOMER,
                    ACTOR,
                    note));
    // consent is off now, whatever it was: no need to read the customer again
    return Optional.of(new Standing(before.get().customer(), before.get().email(), true));
  }
}
