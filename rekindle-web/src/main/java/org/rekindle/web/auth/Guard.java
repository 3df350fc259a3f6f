package org.rekindle.web.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.access.Sessions;
import org.rekindle.store.access.User;
import org.rekindle.web.Headers;

/**
 * Stands before every dashboard route. Public paths (the login page, the assets, the customers'
 * survey and unsubscribe pages, which their signed tokens gate, and the REST API, which API keys
 * gate) pass untouched. Every other request needs a live session: its cookie names one, else a page
 * is sent to the login and anything else is answered 401. A request that changes something (any
 * method but GET, HEAD and OPTIONS) must also carry the session's CSRF token, as the form field
 * {@value #CSRF_FIELD} or the header {@value #CSRF_HEADER} (htmx sends it from the page); without
 * it the request is refused with 403 and nothing changes. Once the route is known, its {@link
 * Access} level is checked.
 */
public final class Guard {
  /** The session cookie. */
  public static final String COOKIE = "rekindle_session";

  /** The form field that carries the CSRF token. */
  public static final String CSRF_FIELD = "_csrf";

  /** The header that carries the CSRF token (for htmx requests). */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final String SESSION = "rekindle.session";

  /** Paths no session is asked for: each is gated some other way, or shows nothing private. */
  private static final List<String> PUBLIC =
      List.of("/login", "/assets/", "/s/", "/u/", "/api/", "/favicon.ico");

  private final Sessions sessions;
  private final Clock clock;
  private final Refusals refusals;

  /** How a refused request is answered (the pages render it). */
  public interface Refusals {
    /** A request that changes something came without its session's CSRF token. */
    void forged(Context ctx);

    /** The user may not open this route. */
    void forbidden(Context ctx);
  }

  public Guard(Sessions sessions, Clock clock, Refusals refusals) {
    this.sessions = sessions;
    this.clock = clock;
    this.refusals = refusals;
  }

  /** Whether a path is open without a session. */
  public static boolean isPublic(String path) {
    for (String p : PUBLIC) {
      if (p.endsWith("/") ? path.startsWith(p) : path.equals(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The before-handler of every route that exists: the session, the CSRF token of a change, and the
   * route's {@link Access} level.
   */
  public void check(Context ctx) {
    if (isPublic(ctx.path())) {
      return;
    }
    String token = ctx.cookie(COOKIE);
    Optional<Sessions.Session> session =
        token == null ? Optional.empty() : sessions.find(token, clock.instant());
    if (session.isEmpty()) {
      if (token != null) {
        clearCookie(ctx);
      }
      toLogin(ctx);
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute(SESSION, session.get());
    ctx.header("Content-Security-Policy", Headers.DASHBOARD_POLICY);
    if (changes(ctx.method()) && !sameToken(session.get().csrf(), sentToken(ctx))) {
      refusals.forged(ctx);
      ctx.skipRemainingHandlers();
      return;
    }
    for (RouteRole r : ctx.routeRoles()) {
      if (r instanceof Access a && !a.allows(session.get().user())) {
        refusals.forbidden(ctx);
        ctx.skipRemainingHandlers();
        return;
      }
    }
  }

  /** The logged-in user of a dashboard request. */
  public static User user(Context ctx) {
    return session(ctx).user();
  }

  /** The CSRF token a dashboard page's forms must carry. */
  public static String csrf(Context ctx) {
    return session(ctx).csrf();
  }

  /** The user of a request, when one is logged in (on a public path too, none is looked up). */
  public static Optional<User> maybeUser(Context ctx) {
    Sessions.Session s = ctx.attribute(SESSION);
    return s == null ? Optional.empty() : Optional.of(s.user());
  }

  private static Sessions.Session session(Context ctx) {
    Sessions.Session s = ctx.attribute(SESSION);
    if (s == null) {
      throw new IllegalStateException("no session on " + ctx.path() + ": is it a public path?");
    }
    return s;
  }

  /** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the request came over TLS. */
  static void setCookie(Context ctx, String token, long maxAgeSeconds) {
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "="
            + token
            + "; Path=/; Max-Age="
            + maxAgeSeconds
            + "; HttpOnly; SameSite=Lax"
            + (overTls(ctx) ? "; Secure" : ""));
  }

  static void clearCookie(Context ctx) {
    ctx.header(
        "Set-Cookie",
        COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (overTls(ctx) ? "; Secure" : ""));
  }

  /**
   * Whether the browser reached us over TLS: directly, or through a reverse proxy that says so (the
   * server listens on loopback unless told otherwise, so only a local proxy can set the header).
   */
  static boolean overTls(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  private static void toLogin(Context ctx) {
    String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    String login = "/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
    if (ctx.header("HX-Request") != null) {
      // an htmx request would swap the login page into a fragment: have it load the page instead
      ctx.header("HX-Redirect", login);
      ctx.status(401);
    } else if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
      ctx.redirect(login);
    } else {
      ctx.status(401).result("Log in first.");
    }
  }

  private static boolean changes(HandlerType method) {
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }

  private static @Nullable String sentToken(Context ctx) {
    String header = ctx.header(CSRF_HEADER);
    if (header != null) {
      return header;
    }
    String type = ctx.contentType();
    if (type == null) {
      return null;
    }
    // only a form's body is read for the field: any other body is the handler's to read
    if (type.startsWith("application/x-www-form-urlencoded")
        || type.startsWith("multipart/form-data")) {
      return ctx.formParam(CSRF_FIELD);
    }
    return null;
  }

  /** Compares in time that does not depend on where the two differ. */
  static boolean sameToken(String expected, @Nullable String sent) {
    if (sent == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
