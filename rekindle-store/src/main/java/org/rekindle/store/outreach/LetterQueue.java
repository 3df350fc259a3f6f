package org.rekindle.store.outreach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.store.StoreException;

/**
 * The outbox's letters: a batch is taken, printed by the caller and marked printed in one
 * transaction, so a batch that fails to print stays queued and a printed one is never printed again
 * by a second batch running at the same time.
 */
public final class LetterQueue {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Jdbi jdbi;

  public LetterQueue(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * A letter to print, with the customer's postal address as it is now.
   *
   * @param id the outbox row, printed small on the letter for the mail room
   * @param customer the customer's internal id (what survey tokens name)
   */
  public record QueuedLetter(
      long id,
      long customer,
      String customerId,
      String name,
      String line1,
      Optional<String> line2,
      String city,
      Optional<String> region,
      Optional<String> postalCode,
      Optional<String> country,
      String playbook,
      String template,
      Map<String, Object> values) {}

  /** How many letters wait to be printed. */
  public long waiting() {
    return jdbi.withHandle(
        h ->
            h.select("SELECT count(*) FROM outbox WHERE channel = 'letter' AND status = 'queued'")
                .mapTo(Long.class)
                .one());
  }

  /**
   * Takes the letters waiting (at most {@code limit}, oldest first), hands them to {@code print},
   * and marks them printed (recording each as a contact) once it returns; if it throws, they stay
   * queued.
   */
  public <R> R print(int limit, Instant at, Function<List<QueuedLetter>, R> print) {
    return jdbi.inTransaction(
        h -> {
          List<QueuedLetter> letters =
              h.createQuery(
                      "SELECT o.id, o.customer_id, c.external_id, coalesce(nullif(btrim(c.name),"
                          + " ''), o.recipient) AS name, c.address_line1, c.address_line2,"
                          + " c.city, c.region, c.postal_code, c.country, o.playbook, o.template,"
                          + " o.vars::text FROM outbox o JOIN customers c ON c.id = o.customer_id"
                          + " WHERE o.channel = 'letter' AND o.status = 'queued'"
                          + " ORDER BY o.id LIMIT :limit FOR UPDATE OF o SKIP LOCKED")
                  .bind("limit", limit)
                  .map(
                      (rs, ctx) ->
                          new QueuedLetter(
                              rs.getLong("id"),
                              rs.getLong("customer_id"),
                              rs.getString("external_id"),
                              rs.getString("name"),
                              text(rs.getString("address_line1")),
                              optional(rs.getString("address_line2")),
                              text(rs.getString("city")),
                              optional(rs.getString("region")),
                              optional(rs.getString("postal_code")),
                              optional(rs.getString("country")),
                              rs.getString("playbook"),
                              rs.getString("template"),
                              values(rs.getString("vars"))))
                  .list();
          if (letters.isEmpty()) {
            throw new StoreException("no letters wait to be printed");
          }
          R result = print.apply(letters);
          long[] ids = letters.stream().mapToLong(QueuedLetter::id).toArray();
          h.createUpdate(
                  "UPDATE outbox SET status = 'printed', sent_at = :at, updated_at = now()"
                      + " WHERE id = ANY (:ids) AND status = 'queued'")
              .bind("at", at.atOffset(ZoneOffset.UTC))
              .bind("ids", ids)
              .execute();
          h.createUpdate(
                  "INSERT INTO contacts (customer_id, contacted_on, channel, source, note,"
                      + " playbook, step, outbox_id) SELECT customer_id, :day, 'letter',"
                      + " 'outreach', template, playbook, step, id FROM outbox WHERE id = ANY"
                      + " (:ids) ON CONFLICT (outbox_id) DO NOTHING")
              .bind("day", at.atOffset(ZoneOffset.UTC).toLocalDate())
              .bind("ids", ids)
              .execute();
          return result;
        });
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static Optional<String> optional(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  private static Map<String, Object> values(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("an outbox row's values are not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
