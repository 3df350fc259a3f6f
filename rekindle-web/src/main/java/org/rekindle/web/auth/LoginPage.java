package org.rekindle.web.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.Secrets;
import org.rekindle.store.access.Sessions;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;
import org.rekindle.web.Pages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /login} and {@code /logout}.
 *
 * <p>The login form is guarded against cross-site posts before anyone is logged in by a second
 * cookie, {@value #FORM_COOKIE}, whose random value the form must repeat. Tries are limited by a
 * {@link LoginThrottle}; a refused try is not checked at all. At most {@link #HASHING} password
 * checks run at once (each Argon2id check takes 19 MiB and a few tens of milliseconds), so a flood
 * of logins waits instead of exhausting memory. After a login the browser goes where it was going
 * ({@code next}), when that is a path of this site, else to its user's first page.
 */
public final class LoginPage {
  /** The login form's own anti-forgery cookie. */
  static final String FORM_COOKIE = "rekindle_login";

  /** Password checks allowed at the same time. */
  static final int HASHING = 4;

  private static final Logger LOG = LoggerFactory.getLogger(LoginPage.class);

  private final Users users;
  private final Sessions sessions;
  private final AuditLog audit;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final Pages pages;
  private final Function<User, String> landing;
  private final Semaphore hashing = new Semaphore(HASHING);

  /**
   * @param landing the first page of a user who logs in without a {@code next}
   */
  public LoginPage(
      Users users,
      Sessions sessions,
      AuditLog audit,
      LoginThrottle throttle,
      Clock clock,
      Pages pages,
      Function<User, String> landing) {
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.throttle = throttle;
    this.clock = clock;
    this.pages = pages;
    this.landing = landing;
  }

  /** Adds the routes. */
  public void routes(RoutesConfig routes) {
    routes.get("/login", this::form);
    routes.post("/login", this::login);
    // not public: the guard has found the session and checked the CSRF token before this runs
    routes.post("/logout", this::logout);
  }

  private void form(Context ctx) {
    show(ctx, 200, "", null);
  }

  private void show(Context ctx, int status, String login, @Nullable String problem) {
    String formToken = Secrets.random();
    ctx.header(
        "Set-Cookie",
        FORM_COOKIE
            + "="
            + formToken
            + "; Path=/login; Max-Age=3600; HttpOnly; SameSite=Strict"
            + (Guard.overTls(ctx) ? "; Secure" : ""));
    Map<String, Object> params = new HashMap<>();
    params.put("business", pages.businessName());
    params.put("formToken", formToken);
    // shown by a GET, the address names it; shown again after a refused POST, the form did
    String next = ctx.queryParam("next");
    if (next == null && ctx.method() == HandlerType.POST) {
      next = ctx.formParam("next");
    }
    params.put("next", safeNext(next).orElse(""));
    params.put("login", login);
    params.put("problem", problem == null ? "" : problem);
    params.put("noUsers", !users.any());
    pages.render(ctx, status, "auth/login.jte", params);
  }

  private void login(Context ctx) {
    String login = Optional.ofNullable(ctx.formParam("login")).orElse("").strip();
    String sent = ctx.formParam(Guard.CSRF_FIELD);
    String cookie = ctx.cookie(FORM_COOKIE);
    if (cookie == null || !Guard.sameToken(cookie, sent)) {
      show(
          ctx,
          403,
          login,
          "The login form had expired or came from another site. It is fresh now: try again.");
      return;
    }
    if (login.isEmpty() || login.length() > 100) {
      show(ctx, 400, "", "Enter your login name and password.");
      return;
    }
    String address = ctx.ip();
    Optional<Duration> wait = throttle.refusal(login, address);
    if (wait.isPresent()) {
      long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
      ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
      LOG.warn("login for '{}' from {} refused: too many failed tries", login, address);
      show(
          ctx,
          429,
          login,
          "Too many failed tries. Try again in "
              + minutes
              + (minutes == 1 ? " minute." : " minutes."));
      return;
    }
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    Optional<User> user;
    try {
      if (!hashing.tryAcquire(10, TimeUnit.SECONDS)) {
        show(ctx, 503, login, "The server is busy. Try again in a moment.");
        return;
      }
      try {
        user = users.authenticate(login, password);
      } finally {
        hashing.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      show(ctx, 503, login, "The server is stopping. Try again in a moment.");
      return;
    } finally {
      Arrays.fill(password, '\0');
    }
    if (user.isEmpty()) {
      throttle.failed(login, address);
      LOG.info("failed login for '{}' from {}", login, address);
      show(ctx, 401, login, "That login name and password do not match.");
      return;
    }
    throttle.succeeded(login);
    Sessions.Opened opened = sessions.open(user.get(), clock.instant());
    Guard.setCookie(ctx, opened.token(), Sessions.LIFETIME.toSeconds());
    ctx.removeCookie(FORM_COOKIE, "/login");
    ctx.redirect(safeNext(ctx.formParam("next")).orElseGet(() -> landing.apply(user.get())));
  }

  private void logout(Context ctx) {
    User user = Guard.user(ctx);
    String token = ctx.cookie(Guard.COOKIE);
    if (token != null) {
      sessions.close(token);
    }
    audit.record(user.actor(), "session.logout", null, Map.of());
    Guard.clearCookie(ctx);
    ctx.redirect("/login");
  }

  /**
   * A {@code next} that stays on this site: a path starting with one slash (not {@code //host} nor
   * {@code /\host}, which browsers take for another site), no control characters, not the login
   * page itself.
   */
  static Optional<String> safeNext(@Nullable String next) {
    if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/")) {
      return Optional.empty();
    }
    if (next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/login")) {
      return Optional.empty();
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return Optional.empty();
      }
    }
    return Optional.of(next);
  }
}
