package org.rekindle.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.Role;
import org.rekindle.web.Chromium;
import org.rekindle.web.DashboardServer;

/**
 * A manager uploads a CSV with a bad row in a real browser, watches the import's progress (htmx
 * polling under the dashboard's content security policy) until it ends, and sees the bad row
 * reported with its line and reason.
 */
class ImportsBrowserTest {
  @TempDir static Path home;
  static Chromium chromium;
  static DashboardServer server;

  @RegisterExtension final Chromium.Tab tab = chromium.desktop();

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
    server = new DashboardServer(home);
    server.user("mia", Role.MANAGER, null);
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.closeAll(chromium, server);
  }

  @Test
  void manager_uploadsACsvWithABadRow_watchesItAndSeesTheRowReported() {
    Page page = tab.page;
    page.navigate(server.uri("/imports").toString());
    page.getByLabel("Login name").fill("mia");
    page.getByLabel("Password").fill(DashboardServer.password("mia"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("h1").textContent()).isEqualTo("Imports");
    assertThat(page.locator("nav a[aria-current=page]").textContent()).isEqualTo("Imports");
    // the browser asks for a /favicon.ico there is none of: from here on, no error at all
    tab.consoleErrors.clear();

    StringBuilder csv = new StringBuilder("Customer ID,Order Date,Amount\n");
    for (int i = 1; i <= 300; i++) {
      // the 100th row, on line 101, has a date nobody can read
      String date = i == 100 ? "the 5th" : "2026-0" + (1 + i % 9) + "-15";
      csv.append("C-").append(i % 40).append(',').append(date).append(',').append(i);
      csv.append(".25\n");
    }
    String text = csv.toString();
    page.getByLabel("CSV file")
        .setInputFiles(
            new FilePayload(
                "spring-orders.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8)));

    // the store lets one import run at a time: holding its lock keeps this one running, so the
    // page is seen polling before it ends
    try (Handle lock = server.store.jdbi().open()) {
      lock.execute("SELECT pg_advisory_lock(hashtext('rekindle.import'))");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload and import"))
          .click();
      Locator running = page.locator("#import-progress[aria-busy=true]");
      running.waitFor();
      assertThat(running.locator("h2").textContent()).isEqualTo("Importing spring-orders.csv");
      assertThat(running.locator("progress").count()).isEqualTo(1);
      lock.execute("SELECT pg_advisory_unlock(hashtext('rekindle.import'))");
    }

    // htmx swaps the result in when the import has ended
    Locator done = page.locator("#import-progress.done");
    done.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
    assertThat(done.locator("h2").textContent()).isEqualTo("Imported: spring-orders.csv");
    assertThat(done.locator("[data-count=read]").textContent()).isEqualTo("300");
    assertThat(done.locator("[data-count=inserted]").textContent()).isEqualTo("299");
    assertThat(done.locator("[data-count=rejected]").textContent()).isEqualTo("1");
    Locator row = done.locator("table.rejects tbody tr");
    assertThat(row.count()).isEqualTo(1);
    assertThat(row.locator("td").nth(0).textContent()).isEqualTo("101");
    assertThat(row.locator("td").nth(1).textContent()).contains("cannot read 'the 5th' as a date");
    assertThat(row.locator("td").nth(2).textContent()).isEqualTo("C-20,the 5th,100.25");
    long orders =
        server
            .store
            .jdbi()
            .withHandle(h -> h.select("SELECT count(*) FROM orders").mapTo(Long.class).one());
    assertThat(orders).isEqualTo(299);

    // the past imports list it, and its page shows the same row
    page.navigate(server.uri("/imports").toString());
    page.locator("table a").first().click();
    assertThat(page.locator("h1").textContent()).endsWith(": spring-orders.csv");
    assertThat(page.locator("table.rejects").textContent()).contains("the 5th");
    assertThat(tab.consoleErrors).as("no errors, none from the content security policy").isEmpty();
  }
}
