package org.rekindle.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.Role;
import org.rekindle.web.Chromium;
import org.rekindle.web.DashboardServer;

/** Logging in, and a form sent without its CSRF token, in a real browser. */
class LoginBrowserTest {
  @TempDir static Path home;
  static Chromium chromium;
  static DashboardServer server;

  @RegisterExtension final Chromium.Tab tab = chromium.desktop();

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
    server = new DashboardServer(home);
    server.user("ada", Role.ADMIN, null);
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.closeAll(chromium, server);
  }

  private void logIn(String login, String password) {
    Page page = tab.page;
    page.navigate(server.uri("/admin/users").toString());
    assertThat(page.url()).contains("/login?next=");
    page.getByLabel("Login name").fill(login);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
  }

  @Test
  void logIn_wrongThenRight_landsWhereItWasGoing() {
    Page page = tab.page;
    logIn("ada", "not the password");
    assertThat(page.locator(".problems").textContent()).contains("do not match");
    tab.consoleErrors.clear(); // the 401 of the refused login is logged as one

    page.getByLabel("Password").fill(DashboardServer.password("ada"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.url()).endsWith("/admin/users");
    assertThat(page.locator("h1").textContent()).isEqualTo("Users");
    assertThat(page.locator(".who").textContent()).contains("Test ada", "admin");
    // htmx loaded under the policy, and nothing was refused
    assertThat(page.evaluate("typeof htmx")).isEqualTo("object");
    assertThat(tab.consoleErrors).isEmpty();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
    assertThat(page.url()).endsWith("/login");
    page.navigate(server.uri("/admin/users").toString());
    assertThat(page.url()).contains("/login?next=");
  }

  @Test
  void aFormWithoutItsCsrfToken_isRefused() {
    Page page = tab.page;
    logIn("ada", DashboardServer.password("ada"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Users");

    page.locator("form.grid input[name=login]").fill("mallory");
    page.locator("form.grid select[name=role]").selectOption("manager");
    page.locator("form.grid input[name=password]").fill("a long enough password");
    // as a page of another site would post it: the same fields, no token
    page.locator("form.grid input[name=_csrf]").evaluate("e => e.remove()");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();

    assertThat(page.locator("h1").textContent()).isEqualTo("Not saved");
    assertThat(page.locator(".lead").textContent()).contains("nothing was changed");
    assertThat(server.users.find("mallory")).isEmpty();

    // with the token, the same form works
    page.navigate(server.uri("/admin/users").toString());
    page.locator("form.grid input[name=login]").fill("mallory");
    page.locator("form.grid select[name=role]").selectOption("manager");
    page.locator("form.grid input[name=password]").fill("a long enough password");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
    assertThat(page.locator("[role=status]").textContent()).contains("added mallory");
    assertThat(server.users.find("mallory")).isPresent();
  }
}
