package org.rekindle.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.access.Role;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;

/**
 * What the dashboard's tests share: a real store (embedded PostgreSQL), the web app on 127.0.0.1 on
 * a free port, users made straight in the store, and {@link Client}s that log in through the real
 * login form and keep their cookies like a browser.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");

  public final Store store;
  public final SigningKeys keys = SigningKeys.generate(new SecureRandom());
  public final WebApp app;
  public final Users users;

  public DashboardServer(Path home) {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    app = WebApp.start(new WebSettings("127.0.0.1", 0, false), store, keys, TestBusiness.HILL);
    users = new Users(store.jdbi());
  }

  /** The password every test user gets: long enough for the rules, different per user. */
  public static String password(String login) {
    return "correct horse " + login;
  }

  /** Adds a user (a rep's rep name is given; null for others) with {@link #password}. */
  public User user(String login, Role role, @Nullable String rep) {
    return users.add(login, "Test " + login, role, rep, password(login).toCharArray(), "test");
  }

  public URI uri(String path) {
    return app.address().resolve(path);
  }

  /** A fresh client with no cookies: not logged in. */
  public Client client() {
    return new Client();
  }

  /** A client logged in as this user, through the login form. */
  public Client loggedIn(String login) throws IOException, InterruptedException {
    Client c = new Client();
    HttpResponse<String> r = c.login(login, password(login));
    if (r.statusCode() != 302) {
      throw new IllegalStateException("login of " + login + " failed: " + r.statusCode());
    }
    return c;
  }

  @Override
  public void close() {
    app.close();
    store.close();
  }

  /**
   * A browser without the browser: keeps cookies, follows no redirect (tests look at them), and
   * remembers the CSRF token of the last page that had a form.
   */
  public final class Client {
    public final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private @Nullable String csrf;

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return r;
    }

    /** Posts a form with the CSRF token of the last dashboard page read. */
    public HttpResponse<String> post(String path, Map<String, String> form)
        throws IOException, InterruptedException {
      String token = csrf;
      if (token == null) {
        throw new IllegalStateException("read a dashboard page first: it has the CSRF token");
      }
      Map<String, String> withToken = new LinkedHashMap<>(form);
      withToken.put("_csrf", token);
      return postRaw(path, withToken);
    }

    /** Posts a form exactly as given: no CSRF token added. */
    public HttpResponse<String> postRaw(String path, Map<String, String> form)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in through the form: reads it (for its token cookie), then posts it. */
    public HttpResponse<String> login(String login, String password)
        throws IOException, InterruptedException {
      get("/login");
      Map<String, String> form = new LinkedHashMap<>();
      form.put("login", login);
      form.put("password", password);
      form.put("_csrf", csrf == null ? "" : csrf);
      HttpResponse<String> r = postRaw("/login", form);
      csrf = null;
      return r;
    }

    /** The CSRF token of the last page read. */
    public @Nullable String csrf() {
      return csrf;
    }
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
