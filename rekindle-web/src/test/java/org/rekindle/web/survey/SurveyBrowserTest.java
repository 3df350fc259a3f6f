package org.rekindle.web.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.web.Chromium;

/** The survey page in a real browser ({@link Chromium}), at a phone's size. */
class SurveyBrowserTest {
  @TempDir static Path home;
  static Chromium chromium;
  static SurveyServer server;

  @RegisterExtension final Chromium.Tab tab = chromium.phone();
  final Page page = tab.page;
  final List<String> consoleErrors = tab.consoleErrors;

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
    server = new SurveyServer(home);
  }

  @AfterAll
  static void close() throws Exception {
    Chromium.closeAll(chromium, server);
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
