package org.rekindle.store.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Keys for machine clients of the REST API (a till that redeems offer codes, a shop that posts its
 * orders). A key is {@code rk_} and 43 random base64url characters, shown once when made; the store
 * keeps its SHA-256 and its first characters, which tell keys apart in a list and in the audit log.
 * A revoked key stops working at once.
 */
public final class ApiKeys {
  /** How many characters of a key its prefix shows. */
  static final int PREFIX = 10;

  private final Jdbi jdbi;

  public ApiKeys(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A key as listed, never the key itself. */
  public record ApiKey(
      long id,
      String name,
      String prefix,
      String createdBy,
      Instant createdAt,
      @Nullable Instant revokedAt) {
    /** How the audit log names what the key did. */
    public String actor() {
      return "key " + name;
    }
  }

  /** A key just made: the only time the full key is seen. */
  public record Created(ApiKey key, String secret) {}

  /** Makes a key; {@code actor} is who asked, for the audit log. */
  public Created create(String name, String actor) {
    if (name.isBlank()) {
      throw new AccessException("a key needs a name that says who uses it, such as 'till-1'");
    }
    String secret = "rk_" + Secrets.random();
    String prefix = secret.substring(0, PREFIX);
    ApiKey key =
        jdbi.inTransaction(
            h -> {
              ApiKey k =
                  h.createQuery(
                          "INSERT INTO api_keys (name, prefix, key_hash, created_by)"
                              + " VALUES (?, ?, ?, ?) RETURNING id, name, prefix, created_by,"
                              + " created_at, revoked_at")
                      .bind(0, name.trim())
                      .bind(1, prefix)
                      .bind(2, Secrets.sha256(secret))
                      .bind(3, actor)
                      .map((rs, ctx) -> key(rs))
                      .one();
              AuditLog.record(h, actor, "key.add", "key " + k.name(), Map.of("prefix", prefix));
              return k;
            });
    return new Created(key, secret);
  }

  /** The live key a client presented, when it is one and not revoked. */
  public Optional<ApiKey> find(String secret) {
    if (!secret.startsWith("rk_") || secret.length() > 100) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, name, prefix, created_by, created_at, revoked_at FROM api_keys"
                        + " WHERE key_hash = ? AND revoked_at IS NULL")
                .bind(0, Secrets.sha256(secret))
                .map((rs, ctx) -> key(rs))
                .findOne());
  }

  /** Every key, newest first, revoked ones too. */
  public List<ApiKey> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, name, prefix, created_by, created_at, revoked_at FROM api_keys"
                        + " ORDER BY created_at DESC, id DESC")
                .map((rs, ctx) -> key(rs))
                .list());
  }

  /** Revokes the key with this id or prefix; revoking it again changes nothing. */
  public ApiKey revoke(String idOrPrefix, String actor) {
    return jdbi.inTransaction(
        h -> {
          List<ApiKey> found =
              h.createQuery(
                      "SELECT id, name, prefix, created_by, created_at, revoked_at FROM api_keys"
                          + " WHERE prefix = :p OR CAST(id AS text) = :p")
                  .bind("p", idOrPrefix.trim())
                  .map((rs, ctx) -> key(rs))
                  .list();
          if (found.size() != 1) {
            throw new AccessException(
                found.isEmpty()
                    ? "no key has the id or prefix '" + idOrPrefix + "' (rekindle apikey list)"
                    : "more than one key has the prefix '" + idOrPrefix + "': give its id");
          }
          ApiKey k = found.get(0);
          if (k.revokedAt() != null) {
            return k;
          }
          ApiKey revoked =
              h.createQuery(
                      "UPDATE api_keys SET revoked_at = now() WHERE id = ? RETURNING id, name,"
                          + " prefix, created_by, created_at, revoked_at")
                  .bind(0, k.id())
                  .map((rs, ctx) -> key(rs))
                  .one();
          AuditLog.record(h, actor, "key.revoke", "key " + k.name(), Map.of("prefix", k.prefix()));
          return revoked;
        });
  }

  private static ApiKey key(java.sql.ResultSet rs) throws java.sql.SQLException {
    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
    return new ApiKey(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }
}
