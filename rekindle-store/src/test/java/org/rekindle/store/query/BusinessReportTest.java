package org.rekindle.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rekindle.model.ModelKind;

/** The report of the latest run, checked against the stored rows it sums up. */
class BusinessReportTest extends QueryTestBase {
  /** The latest run's scores with each customer's state. */
  private static final String SCORED =
      " FROM scores s JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
          + " WHERE s.run_id = (SELECT id FROM runs WHERE as_of = '1997-10-14')";

  @AfterEach
  void undo() {
    execute("DELETE FROM contacts");
    execute("DELETE FROM account_dormancy");
  }

  private static BusinessReport.Report report(int forgotten) {
    return BusinessReport.latest(store.jdbi(), forgotten).orElseThrow();
  }

  @Test
  void latest_statesAndRecoveries_equalTheStoredRows() {
    BusinessReport.Report r = report(10);
    assertThat(r.asOf()).isEqualTo(AS_OF);
    assertThat(r.currency()).contains("USD");
    assertThat(r.runId()).isEqualTo(count("SELECT id FROM runs WHERE as_of = ?", AS_OF));
    assertThat(r.states())
        .extracting(BusinessReport.StateLine::state)
        .containsExactlyElementsOf(BusinessReport.STATES);
    for (BusinessReport.StateLine line : r.states()) {
      assertThat(line.customers())
          .as(line.state())
          .isEqualTo(count("SELECT count(*)" + SCORED + " AND ls.state = ?", line.state()));
      if (line.customers() > 0) {
        assertThat(line.valueAtRisk().orElseThrow())
            .as(line.state())
            .isCloseTo(
                number("SELECT sum(s.value_at_risk)" + SCORED + " AND ls.state = ?", line.state()),
                within(1e-6));
      }
    }
    assertThat(r.customers()).isEqualTo(2357);
    assertThat(r.valueAtRisk().orElseThrow())
        .isCloseTo(number("SELECT sum(s.value_at_risk)" + SCORED), within(1e-6));

    // every comeback of this data came on 1997-10-14's run, within the last 30 days
    long comebacks = count("SELECT count(*) FROM recoveries");
    assertThat(comebacks).isPositive();
    assertThat(r.allTime().count()).isEqualTo(comebacks);
    assertThat(r.recent().count())
        .isEqualTo(count("SELECT count(*) FROM recoveries WHERE recovered_on > '1997-09-14'"));
    for (String from : List.of("lapsing", "dormant", "lost")) {
      assertThat(r.allTime().from().get(from))
          .as(from)
          .isEqualTo(count("SELECT count(*) FROM recoveries WHERE from_state = ?", from));
    }
    assertThat(r.allTime().valueAtRisk())
        .isCloseTo(number("SELECT sum(value_at_risk) FROM recoveries"), within(1e-6));
    assertThat(r.states().get(BusinessReport.STATES.indexOf("reactivated")).customers())
        .isEqualTo(comebacks);
  }

  @Test
  void latest_recoveries_countOnlyTheLast30Days() {
    execute("UPDATE recoveries SET recovered_on = recovered_on - 40 WHERE id % 2 = 0");
    try {
      BusinessReport.Report r = report(0);
      assertThat(r.recent().count())
          .isEqualTo(count("SELECT count(*) FROM recoveries WHERE id % 2 = 1"))
          .isLessThan(r.allTime().count());
    } finally {
      execute("UPDATE recoveries SET recovered_on = recovered_on + 40 WHERE id % 2 = 0");
    }
  }

  @Test
  void latest_fit_withTheThreeShapesOfDiagnostics() {
    String recorded = text("SELECT diagnostics::text FROM model_fits");
    try {
      fitWithEachShape();
    } finally {
      execute("UPDATE model_fits SET diagnostics = CAST(? AS jsonb)", recorded);
    }
  }

  private void fitWithEachShape() {
    BusinessReport.Fit fit = report(0).fit();
    assertThat(fit.model()).isEqualTo(text("SELECT model FROM model_fits"));
    assertThat(fit.params().keySet())
        .containsExactlyElementsOf(ModelKind.fromId(fit.model()).parameterNames());
    assertThat(fit.params().get("r"))
        .isEqualTo(number("SELECT (params->>'r')::float8 FROM model_fits"));
    assertThat(fit.logLikelihood()).isEqualTo(number("SELECT log_likelihood FROM model_fits"));
    assertThat(fit.spendParams().keySet()).containsExactly("p", "q", "gamma");
    assertThat(fit.dataAsOf()).isEqualTo(FIRST_RUN);
    assertThat(fit.customers()).contains(2357L);
    assertThat(fit.repeatPurchases()).isPresent();
    assertThat(fit.decision().orElseThrow()).startsWith("reusing the fit of 1997-09-30");
    // as the run recorded it: 1997-09-30 leaves too little history before a holdout
    assertThat(fit.comparison())
        .hasSize((int) count("SELECT jsonb_array_length(diagnostics->'models') FROM model_fits"))
        .extracting(BusinessReport.ModelFit::model)
        .contains(fit.model());
    assertThat(fit.holdout())
        .isEqualTo(
            new BusinessReport.Skipped(
                text("SELECT diagnostics->>'holdout_skipped' FROM model_fits")));

    // a fit made before the check was recorded: diagnostics {}
    execute("UPDATE model_fits SET diagnostics = '{}'");
    BusinessReport.Fit old = report(0).fit();
    assertThat(old.holdout()).isEqualTo(new BusinessReport.NotRecorded());
    assertThat(old.comparison()).isEmpty();

    execute(
        "UPDATE model_fits SET diagnostics = CAST(? AS jsonb)",
        """
        {"models": [{"model": "bgnbd", "log_likelihood": -9582.43, "bic": 19195.9,
                     "converged": true},
                    {"model": "pnbd", "log_likelihood": -9594.98, "bic": 19221.0,
                     "converged": false}],
         "holdout": {"calibration_end": "1997-04-01", "as_of": "1997-09-30", "days": 182,
                     "customers": 2357, "actual": 456.0, "predicted": 440.2, "mae": 0.41,
                     "model": "bgnbd",
                     "models": [{"model": "bgnbd", "predicted": 440.2, "mae": 0.41},
                                {"model": "pnbd", "predicted": 430.0, "mae": 0.45}]}}
        """);
    BusinessReport.Fit checked = report(0).fit();
    assertThat(checked.comparison())
        .containsExactly(
            new BusinessReport.ModelFit(
                "bgnbd", Optional.of(-9582.43), Optional.of(19195.9), Optional.of(true)),
            new BusinessReport.ModelFit(
                "pnbd", Optional.of(-9594.98), Optional.of(19221.0), Optional.of(false)));
    assertThat(checked.holdout())
        .isEqualTo(
            new BusinessReport.Checked(
                Optional.of(LocalDate.of(1997, 4, 1)),
                Optional.of(FIRST_RUN),
                Optional.of(182.0),
                Optional.of(2357L),
                Optional.of(456.0),
                Optional.of(440.2),
                Optional.of(0.41),
                Optional.of("bgnbd"),
                List.of(
                    new BusinessReport.ModelHoldout("bgnbd", Optional.of(440.2), Optional.of(0.41)),
                    new BusinessReport.ModelHoldout(
                        "pnbd", Optional.of(430.0), Optional.of(0.45)))));

    execute(
        "UPDATE model_fits SET diagnostics = CAST(? AS jsonb)",
        "{\"models\": [], \"holdout_skipped\": \"fewer than 100 customers ordered before the"
            + " calibration end\"}");
    assertThat(report(0).fit().holdout())
        .isEqualTo(
            new BusinessReport.Skipped(
                "fewer than 100 customers ordered before the calibration end"));

    // written by some other version: whatever is not as expected is left out, not a failure
    execute(
        "UPDATE model_fits SET diagnostics = CAST(? AS jsonb)",
        "{\"models\": {\"bgnbd\": 1}, \"holdout\": {\"mae\": \"small\", \"as_of\": \"soon\","
            + " \"models\": [{\"predicted\": 1}]}}");
    BusinessReport.Fit odd = report(0).fit();
    assertThat(odd.comparison()).isEmpty();
    assertThat(odd.holdout())
        .isEqualTo(
            new BusinessReport.Checked(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of()));
  }

  @Test
  void latest_accounts_openNoticesDueGoingDormantAndDormant() {
    execute("DELETE FROM account_dormancy");
    // 1 and 4 are credit accounts, 2 a consumer whose stray row must not count
    execute(
        "INSERT INTO account_dormancy (customer_id, last_order, dormant_on, notice_due, status)"
            + " SELECT id, DATE '1997-08-02', CAST(? AS date), CAST(? AS date), ? FROM customers"
            + " WHERE external_id = ?",
        "1997-11-01",
        "1997-10-02",
        "open",
        "1");
    execute(
        "INSERT INTO account_dormancy (customer_id, last_order, dormant_on, notice_due, status)"
            + " SELECT id, DATE '1997-01-01', CAST(? AS date), CAST(? AS date), ? FROM customers"
            + " WHERE external_id = ?",
        "1997-07-01",
        "1997-06-01",
        "dormant",
        "4");
    execute(
        "INSERT INTO account_dormancy (customer_id, last_order, dormant_on, notice_due, status)"
            + " SELECT id, DATE '1997-08-02', CAST(? AS date), CAST(? AS date), ? FROM customers"
            + " WHERE external_id = ?",
        "1997-10-20",
        "1997-09-20",
        "open",
        "2");
    assertThat(report(0).accounts()).isEqualTo(new BusinessReport.Accounts(2, 1, 1, 1, 1));

    // notice not yet due, dormancy two months away
    execute(
        "UPDATE account_dormancy SET notice_due = '1997-11-14', dormant_on = '1997-12-14'"
            + " WHERE customer_id = (SELECT id FROM customers WHERE external_id = '1')");
    assertThat(report(0).accounts()).isEqualTo(new BusinessReport.Accounts(2, 1, 0, 0, 1));

    // a credit account without dates is counted as an account, not as open or dormant
    execute(
        "DELETE FROM account_dormancy WHERE customer_id ="
            + " (SELECT id FROM customers WHERE external_id = '4')");
    assertThat(report(0).accounts()).isEqualTo(new BusinessReport.Accounts(2, 1, 0, 0, 0));
  }

  @Test
  void latest_forgotten_followTheRuleAndLeaveWhenContacted() {
    BusinessReport.Report r = report(10);
    ForgottenCustomers.Result f = r.forgotten();
    // the rule, written with the last order read from the orders themselves
    String forgotten =
        SCORED
            + " AND ls.state <> 'new' AND (ls.state IN ('lapsing', 'dormant')"
            + " OR s.overdue_ratio >= 1.5) AND NOT EXISTS (SELECT 1 FROM contacts k"
            + " WHERE k.customer_id = s.customer_id AND k.contacted_on >= (SELECT max(order_date)"
            + " FROM orders o WHERE o.customer_id = s.customer_id"
            + " AND o.order_date <= '1997-10-14'))";
    assertThat(f.count()).isEqualTo(count("SELECT count(*)" + forgotten)).isGreaterThan(10);
    assertThat(f.valueAtRisk())
        .isCloseTo(number("SELECT sum(s.value_at_risk)" + forgotten), within(1e-6));
    assertThat(f.top()).hasSize(10);
    double previous = Double.MAX_VALUE;
    for (ForgottenCustomers.Row row : f.top()) {
      assertThat(row.valueAtRisk().orElseThrow()).isLessThanOrEqualTo(previous);
      previous = row.valueAtRisk().get();
      assertThat(
              row.state().equals("lapsing")
                  || row.state().equals("dormant")
                  || row.overdueRatio().orElseThrow() >= 1.5)
          .as(row.customerId())
          .isTrue();
      assertThat(row.lastOrder())
          .isEqualTo(
              date(
                  "SELECT max(order_date) FROM orders o JOIN customers c ON c.id = o.customer_id"
                      + " WHERE c.external_id = ? AND o.order_date <= '1997-10-14'",
                  row.customerId()));
      assertThat(row.daysSilent())
          .isCloseTo(ChronoUnit.DAYS.between(row.lastOrder(), AS_OF), within(1e-6));
    }
    assertThat(f.top().get(0).customerId()).isEqualTo("1901");

    // a call on the day of the last order counts; a letter the day before does not
    ForgottenCustomers.Row first = f.top().get(0);
    ForgottenCustomers.Row second = f.top().get(1);
    Contacts.record(
        store.jdbi(),
        first.customerId(),
        first.lastOrder(),
        Contacts.Channel.CALL,
        Optional.empty(),
        "test");
    Contacts.record(
        store.jdbi(),
        second.customerId(),
        second.lastOrder().minusDays(1),
        Contacts.Channel.LETTER,
        Optional.empty(),
        "test");
    ForgottenCustomers.Result after = report(10).forgotten();
    assertThat(after.count()).isEqualTo(f.count() - 1);
    assertThat(after.valueAtRisk())
        .isCloseTo(f.valueAtRisk() - first.valueAtRisk().orElseThrow(), within(1e-6));
    assertThat(after.top())
        .extracting(ForgottenCustomers.Row::customerId)
        .doesNotContain(first.customerId())
        .startsWith(second.customerId());

    assertThat(report(3).forgotten().top()).hasSize(3);
    assertThat(report(0).forgotten().top()).isEmpty();
    assertThat(report(0).forgotten().count()).isEqualTo(after.count());
  }

  @Test
  void latest_withoutACompletedRun_isEmpty() {
    execute("UPDATE runs SET status = 'running'");
    try {
      assertThat(BusinessReport.latest(store.jdbi(), 10)).isEmpty();
    } finally {
      execute("UPDATE runs SET status = 'completed'");
    }
  }
}
