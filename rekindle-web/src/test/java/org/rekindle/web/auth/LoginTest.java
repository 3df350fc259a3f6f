package org.rekindle.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.Role;
import org.rekindle.web.DashboardServer;

/**
 * Logging in and out, the session cookie, CSRF and roles, over real HTTP against the app and a real
 * PostgreSQL. Each test uses logins of its own, so the login throttle of one does not touch
 * another.
 */
class LoginTest {
  @TempDir static Path home;
  static DashboardServer server;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    server.user("ada", Role.ADMIN, null);
    server.user("maria", Role.REP, "Maria");
    server.user("mona", Role.MANAGER, null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aDashboardPage_withoutASession_sendsToTheLogin_andBackAfterIt() throws Exception {
    DashboardServer.Client c = server.client();
    HttpResponse<String> r = c.get("/admin/users?x=1");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).contains("/login?next=%2Fadmin%2Fusers%3Fx%3D1");

    HttpResponse<String> form = c.get("/login?next=%2Fadmin%2Fusers%3Fx%3D1");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("value=\"/admin/users?x=1\"");
    Map<String, String> post =
        Map.of(
            "login",
            "ADA ",
            "password",
            DashboardServer.password("ada"),
            "_csrf",
            c.csrf(),
            "next",
            "/admin/users?x=1");
    HttpResponse<String> in = c.postRaw("/login", post);
    assertThat(in.statusCode()).isEqualTo(302);
    assertThat(in.headers().firstValue("Location")).contains("/admin/users?x=1");
    String cookie =
        in.headers().allValues("Set-Cookie").stream()
            .filter(v -> v.startsWith(Guard.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
    assertThat(c.get("/admin/users").statusCode()).isEqualTo(200);
  }

  @Test
  void aNextOfAnotherSite_isIgnored() {
    assertThat(LoginPage.safeNext("//evil.example/x")).isEmpty();
    assertThat(LoginPage.safeNext("/\\evil.example")).isEmpty();
    assertThat(LoginPage.safeNext("https://evil.example")).isEmpty();
    assertThat(LoginPage.safeNext("/customers\r\nSet-Cookie: x")).isEmpty();
    assertThat(LoginPage.safeNext("/login")).isEmpty();
    assertThat(LoginPage.safeNext("/customers?q=a")).contains("/customers?q=a");
  }

  @Test
  void aWrongPassword_isRefused_withoutSayingWhichPartWasWrong() throws Exception {
    DashboardServer.Client c = server.client();
    HttpResponse<String> wrong = c.login("mona", "not her password");
    HttpResponse<String> nobody = c.login("nobody", "not a password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(nobody.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("do not match");
    assertThat(nobody.body()).contains("do not match");
    assertThat(wrong.headers().allValues("Set-Cookie"))
        .noneMatch(v -> v.startsWith(Guard.COOKIE + "=") && !v.contains("Max-Age=0"));
  }

  @Test
  void theLoginForm_postedWithoutItsCookie_isRefused() throws Exception {
    DashboardServer.Client c = server.client();
    HttpResponse<String> r =
        c.postRaw(
            "/login",
            Map.of("login", "ada", "password", DashboardServer.password("ada"), "_csrf", "forged"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().allValues("Set-Cookie")).noneMatch(v -> v.startsWith(Guard.COOKIE));
  }

  @Test
  void tooManyFailures_refuseEvenTheRightPassword_forAWhile() throws Exception {
    server.user("tess", Role.MANAGER, null);
    DashboardServer.Client c = server.client();
    for (int i = 0; i < 5; i++) {
      assertThat(c.login("tess", "guess number " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = c.login("tess", DashboardServer.password("tess"));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).contains("Too many failed tries");
  }

  @Test
  void overTls_theCookieIsSecure() throws Exception {
    DashboardServer.Client c = server.client();
    c.get("/login");
    HttpResponse<String> r =
        c.http.send(
            HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "login=mona&password="
                            + DashboardServer.password("mona").replace(' ', '+')
                            + "&_csrf="
                            + c.csrf()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().allValues("Set-Cookie"))
        .anyMatch(v -> v.startsWith(Guard.COOKIE + "=") && v.contains("; Secure"));
  }

  @Test
  void aRep_cannotOpenAnAdminPage() throws Exception {
    DashboardServer.Client rep = server.loggedIn("maria");
    HttpResponse<String> r = rep.get("/admin/users");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Your role does not open this page");
    DashboardServer.Client manager = server.loggedIn("mona");
    assertThat(manager.get("/admin/users").statusCode()).isEqualTo(403);
  }

  @Test
  void aFormWithoutItsCsrfToken_isRefused_andChangesNothing() throws Exception {
    DashboardServer.Client admin = server.loggedIn("ada");
    assertThat(admin.get("/admin/users").statusCode()).isEqualTo(200);
    Map<String, String> newUser =
        Map.of(
            "login", "forged1",
            "name", "Forged",
            "role", "admin",
            "rep", "",
            "password", "a long enough password");
    HttpResponse<String> forged = admin.postRaw("/admin/users", newUser);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("nothing was changed");
    HttpResponse<String> wrong =
        admin.postRaw(
            "/admin/users",
            Map.of("login", "forged2", "role", "admin", "password", "x".repeat(12), "_csrf", "no"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(server.users.find("forged1")).isEmpty();
    assertThat(server.users.find("forged2")).isEmpty();

    HttpResponse<String> real = admin.post("/admin/users", newUser);
    assertThat(real.statusCode()).isEqualTo(302);
    assertThat(server.users.find("forged1")).isPresent();
    List<AuditLog.Entry> log = new AuditLog(server.store.jdbi()).recent(10, "user ada");
    assertThat(log)
        .anyMatch(e -> e.action().equals("user.add") && "user forged1".equals(e.subject()));
  }

  /**
   * A form body over the dashboard's limit, as a plain form or as a multipart one (which only the
   * imports page takes), is refused as too large, not answered as a failure of the server.
   */
  @Test
  void aFormOverTheSizeLimit_isRefusedAsTooLarge() throws Exception {
    DashboardServer.Client admin = server.loggedIn("ada");
    admin.get("/admin/users");
    String big = "x".repeat((int) org.rekindle.web.WebApp.MAX_BODY + 1);
    HttpResponse<String> plain =
        admin.post("/admin/users", Map.of("login", "bigform", "name", big));
    assertThat(plain.statusCode()).isEqualTo(413);
    // the connection of a refused body ends, and the client is told, so it sends its next
    // request down a new one instead of the one being closed (which answered nothing)
    assertThat(plain.headers().firstValue("Connection")).hasValue("close");

    String boundary = "rekindle-test-boundary";
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            + admin.csrf()
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
            + big
            + "\r\n--"
            + boundary
            + "--\r\n";
    for (String path : List.of("/admin/users", "/login")) {
      HttpResponse<String> r =
          admin.http.send(
              HttpRequest.newBuilder(server.uri(path))
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofString(multipart))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(413);
      assertThat(r.headers().firstValue("Connection")).as(path).hasValue("close");
    }
    assertThat(server.users.find("bigform")).isEmpty();
  }

  @Test
  void anAdmin_disablesAUser_whoseSessionEnds() throws Exception {
    server.user("dora", Role.REP, "Dora");
    DashboardServer.Client dora = server.loggedIn("dora");
    DashboardServer.Client admin = server.loggedIn("ada");
    admin.get("/admin/users");
    assertThat(admin.post("/admin/users/dora/disable", Map.of()).statusCode()).isEqualTo(302);
    assertThat(dora.get("/admin/users").statusCode()).isEqualTo(302);
    assertThat(dora.login("dora", DashboardServer.password("dora")).statusCode()).isEqualTo(401);
    admin.get("/admin/users");
    HttpResponse<String> self = admin.post("/admin/users/ada/disable", Map.of());
    assertThat(self.statusCode()).isEqualTo(400);
    assertThat(server.users.find("ada").orElseThrow().disabled()).isFalse();
  }

  @Test
  void loggingOut_endsTheSession() throws Exception {
    DashboardServer.Client admin = server.loggedIn("ada");
    admin.get("/admin/users");
    HttpResponse<String> out = admin.post("/logout", Map.of());
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location")).contains("/login");
    assertThat(admin.get("/admin/users").statusCode()).isEqualTo(302);
  }

  @Test
  void theDashboard_mayRunOnlyItsOwnScripts_andThePublicPagesNone() throws Exception {
    DashboardServer.Client admin = server.loggedIn("ada");
    HttpResponse<String> page = admin.get("/admin/users");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe");
    HttpResponse<String> login = server.client().get("/login");
    assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'")
        .doesNotContain("script-src");
    HttpResponse<String> htmx = server.client().get("/assets/htmx.min.js");
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(server.client().get("/assets/chart.umd.min.js").body()).contains("Chart");
    assertThat(server.client().get("/assets/..%2Fpom.properties").statusCode()).isEqualTo(404);
  }
}
