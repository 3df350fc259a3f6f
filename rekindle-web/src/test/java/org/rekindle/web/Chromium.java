package org.rekindle.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's chromium driven by Playwright, for the browser tests. No browser is downloaded ({@code
 * PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}); without {@code /usr/bin/chromium} a test is skipped on a
 * developer's machine and fails under CI, which installs it ({@code .ci/run}).
 *
 * <p>A test class keeps one {@code Chromium} for all its tests ({@link #launch} in
 * {@code @BeforeAll}), opens a {@link Tab} per test, and registers the tab as an extension so a
 * failing test leaves a screenshot in {@code target/playwright-screenshots}.
 */
public final class Chromium implements AutoCloseable {
  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  public static final Path SCREENSHOTS = Path.of("target", "playwright-screenshots");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Starts the browser, or skips the test class when there is none and this is not CI. */
  public static Chromium launch() {
    if (!Files.isExecutable(EXECUTABLE)) {
      String ci = System.getenv("CI");
      if (ci == null || ci.isBlank()) {
        Assumptions.abort(
            "browser tests skipped: no "
                + EXECUTABLE
                + " (apt-get install chromium to run them; under CI they must run)");
      }
      throw new IllegalStateException(
          "CI is set but " + EXECUTABLE + " is missing: .ci/run installs Debian's chromium");
    }
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
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
    return new Chromium(playwright, browser);
  }

  /** A fresh tab with no cookies, the size of a desktop window. */
  public Tab desktop() {
    return new Tab(browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)));
  }

  /**
   * A fresh tab with no cookies, an iPhone 12-sized touch screen at three device pixels a pixel.
   */
  public Tab phone() {
    return new Tab(
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(390, 844)
                .setDeviceScaleFactor(3)
                .setIsMobile(true)
                .setHasTouch(true)));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }

  /**
   * One test's page, collecting the browser console's errors (a Content-Security-Policy violation
   * is one). Register it with {@code @RegisterExtension}: it keeps a screenshot of a failure and
   * closes itself after each test.
   */
  public static final class Tab
      implements AutoCloseable, AfterTestExecutionCallback, AfterEachCallback {
    public final BrowserContext context;
    public final Page page;
    public final List<String> consoleErrors = new ArrayList<>();

    Tab(BrowserContext context) {
      this.context = context;
      this.page = context.newPage();
      page.onConsoleMessage(
          m -> {
            if (m.type().equals("error")) {
              consoleErrors.add(m.text());
            }
          });
    }

    @Override
    public void afterTestExecution(ExtensionContext ctx) throws Exception {
      if (ctx.getExecutionException().isPresent() && !page.isClosed()) {
        Files.createDirectories(SCREENSHOTS);
        String name =
            ctx.getRequiredTestClass().getSimpleName()
                + "-"
                + ctx.getTestMethod().map(m -> m.getName()).orElse("test");
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
      }
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
      close();
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /** Closes what was opened, in order, for {@code @AfterAll}. */
  public static void closeAll(@Nullable AutoCloseable... things) throws Exception {
    for (AutoCloseable t : things) {
      if (t != null) {
        t.close();
      }
    }
  }
}
