package org.rekindle.web.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.survey.SurveyAnswer;
import org.rekindle.store.survey.SurveyAnswers;
import org.rekindle.web.WebApp;
import org.rekindle.web.WebSettings;

/**
 * The survey page over real HTTP: the app on 127.0.0.1 on a free port, a real PostgreSQL behind it,
 * requests from {@link HttpClient}. Each test has customers of its own.
 */
class SurveyPageTest {
  @TempDir static Path home;
  static SurveyServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = new SurveyServer(home);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      String path, Map<String, String> form, Optional<String> origin)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    origin.ifPresent(o -> b.header("Origin", o));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> form(
      String reason, String comeBack, String comment, String bringBack) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("reason", reason);
    f.put("come_back", comeBack);
    f.put("comment", comment);
    f.put("bring_back", bringBack);
    return f;
  }

  private static void assertSecureHeaders(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp -> {
              assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'");
              assertThat(csp).doesNotContain("script-src");
            });
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void get_validToken_showsTheQuestionsUnderTheBusinessName() throws Exception {
    long c = server.customer("show", "lost");

    HttpResponse<String> r = get(server.path(c));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertSecureHeaders(r);
    String page = r.body();
    assertThat(page).contains("<h1>Hill &amp; Sons Building Supply</h1>");
    assertThat(page)
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    assertThat(page)
        .contains(
            "Price",
            "Service or staff",
            "Product quality",
            "Delivery",
            "Moved or closed",
            "Found another supplier",
            "No longer needed",
            "Just forgot",
            "Other",
            "Would you come back?",
            "What would bring you back?");
    assertThat(page).containsPattern("<form method=\"post\" action=\"/s/[A-Za-z0-9_-]+\">");
    assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain(" checked");
    assertThat(page).doesNotContain("Secret Name").doesNotContain("You answered before");
  }

  @Test
  void get_badTokens_allGetTheSameNotFoundPageInWords() throws Exception {
    long c = server.customer("forged", "lost");
    String valid = server.tokens.token(c);
    SigningKeys other = SigningKeys.generate(new SecureRandom());
    char last = valid.charAt(valid.length() - 1);

    String[] paths = {
      "/s/not-a-token",
      "/s/" + valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A'),
      "/s/" + UnsubscribeTokens.forSurveys(other).token(c),
      // an unsubscribe token of the same customer is no survey token
      "/s/" + new UnsubscribeTokens(server.keys).token(c),
      // well signed, for a customer not on file
      "/s/" + server.tokens.token(987_654_321L),
      "/nothing/here"
    };
    String first = null;
    for (String p : paths) {
      HttpResponse<String> r = get(p);
      assertThat(r.statusCode()).as(p).isEqualTo(404);
      assertSecureHeaders(r);
      assertThat(r.body()).as(p).contains("We could not find this page.");
      assertThat(r.body()).doesNotContain("Secret Name").doesNotContain("<form");
      if (first == null) {
        first = r.body();
      } else {
        assertThat(r.body()).as("nothing tells one bad link from another").isEqualTo(first);
      }
      assertThat(post(p, form("price", "", "", ""), Optional.empty()).statusCode())
          .as(p)
          .isEqualTo(404);
    }
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();
  }

  @Test
  void post_keepsTheAnswer_andASecondReplacesIt() throws Exception {
    long c = server.customer("answers", "lost");
    String path = server.path(c);

    HttpResponse<String> first =
        post(path, form("price", "maybe", "Too dear lately", "A trade discount"), Optional.empty());

    assertThat(first.statusCode()).isEqualTo(200);
    assertSecureHeaders(first);
    assertThat(first.body())
        .contains("Thank you for telling us.")
        .contains("you can change your answer with the same link")
        .contains("href=\"" + path + "\"")
        .doesNotContain("Your answer has been updated");
    assertThat(
            server.text(
                "SELECT concat_ws('|', source, reason, come_back, comment, bring_back,"
                    + " lifecycle_state, segment, owner_rep, revisions) FROM survey_answers"
                    + " WHERE customer_id = ?",
                c))
        .isEqualTo("survey|price|maybe|Too dear lately|A trade discount|lost|contractors|maria|0");

    // the page shows it again, to change
    String again = get(path).body();
    assertThat(again).contains("You answered before");
    assertThat(again).containsPattern("value=\"price\" checked");
    assertThat(again).containsPattern("value=\"maybe\" checked");
    assertThat(again)
        .contains(">Too dear lately</textarea>")
        .contains(">A trade discount</textarea>");

    HttpResponse<String> second = post(path, form("delivery", "yes", "", ""), Optional.empty());

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("Your answer has been updated");
    assertThat(
            server.text(
                "SELECT concat_ws('|', reason, come_back, comment, bring_back, revisions,"
                    + " (answered_at < updated_at)::text) FROM survey_answers WHERE customer_id = ?",
                c))
        .isEqualTo("delivery|yes|1|true");
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isEqualTo(1);
    // the reply is in the customer's contacts, once for the day
    assertThat(
            server.count(
                "SELECT count(*) FROM contacts WHERE customer_id = ? AND source = 'survey'", c))
        .isEqualTo(1);
  }

  @Test
  void post_badInput_showsTheFormAgainWithTheProblemsAndTheirWordsKept() throws Exception {
    long c = server.customer("bad", "lost");
    String path = server.path(c);

    HttpResponse<String> r =
        post(
            path,
            form("cheaper elsewhere", "perhaps", "<b>my words</b> & more", "x".repeat(2_001)),
            Optional.empty());

    assertThat(r.statusCode()).isEqualTo(422);
    assertSecureHeaders(r);
    assertThat(r.body())
        .contains("Your answer was not sent yet.")
        .contains("please choose one of the reasons listed")
        .contains("please choose yes, maybe or no")
        .contains(
            "what would bring you back is 2001 characters long; please shorten it to at most 2000")
        .contains(">&lt;b&gt;my words&lt;/b&gt; &amp; more</textarea>")
        .contains(">" + "x".repeat(2_001) + "</textarea>")
        .doesNotContain("<b>my words");
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();

    HttpResponse<String> empty = post(path, form("", "", "  ", ""), Optional.empty());
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(empty.body()).contains("please answer at least one of the questions");
    HttpResponse<String> none = post(path, Map.of(), Optional.empty());
    assertThat(none.statusCode()).isEqualTo(422);
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();
  }

  @Test
  void post_fromAnotherSite_isRefused_fromOursOrNoSiteIsTaken() throws Exception {
    long c = server.customer("origin", "lost");
    String path = server.path(c);

    for (String elsewhere :
        new String[] {
          "https://evil.example",
          "http://127.0.0.1:1",
          "https://survey.hill.example.evil.example",
          "http://survey.hill.example",
          "not a url"
        }) {
      HttpResponse<String> r = post(path, form("price", "", "", ""), Optional.of(elsewhere));
      assertThat(r.statusCode()).as(elsewhere).isEqualTo(403);
      assertThat(r.body()).contains("This form can only be sent from its own page");
    }
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();

    String self = "http://127.0.0.1:" + server.app.port();
    for (String ours : new String[] {self, "https://survey.hill.example", "null"}) {
      assertThat(post(path, form("price", "", "", ""), Optional.of(ours)).statusCode())
          .as(ours)
          .isEqualTo(200);
    }
    assertThat(server.count("SELECT revisions FROM survey_answers WHERE customer_id = ?", c))
        .isEqualTo(2);
  }

  @Test
  void get_anEarlierAnswerWithMarkup_isShownAsText() throws Exception {
    long c = server.customer("markup", "lost");
    new SurveyAnswers(server.store.jdbi())
        .answer(
            c,
            SurveyAnswer.of(
                "other", null, "\"><script>alert(1)</script>", "</textarea><script>x()</script>"),
            Instant.now());

    String page = get(server.path(c)).body();

    assertThat(page).doesNotContainIgnoringCase("<script");
    assertThat(page)
        .contains("&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>")
        .contains("\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
  }

  @Test
  void post_bodyOverTheLimit_isRefusedAndNothingKept() throws Exception {
    long c = server.customer("big", "lost");

    HttpResponse<String> r =
        post(
            server.path(c),
            form("price", "", "y".repeat((int) WebApp.MAX_BODY), ""),
            Optional.empty());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();
  }

  @Test
  void post_bodyOfUnknownLength_isRefusedAndNothingKept() throws Exception {
    long c = server.customer("chunked", "lost");
    byte[] body = "reason=price".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.uri(server.path(c)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(411);
    assertThat(server.count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c))
        .isZero();
  }

  @Test
  void stylesheet_isServedUnderThePolicyThatAllowsIt() throws Exception {
    HttpResponse<String> r = get("/assets/rekindle.css");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(r.body()).contains(".choice");
  }

  @Test
  void settings_refuseAnAddressOtherThanLoopbackUnlessExposed() {
    assertThatThrownBy(() -> new WebSettings("0.0.0.0", 8080, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0.0.0.0' is not a loopback address");
    assertThat(new WebSettings("0.0.0.0", 8080, true).host()).isEqualTo("0.0.0.0");
    assertThat(new WebSettings(" localhost ", 0, false).host()).isEqualTo("localhost");
    assertThatThrownBy(() -> new WebSettings("127.0.0.1", 70_000, false))
        .hasMessageContaining("the port must be 0 to 65535");
    assertThat(WebSettings.defaults()).isEqualTo(new WebSettings("127.0.0.1", 8080, false));
    assertThat(URI.create("http://127.0.0.1:" + server.app.port())).isEqualTo(server.app.address());
  }
}
