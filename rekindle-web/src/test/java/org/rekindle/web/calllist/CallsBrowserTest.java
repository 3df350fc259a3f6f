package org.rekindle.web.calllist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.Role;
import org.rekindle.web.Chromium;
import org.rekindle.web.DashboardServer;
import org.rekindle.web.OutreachRecords;

/**
 * The call list in a real browser: Debian's chromium driven by Playwright, at a phone's size. A rep
 * logs in, opens Calls, taps an outcome, and the call's card turns into its logged state without
 * the page being loaded again; the outcome is in the store. Chromium is started as {@link Chromium}
 * does for every browser test.
 */
class CallsBrowserTest {
  static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

  @TempDir static Path home;
  static Chromium chromium;
  static DashboardServer server;
  static OutreachRecords records;

  @RegisterExtension final Chromium.Tab tab = chromium.phone();
  final Page page = tab.page;
  final List<String> consoleErrors = tab.consoleErrors;

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
    server = new DashboardServer(home);
    records = new OutreachRecords(server.store);
    server.user("rosa", Role.REP, "Rosa");
  }

  @AfterAll
  static void close() throws Exception {
    Chromium.closeAll(chromium, server);
  }

  private void logIn(String login) {
    page.navigate(server.uri("/login").toString());
    page.getByLabel("Login name").fill(login);
    page.getByLabel("Password").fill(DashboardServer.password(login));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
  }

  @Test
  void aRep_logsAnOutcomeInOneTap_andTheCardChangesWithoutAReload() {
    records.customer("BR-1", "Bianca Browser", "+1 555 0901", "Rosa");
    records.customer("BR-2", "Carl Second", "+1 555 0902", "Rosa");
    long first = records.callTask("BR-1", "Rosa", 2500, YESTERDAY, "Thank them for the deck order");
    long second = records.callTask("BR-2", "Rosa", 400, YESTERDAY, null);

    logIn("rosa");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Calls")).first().click();
    page.waitForURL("**/calls");
    Locator card = page.locator("#call-" + first);
    assertThat(card.locator("h2").textContent()).contains("Bianca Browser");
    assertThat(card.textContent()).contains("Thank them for the deck order");
    // the number is a link to dial, and the buttons are big enough to tap
    assertThat(card.locator("a.phone").getAttribute("href")).isEqualTo("tel:+15550901");
    BoundingBox tap =
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reached"))
            .boundingBox();
    assertThat(tap.height).as("a tap target's height in CSS pixels").isGreaterThanOrEqualTo(44);
    assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
        .isLessThanOrEqualTo(390);
    // a mark on the page that a reload would wipe out
    page.evaluate("window.notReloaded = true");

    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Voicemail")).click();

    Locator logged = page.locator("#call-" + first + ".logged");
    logged.waitFor();
    assertThat(logged.textContent()).contains("Logged", "left a voicemail", "user rosa");
    assertThat(page.evaluate("window.notReloaded === true")).isEqualTo(true);
    assertThat(page.url()).endsWith("/calls");
    // the other call is still there to log
    assertThat(page.locator("#call-" + second + " button").count()).isGreaterThan(0);
    assertThat(
            records.text(
                "SELECT status || ':' || outcome || ':' || logged_by FROM call_tasks WHERE id = ?",
                first))
        .isEqualTo("done:voicemail:user rosa");
    assertThat(
            records.count(
                "SELECT count(*) FROM audit_log WHERE action = 'call.outcome'"
                    + " AND actor = 'user rosa' AND detail->>'task' = ?",
                Long.toString(first)))
        .isEqualTo(1);
    assertThat(consoleErrors).as("no errors in the browser, none from the policy").isEmpty();
  }

  @Test
  void aRefusedOutcome_isShownInTheCard_andNothingChanges() {
    records.customer("BR-3", "Dora Reason", "+1 555 0903", "Rosa");
    long task = records.callTask("BR-3", "Rosa", 900, YESTERDAY, null);

    logIn("rosa");
    page.navigate(server.uri("/calls").toString());
    Locator card = page.locator("#call-" + task);
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reason for leaving"))
        .click();

    Locator status = card.locator(".status");
    status.waitFor();
    assertThat(status.textContent()).contains("a reason for leaving needs the reason");
    assertThat(records.text("SELECT status FROM call_tasks WHERE id = ?", task)).isEqualTo("open");

    // with the reason as the note, it is logged
    card.getByLabel("Note").fill("price: found it cheaper elsewhere");
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reason for leaving"))
        .click();
    page.locator("#call-" + task + ".logged").waitFor();
    assertThat(records.text("SELECT outcome FROM call_tasks WHERE id = ?", task))
        .isEqualTo("reason_for_leaving");
  }
}
