package org.rekindle.store.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's users: made with {@code rekindle user add} (the first admin) or by an admin,
 * checked at login with their Argon2id hash ({@link Passwords}). Every change is in the audit log.
 * Changing a password or disabling a user ends their open sessions.
 */
public final class Users {
  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
  private static final String COLUMNS =
      "id, login, name, role, rep, disabled_at IS NOT NULL AS off";

  private final Jdbi jdbi;

  public Users(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A login as kept: trimmed, lower case; refused when it has characters a login may not. */
  public static String normalLogin(String login) {
    String l = login.trim().toLowerCase(Locale.ROOT);
    if (!LOGIN.matcher(l).matches()) {
      throw new AccessException(
          "bad login '"
              + login
              + "': 1 to 64 of a-z, 0-9 and . _ @ -, starting with a letter or digit");
    }
    return l;
  }

  /**
   * Adds a user.
   *
   * @param rep the rep name their accounts carry as {@code owner_rep}; needed for a rep
   * @param actor who adds them, for the audit log
   * @throws AccessException for a bad or taken login, a rep without a rep name, a weak password
   */
  public User add(
      String login,
      @Nullable String name,
      Role role,
      @Nullable String rep,
      char[] password,
      String actor) {
    String l = normalLogin(login);
    String r = rep == null || rep.isBlank() ? null : rep.trim();
    if (role == Role.REP && r == null) {
      throw new AccessException(
          "a rep needs the rep name their customers carry as owner rep (--rep)");
    }
    String weak = Passwords.weakness(password);
    if (weak != null) {
      throw new AccessException(weak);
    }
    String hash = Passwords.hash(password);
    return jdbi.inTransaction(
        h -> {
          if (find(h, l).isPresent()) {
            throw new AccessException("there is already a user '" + l + "'");
          }
          User u =
              h.createQuery(
                      "INSERT INTO users (login, name, role, rep, password_hash)"
                          + " VALUES (:login, :name, :role, :rep, :hash) RETURNING "
                          + COLUMNS)
                  .bind("login", l)
                  .bind("name", name == null || name.isBlank() ? null : name.trim())
                  .bind("role", role.label())
                  .bind("rep", r)
                  .bind("hash", hash)
                  .map((rs, ctx) -> user(rs))
                  .one();
          AuditLog.record(
              h,
              actor,
              "user.add",
              "user " + l,
              r == null ? Map.of("role", role.label()) : Map.of("role", role.label(), "rep", r));
          return u;
        });
  }

  /** The user with this login (any case), enabled or not. */
  public Optional<User> find(String login) {
    String l = login.trim().toLowerCase(Locale.ROOT);
    return jdbi.withHandle(h -> find(h, l));
  }

  /** The user with this id. */
  public Optional<User> byId(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> user(rs))
                .findOne());
  }

  /** Every user, by login. */
  public List<User> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY login")
                .map((rs, ctx) -> user(rs))
                .list());
  }

  /** Whether there is any user yet (a fresh home has none until {@code rekindle user add}). */
  public boolean any() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users)").mapTo(Boolean.class).one());
  }

  /**
   * The user a login and password name, when they match and the user is not disabled. An unknown
   * login costs the same hash as a known one, so the time taken does not tell which logins exist.
   */
  public Optional<User> authenticate(String login, char[] password) {
    String l = login.trim().toLowerCase(Locale.ROOT);
    record Row(User user, String hash) {}
    Optional<Row> row =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT " + COLUMNS + ", password_hash FROM users WHERE login = ?")
                    .bind(0, l)
                    .map((rs, ctx) -> new Row(user(rs), rs.getString("password_hash")))
                    .findOne());
    if (row.isEmpty()) {
      Passwords.decoy(password);
      return Optional.empty();
    }
    boolean ok = Passwords.matches(password, row.get().hash());
    return ok && !row.get().user().disabled() ? Optional.of(row.get().user()) : Optional.empty();
  }

  /** Sets a new password; their open sessions end. */
  public User setPassword(String login, char[] password, String actor) {
    String weak = Passwords.weakness(password);
    if (weak != null) {
      throw new AccessException(weak);
    }
    String hash = Passwords.hash(password);
    return change(
        login,
        actor,
        "user.password",
        Map.of(),
        (h, id) ->
            h.createUpdate("UPDATE users SET password_hash = ? WHERE id = ?")
                .bind(0, hash)
                .bind(1, id)
                .execute());
  }

  /** Disables a user (they can no longer log in; their sessions end) or enables them again. */
  public User setDisabled(String login, boolean disabled, String actor) {
    return change(
        login,
        actor,
        disabled ? "user.disable" : "user.enable",
        Map.of(),
        (h, id) ->
            h.createUpdate(
                    "UPDATE users SET disabled_at = CASE WHEN :off THEN coalesce(disabled_at, now())"
                        + " END WHERE id = :id")
                .bind("off", disabled)
                .bind("id", id)
                .execute());
  }

  private interface Change {
    void apply(Handle h, long id);
  }

  private User change(
      String login, String actor, String action, Map<String, ?> detail, Change change) {
    String l = login.trim().toLowerCase(Locale.ROOT);
    return jdbi.inTransaction(
        h -> {
          User u =
              find(h, l).orElseThrow(() -> new AccessException("there is no user '" + l + "'"));
          change.apply(h, u.id());
          h.createUpdate("DELETE FROM web_sessions WHERE user_id = ?").bind(0, u.id()).execute();
          AuditLog.record(h, actor, action, "user " + l, detail);
          return find(h, l).orElseThrow();
        });
  }

  private static Optional<User> find(Handle h, String login) {
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE login = ?")
        .bind(0, login)
        .map((rs, ctx) -> user(rs))
        .findOne();
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getLong("id"),
        rs.getString("login"),
        rs.getString("name"),
        Role.parse(rs.getString("role")),
        rs.getString("rep"),
        rs.getBoolean("off"));
  }
}
