package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.model.ModelKind;

/** {@code rekindle report}: its numbers are the stored rows' counts; contacted is not forgotten. */
class ReportCommandTest {
  private static final Path CDNOW = CliRun.EXAMPLES.resolve("cdnow");

  /** The latest run's scores with each customer's state. */
  private static final String SCORED =
      " FROM scores s JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
          + " WHERE s.run_id = (SELECT max(id) FROM runs)";

  @TempDir Path home;
  private final CliRun cli = new CliRun();
  private final ObjectMapper mapper = new ObjectMapper();

  private int run(String... args) {
    return cli.run(args);
  }

  private JsonNode report(String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("report", "--home", home.toString(), "--format", "json"));
    args.addAll(List.of(more));
    assertThat(run(args.toArray(String[]::new))).as(cli.err()).isZero();
    return mapper.readTree(cli.out());
  }

  @Test
  void report_numbersAreTheStoredCounts_andContactedCustomersAreNotForgotten() throws Exception {
    String h = home.toString();
    assertThat(run("report", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("there is no run yet").contains("'rekindle run'");

    cli.importExample(h);
    assertThat(run("run", "--as-of", "1997-09-30", "--home", h)).as(cli.err()).isZero();
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).as(cli.err()).isZero();

    JsonNode r = report();
    assertThat(r.at("/asOf").asText()).isEqualTo("1997-10-14");
    assertThat(r.at("/customers").asLong()).isEqualTo(2357);
    for (JsonNode line : r.at("/states")) {
      String state = line.at("/state").asText();
      assertThat(line.at("/customers").asLong())
          .as(state)
          .isEqualTo(HomeSql.count(home, "SELECT count(*)" + SCORED + " AND ls.state = ?", state));
    }
    assertThat(r.at("/states")).hasSize(6);
    assertThat(r.at("/recoveries/allTime/count").asLong())
        .isEqualTo(HomeSql.count(home, "SELECT count(*) FROM recoveries"))
        .isPositive();
    assertThat(r.at("/recoveries/last30Days/from/dormant").asLong())
        .isEqualTo(
            HomeSql.count(home, "SELECT count(*) FROM recoveries WHERE from_state = 'dormant'"));
    assertThat(r.at("/model/dataAsOf").asText()).isEqualTo("1997-09-30");
    assertThat(r.at("/model/customers").asLong()).isEqualTo(2357);
    // the first fit, as of 1997-09-30, had too little history before a holdout
    String skipped =
        HomeSql.with(
            home,
            hd ->
                hd.select("SELECT diagnostics->>'holdout_skipped' FROM model_fits")
                    .mapTo(String.class)
                    .one());
    assertThat(r.at("/model/holdout/status").asText()).isEqualTo("skipped");
    assertThat(r.at("/model/holdout/reason").asText()).isEqualTo(skipped);
    assertThat(r.at("/model/comparison")).hasSize(3);
    assertThat(r.at("/currency").asText()).isEqualTo("USD");
    assertThat(r.at("/accounts/creditAccounts").asLong()).isEqualTo(2);
    assertThat(r.at("/accounts/open").asLong())
        .isEqualTo(
            HomeSql.count(home, "SELECT count(*) FROM account_dormancy WHERE status <> 'dormant'"));
    assertThat(r.at("/accounts/noticesDue").asLong())
        .isEqualTo(
            HomeSql.count(
                home,
                "SELECT count(*) FROM account_dormancy WHERE status <> 'dormant'"
                    + " AND notice_due <= '1997-10-14'"));
    assertThat(r.at("/accounts/dormant").asLong())
        .isEqualTo(
            HomeSql.count(home, "SELECT count(*) FROM account_dormancy WHERE status = 'dormant'"));

    String forgottenRule =
        SCORED
            + " AND ls.state <> 'new' AND (ls.state IN ('lapsing', 'dormant')"
            + " OR s.overdue_ratio >= 1.5) AND NOT EXISTS (SELECT 1 FROM contacts k"
            + " WHERE k.customer_id = s.customer_id AND k.contacted_on >= (SELECT max(order_date)"
            + " FROM orders o WHERE o.customer_id = s.customer_id"
            + " AND o.order_date <= '1997-10-14'))";
    long forgotten = HomeSql.count(home, "SELECT count(*)" + forgottenRule);
    assertThat(r.at("/forgotten/count").asLong()).isEqualTo(forgotten);
    assertThat(r.at("/forgotten/top")).hasSize(10);
    String first = r.at("/forgotten/top/0/customerId").asText();
    double firstAtRisk = r.at("/forgotten/top/0/valueAtRisk").asDouble();
    assertThat(first).isEqualTo("1901");

    assertThat(run("report", "--home", h)).isZero();
    assertThat(cli.out())
        .startsWith("As of 1997-10-14 (run 2): 2,357 customers, ")
        .contains("\n  " + skipped + "\n")
        .contains(String.format(Locale.ROOT, "Forgotten customers: %,d overdue", forgotten))
        .contains("\n  1901  ");

    // a call made takes them off the list
    assertThat(run("contact", first, "--channel", "call", "--home", h)).as(cli.err()).isZero();
    JsonNode after = report("--forgotten", "3");
    assertThat(after.at("/forgotten/count").asLong()).isEqualTo(forgotten - 1);
    assertThat(after.at("/forgotten/valueAtRisk").asDouble())
        .isCloseTo(r.at("/forgotten/valueAtRisk").asDouble() - firstAtRisk, within(1e-6));
    assertThat(after.at("/forgotten/top")).hasSize(3);
    assertThat(after.at("/forgotten/top").findValuesAsText("customerId")).doesNotContain(first);
    assertThat(after.at("/forgotten/top/0/customerId").asText())
        .isEqualTo(r.at("/forgotten/top/1/customerId").asText());

    assertThat(run("report", "--home", h, "--forgotten", "-1")).isEqualTo(2);
    assertThat(run("report", "--home", h, "--format", "csv")).isEqualTo(2);
  }

  @Test
  void report_holdoutCheck_asTheRunRecordedIt_skippedOrNotRecorded() throws Exception {
    String h = home.toString();
    assertThat(run("import", "orders", CDNOW.resolve("cdnow_sample.csv").toString(), "--home", h))
        .isZero();
    // the first fit as of 1998-06-30 has a year of history before its 26-week holdout
    assertThat(run("run", "--as-of", "1998-06-30", "--home", h)).as(cli.err()).isZero();
    Map<String, Object> holdout =
        HomeSql.with(
            home,
            hd ->
                hd.select(
                        "SELECT d->>'calibration_end' AS calibration_end, (d->>'days')::int AS days,"
                            + " (d->>'mae')::float8 AS mae, (d->>'actual')::float8 AS actual,"
                            + " (d->>'predicted')::float8 AS predicted, d->>'model' AS model"
                            + " FROM (SELECT diagnostics->'holdout' AS d FROM model_fits) f")
                    .mapToMap()
                    .one());
    JsonNode checked = report();
    assertThat(checked.at("/model/holdout/status").asText()).isEqualTo("checked");
    assertThat(checked.at("/model/holdout/calibrationEnd").asText())
        .isEqualTo(holdout.get("calibration_end"));
    assertThat(checked.at("/model/holdout/mae").asDouble()).isEqualTo(holdout.get("mae"));
    assertThat(checked.at("/model/holdout/models")).hasSize(3);
    assertThat(run("report", "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains(
            String.format(
                Locale.ROOT,
                "  holdout check: fitted on the orders up to %s, judged on the %d days to"
                    + " 1998-06-30 (2,357 customers): %,.0f purchases happened, %,.1f predicted;"
                    + " MAE per customer %.4f (%s)%n",
                holdout.get("calibration_end"),
                (Integer) holdout.get("days"),
                (Double) holdout.get("actual"),
                (Double) holdout.get("predicted"),
                (Double) holdout.get("mae"),
                ModelKind.fromId((String) holdout.get("model")).displayName()))
        .containsPattern("\\n  \\S+/NBD +[0-9.,]+ +[0-9.]+   <- chosen\\n");

    HomeSql.execute(
        home,
        "UPDATE model_fits SET diagnostics = CAST(? AS jsonb)",
        "{\"models\": [], \"holdout_skipped\": \"the orders span less than two periods\"}");
    assertThat(run("report", "--home", h)).isZero();
    assertThat(cli.out()).contains("  no holdout check: the orders span less than two periods\n");
    JsonNode skipped = report();
    assertThat(skipped.at("/model/holdout/status").asText()).isEqualTo("skipped");
    assertThat(skipped.at("/model/holdout/reason").asText())
        .isEqualTo("the orders span less than two periods");

    // a fit made before holdout checks were recorded
    HomeSql.execute(home, "UPDATE model_fits SET diagnostics = '{}'");
    assertThat(run("report", "--home", h)).isZero();
    assertThat(cli.out()).contains("  no holdout check recorded\n");
    assertThat(report().at("/model/holdout/status").asText()).isEqualTo("not recorded");
  }
}
