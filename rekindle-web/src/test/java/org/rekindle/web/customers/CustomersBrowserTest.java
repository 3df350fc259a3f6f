package org.rekindle.web.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.web.Chromium;
import org.rekindle.web.DashboardServer;

/**
 * The customers pages in a real browser (Debian's chromium, driven by Playwright): a rep logs in,
 * searches their list, opens one of their customers and sees the P(alive) chart drawn, then tries
 * another rep's customer and gets the not-found page. Skipped without {@code /usr/bin/chromium}
 * unless {@code CI} is set ({@link Chromium}); a failing test leaves a screenshot.
 */
class CustomersBrowserTest {
  @TempDir static Path home;
  static DashboardServer server;
  static Chromium chromium;

  @RegisterExtension final Chromium.Tab tab = chromium.desktop();
  final List<String> failedResponses = new ArrayList<>();
  final List<String> scriptErrors = new ArrayList<>();

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
    server = new DashboardServer(home);
    CustomersFixture.load(server);
  }

  @AfterAll
  static void close() throws Exception {
    Chromium.closeAll(chromium, server);
  }

  @BeforeEach
  void watchResponses() {
    // a resource that failed is told by its response, with its address (the browser's own
    // favicon request is no page's)
    tab.page.onResponse(
        r -> {
          if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) {
            failedResponses.add(r.status() + " " + r.url());
          }
        });
    // an exception thrown by a script (ours drawing the chart) is no console message
    tab.page.onPageError(scriptErrors::add);
  }

  @Test
  void rep_opensTheirCustomer_seesTheChart_andNotAnotherRepsCustomer() {
    Page page = tab.page;
    page.navigate(server.uri("/login").toString());
    page.getByLabel("Login name").fill("maria");
    page.getByLabel("Password").fill(DashboardServer.password("maria"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

    // the first page of the menu: her customers, three of them
    page.waitForURL("**/customers");
    Locator rows = page.locator("table.customers tbody tr");
    assertThat(rows.count()).isEqualTo(3);
    assertThat(page.locator("nav a[aria-current=page]").textContent()).isEqualTo("Customers");

    // searching swaps the list in place (htmx) and keeps the search in the address
    page.getByLabel("Search: name, id or email").fill("roofing");
    page.waitForCondition(() -> rows.count() == 1);
    assertThat(page.url()).contains("q=roofing");
    assertThat(rows.first().textContent()).contains("Ada Roofing Ltd");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ada Roofing Ltd")).click();
    page.waitForURL("**/customers/1");
    assertThat(page.locator("h1").textContent()).isEqualTo("Ada Roofing Ltd");
    page.waitForFunction(
        "() => window.Chart && Chart.getChart(document.getElementById('palive-chart')) !== undefined");
    BoundingBox box = page.locator("#palive-chart").boundingBox();
    assertThat(box.width).isGreaterThan(100);
    assertThat(box.height).isGreaterThan(100);
    Object points =
        page.evaluate(
            "() => Chart.getChart(document.getElementById('palive-chart')).data.datasets[0].data.length");
    assertThat(((Number) points).intValue()).isGreaterThan(10);
    // the browser logs a failed resource as an error too: the responses above name it
    assertThat(tab.consoleErrors)
        .as("no errors in the browser, none from the policy")
        .allSatisfy(e -> assertThat(e).startsWith("Failed to load resource"));
    assertThat(failedResponses).as("every script and stylesheet loaded").isEmpty();
    assertThat(scriptErrors).as("no script failed").isEmpty();

    // Tom's customer, by its URL: the not-found page, nothing of the customer
    Response other = page.navigate(server.uri("/customers/3").toString());
    assertThat(other.status()).isEqualTo(404);
    assertThat(page.locator(".lead").textContent()).isEqualTo("We could not find this page.");
    assertThat(page.content()).doesNotContain("Carla");
  }
}
