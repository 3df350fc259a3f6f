package org.rekindle.store.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.store.StoreException;

/**
 * Addresses nothing may be sent to (migration V5). A suppression stands until it is lifted; it is
 * never deleted, and one the customer asked for (an unsubscribe, a spam complaint, a "do not
 * contact" they said themselves) only the customer can lift: the database refuses anyone else.
 * Checked when a message is queued and again when a worker takes it.
 */
public final class Suppressions {
  /** Why an address is suppressed. */
  public enum Reason {
    UNSUBSCRIBED,
    COMPLAINED,
    BOUNCED,
    DO_NOT_CONTACT,
    WRONG_NUMBER;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code do-not-contact}, {@code DO_NOT_CONTACT}, … */
    public static Reason parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "not a suppression reason: '"
                + text
                + "' (unsubscribed, complained, bounced, do-not-contact, wrong-number)",
            e);
      }
    }
  }

  /**
   * A standing suppression.
   *
   * @param channel the channel
   * @param address the address, normalised
   * @param reason why
   * @param source where it came from
   * @param actor who or what made it
   * @param note a note, when given
   * @param since when
   */
  public record Suppression(
      String channel,
      String address,
      String reason,
      String source,
      String actor,
      Optional<String> note,
      Instant since) {}

  private final Jdbi jdbi;

  public Suppressions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * An address as stored: an email in lower case without surrounding space; a phone number as an
   * optional + and its digits; anything else stripped.
   */
  public static String normalise(ConsentLog.Channel channel, String address) {
    String a = address.strip();
    return switch (channel) {
      case EMAIL -> a.toLowerCase(Locale.ROOT);
      case PHONE, SMS -> (a.startsWith("+") ? "+" : "") + a.replaceAll("[^0-9]", "");
      case LETTER -> a;
    };
  }

  /**
   * Suppresses an address.
   *
   * @return true when it was not suppressed yet; false when a suppression already stands (which is
   *     kept as it is)
   */
  public boolean suppress(
      ConsentLog.Channel channel,
      String address,
      Reason reason,
      ConsentLog.Source source,
      String actor,
      String note) {
    String a = normalise(channel, address);
    if (a.isEmpty()) {
      throw new StoreException("there is no address to suppress in '" + address + "'");
    }
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                        "INSERT INTO suppressions (channel, address, reason, source, actor, note)"
                            + " VALUES (:channel, :address, :reason, :source, :actor, :note)"
                            + " ON CONFLICT (channel, address) WHERE lifted_at IS NULL DO NOTHING")
                    .bind("channel", channel.id())
                    .bind("address", a)
                    .bind("reason", reason.id())
                    .bind("source", source.id())
                    .bind("actor", actor.isBlank() ? "unknown" : actor)
                    .bind("note", note.isBlank() ? null : note)
                    .execute()
                == 1);
  }

  /** The suppression standing on an address, if any. */
  public Optional<Suppression> find(ConsentLog.Channel channel, String address) {
    return jdbi.withHandle(
        h ->
            h.select(
                    "SELECT channel, address, reason, source, actor, note, created_at"
                        + " FROM suppressions WHERE channel = ? AND address = ?"
                        + " AND lifted_at IS NULL",
                    channel.id(),
                    normalise(channel, address))
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  /**
   * Lifts the suppression standing on an address.
   *
   * @throws StoreException when none stands, or when it was the customer's own and {@code source}
   *     is not the customer
   */
  public Suppression lift(
      ConsentLog.Channel channel,
      String address,
      ConsentLog.Source source,
      String actor,
      String note) {
    Suppression standing =
        find(channel, address)
            .orElseThrow(
                () ->
                    new StoreException(
                        "no suppression stands on " + channel.id() + " address '" + address + "'"));
    if (theCustomers(standing) && source != ConsentLog.Source.CUSTOMER) {
      throw new StoreException(
          "'"
              + standing.address()
              + "' is suppressed because the customer "
              + (standing.reason().equals("unsubscribed") || standing.reason().equals("complained")
                  ? standing.reason()
                  : "asked so (" + standing.reason() + ")")
              + " on "
              + standing.since()
              + ": only they can lift it");
    }
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE suppressions SET lifted_at = now(), lifted_by = :actor,"
                        + " lift_source = :source, lift_note = :note"
                        + " WHERE channel = :channel AND address = :address AND lifted_at IS NULL")
                .bind("actor", actor.isBlank() ? "unknown" : actor)
                .bind("source", source.id())
                .bind("note", note.isBlank() ? null : note)
                .bind("channel", channel.id())
                .bind("address", standing.address())
                .execute());
    return standing;
  }

  /**
   * Whether the customer asked for it: a reason only a customer gives, or any reason the customer
   * gave themselves (a "do not contact" said on a call). The database holds the same rule (V7).
   */
  private static boolean theCustomers(Suppression s) {
    return s.reason().equals("unsubscribed")
        || s.reason().equals("complained")
        || s.source().equals("customer")
        || s.source().equals("complaint");
  }

  /** The standing suppressions, newest first. */
  public List<Suppression> standing(int limit) {
    return jdbi.withHandle(
        h ->
            h.select(
                    "SELECT channel, address, reason, source, actor, note, created_at"
                        + " FROM suppressions WHERE lifted_at IS NULL ORDER BY id DESC LIMIT ?",
                    limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  private static Suppression row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Suppression(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Optional.ofNullable(rs.getString(6)),
        rs.getObject(7, OffsetDateTime.class).toInstant());
  }
}
