package org.rekindle.web.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.Role;
import org.rekindle.web.DashboardServer;
import org.rekindle.web.OutreachRecords;

/**
 * The outreach page over real HTTP against the app and a real PostgreSQL: a day's decisions with
 * their reasons and where each email, letter and call stands, filtered and paged; the uncertain
 * emails; the letters downloaded as a PDF and marked printed; the playbooks as configured; and
 * managers only.
 */
class OutreachPageTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  static final LocalDate PAGED_DAY = LocalDate.of(2026, 11, 21);
  static final String LETTER_VARS =
      "{\"first_name\": \"Lena\", \"name\": \"Lena Letter\", \"rep_name\": \"Maria\","
          + " \"last_order_date\": \"2025-11-02\", \"rhythm\": \"\", \"dormant_on\":"
          + " \"2026-12-20\", \"offer\": false}";

  @TempDir static Path home;
  static DashboardServer server;
  static OutreachRecords records;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    records = new OutreachRecords(server.store);
    server.user("mona", Role.MANAGER, null);
    server.user("maria", Role.REP, "Maria");

    long sent = records.customer("OS-SENT", "Sam Sent", "+1 555 1001", "Maria");
    records.decision(DAY, sent, "dormant-win-back", 0, "email", "queued", "queued for 09:00");
    records.outbox(
        DAY,
        sent,
        "dormant-win-back",
        0,
        "email",
        "dormant-win-back",
        "sent",
        "250 2.0.0 Ok",
        "{}");
    long unsure = records.customer("OS-UNC", "Uma Unsure", "+1 555 1002", "Maria");
    records.decision(DAY, unsure, "dormant-win-back", 0, "email", "queued", "queued for 09:00");
    records.outbox(
        DAY,
        unsure,
        "dormant-win-back",
        0,
        "email",
        "dormant-win-back",
        "uncertain",
        "the connection broke after the message was sent",
        "{}");
    long skipped = records.customer("OS-SKIP", "Sid Skipped", "+1 555 1003", "Maria");
    records.decision(
        DAY, skipped, "dormant-win-back", 0, "email", "skipped", "no consent to email");
    long suppressed = records.customer("OS-SUPP", "Sue Suppressed", "+1 555 1004", "Maria");
    records.decision(DAY, suppressed, "dormant-win-back", 0, "email", "queued", "queued for 09:00");
    records.outbox(
        DAY,
        suppressed,
        "dormant-win-back",
        0,
        "email",
        "dormant-win-back",
        "suppressed",
        "email address suppressed: unsubscribed",
        "{}");
    long letter = records.customer("OS-LET", "Lena Letter", "+1 555 1005", "Maria");
    records.decision(
        DAY, letter, "account-dormancy-notice", 0, "letter", "queued", "queued for printing");
    records.outbox(
        DAY,
        letter,
        "account-dormancy-notice",
        0,
        "letter",
        "account-dormancy-notice",
        "queued",
        null,
        LETTER_VARS);
    long deferred = records.customer("OS-DEF", "Dee Deferred", "+1 555 1006", "Maria");
    records.decision(
        DAY,
        deferred,
        "lapsing-check-in",
        1,
        "call",
        "deferred",
        "the call capacity of Maria is used up for the day");

    long many = records.customer("OS-MANY", "Manny Paged", "+1 555 1007", null);
    for (int i = 0; i < 55; i++) {
      records.decision(
          PAGED_DAY, many, "birthday-card", i, "email", "skipped", "reason number " + i + ".");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String page(String path) throws Exception {
    HttpResponse<String> r = server.loggedIn("mona").get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  void outreach_isForManagers_notReps() throws Exception {
    assertThat(server.loggedIn("maria").get("/outreach").statusCode()).isEqualTo(403);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");
    assertThat(maria.post("/outreach/letters.pdf", Map.of("paper", "a4")).statusCode())
        .isEqualTo(403);
    assertThat(
            records.count(
                "SELECT count(*) FROM audit_log WHERE action = 'letters.print'"
                    + " AND actor = 'user maria'"))
        .isZero();
    assertThat(maria.get("/calls").body()).doesNotContain("href=\"/outreach\"");
    assertThat(server.loggedIn("mona").get("/calls").body()).contains("href=\"/outreach\"");
  }

  @Test
  void outreach_aDay_listsWhatWasPlannedSentSuppressedAndUncertain_withTheReasons()
      throws Exception {
    String all = page("/outreach?day=" + DAY);

    assertThat(all)
        .contains("OS-SENT", "OS-UNC", "OS-SKIP", "OS-SUPP", "OS-LET", "OS-DEF")
        .contains("no consent to email", "email address suppressed: unsubscribed")
        .contains("the call capacity of Maria is used up for the day")
        .contains("250 2.0.0 Ok", "uncertain")
        .contains("href=\"/customers/OS-SENT\"")
        .doesNotContain("OS-MANY");

    String suppressed = decisionsOf(page("/outreach?day=" + DAY + "&status=suppressed"));
    assertThat(suppressed)
        .contains("OS-SKIP", "no consent to email", "OS-SUPP", "email address suppressed")
        .doesNotContain("OS-SENT", "OS-UNC", "OS-LET", "OS-DEF");

    String sent = page("/outreach?day=" + DAY + "&status=sent");
    assertThat(decisionsOf(sent)).contains("OS-SENT").doesNotContain("OS-SKIP", "OS-UNC");

    String planned = page("/outreach?day=" + DAY + "&status=planned");
    assertThat(decisionsOf(planned))
        .contains("OS-SENT", "OS-UNC", "OS-SUPP", "OS-LET")
        .doesNotContain("OS-SKIP", "OS-DEF");

    String uncertain = page("/outreach?day=" + DAY + "&status=uncertain");
    assertThat(decisionsOf(uncertain)).contains("OS-UNC").doesNotContain("OS-SENT", "OS-SUPP");
    // the uncertain emails of any day, with what happened and how to settle them
    assertThat(page("/outreach?day=2020-01-01"))
        .contains("the connection broke after the message was sent")
        .contains("rekindle outbox resolve");

    String deferred = page("/outreach?day=" + DAY + "&status=deferred");
    assertThat(decisionsOf(deferred)).contains("OS-DEF").doesNotContain("OS-SKIP");

    String oneBook = page("/outreach?day=" + DAY + "&playbook=account-dormancy-notice");
    assertThat(decisionsOf(oneBook)).contains("OS-LET").doesNotContain("OS-SENT", "OS-DEF");
  }

  @Test
  void outreach_badFilters_areSaidInWords_andTheDefaultsShown() throws Exception {
    String r = page("/outreach?day=yesterday&status=lost");
    assertThat(r)
        .contains("The day must be a date like 2026-12-07, not 'yesterday': showing today.")
        .contains("not a status: 'lost'");
  }

  @Test
  void outreach_aDayOfManyDecisions_isPaged() throws Exception {
    String first = page("/outreach?day=" + PAGED_DAY);
    assertThat(first).contains("reason number 0.", "reason number 49.");
    assertThat(first).doesNotContain("reason number 50.").contains("Next page");
    assertThat(first).doesNotContain("Previous page");

    String second = page("/outreach?day=" + PAGED_DAY + "&status=all&page=2");
    assertThat(second).contains("reason number 50.", "reason number 54.", "Previous page");
    assertThat(second).doesNotContain("reason number 49.", "Next page");
  }

  @Test
  void outreach_showsThePlaybooksAsConfigured() throws Exception {
    String r = page("/outreach");
    assertThat(r)
        .contains("lapsing-check-in", "dormant-win-back", "birthday-card")
        .contains("a customer becomes lapsing");
  }

  @Test
  void letters_downloadAsAPdf_markedPrinted_audited_andNotTwice() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    String outreach = mona.get("/outreach").body();
    assertThat(outreach).contains("1 letter waits to be printed");

    // without its token: refused, nothing printed
    assertThat(mona.postRaw("/outreach/letters.pdf", Map.of("paper", "a4")).statusCode())
        .isEqualTo(403);
    assertThat(records.count("SELECT count(*) FROM outbox WHERE status = 'printed'")).isZero();

    HttpResponse<byte[]> pdf =
        mona.http.send(
            HttpRequest.newBuilder(server.uri("/outreach/letters.pdf"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString("paper=a4&limit=1000&_csrf=" + mona.csrf()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
    assertThat(pdf.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"letters-"));
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    assertThat(pdf.body().length).isGreaterThan(1000);
    assertThat(
            records.count(
                "SELECT count(*) FROM outbox o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.external_id = 'OS-LET' AND o.status = 'printed'"))
        .isEqualTo(1);
    assertThat(
            records.count(
                "SELECT count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id"
                    + " WHERE c.external_id = 'OS-LET' AND k.channel = 'letter'"))
        .isEqualTo(1);
    assertThat(
            records.text(
                "SELECT actor || '|' || (detail->>'letters') FROM audit_log"
                    + " WHERE action = 'letters.print'"))
        .isEqualTo("user mona|1");

    // none left: said so, nothing printed twice
    assertThat(mona.get("/outreach").body()).contains("No letters wait to be printed.");
    HttpResponse<String> again = mona.post("/outreach/letters.pdf", Map.of("paper", "a4"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("No letters wait to be printed.");
  }

  @Test
  void letters_badPaper_isRefusedInWords() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    mona.get("/outreach");
    HttpResponse<String> r = mona.post("/outreach/letters.pdf", Map.of("paper", "a3"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("The paper must be a4 or letter.");
  }

  /** The page's table of decisions, without the uncertain emails' section below it. */
  private static String decisionsOf(String page) {
    int start = page.indexOf("The plan's decisions");
    int end = page.indexOf("<h2>Uncertain emails</h2>");
    return page.substring(start, end);
  }
}
