package org.rekindle.store.access;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Logged-in browsers. The cookie carries a random token; the store keeps only its SHA-256, with the
 * user, the session's CSRF token and when it ends. A session lasts a fixed time from login ({@link
 * #LIFETIME}); logging out, a new password or disabling the user ends it sooner.
 */
public final class Sessions {
  /** How long a login lasts: a working day and then some. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  private final Jdbi jdbi;

  public Sessions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A session just opened: the token for the cookie, the CSRF token for its forms. */
  public record Opened(String token, String csrf, Instant expires) {}

  /** A live session: who, and the CSRF token its forms must carry. */
  public record Session(User user, String csrf, Instant expires) {}

  /** Opens a session for a user who has just logged in; sessions ended long ago are cleared. */
  public Opened open(User user, Instant now) {
    String token = Secrets.random();
    String csrf = Secrets.random();
    Instant expires = now.plus(LIFETIME);
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM web_sessions WHERE expires_at < ?")
              .bind(0, at(now))
              .execute();
          h.createUpdate(
                  "INSERT INTO web_sessions (token_hash, user_id, csrf_token, expires_at)"
                      + " VALUES (?, ?, ?, ?)")
              .bind(0, Secrets.sha256(token))
              .bind(1, user.id())
              .bind(2, csrf)
              .bind(3, at(expires))
              .execute();
          AuditLog.record(h, user.actor(), "session.login", null, java.util.Map.of());
        });
    return new Opened(token, csrf, expires);
  }

  /** The live session of a cookie's token: not expired, its user not disabled. */
  public Optional<Session> find(String token, Instant now) {
    if (token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT u.id, u.login, u.name, u.role, u.rep, false AS off, s.csrf_token,"
                        + " s.expires_at FROM web_sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL")
                .bind(0, Secrets.sha256(token))
                .bind(1, at(now))
                .map(
                    (rs, ctx) ->
                        new Session(
                            new User(
                                rs.getLong("id"),
                                rs.getString("login"),
                                rs.getString("name"),
                                Role.parse(rs.getString("role")),
                                rs.getString("rep"),
                                false),
                            rs.getString("csrf_token"),
                            rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .findOne());
  }

  /** Ends the session of a token (logging out); nothing happens for an unknown one. */
  public void close(String token) {
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM web_sessions WHERE token_hash = ?")
                .bind(0, Secrets.sha256(token))
                .execute());
  }

  private static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
