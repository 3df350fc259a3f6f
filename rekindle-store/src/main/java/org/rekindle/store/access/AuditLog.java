package org.rekindle.store.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Who changed what: an append-only log written in the same transaction as the change it records, so
 * a change and its entry stand or fall together.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One entry, as read back. */
  public record Entry(
      long id, Instant at, String actor, String action, @Nullable String subject, String detail) {}

  /**
   * Records a change inside the caller's transaction.
   *
   * @param actor who did it: {@code user LOGIN}, {@code key NAME} or {@code cli}
   * @param action what, as a dotted word such as {@code user.add} or {@code call.outcome}
   * @param subject what it was done to, such as {@code customer C-104}; null when nothing in
   *     particular
   * @param detail the facts of the change; written as a JSON object
   */
  public static void record(
      Handle h, String actor, String action, @Nullable String subject, Map<String, ?> detail) {
    String json;
    try {
      json = JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit detail cannot be written as JSON: " + detail, e);
    }
    h.createUpdate(
            "INSERT INTO audit_log (actor, action, subject, detail)"
                + " VALUES (:actor, :action, :subject, CAST(:detail AS jsonb))")
        .bind("actor", actor)
        .bind("action", action)
        .bind("subject", subject)
        .bind("detail", json)
        .execute();
  }

  /** Records a change in a transaction of its own. */
  public void record(String actor, String action, @Nullable String subject, Map<String, ?> detail) {
    jdbi.useTransaction(h -> record(h, actor, action, subject, detail));
  }

  /** The latest entries, newest first; only those of one actor when {@code actor} is given. */
  public List<Entry> recent(int limit, @Nullable String actor) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, at, actor, action, subject, detail::text AS detail FROM audit_log"
                        + " WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)"
                        + " ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("actor", actor)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Entry(
                            rs.getLong("id"),
                            rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getString("subject"),
                            rs.getString("detail")))
                .list());
  }
}
