package org.rekindle.web.calllist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.Role;
import org.rekindle.web.DashboardServer;
import org.rekindle.web.OutreachRecords;

/**
 * The call list over real HTTP against the app and a real PostgreSQL: who sees which calls, an
 * outcome logged in one request (htmx, or a plain form) through the store's rules and audited, and
 * every refusal leaving the task as it was. Each test has customers of its own.
 */
class CallsPageTest {
  static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

  @TempDir static Path home;
  static DashboardServer server;
  static OutreachRecords records;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    records = new OutreachRecords(server.store);
    server.user("maria", Role.REP, "Maria");
    server.user("ben", Role.REP, "Ben");
    server.user("mona", Role.MANAGER, null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Posts as htmx does from the page: the CSRF token as a header, HX-Request set. */
  static HttpResponse<String> htmx(DashboardServer.Client c, String path, Map<String, String> form)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + java.net.URLEncoder.encode(
                            e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
            .reduce((a, b) -> a + "&" + b)
            .orElse("");
    return c.http.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("HX-Request", "true")
            .header("X-CSRF-Token", String.valueOf(c.csrf()))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String status(long task) {
    return records.text(
        "SELECT status || coalesce(':' || outcome, '') FROM call_tasks WHERE id = ?", task);
  }

  private static long audits(long task) {
    return records.count(
        "SELECT count(*) FROM audit_log WHERE action = 'call.outcome' AND detail->>'task' = ?",
        Long.toString(task));
  }

  @Test
  void list_aRepSeesTheirOwnAndThePools_mostAtStakeFirst_aManagerEveryonesOrOneRepsAndThePool()
      throws Exception {
    records.customer("L-M1", "Mia Own", "+1 555 0101", "Maria");
    records.customer("L-B1", "Bo Other", "+1 555 0102", "Ben");
    records.customer("L-P1", "Pat Pool", "+1 555 0103", null);
    records.callTask("L-M1", "Maria", 900, YESTERDAY, "Ask about the spring order");
    records.callTask("L-B1", "Ben", 1200, YESTERDAY, null);
    records.callTask("L-P1", null, 500, YESTERDAY, null);

    DashboardServer.Client maria = server.loggedIn("maria");
    HttpResponse<String> r = maria.get("/calls");
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(page)
        .contains("Mia Own", "L-M1", "Pat Pool", "Ask about the spring order")
        .contains("href=\"tel:+15550101\"", "href=\"/customers/L-M1\"")
        .doesNotContain("Bo Other", "L-B1");
    assertThat(page.indexOf("Mia Own")).isLessThan(page.indexOf("Pat Pool"));
    // a rep is not offered another rep's list
    assertThat(maria.get("/calls?rep=Ben").body()).doesNotContain("L-B1");

    DashboardServer.Client mona = server.loggedIn("mona");
    String all = mona.get("/calls").body();
    assertThat(all).contains("L-M1", "L-B1", "L-P1");
    assertThat(all.indexOf("L-B1")).isLessThan(all.indexOf("L-M1"));
    String bens = mona.get("/calls?rep=Ben").body();
    assertThat(bens).contains("L-B1", "L-P1").doesNotContain("L-M1");
  }

  @Test
  void outcome_oneClick_isLoggedByTheStore_audited_andTheRowComesBackLogged() throws Exception {
    records.customer("O-1", "Olga Once", "+1 555 0201", "Maria");
    long task = records.callTask("O-1", "Maria", 700, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> r =
        htmx(maria, "/calls/" + task + "/outcome", Map.of("outcome", "will-order"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<strong>Logged</strong>", "id=\"call-" + task + "\"")
        .contains("the customer said they will order", "user maria")
        .doesNotContain("<html");
    assertThat(status(task)).isEqualTo("done:will_order");
    assertThat(records.text("SELECT logged_by FROM call_tasks WHERE id = ?", task))
        .isEqualTo("user maria");
    assertThat(
            records.text(
                "SELECT actor || '|' || subject FROM audit_log WHERE action = 'call.outcome'"
                    + " AND detail->>'task' = ?",
                Long.toString(task)))
        .isEqualTo("user maria|customer O-1");
    assertThat(records.count("SELECT count(*) FROM contacts WHERE call_task_id = ?", task))
        .isEqualTo(1);
    // gone from the list
    assertThat(maria.get("/calls").body()).doesNotContain("O-1");

    // again: told who logged it, nothing changed
    HttpResponse<String> again =
        htmx(maria, "/calls/" + task + "/outcome", Map.of("outcome", "no-answer"));
    assertThat(again.body()).contains("Logged before you");
    assertThat(status(task)).isEqualTo("done:will_order");
    assertThat(audits(task)).isEqualTo(1);
  }

  @Test
  void outcome_asAPlainForm_redirectsToTheListThatSaysSo() throws Exception {
    records.customer("F-1", "Fay Form", "+1 555 0301", "Maria");
    long task = records.callTask("F-1", "Maria", 300, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> r =
        maria.post("/calls/" + task + "/outcome", Map.of("outcome", "voicemail", "note", "Left a"));

    assertThat(r.statusCode()).isEqualTo(303);
    String to = r.headers().firstValue("Location").orElseThrow();
    assertThat(to).isEqualTo("/calls?logged=" + task + "&outcome=voicemail");
    assertThat(maria.get(to).body()).contains("Call task " + task + " logged: left a voicemail.");
    assertThat(status(task)).isEqualTo("done:voicemail");
    assertThat(records.text("SELECT outcome_note FROM call_tasks WHERE id = ?", task))
        .isEqualTo("Left a");
    assertThat(audits(task)).isEqualTo(1);
  }

  @Test
  void outcome_withoutTheCsrfToken_isRefused_andNothingChanges() throws Exception {
    records.customer("X-1", "Xena Forged", "+1 555 0401", "Maria");
    long task = records.callTask("X-1", "Maria", 300, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> r =
        maria.postRaw("/calls/" + task + "/outcome", Map.of("outcome", "reached"));
    HttpResponse<String> wrong =
        maria.postRaw(
            "/calls/" + task + "/outcome", Map.of("outcome", "reached", "_csrf", "not-the-token"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(status(task)).isEqualTo("open");
    assertThat(audits(task)).isZero();
  }

  @Test
  void outcome_onAnotherRepsCall_isNotFound_andNothingChanges_butAManagerMayLogIt()
      throws Exception {
    records.customer("B-1", "Bea Bens", "+1 555 0501", "Ben");
    long task = records.callTask("B-1", "Ben", 300, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> plain =
        maria.post("/calls/" + task + "/outcome", Map.of("outcome", "reached"));
    HttpResponse<String> viaHtmx =
        htmx(maria, "/calls/" + task + "/outcome", Map.of("outcome", "reached"));
    HttpResponse<String> unknown =
        htmx(maria, "/calls/999999999/outcome", Map.of("outcome", "reached"));

    assertThat(plain.statusCode()).isEqualTo(404);
    assertThat(viaHtmx.statusCode()).isEqualTo(404);
    // the same answer as for a task that does not exist: nothing told about it
    assertThat(viaHtmx.body()).isEqualTo(unknown.body()).doesNotContain("B-1", "Bea");
    assertThat(status(task)).isEqualTo("open");
    assertThat(audits(task)).isZero();

    DashboardServer.Client mona = server.loggedIn("mona");
    mona.get("/calls");
    assertThat(htmx(mona, "/calls/" + task + "/outcome", Map.of("outcome", "reached")).statusCode())
        .isEqualTo(200);
    assertThat(status(task)).isEqualTo("done:reached");
  }

  @Test
  void outcome_reasonForLeavingWithoutItsNote_isRefusedInWords_withItsNote_keptAsTheAnswer()
      throws Exception {
    records.customer("R-1", "Rae Reason", "+1 555 0601", "Maria");
    long task = records.callTask("R-1", "Maria", 300, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> bare =
        htmx(maria, "/calls/" + task + "/outcome", Map.of("outcome", "reason-for-leaving"));
    assertThat(bare.statusCode()).isEqualTo(400);
    assertThat(bare.body()).contains("a reason for leaving needs the reason");
    assertThat(status(task)).isEqualTo("open");
    assertThat(audits(task)).isZero();

    Map<String, String> form = new LinkedHashMap<>();
    form.put("outcome", "reason-for-leaving");
    form.put("note", "price: found it cheaper elsewhere");
    HttpResponse<String> r = htmx(maria, "/calls/" + task + "/outcome", form);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("exit-survey answer");
    assertThat(status(task)).isEqualTo("done:reason_for_leaving");
    assertThat(
            records.text(
                "SELECT source || '|' || reason FROM survey_answers a JOIN customers c"
                    + " ON c.id = a.customer_id WHERE c.external_id = 'R-1'"))
        .isEqualTo("call|price");
  }

  @Test
  void outcome_doNotContact_suppressesEveryAddress_andWithdrawsConsent() throws Exception {
    records.customer("D-1", "Dan Stop", "+1 555 0701", "Maria");
    long task = records.callTask("D-1", "Maria", 300, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> r =
        htmx(maria, "/calls/" + task + "/outcome", Map.of("outcome", "do-not-contact"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Consent withdrawn on every channel", "Suppressed phone");
    assertThat(
            records.count(
                "SELECT count(*) FROM suppressions WHERE reason = 'do_not_contact'"
                    + " AND lifted_at IS NULL AND address IN ('+15550701', 'd-1@mail.example')"))
        .isEqualTo(2);
    assertThat(
            records.text(
                "SELECT concat_ws(',', consent_email, consent_letter, consent_phone) FROM customers"
                    + " WHERE external_id = 'D-1'"))
        .isEqualTo("f,f,f");
  }

  @Test
  void outcome_unknown_isRefused() throws Exception {
    records.customer("U-1", "Una Unknown", "+1 555 0801", "Maria");
    long task = records.callTask("U-1", "Maria", 300, YESTERDAY, null);
    DashboardServer.Client maria = server.loggedIn("maria");
    maria.get("/calls");

    HttpResponse<String> r =
        htmx(maria, "/calls/" + task + "/outcome", Map.of("outcome", "maybe-later"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not a call outcome: 'maybe-later'");
    assertThat(status(task)).isEqualTo("open");
  }
}
