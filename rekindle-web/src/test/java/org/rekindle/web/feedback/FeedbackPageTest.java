package org.rekindle.web.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.Role;
import org.rekindle.store.feedback.Cases;
import org.rekindle.store.feedback.Feedback;
import org.rekindle.web.DashboardServer;

/**
 * The feedback page over HTTP against a real store: feedback stored through {@link Feedback} (the
 * negative piece opens a case), survey answers written as rows, and a case closed from the page.
 */
class FeedbackPageTest {
  @TempDir static Path home;
  static DashboardServer server;
  static long openCase;
  static long otherCase;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    server.user("mona", Role.MANAGER, null);
    server.user("maria", Role.REP, "Maria");
    server
        .store
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO customers (external_id, name, owner_rep, segment) VALUES"
                      + " ('C-1', 'Ann Oak', 'Maria', 'trade'), ('C-2', 'Bob <b>Elm</b>', NULL,"
                      + " 'retail'), ('C-3', 'Cy Ash', 'Maria', 'trade')");
              h.execute(
                  "INSERT INTO survey_answers (customer_id, source, reason, come_back, comment)"
                      + " SELECT id, 'survey', r, 'maybe', 'too dear for us' FROM customers,"
                      + " (VALUES ('price')) v(r) WHERE external_id IN ('C-1', 'C-2')");
              h.execute(
                  "INSERT INTO survey_answers (customer_id, source, reason) SELECT id, 'survey',"
                      + " 'delivery' FROM customers WHERE external_id = 'C-3'");
            });
    Feedback feedback = new Feedback(server.store.jdbi(), Clock.systemUTC(), Duration.ofHours(24));
    LocalDate today = LocalDate.now(Clock.systemUTC());
    openCase =
        feedback
            .add(
                new Feedback.Entry(
                    "C-1",
                    "phone",
                    Optional.of(1),
                    Optional.of("The delivery came <late> & broken"),
                    today,
                    false,
                    Optional.of("mona")))
            .caseId()
            .orElseThrow();
    otherCase =
        feedback
            .add(
                new Feedback.Entry(
                    "C-2",
                    "email",
                    Optional.empty(),
                    Optional.of("Nobody called back"),
                    today.minusDays(3),
                    true,
                    Optional.empty()))
            .caseId()
            .orElseThrow();
    assertThat(
            feedback
                .add(
                    new Feedback.Entry(
                        "C-3",
                        "review",
                        Optional.of(5),
                        Optional.of("Great service"),
                        today.minusDays(40),
                        false,
                        Optional.empty()))
                .caseId())
        .isEmpty();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void feedback_showsTheOpenCases_theLatestFeedback_andTheReasons() throws Exception {
    HttpResponse<String> r = server.loggedIn("mona").get("/feedback");
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    Cases.OpenCounts counts = new Cases(server.store.jdbi(), Clock.systemUTC()).countOpen();
    assertThat(counts.open()).isGreaterThanOrEqualTo(1);
    assertThat(page).contains("id=\"open-cases\">" + counts.open() + "<");
    assertThat(page).contains("<tr data-case=\"" + openCase + "\">");
    // feedback in the last 30 days: two of three, both negative
    assertThat(page).contains("id=\"recent-feedback\">2<").contains("2 negative");
    // texts are escaped, not markup
    assertThat(page)
        .contains("The delivery came &lt;late&gt; &amp; broken")
        .doesNotContain("<late>")
        .contains("Bob &lt;b&gt;Elm&lt;/b&gt;");
    assertThat(page).contains("Great service");
    // the reasons: 2 price, 1 delivery
    assertThat(page)
        .contains(
            "<tr data-reason=\"price\"><td>price</td><td class=\"num\">2</td>"
                + "<td class=\"num\">66.7%</td></tr>")
        .contains("<tr data-reason=\"delivery\"><td>delivery</td><td class=\"num\">1</td>");
    assertThat(page).contains("id=\"reasons-data\"").contains("id=\"reasons-chart\"");
  }

  @Test
  void closingACase_fromThePage_closesIt_andIsAudited() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    mona.get("/feedback");
    // without the CSRF token: refused, nothing changed
    HttpResponse<String> forged =
        mona.postRaw("/feedback/cases/" + otherCase + "/close", Map.of("outcome", "resolved"));
    assertThat(forged.statusCode()).isEqualTo(403);
    Cases cases = new Cases(server.store.jdbi(), Clock.systemUTC());
    assertThat(cases.show(otherCase).summary().open()).isTrue();

    HttpResponse<String> closed =
        mona.post(
            "/feedback/cases/" + otherCase + "/close",
            Map.of("outcome", "resolved", "note", "called, sent a new one"));
    assertThat(closed.statusCode()).isEqualTo(302);
    assertThat(closed.headers().firstValue("Location")).contains("/feedback?closed=" + otherCase);
    Cases.Case c = cases.show(otherCase).summary();
    assertThat(c.open()).isFalse();
    assertThat(c.outcome()).contains("resolved");
    assertThat(c.outcomeNote()).contains("called, sent a new one");
    assertThat(cases.show(otherCase).actions())
        .anySatisfy(a -> assertThat(a.actor()).isEqualTo("user mona"));
    assertThat(new AuditLog(server.store.jdbi()).recent(10, "user mona"))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("case.close");
              assertThat(e.subject()).isEqualTo("case #" + otherCase);
              assertThat(e.detail()).contains("resolved");
            });
    String after = mona.get("/feedback?closed=" + otherCase).body();
    assertThat(after).contains("Case #" + otherCase + " closed.");
    assertThat(after).doesNotContain("<tr data-case=\"" + otherCase + "\">");

    // closing it again: said why, nothing changed
    HttpResponse<String> again =
        mona.post("/feedback/cases/" + otherCase + "/close", Map.of("outcome", "unresolved"));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("already closed");
    assertThat(cases.show(otherCase).summary().outcome()).contains("resolved");

    // an outcome that is not one, a case that is not there
    assertThat(mona.post("/feedback/cases/" + openCase + "/close", Map.of("outcome", "fixed")))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(400);
              assertThat(r.body()).contains("the outcome must be resolved");
            });
    assertThat(cases.show(openCase).summary().open()).isTrue();
    assertThat(mona.post("/feedback/cases/999999/close", Map.of("outcome", "resolved")))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400));
  }

  @Test
  void aRep_cannotOpenThePage_norCloseACase() throws Exception {
    DashboardServer.Client maria = server.loggedIn("maria");
    HttpResponse<String> r = maria.get("/feedback");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("The delivery came");
    HttpResponse<String> post =
        maria.post("/feedback/cases/" + openCase + "/close", Map.of("outcome", "resolved"));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(new Cases(server.store.jdbi(), Clock.systemUTC()).show(openCase).summary().open())
        .isTrue();
  }
}
