package org.rekindle.web.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.web.TestBusiness;
import org.rekindle.web.WebApp;
import org.rekindle.web.WebSettings;

/**
 * The unsubscribe link on a real server and store: opening it changes nothing, the button and a
 * mail program's RFC 8058 one-click POST stop the emails, a bad or a survey token finds nothing.
 */
class UnsubscribePageTest {
  static final Business BUSINESS = TestBusiness.HILL;

  @TempDir static Path home;
  static Store store;
  static WebApp app;
  static final SigningKeys KEYS = SigningKeys.generate(new SecureRandom());
  static final UnsubscribeTokens TOKENS = new UnsubscribeTokens(KEYS);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    app = WebApp.start(new WebSettings("127.0.0.1", 0, false), store, KEYS, BUSINESS);
  }

  @AfterAll
  static void stop() {
    app.close();
    store.close();
  }

  @Test
  void open_showsOneButtonAndChangesNothing_thenTheButtonStops() throws Exception {
    long ann = customer("ann", "ann@mail.example");
    String path = "/u/" + TOKENS.token(ann);

    // a scanner or a preview opening the link, twice: nothing changes
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains(
              "Stop the emails from Hill &amp; Sons Building Supply to a\u2022\u2022\u2022@mail.example?")
          .contains("<form method=\"post\" action=\"" + path + "?from=page\">")
          .doesNotContain("ann@mail.example");
    }
    assertThat(consent(ann)).isTrue();
    assertThat(count("SELECT count(*) FROM suppressions WHERE address = 'ann@mail.example'"))
        .isZero();

    HttpResponse<String> done = post(path + "?from=page", "List-Unsubscribe=One-Click");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("You are unsubscribed");
    assertThat(consent(ann)).isFalse();
    assertThat(
            count(
                "SELECT count(*) FROM suppressions WHERE address = 'ann@mail.example'"
                    + " AND reason = 'unsubscribed' AND source = 'customer'"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM consent_events WHERE note = 'unsubscribe link: the page''s"
                    + " button'"))
        .isEqualTo(1);

    // opening it again says so, without a button
    HttpResponse<String> again = get(path);
    assertThat(again.body()).contains("You are unsubscribed").doesNotContain("<form");
  }

  @Test
  void oneClickPost_ofAMailProgram_stopsWithoutCookieOrPage() throws Exception {
    long bob = customer("bob", "bob@mail.example");
    String path = "/u/" + TOKENS.token(bob);
    // as RFC 8058 has it: a POST of List-Unsubscribe=One-Click from the provider's server, no
    // Origin, no cookie; an Origin of another site does not matter either
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(app.address().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://mail.provider.example")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(consent(bob)).isFalse();
    assertThat(
            count(
                "SELECT count(*) FROM consent_events WHERE note = 'unsubscribe link: one-click"
                    + " POST'"))
        .isEqualTo(1);
    // a second one changes nothing and still answers 200
    assertThat(post(path, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM suppressions WHERE address = 'bob@mail.example'"))
        .isEqualTo(1);
  }

  @Test
  void badToken_orASurveyToken_findsNothing() throws Exception {
    long cy = customer("cy", "cy@mail.example");
    String survey = UnsubscribeTokens.forSurveys(KEYS).token(cy);
    for (String path : List.of("/u/not-a-token", "/u/" + survey)) {
      assertThat(get(path).statusCode()).isEqualTo(404);
      assertThat(post(path, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    }
    assertThat(consent(cy)).isTrue();
  }

  @Test
  void masked_keepsTheFirstCharacterAndTheDomain() {
    assertThat(UnsubscribePage.masked(" Ann@Mail.Example "))
        .isEqualTo("A\u2022\u2022\u2022@Mail.Example");
    assertThat(UnsubscribePage.masked("\uD83D\uDE00x@a.example"))
        .isEqualTo("\uD83D\uDE00\u2022\u2022\u2022@a.example");
    assertThat(UnsubscribePage.masked("no-at-sign")).isEmpty();
    assertThat(UnsubscribePage.masked("@a.example")).isEmpty();
  }

  private static long customer(String id, String email) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO customers (external_id, email, consent_email)"
                            + " VALUES (?, ?, true) RETURNING id")
                    .bind(0, id)
                    .bind(1, email)
                    .mapTo(Long.class)
                    .one());
  }

  private static boolean consent(long customer) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select("SELECT consent_email FROM customers WHERE id = ?", customer)
                    .mapTo(Boolean.class)
                    .one());
  }

  private static long count(String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(app.address().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(app.address().resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
