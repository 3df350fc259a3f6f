package org.rekindle.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where Rekindle keeps its records. By default an embedded PostgreSQL whose data lives in the
 * Rekindle home ({@code ./rekindle-data/}, or {@code REKINDLE_HOME}, or {@code --home}); with
 * {@code REKINDLE_DB_URL} an existing server instead.
 *
 * @param home the Rekindle home; the embedded server keeps its data in {@code home/postgres}
 * @param url a JDBC URL of an existing PostgreSQL server ({@code jdbc:postgresql://...}); empty for
 *     the embedded one
 * @param user the user for {@code url}
 * @param password the password for {@code url}
 */
public record StoreSettings(
    Path home, Optional<String> url, Optional<String> user, Optional<String> password) {

  /** The home when neither {@code --home} nor {@code REKINDLE_HOME} says otherwise. */
  public static final Path DEFAULT_HOME = Path.of("rekindle-data");

  public StoreSettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
      throw new StoreException(
          "REKINDLE_DB_URL must be a PostgreSQL JDBC URL such as"
              + " jdbc:postgresql://127.0.0.1:5432/rekindle, was '"
              + url.get()
              + "'");
    }
  }

  /** The embedded server in {@code home}. */
  public static StoreSettings embedded(Path home) {
    return new StoreSettings(home, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * From the command line and the environment: {@code --home} over {@code REKINDLE_HOME} over
   * {@link #DEFAULT_HOME}; {@code REKINDLE_DB_URL}, {@code REKINDLE_DB_USER} and {@code
   * REKINDLE_DB_PASSWORD} for an existing server.
   */
  public static StoreSettings from(Optional<Path> homeOption, Map<String, String> environment) {
    Path home =
        homeOption.orElseGet(
            () -> nonBlank(environment.get("REKINDLE_HOME")).map(Path::of).orElse(DEFAULT_HOME));
    return new StoreSettings(
        home,
        nonBlank(environment.get("REKINDLE_DB_URL")),
        nonBlank(environment.get("REKINDLE_DB_USER")),
        Optional.ofNullable(environment.get("REKINDLE_DB_PASSWORD")));
  }

  private static Optional<String> nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Whether this is the embedded server. */
  public boolean isEmbedded() {
    return url.isEmpty();
  }

  /** The settings for messages and logs: the password never appears. */
  @Override
  public String toString() {
    return url.map(u -> "PostgreSQL at " + u + user.map(x -> " as " + x).orElse(""))
        .orElse("embedded PostgreSQL in " + home.resolve("postgres"));
  }
}
