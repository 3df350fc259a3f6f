package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle customer} on CDNOW with the example customer records. */
class CustomerCommandTest {
  private static final Path CDNOW = CliRun.EXAMPLES.resolve("cdnow");

  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void customer_beforeAndAfterARun_wordsAndNumbersAreTheStoredScores() throws Exception {
    String h = home.toString();
    cli.importExample(h);

    // no run yet: the record and the orders, and what to do
    assertThat(run("customer", "1", "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("Customer 1: Ada Roofing Ltd\n")
        .contains("  email           orders@ada-roofing.example\n")
        .contains("  tags            roofing, key account\n")
        .contains("  account         credit account\n")
        .contains("  consent         email yes, letter yes, phone no, sms no\n")
        .contains("not scored yet: run 'rekindle run'")
        .contains("Orders: 4, 100.50 USD in all, the latest first:")
        .contains("  1997-12-12  1@1997-12-12#1                    26.48  USD\n")
        .contains("Lifecycle history: none yet")
        .contains("Credit account: no dormancy dates yet");

    assertThat(run("run", "--as-of", "1997-09-30", "--home", h)).as(cli.err()).isZero();
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).as(cli.err()).isZero();
    Map<String, Object> stored =
        HomeSql.with(
            home,
            hd ->
                hd.select(
                        "SELECT s.p_alive, s.expected_purchases, s.clv, s.value_at_risk,"
                            + " s.days_since_last, s.usual_gap_days, s.overdue_ratio, s.frequency,"
                            + " ls.state FROM scores s JOIN customers c ON c.id = s.customer_id"
                            + " JOIN runs r ON r.id = s.run_id"
                            + " JOIN lifecycle_states ls ON ls.customer_id = c.id"
                            + " WHERE c.external_id = '1' AND r.as_of = '1997-10-14'")
                    .mapToMap()
                    .one());
    double pAlive = (Double) stored.get("p_alive");
    double clv = (Double) stored.get("clv");
    double valueAtRisk = (Double) stored.get("value_at_risk");

    assertThat(run("customer", "1", "--home", h, "--format", "json")).as(cli.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.at("/scores/pAlive").asDouble()).isEqualTo(pAlive);
    assertThat(json.at("/scores/clv").asDouble()).isEqualTo(clv);
    assertThat(json.at("/scores/valueAtRisk").asDouble()).isEqualTo(valueAtRisk);
    assertThat(json.at("/scores/expectedPurchases").asDouble())
        .isEqualTo((Double) stored.get("expected_purchases"));
    assertThat(json.at("/scores/usualGapDays").asDouble()).isEqualTo(106.5);
    assertThat(json.at("/scores/daysSinceLastPurchase").asDouble()).isCloseTo(73, within(1e-9));
    assertThat(json.at("/scores/repeatPurchases").asInt()).isEqualTo(2);
    assertThat(json.at("/lifecycle/state").asText()).isEqualTo(stored.get("state"));
    assertThat(json.at("/latestRun/asOf").asText()).isEqualTo("1997-10-14");
    assertThat(json.at("/notScored").isNull()).isTrue();
    // orders on 1 Jan, 18 Jan and 2 Aug 1997: two gaps averaging 106.5 days; silent 73 days
    String rhythm = "orders about every 3 months; last order 10 weeks ago - on rhythm";
    String alive = String.format(Locale.ROOT, "P(alive) %.2f: ", pAlive);
    String value =
        String.format(
            Locale.ROOT,
            "worth about %,.0f USD from here on; another %,.0f USD at stake if nobody acts",
            clv,
            valueAtRisk);
    assertThat(json.at("/words/0").asText()).isEqualTo(rhythm);
    assertThat(json.at("/words/1").asText()).startsWith(alive).contains("in the next 12 months");
    assertThat(json.at("/words/2").asText()).isEqualTo(value);
    assertThat(json.at("/orders/count").asInt()).isEqualTo(4);
    assertThat(json.at("/orders/latest/0/amount").decimalValue()).isEqualByComparingTo("26.48");
    assertThat(json.at("/lifecycleHistory")).hasSize(2);
    assertThat(json.at("/lifecycleHistory/0/on").asText()).isEqualTo("1997-09-30");
    // the run gave the credit account its dormancy dates
    Map<String, Object> account =
        HomeSql.with(
            home,
            hd ->
                hd.select(
                        "SELECT d.status, d.notice_due, d.dormant_on, d.last_order"
                            + " FROM account_dormancy d JOIN customers c ON c.id = d.customer_id"
                            + " WHERE c.external_id = '1'")
                    .mapToMap()
                    .one());
    assertThat(json.at("/account/status").asText()).isEqualTo(account.get("status"));
    assertThat(json.at("/account/noticeDue").asText())
        .isEqualTo(String.valueOf(account.get("notice_due")));
    assertThat(json.at("/account/dormantOn").asText())
        .isEqualTo(String.valueOf(account.get("dormant_on")));

    assertThat(run("customer", "1", "--home", h)).isZero();
    assertThat(cli.out())
        .contains("As of 1997-10-14 (run 2): " + stored.get("state") + " since ")
        .contains("  " + rhythm + "\n")
        .contains("  " + alive)
        .contains("  " + value + "\n")
        .contains(String.format(Locale.ROOT, "  value at risk       %,.2f%n", valueAtRisk))
        .contains("  usual gap           107 days\n")
        .contains("Lifecycle history:\n")
        .contains(
            "\nCredit account: "
                + account.get("status")
                + "; notice due "
                + account.get("notice_due")
                + ", goes dormant "
                + account.get("dormant_on")
                + "; last order "
                + account.get("last_order")
                + "\n");
  }

  @Test
  void customer_manyOrders_unknownIdAndBadOptions() throws Exception {
    String h = home.toString();
    assertThat(run("customer", "1901", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("no customer with id '1901'");

    assertThat(run("import", "orders", CDNOW.resolve("cdnow_sample.csv").toString(), "--home", h))
        .isZero();
    assertThat(run("customer", "1901", "--home", h, "--orders", "3")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("Customer 1901\n")
        .contains("  (only orders have named this customer")
        .contains("Orders: 56, 6,552.70 USD in all; the latest 3 (53 more: --orders 56 shows all):")
        .contains("  1997-04-11  1901@1997-04-11#1")
        .doesNotContain("1997-03-");
    assertThat(run("customer", " 1901 ", "--home", h, "--orders", "0", "--format", "json"))
        .isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.at("/orders/latest")).isEmpty();
    assertThat(json.at("/orders/more").asInt()).isEqualTo(56);
    assertThat(json.at("/scores").isNull()).isTrue();
    assertThat(json.at("/notScored").asText()).isEqualTo("not scored yet: run 'rekindle run'");
    assertThat(json.at("/words")).isEmpty();

    assertThat(run("customer", "99999", "--home", h)).isEqualTo(3);
    assertThat(cli.err())
        .contains("no customer with id '99999'")
        .contains("'rekindle customers' lists");
    assertThat(cli.out()).isEmpty();
    assertThat(run("customer", "1901", "--home", h, "--format", "xml")).isEqualTo(2);
    assertThat(run("customer", "1901", "--home", h, "--orders", "-1")).isEqualTo(2);
    assertThat(run("customer", "--home", h)).isEqualTo(2);
  }
}
