package org.rekindle.web.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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

/**
 * The survey page in a real browser: Debian's chromium driven by Playwright, at a phone's size. No
 * browser is downloaded ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}); without {@code
 * /usr/bin/chromium} the test is skipped on a developer's machine and fails under CI, which
 * installs it ({@code .ci/run}). A failing test leaves a screenshot in {@code
 * target/playwright-screenshots}.
 */
class SurveyBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "playwright-screenshots");

  @TempDir static Path home;
  static SurveyServer server;
  static Playwright playwright;
  static Browser browser;

  BrowserContext context;
  Page page;
  final List<String> consoleErrors = new ArrayList<>();
  String testName = "test";

  /**
   * Keeps a screenshot of the page as it was when a test failed: after the test, before {@code
   * AfterEach} closes the page.
   */
  @RegisterExtension
  final AfterTestExecutionCallback screenshots =
      ctx -> {
        if (ctx.getExecutionException().isPresent() && page != null && !page.isClosed()) {
          Files.createDirectories(SCREENSHOTS);
          page.screenshot(
              new Page.ScreenshotOptions()
                  .setPath(SCREENSHOTS.resolve(testName + ".png"))
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
    server = new SurveyServer(home);
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
  void phone(TestInfo info) {
    testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
    // an iPhone 12-sized screen, touch, at three device pixels a CSS pixel
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(390, 844)
                .setDeviceScaleFactor(3)
                .setIsMobile(true)
                .setHasTouch(true));
    page = context.newPage();
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error")) {
            consoleErrors.add(m.text());
          }
        });
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void survey_onAPhone_answeredAndChanged() {
    long c = server.customer("phone", "lost");
    page.navigate(server.uri(server.path(c)).toString());

    // the page: the business's name, no script at all, fits the screen, big enough to tap
    assertThat(page.locator("h1").textContent()).isEqualTo("Hill & Sons Building Supply");
    assertThat(page.locator("script").count()).isZero();
    assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
        .isLessThanOrEqualTo(390);
    Locator price = page.getByLabel("Price", new Page.GetByLabelOptions().setExact(true));
    ElementHandle priceLabel = page.locator("label[for=choice-price]").elementHandle();
    BoundingBox tap = priceLabel.boundingBox();
    assertThat(tap.height).as("a tap target's height in CSS pixels").isGreaterThanOrEqualTo(44);
    // the stylesheet loaded under the content security policy
    assertThat(
            page.locator("button[type=submit]")
                .evaluate("b => getComputedStyle(b).backgroundColor"))
        .isEqualTo("rgb(45, 106, 79)");

    price.check();
    page.getByLabel("Tell us more, if you like").fill("Prices went up <twice> this year");
    page.getByLabel("Maybe").check();
    page.getByLabel("What would bring you back?").fill("A trade discount");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send my answer")).click();

    assertThat(page.locator(".lead").textContent()).startsWith("Thank you for telling us.");
    assertThat(
            server.text(
                "SELECT concat_ws('|', source, reason, come_back, comment, bring_back, revisions)"
                    + " FROM survey_answers WHERE customer_id = ?",
                c))
        .isEqualTo("survey|price|maybe|Prices went up <twice> this year|A trade discount|0");

    // the same link, again: their answer is there to change
    page.getByText("open the questions again").click();
    assertThat(page.getByText("You answered before").isVisible()).isTrue();
    assertThat(price.isChecked()).isTrue();
    assertThat(page.getByLabel("Tell us more, if you like").inputValue())
        .isEqualTo("Prices went up <twice> this year");
    page.getByLabel("Delivery", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByLabel("Yes", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send my answer")).click();

    assertThat(page.locator(".lead").textContent()).contains("Your answer has been updated.");
    assertThat(
            server.text(
                "SELECT concat_ws('|', reason, come_back, revisions) FROM survey_answers"
                    + " WHERE customer_id = ?",
                c))
        .isEqualTo("delivery|yes|1");
    assertThat(consoleErrors).as("no errors in the browser, none from the policy").isEmpty();
  }

  @Test
  void survey_sentEmpty_showsTheProblemInWordsAndKeepsNothing() {
    long c = server.customer("empty", "lapsing");
    page.navigate(server.uri(server.path(c)).toString());

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send my answer")).click();

    assertThat(page.locator(".problems").textContent())
        .contains("Your answer was not sent yet.")
        .contains("please answer at least one of the questions");
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();
    assertThat(page.locator("script").count()).isZero();
  }
}
