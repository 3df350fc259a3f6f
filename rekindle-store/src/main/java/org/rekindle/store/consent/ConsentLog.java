package org.rekindle.store.consent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.query.UnknownCustomerException;

/**
 * Changes consent and reads its history. The rules live in the database (migration V4), so they
 * hold whatever writes there — this class, an import, a person with psql:
 *
 * <ul>
 *   <li>every change of a customer's consent columns is a {@code consent_events} row (who, what,
 *       where it came from, when), and those rows are never changed or deleted;
 *   <li>once the customer's own latest word on a channel is "stop" (an unsubscribe, a spam
 *       complaint), only the customer can turn it back on: anyone else's attempt leaves it off.
 * </ul>
 *
 * <p>This class says so plainly instead of letting the database quietly keep consent off.
 */
public final class ConsentLog {
  /** A channel with its own consent. */
  public enum Channel {
    EMAIL,
    LETTER,
    PHONE,
    SMS;

    String column() {
      return "consent_" + id();
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a change of consent came from. */
  public enum Source {
    /** the customer said so: an unsubscribe link, a form, a call */
    CUSTOMER,
    /** the customer reported a message as spam */
    COMPLAINT,
    /** someone at the business */
    STAFF,
    /** a customers file */
    IMPORT,
    /** Rekindle itself */
    SYSTEM,
    /** a mail server's bounce (suppressions only) */
    BOUNCE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One entry of the history.
   *
   * @param channel the channel
   * @param granted consent given (true) or withdrawn
   * @param source where the change came from
   * @param actor who or what made it
   * @param note why, when said
   * @param at when
   */
  public record Event(
      String channel,
      boolean granted,
      String source,
      String actor,
      Optional<String> note,
      Instant at) {}

  private ConsentLog() {}

  /**
   * Sets a customer's consent on a channel and logs it.
   *
   * @return true when consent changed, false when it already was so
   * @throws StoreException for an unknown customer, or when someone other than the customer would
   *     turn consent back on after the customer's own "stop"
   */
  public static boolean change(
      Store store,
      String customer,
      Channel channel,
      boolean granted,
      Source source,
      String actor,
      String note) {
    if (source == Source.BOUNCE) {
      throw new IllegalArgumentException(
          "a bounce suppresses an address (Suppressions); it does not change consent");
    }
    return store
        .jdbi()
        .inTransaction(
            h -> {
              Optional<Long> id =
                  h.select("SELECT id FROM customers WHERE external_id = ? FOR UPDATE", customer)
                      .mapTo(Long.class)
                      .findOne();
              if (id.isEmpty()) {
                throw new UnknownCustomerException(customer);
              }
              if (granted && source != Source.CUSTOMER && optedOut(h, id.get(), channel)) {
                Instant when =
                    h.select(
                            "SELECT at FROM consent_events WHERE customer_id = ? AND channel = ?"
                                + " ORDER BY id DESC LIMIT 1",
                            id.get(),
                            channel.id())
                        .mapTo(Instant.class)
                        .one();
                throw new StoreException(
                    "customer '"
                        + customer
                        + "' said stop to "
                        + channel.id()
                        + " themselves on "
                        + when
                        + ": only they can opt in again");
              }
              attribute(h, source, actor.isBlank() ? "unknown" : actor, note);
              return h.createUpdate(
                          "UPDATE customers SET "
                              + channel.column()
                              + " = :granted, updated_at = now() WHERE id = :id AND "
                              + channel.column()
                              + " IS DISTINCT FROM :granted")
                      .bind("granted", granted)
                      .bind("id", id.get())
                      .execute()
                  == 1;
            });
  }

  /**
   * Says, for the rest of {@code h}'s transaction, who is changing consent: the database's log
   * trigger writes it with every change of a consent column (migration V4).
   */
  public static void attribute(Handle h, Source source, String actor, String note) {
    h.createQuery(
            "SELECT set_config('rekindle.consent_source', :source, true) AS source,"
                + " set_config('rekindle.actor', :actor, true) AS actor,"
                + " set_config('rekindle.consent_note', :note, true) AS note")
        .bind("source", source.id())
        .bind("actor", actor)
        .bind("note", note)
        .mapToMap()
        .one();
  }

  private static boolean optedOut(Handle h, long id, Channel channel) {
    return h.select("SELECT rekindle_customer_opted_out(?, ?)", id, channel.id())
        .mapTo(Boolean.class)
        .one();
  }

  /** A customer's consent history, oldest first. */
  public static List<Event> history(Store store, String customer) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select(
                        "SELECT e.channel, e.granted, e.source, e.actor, e.note, e.at"
                            + " FROM consent_events e JOIN customers c ON c.id = e.customer_id"
                            + " WHERE c.external_id = ? ORDER BY e.id",
                        customer)
                    .map(
                        (rs, ctx) ->
                            new Event(
                                rs.getString(1),
                                rs.getBoolean(2),
                                rs.getString(3),
                                rs.getString(4),
                                Optional.ofNullable(rs.getString(5)),
                                rs.getObject(6, java.time.OffsetDateTime.class).toInstant()))
                    .list());
  }
}
