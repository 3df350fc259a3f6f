package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle reasons} on answers written with plain SQL, as the survey page leaves them. */
class ReasonsCommandTest {
  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private void answers(int first, int n, String reason, String at, String comment) {
    HomeSql.execute(
        home,
        "INSERT INTO survey_answers (customer_id, source, reason, come_back, comment, segment,"
            + " owner_rep, lifecycle_state, answered_at)"
            + " SELECT id, 'survey', ?, 'maybe', ? || CASE WHEN ? = '' THEN '' ELSE ' ' || id END,"
            + " 'retail', 'Maria', 'lost', CAST(? AS timestamptz)"
            + " FROM customers WHERE id >= ? AND id < ?",
        reason,
        comment.isEmpty() ? null : comment,
        comment,
        at,
        first,
        first + n);
  }

  private void customers(int n) {
    HomeSql.execute(
        home,
        "INSERT INTO customers (external_id) SELECT 'c' || g FROM generate_series(1, ?) g",
        n);
  }

  @Test
  void reasons_withNoAnswers_saysSoAndHowTheyArrive() {
    String h = home.toString();
    assertThat(cli.run("reasons", "--home", h, "--until", "2026-11-30")).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("No exit-survey answers yet")
        .contains("survey page")
        .contains("calls")
        .doesNotContain("Why they left")
        .doesNotContain("Over time");

    assertThat(cli.run("reasons", "--home", h, "--format", "json")).isZero();
    assertThat(cli.out()).contains("\"message\"").contains("\"answers\" : 0");
  }

  @Test
  void reasons_tableCsvAndJson() throws Exception {
    String h = home.toString();
    customers(200);
    // six months of 20 answers: 5 price and 15 service, then November with 20 of 40 price
    for (int m = 5; m <= 10; m++) {
      int first = 1 + (m - 5) * 20;
      String at = String.format("2026-%02d-10T12:00:00Z", m);
      answers(first, 5, "price", at, "prices went up");
      answers(first + 5, 15, "service", at, "");
    }
    answers(121, 30, "price", "2026-11-10T12:00:00Z", "prices went up");
    answers(151, 10, "service", "2026-11-11T12:00:00Z", "=HYPERLINK(\"http://x\") rude staff");
    HomeSql.execute(
        home,
        "INSERT INTO survey_answers (customer_id, source, comment, answered_at)"
            + " VALUES (190, 'call', 'no idea', '2026-11-12T12:00:00Z')");

    assertThat(cli.run("reasons", "--home", h, "--until", "2026-11-30")).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out)
        .contains("161 exit-survey answers from 2026-05-01 to 2026-11-30")
        .contains("Why they left (shares of the 160 answers that gave a reason)")
        .containsPattern("price +60 +38%")
        .containsPattern("service or staff +100 +63%")
        .containsPattern("found another supplier +0 +0%")
        .containsPattern("no reason given +1 ")
        .contains("Over time")
        .contains("2026-05")
        .contains("2026-11")
        .contains("By segment")
        .containsPattern("retail +160 answers: service or staff 63%, price 38%")
        .contains("By rep")
        .contains("Maria")
        .contains("Would they come back")
        .contains("What they said")
        .contains("\"prices went up")
        .contains("What would bring them back: nothing written")
        .contains("Alerts (November 2026, the latest complete month)")
        .contains("! price: 75% of 40 answers this month against 25% over the previous 6 months");

    assertThat(cli.run("reasons", "--home", h, "--until", "2026-01-31")).isZero();
    assertThat(cli.out())
        .contains("No exit-survey answers up to 2026-01-31 (161 answers in all")
        .doesNotContain("Why they left");

    assertThat(cli.run("reasons", "--home", h, "--until", "2026-11-30", "--format", "csv"))
        .isZero();
    List<String> csv = cli.out().lines().toList();
    assertThat(csv.get(0))
        .isEqualTo("section,group,item,count,total,percent,detail,quote_1,quote_2,quote_3");
    assertThat(csv).contains("why,\"\",\"price\",60,160,37.5,\"\",\"\",\"\",\"\"");
    assertThat(csv).contains("why,\"\",\"just forgot\",0,160,0.0,\"\",\"\",\"\",\"\"");
    assertThat(csv.stream().filter(l -> l.startsWith("why,"))).hasSize(10);
    assertThat(csv.stream().filter(l -> l.startsWith("over_time,\"2026-09\""))).hasSize(10);
    // a quote from a customer that a spreadsheet would run as a formula is neutralised
    assertThat(cli.out()).contains("\"'=HYPERLINK(\"\"http://x\"\") rude staff");
    assertThat(cli.out()).doesNotContain(",\"=HYPERLINK");
    assertThat(csv).anyMatch(l -> l.startsWith("alert,\"2026-11\",\"price\",30,40,75.0,\"ALERT: "));

    assertThat(
            cli.run(
                "reasons",
                "--home",
                h,
                "--until",
                "2026-11-30",
                "--by",
                "week",
                "--format",
                "json",
                "--since",
                "2026-11-01"))
        .as(cli.err())
        .isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.at("/answers").asLong()).isEqualTo(41);
    assertThat(json.at("/reasons/reasons")).hasSize(9);
    assertThat(json.at("/reasons/reasons/0/reason").asText()).isEqualTo("price");
    assertThat(json.at("/reasons/reasons/0/answers").asLong()).isEqualTo(30);
    assertThat(json.at("/overTime/0/period").asText()).isEqualTo("2026-11-09");
    assertThat(json.at("/said/themes/0/quotes").size()).isBetween(1, 3);
    assertThat(json.at("/alerts/period").asText()).isEqualTo("2026-11-23");
    assertThat(json.at("/alerts/checks")).hasSize(9);
  }

  @Test
  void reasons_badOptions_areUsageErrorsNamingTheOption() {
    String h = home.toString();
    assertThat(cli.run("reasons", "--home", h, "--by", "day")).isEqualTo(2);
    assertThat(cli.err()).contains("--by").contains("month or week");
    assertThat(cli.run("reasons", "--home", h, "--format", "xml")).isEqualTo(2);
    assertThat(cli.err()).contains("--format must be table, csv or json");
    assertThat(cli.run("reasons", "--home", h, "--since", "2026-12-01", "--until", "2026-11-01"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--since 2026-12-01 is after --until 2026-11-01");
    assertThat(cli.run("reasons", "--home", h, "--since", "last week")).isEqualTo(2);
    assertThat(cli.err()).contains("--since must be a date");
    assertThat(cli.run("reasons", "--home", h, "--max-texts", "0")).isEqualTo(2);
  }

  @Test
  void reasons_help_explainsEverySection() {
    assertThat(cli.run("reasons", "--help")).isZero();
    assertThat(cli.out())
        .contains("Why they left")
        .contains("Over time")
        .contains("By segment / rep / state")
        .contains("Would they come back")
        .contains("What they said")
        .contains("What would bring them back")
        .contains("Alerts")
        .contains("--include-feedback")
        .contains("--by")
        .contains("--since")
        .contains("--until");
  }
}
