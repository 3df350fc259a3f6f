package org.rekindle.web.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.web.DashboardServer;

/**
 * The customers pages in a real browser (Debian's chromium, driven by Playwright): a rep logs in,
 * searches their list, opens one of their customers and sees the P(alive) chart drawn, then tries
 * another rep's customer and gets the not-found page. Skipped without {@code /usr/bin/chromium}
 * unless {@code CI} is set; a failing test leaves a screenshot in {@code
 * target/playwright-screenshots}.
 */
class CustomersBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "playwright-screenshots");

  @TempDir static Path home;
  static DashboardServer server;
  static Playwright playwright;
  static Browser browser;

  BrowserContext context;
  Page page;
  final List<String> consoleErrors = new ArrayList<>();
  final List<String> failedResponses = new ArrayList<>();
  String testName = "test";

  @RegisterExtension
  final AfterTestExecutionCallback screenshots =
      ctx -> {
        if (ctx.getExecutionException().isPresent() && page != null && !page.isClosed()) {
          Files.createDirectories(SCREENSHOTS);
          page.screenshot(
              new Page.ScreenshotOptions()
                  .setPath(SCREENSHOTS.resolve("customers-" + testName + ".png"))
                  .setFullPage(true));
        }
      };

  @BeforeAll
  static void launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      String ci = System.getenv("CI");
      if (ci == null || ci.isBlank()) {
        Assumptions.abort(
            "browser tests skipped: no "
                + CHROMIUM
                + " (apt-get install chromium to run them; under CI they must run)");
      }
      throw new IllegalStateException(
          "CI is set but " + CHROMIUM + " is missing: .ci/run installs Debian's chromium");
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
    server = new DashboardServer(home);
    CustomersFixture.load(server);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void desktop(TestInfo info) {
    testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    page = context.newPage();
    // a resource that failed is told by its response below, with its address (the browser's own
    // favicon request is no page's)
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")) {
            consoleErrors.add(m.text());
          }
        });
    page.onResponse(
        r -> {
          if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) {
            failedResponses.add(r.status() + " " + r.url());
          }
        });
    page.onPageError(e -> consoleErrors.add("page error: " + e));
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void rep_opensTheirCustomer_seesTheChart_andNotAnotherRepsCustomer() {
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
    assertThat(consoleErrors).as("no errors in the browser, none from the policy").isEmpty();
    assertThat(failedResponses).as("every script and stylesheet loaded").isEmpty();

    // Tom's customer, by its URL: the not-found page, nothing of the customer
    Response other = page.navigate(server.uri("/customers/3").toString());
    assertThat(other.status()).isEqualTo(404);
    assertThat(page.locator(".lead").textContent()).isEqualTo("We could not find this page.");
    assertThat(page.content()).doesNotContain("Carla");
  }
}
