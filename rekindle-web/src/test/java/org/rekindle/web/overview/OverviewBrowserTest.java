package org.rekindle.web.overview;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.access.Role;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.run.DailyRun;
import org.rekindle.web.Chromium;
import org.rekindle.web.DashboardServer;

/**
 * The overview in a real browser ({@link Chromium}): a manager logs in through the form, lands on
 * the overview, and its charts are drawn by Chart.js under the dashboard's content security policy,
 * with nothing in the console. The data: the CDNOW sample through the real importer and one daily
 * run, which checks the models on a holdout.
 */
class OverviewBrowserTest {
  @TempDir static Path home;
  static Chromium chromium;
  static DashboardServer server;

  @RegisterExtension final Chromium.Tab tab = chromium.desktop();
  final Page page = tab.page;
  final List<String> consoleErrors = new ArrayList<>();
  final List<String> failedLoads = new ArrayList<>();

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
    server = new DashboardServer(home);
    server.user("mona", Role.MANAGER, null);
    new OrderImporter(server.store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(OverviewPageTest.CDNOW);
    DailyRun.run(server.store, LocalDate.of(1998, 6, 30), DailyRun.Options.defaults(), s -> {});
  }

  @AfterAll
  static void close() throws Exception {
    Chromium.closeAll(chromium, server);
  }

  @BeforeEach
  void watch() {
    page.onConsoleMessage(
        m -> {
          // a failed load is checked by its address below (the browser asks for /favicon.ico,
          // which no dashboard page links to); every other error counts
          if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")) {
            consoleErrors.add(m.text());
          }
        });
    page.onResponse(
        r -> {
          if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) {
            failedLoads.add(r.status() + " " + r.url());
          }
        });
    page.onPageError(e -> consoleErrors.add("page error: " + e));
  }

  @Test
  void aManager_logsIn_landsOnTheOverview_andTheChartsAreDrawn() {
    page.navigate(server.uri("/login").toString());
    page.getByLabel("Login name").fill("mona");
    page.getByLabel("Password").fill(DashboardServer.password("mona"));
    page.locator("button[type=submit]").click();
    page.waitForURL(server.uri("/").toString());

    assertThat(page.locator("h1").textContent()).isEqualTo("Overview");
    assertThat(page.locator("nav a[aria-current=page]").textContent()).isEqualTo("Overview");
    for (String id : List.of("states-chart", "trend-chart", "risk-chart", "tracking-chart")) {
      page.waitForFunction(
          "id => { const c = document.getElementById(id);"
              + " return c && window.Chart && Chart.getChart(c) !== undefined; }",
          id);
      Map<?, ?> drawn =
          (Map<?, ?>)
              page.evaluate(
                  "id => { const c = document.getElementById(id); const chart = Chart.getChart(c);"
                      + " return {width: c.width, height: c.height,"
                      + " datasets: chart.data.datasets.length,"
                      + " points: chart.data.datasets[0].data.length}; }",
                  id);
      assertThat(((Number) drawn.get("width")).intValue()).as(id + " width").isPositive();
      assertThat(((Number) drawn.get("height")).intValue()).as(id + " height").isPositive();
      assertThat(((Number) drawn.get("points")).intValue()).as(id + " points").isPositive();
    }
    // the states chart draws the six states, customers and value at risk
    assertThat(
            page.evaluate(
                "Chart.getChart(document.getElementById('states-chart')).data.labels.join(',')"))
        .isEqualTo("new,active,lapsing,dormant,lost,reactivated");
    // 26 weeks of holdout, actual and expected
    assertThat(
            page.evaluate(
                "Chart.getChart(document.getElementById('tracking-chart')).data.datasets"
                    + ".map(d => d.data.length).join(',')"))
        .isEqualTo("26,26");
    assertThat(consoleErrors).as("no errors in the browser, none from the policy").isEmpty();
    assertThat(failedLoads).as("every script and stylesheet loaded").isEmpty();
  }

  @Test
  void theResultsAndFeedbackPages_openWithoutErrors() {
    page.navigate(server.uri("/login?next=%2Fresults").toString());
    page.getByLabel("Login name").fill("mona");
    page.getByLabel("Password").fill(DashboardServer.password("mona"));
    page.locator("button[type=submit]").click();
    page.waitForURL(server.uri("/results").toString());
    assertThat(page.locator("h1").textContent()).isEqualTo("Results");
    page.getByText("All time").click();
    page.waitForURL(server.uri("/results?period=all").toString());
    assertThat(page.locator("nav.periods a[aria-current=page]").textContent())
        .isEqualTo("All time");
    page.navigate(server.uri("/feedback").toString());
    assertThat(page.locator("h1").textContent()).isEqualTo("Feedback");
    assertThat(consoleErrors).as("no errors in the browser, none from the policy").isEmpty();
    assertThat(failedLoads).as("every script and stylesheet loaded").isEmpty();
  }
}
