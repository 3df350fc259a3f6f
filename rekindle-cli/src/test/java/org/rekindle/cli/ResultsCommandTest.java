package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle results}: the sections in words, csv and json, and refused options. */
class ResultsCommandTest {
  @TempDir Path home;
  private final CliRun cli = new CliRun();

  /**
   * 40 contacted (20 come back with an order of 50) and 40 held out (8 come back with 25) of the
   * default playbook 'dormant-win-back', one comeback credited to its email, one slide into lost
   * without a contact, and a customer whose id a spreadsheet would run as a formula.
   */
  private void fill() {
    HomeSql.with(
        home,
        h -> {
          h.execute(
              "INSERT INTO customers (external_id, segment) SELECT 'c' || g,"
                  + " CASE WHEN g <= 4 THEN 'key' END FROM generate_series(1, 80) g");
          h.execute("INSERT INTO customers (external_id) VALUES ('=HYPERLINK(1)')");
          h.execute(
              "INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on, status,"
                  + " ended_on) SELECT id, 'dormant-win-back', DATE '2024-03-01', 'test',"
                  + " DATE '2024-03-01', CASE WHEN id > 40 THEN 'held_out' ELSE 'completed' END,"
                  + " DATE '2024-03-01' FROM customers WHERE id <= 80");
          h.execute(
              "INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount,"
                  + " currency) SELECT 'o' || id, id, TIMESTAMPTZ '2024-03-05 00:00Z',"
                  + " DATE '2024-03-05', CASE WHEN id <= 40 THEN 50 ELSE 25 END, 'USD'"
                  + " FROM customers WHERE id <= 20 OR id BETWEEN 41 AND 48 OR id = 81");
          h.execute(
              "INSERT INTO contacts (customer_id, contacted_on, channel, source, playbook, step)"
                  + " VALUES (81, DATE '2024-03-01', 'email', 'outreach', 'dormant-win-back', 1),"
                  + " (2, DATE '2024-06-29', 'call', 'command', NULL, NULL)");
          h.execute(
              "INSERT INTO recoveries (customer_id, order_id, recovered_on, from_state)"
                  + " SELECT 81, id, DATE '2024-03-05', 'dormant' FROM orders WHERE customer_id = 81");
          h.execute(
              "INSERT INTO lifecycle_transitions (customer_id, from_state, to_state, on_date,"
                  + " value_at_risk, reason) VALUES (70, 'active', 'lapsing', '2024-01-01', 400,"
                  + " 't'), (70, 'lapsing', 'lost', '2024-04-01', 100, 't')");
          return null;
        });
  }

  @Test
  void results_table_readsLikeSentences() {
    fill();
    int code = cli.run("results", "--home", home.toString(), "--as-of", "2024-06-30");
    assertThat(code).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out)
        .contains("Results as of 2024-06-30, since the beginning, with a window of 30 days.")
        .contains("Dormant win-back with an offer (dormant-win-back)")
        .contains("came back: 50.0% of 40 contacted, 20.0% of 40 held out")
        .contains("lift: +30.0 points (95% CI +")
        .contains("more came back than would have anyway")
        .contains("revenue per customer in the window: 25.00 contacted, 5.00 held out: +20.00")
        .contains("What was lost: 1 customer slid from lapsing or dormant into lost, 400.00 USD")
        .contains("Monthly check-in for key accounts")
        .contains("1 of 4 contacted (25.0%)");
    assertThat(out)
        .containsPattern(
            "Dormant win-back with an offer\\s+1\\s+0\\s+1\\s+25.00\\s+0.00\\s+25.00\\s+no cost");
  }

  @Test
  void results_csvAndJson_holdTheSameNumbers_andNeutraliseFormulas() throws Exception {
    fill();
    String h = home.toString();
    assertThat(
            cli.run(
                "results", "--home", h, "--as-of", "2024-06-30", "--format", "csv", "--customers"))
        .as(cli.err())
        .isZero();
    String csv = cli.out();
    assertThat(csv)
        .contains(
            "lift_per_playbook,\"dormant-win-back\",\"Dormant win-back with an offer\",\"\",40,20,40,8,0,30,")
        .contains(
            "comeback,\"'=HYPERLINK(1)\",2024-03-05,dormant,\"o81\",contact,\"dormant-win-back\",1,2024-03-01,25.0000,0,25.0000")
        .contains("lost,not_contacted,1,400");
    assertThat(csv).doesNotContain(",\"=HYPERLINK");
    assertThat(cli.run("results", "--home", h, "--as-of", "2024-06-30", "--format", "json"))
        .isZero();
    JsonNode j = new ObjectMapper().readTree(cli.out());
    assertThat(j.at("/liftPerPlaybook/0/contacted/cameBack").asLong()).isEqualTo(20);
    assertThat(j.at("/liftPerPlaybook/0/verdict").asText()).isEqualTo("more_came_back");
    assertThat(j.at("/ledger/0/roi").isNull()).isTrue();
    assertThat(j.at("/lost/notContactedValueAtRisk").asDouble()).isEqualTo(400.0);
    assertThat(j.at("/coverage/0/share").asDouble()).isEqualTo(0.25);

    // --since after everything: the lift and the ledger empty, coverage as before
    assertThat(cli.run("results", "--home", h, "--as-of", "2024-06-30", "--since", "2024-06-01"))
        .isZero();
    assertThat(cli.out())
        .contains("no playbook has started for anyone yet")
        .contains("nobody came back");
  }

  @Test
  void results_badOptions_areUsageErrorsNamingTheOption() {
    String h = home.toString();
    assertThat(cli.run("results", "--home", h, "--window", "0")).isEqualTo(2);
    assertThat(cli.err()).contains("--window must be between 1 and 3650 days, was 0");
    assertThat(cli.run("results", "--home", h, "--since", "2024-02-30")).isEqualTo(2);
    assertThat(cli.err()).contains("--since must be a date like 2024-03-31");
    assertThat(cli.run("results", "--home", h, "--as-of", "2024-01-01", "--since", "2024-02-01"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--since (2024-02-01) must not be after the as-of date");
    assertThat(cli.run("results", "--home", h, "--format", "xml")).isEqualTo(2);
    assertThat(cli.err()).contains("--format must be table, csv or json");
    assertThat(cli.run("results", "--help")).isZero();
    assertThat(cli.out())
        .contains("--window=DAYS")
        .contains("--customers")
        .contains("Check-in coverage");
  }
}
