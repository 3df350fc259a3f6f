package org.rekindle.store.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Touches with a customer — a call made, a letter sent, a visit — kept in {@code contacts}. A
 * contact on or after a customer's last order is what takes them off the forgotten list.
 */
public final class Contacts {
  /** Where {@code rekindle contact} records come from. */
  public static final String SOURCE_COMMAND = "command";

  private Contacts() {}

  /** How the customer was reached; the values the {@code contacts} table allows. */
  public enum Channel {
    EMAIL,
    LETTER,
    CALL,
    SMS,
    VISIT,
    OTHER;

    /** The lower-case name stored and shown. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * From {@code email}, {@code letter}, {@code call}, {@code sms}, {@code visit}, {@code other}.
     */
    public static Channel parse(String text) {
      for (Channel c : values()) {
        if (c.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
      throw new IllegalArgumentException(
          "the channel must be email, letter, call, sms, visit or other, not '" + text + "'");
    }
  }

  /**
   * One recorded contact.
   *
   * @param id its row
   * @param customerId the customer's external id
   * @param on the day it happened
   * @param channel how
   * @param source who or what recorded it ({@code command}, later outreach)
   * @param note what was said or sent, if noted
   */
  public record Contact(
      long id,
      String customerId,
      LocalDate on,
      Channel channel,
      String source,
      Optional<String> note) {
    public Contact {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(on, "on");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * Records a contact.
   *
   * @param note kept when present and not blank
   * @throws UnknownCustomerException if no customer has {@code customerId}
   */
  public static Contact record(
      Jdbi jdbi,
      String customerId,
      LocalDate on,
      Channel channel,
      Optional<String> note,
      String source) {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(channel, "channel");
    if (source.isBlank()) {
      throw new IllegalArgumentException("a contact needs a source");
    }
    Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
    return jdbi.inTransaction(
        h -> {
          long customer =
              internalId(h, customerId).orElseThrow(() -> new UnknownCustomerException(customerId));
          long id =
              h.createUpdate(
                      "INSERT INTO contacts (customer_id, contacted_on, channel, source, note)"
                          + " VALUES (:customer, :on, :channel, :source, :note)")
                  .bind("customer", customer)
                  .bind("on", on)
                  .bind("channel", channel.label())
                  .bind("source", source)
                  .bind("note", text.orElse(null))
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          return new Contact(id, customerId, on, channel, source, text);
        });
  }

  /** A customer's contacts, the latest first. */
  static List<Contact> of(Handle h, long customer, String customerId) {
    return h.createQuery(
            "SELECT id, contacted_on, channel, source, note FROM contacts"
                + " WHERE customer_id = ? ORDER BY contacted_on DESC, id DESC")
        .bind(0, customer)
        .map(
            (rs, ctx) ->
                new Contact(
                    rs.getLong(1),
                    customerId,
                    rs.getObject(2, LocalDate.class),
                    Channel.parse(rs.getString(3)),
                    rs.getString(4),
                    Optional.ofNullable(rs.getString(5))))
        .list();
  }

  /** The row id of the customer with this external id. */
  static Optional<Long> internalId(Handle h, String customerId) {
    return h.select("SELECT id FROM customers WHERE external_id = ?", customerId)
        .mapTo(Long.class)
        .findOne();
  }
}
