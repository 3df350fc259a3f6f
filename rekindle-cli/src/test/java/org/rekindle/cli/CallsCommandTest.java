package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rekindle calls}: the example customers after a run, with call tasks written as the planner
 * writes them; listed, logged once, bad input refused.
 */
class CallsCommandTest {
  private static final Pattern CODE = Pattern.compile("^([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{5}) ");

  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  /** A task for the customer with this external id; returns its number. */
  private long task(String customer, String rep, String phone, double valueAtRisk, String points) {
    HomeSql.execute(
        home,
        "INSERT INTO call_tasks (dedupe_key, customer_id, playbook, step, cycle, assigned_to,"
            + " phone, due_on, value_at_risk, talking_points)"
            + " SELECT 'test:' || c.id, c.id, 'lapsing-check-in', 2, DATE '1997-10-14', ?,"
            + " coalesce(?, c.phone), DATE '1997-10-14', ?, ? FROM customers c"
            + " WHERE c.external_id = ?",
        rep,
        phone,
        valueAtRisk,
        points,
        customer);
    return HomeSql.count(
        home,
        "SELECT t.id FROM call_tasks t JOIN customers c ON c.id = t.customer_id"
            + " WHERE c.external_id = ?",
        customer);
  }

  @Test
  void calls_listedWithTalkingPoints_loggedOnce() throws Exception {
    String h = home.toString();
    cli.importExample(h);
    assertThat(run("calls", "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("No calls due by ");
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).as(cli.err()).isZero();
    long ada = task("1", "Maria", null, 200, "Ask how the roofing season went.");
    long carla = task("3", "Tom", null, 300, null);
    long evan = task("5", null, "+1 555 0505", 100, null);
    assertThat(run("offers", "issue", "1", "--kind", "percent", "--value", "10", "--home", h))
        .as(cli.err())
        .isZero();
    Matcher m = CODE.matcher(cli.out());
    assertThat(m.find()).as(cli.out()).isTrue();
    String code = m.group(1);
    assertThat(
            run(
                "contact",
                "1",
                "--channel",
                "letter",
                "--on",
                "1997-10-01",
                "--note",
                "catalogue",
                "--home",
                h))
        .isZero();

    // Maria's and the pool's, most at stake first; the offer issued today is held today
    assertThat(run("calls", "--rep", "Maria", "--home", h)).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out)
        .startsWith("2 calls due by ")
        .contains(" for Maria and the pool, most at stake first:");
    assertThat(out.indexOf("Task " + ada + ": call Ada Roofing Ltd (customer 1) on +1 555 0101"))
        .isPositive()
        .isLessThan(out.indexOf("Task " + evan + ": call Evan Ho (customer 5) on +1 555 0505"));
    assertThat(out)
        .doesNotContain("Task " + carla + ":")
        .contains(
            "  for Maria - due 1997-10-14 - lapsing-check-in, step 2 - value at risk 200.00 USD\n")
        .contains("  the pool's: any rep - due 1997-10-14")
        .contains("  Say:        Ask how the roofing season went.\n")
        .contains("  Last order: 1997-12-12, 26.48 USD\n")
        .contains("  Rhythm:     orders about every 3 months; ")
        .contains("  Rhythm:     one order so far; repeat customers order about every ")
        .contains("(run of 1997-10-14)")
        .contains("  Offers:     " + code + "  10% off, valid until ")
        .contains("  History:    1997-10-01  letter  command  catalogue\n")
        .contains("Log each call: rekindle calls log TASK OUTCOME");

    // as of the run's day: Tom's and the pool's; the December order and today's offer not yet
    assertThat(
            run("calls", "--rep", "Tom", "--as-of", "1997-10-14", "--format", "json", "--home", h))
        .as(cli.err())
        .isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.at("/asOf").asText()).isEqualTo("1997-10-14");
    assertThat(json.at("/rep").asText()).isEqualTo("Tom");
    assertThat(json.at("/calls")).hasSize(2);
    assertThat(json.at("/calls/0/task").asLong()).isEqualTo(carla);
    assertThat(json.at("/calls/0/assignedTo").asText()).isEqualTo("Tom");
    assertThat(json.at("/calls/0/talkingPoints/name").asText()).isEqualTo("Carla Diaz");
    assertThat(json.at("/calls/0/talkingPoints/scores/asOf").asText()).isEqualTo("1997-10-14");
    // Evan Ho has bought once: his rhythm is what repeat buyers do
    assertThat(json.at("/calls/1/talkingPoints/scores/repeatPurchases").asInt()).isZero();
    assertThat(json.at("/calls/1/task").asLong()).isEqualTo(evan);
    assertThat(json.at("/calls/1/pool").asBoolean()).isTrue();
    assertThat(json.at("/calls/1/assignedTo").isNull()).isTrue();
    assertThat(run("calls", "--as-of", "1997-10-14", "--format", "json", "--home", h)).isZero();
    JsonNode all = new ObjectMapper().readTree(cli.out());
    assertThat(all.at("/calls").findValues("task"))
        .extracting(JsonNode::asLong)
        .containsExactly(carla, ada, evan);
    assertThat(all.at("/calls/1/talkingPoints/lastOrder/date").asText()).isEqualTo("1997-08-02");
    assertThat(all.at("/calls/1/talkingPoints/offers")).isEmpty();

    // logged once
    assertThat(
            run(
                "calls",
                "log",
                Long.toString(ada),
                "will_order",
                "--note",
                "spring order coming",
                "--by",
                "maria",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .isEqualTo(
            "Logged task "
                + ada
                + " (customer 1): will-order (\"spring order coming\"), by maria.\n");
    assertThat(run("calls", "log", Long.toString(ada), "reached", "--by", "tom", "--home", h))
        .isEqualTo(3);
    assertThat(cli.err())
        .contains("call task " + ada + " was already logged by maria at ")
        .contains(": will-order (\"spring order coming\"); nothing was changed");
    assertThat(
            HomeSql.count(
                home,
                "SELECT count(*) FROM contacts WHERE call_task_id = ? AND source = 'outreach'"
                    + " AND channel = 'call'",
                ada))
        .isOne();
    assertThat(run("calls", "--rep", "Maria", "--home", h)).isZero();
    assertThat(cli.out()).startsWith("1 call due by ").doesNotContain("Task " + ada + ":");

    // what the customer asked for, said back
    assertThat(
            run("calls", "log", Long.toString(carla), "Do-Not-Contact", "--by", "tom", "--home", h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("Suppressed: phone +15550103; letter Springfield.")
        .contains("Customer 3 asked not to be contacted: consent is withdrawn on every channel.");
    assertThat(run("calls", "log", Long.toString(evan), "wrong-number", "--home", h)).isZero();
    assertThat(cli.out())
        .contains("Suppressed: phone +15550505.")
        .contains("Once the number is checked: rekindle suppress +15550505 --channel phone --lift");
  }

  @Test
  void callsLog_badInput_refusedWithTheReason() {
    String h = home.toString();
    cli.importExample(h);
    long ada = task("1", "Maria", null, 200, null);

    assertThat(run("calls", "log", Long.toString(ada), "hung-up", "--home", h)).isEqualTo(2);
    assertThat(cli.err())
        .contains(
            "not a call outcome: 'hung-up' (one of reached, voicemail, no-answer, wrong-number,"
                + " will-order, do-not-contact, reason-for-leaving)");
    assertThat(run("calls", "log", Long.toString(ada), "reason-for-leaving", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("reason-for-leaving needs the reason: --note");
    assertThat(run("calls", "log", "99999", "reached", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("there is no call task 99999");
    assertThat(run("calls", "log", "first", "reached", "--home", h)).isEqualTo(2);
    assertThat(run("calls", "--as-of", "14/10/1997", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("--as-of must be a date like 2024-03-31");
    assertThat(run("calls", "--limit", "0", "--home", h)).isEqualTo(2);
    assertThat(run("calls", "--format", "xml", "--home", h)).isEqualTo(2);
    assertThat(HomeSql.count(home, "SELECT count(*) FROM contacts")).isZero();
    assertThat(HomeSql.count(home, "SELECT count(*) FROM call_tasks WHERE status = 'open'"))
        .isOne();

    assertThat(
            run(
                "calls",
                "log",
                Long.toString(ada),
                "reason_for_leaving",
                "--note",
                "moved to a competitor",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    String reason =
        HomeSql.with(
            home,
            hd ->
                hd.select("SELECT outcome_note FROM call_tasks WHERE id = ?", ada)
                    .mapTo(String.class)
                    .one());
    assertThat(reason).isEqualTo("moved to a competitor");
  }

  @Test
  void callsLog_reasonForLeaving_keepsTheSurveyAnswerFromTheCall() {
    String h = home.toString();
    cli.importExample(h);
    long ada = task("1", "Maria", null, 200, null);
    long bob = task("2", "Tom", "+1 555 0202", 100, null);

    assertThat(
            run("calls", "log", Long.toString(bob), "reached", "--come-back", "yes", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--come-back goes with reason-for-leaving, not reached");
    assertThat(
            run(
                "calls",
                "log",
                Long.toString(ada),
                "reason-for-leaving",
                "--reason",
                "too rainy",
                "--home",
                h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--reason: the leaving reason must be one of price, service");
    assertThat(
            run(
                "calls",
                "log",
                Long.toString(ada),
                "reason-for-leaving",
                "--note",
                "x",
                "--come-back",
                "perhaps",
                "--home",
                h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--come-back must be yes, maybe or no, not 'perhaps'");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM survey_answers")).isZero();

    assertThat(
            run(
                "calls",
                "log",
                Long.toString(ada),
                "reason-for-leaving",
                "--note",
                "Service: the yard staff were rude",
                "--come-back",
                "maybe",
                "--bring-back",
                "a new yard manager",
                "--by",
                "maria",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains(
            "Kept as the customer's survey answer from a call: reason service; would come back:"
                + " maybe; would bring them back: \"a new yard manager\".");
    String kept =
        HomeSql.with(
            home,
            hd ->
                hd.select(
                        "SELECT concat_ws('|', a.source, a.reason, a.come_back, a.bring_back,"
                            + " a.comment, a.recorded_by, a.call_task_id) FROM survey_answers"
                            + " a JOIN customers c ON c.id = a.customer_id"
                            + " WHERE c.external_id = '1'")
                    .mapTo(String.class)
                    .one());
    assertThat(kept)
        .isEqualTo(
            "call|service|maybe|a new yard manager|Service: the yard staff were rude|maria|" + ada);

    // a sentence names no reason: kept as said, and the rep is told how to count one
    assertThat(
            run(
                "calls",
                "log",
                Long.toString(bob),
                "reason-for-leaving",
                "--note",
                "went to the big box store",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("no reason named (give --reason to count one)");
  }

  @Test
  void calls_help_explainsTheOutcomes() {
    assertThat(run("calls", "log", "--help")).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines)
        .anyMatch(
            l -> l.startsWith("  do-not-contact      the customer asked not to be contacted"));
    assertThat(run("calls", "--help")).isZero();
    assertThat(cli.out()).contains("--rep").contains("pool").contains("log");
  }
}
