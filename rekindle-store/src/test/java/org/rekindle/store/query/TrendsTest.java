package org.rekindle.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overview's trends read back from the CDNOW store of {@link QueryTestBase}, against SQL. */
class TrendsTest extends QueryTestBase {
  final Trends trends = new Trends(store.jdbi());

  @Test
  void latestRun_isTheLastCompletedOne() {
    assertThat(trends.latestRun().orElseThrow().asOf()).isEqualTo(AS_OF);
  }

  @Test
  void comebacksPerWeek_countEachWeekFromMonday_emptyWeeksIncluded() {
    List<Trends.WeekOfComebacks> weeks = trends.comebacksPerWeek(AS_OF, 4);
    assertThat(weeks)
        .extracting(Trends.WeekOfComebacks::monday)
        .containsExactly(
            LocalDate.of(1997, 9, 22),
            LocalDate.of(1997, 9, 29),
            LocalDate.of(1997, 10, 6),
            LocalDate.of(1997, 10, 13));
    for (Trends.WeekOfComebacks w : weeks) {
      assertThat(w.comebacks())
          .as(w.monday().toString())
          .isEqualTo(
              count(
                  "SELECT count(*) FROM recoveries WHERE recovered_on >= ? AND recovered_on < ?"
                      + " AND recovered_on <= ?",
                  w.monday(),
                  w.monday().plusWeeks(1),
                  AS_OF));
    }
    assertThat(weeks.stream().mapToLong(Trends.WeekOfComebacks::comebacks).sum())
        .isEqualTo(count("SELECT count(*) FROM recoveries"))
        .isPositive();
    assertThatThrownBy(() -> trends.comebacksPerWeek(AS_OF, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weeklyRuns_takeTheLatestRunOfEachWeek() {
    assertThat(trends.weeklyRuns(AS_OF, 4))
        .extracting(Trends.Run::asOf)
        .containsExactly(FIRST_RUN, AS_OF);
    assertThat(trends.weeklyRuns(AS_OF, 1)).extracting(Trends.Run::asOf).containsExactly(AS_OF);
  }

  @Test
  void risk_sumsTheRunsScores_asTheReportDoes() {
    Trends.Run run = trends.latestRun().orElseThrow();
    Trends.RunRisk risk = trends.risk(run);
    BusinessReport.Report report = BusinessReport.latest(store.jdbi(), 0).orElseThrow();
    assertThat(risk.customers()).isEqualTo(report.customers()).isEqualTo(2357);
    assertThat(risk.valueAtRisk().orElseThrow())
        .isCloseTo(report.valueAtRisk().orElseThrow(), within(1e-6));
    assertThat(risk.atRisk())
        .isEqualTo(
            count(
                "SELECT count(*) FROM scores WHERE run_id = ? AND lifecycle IN ('lapsing',"
                    + " 'dormant', 'lost')",
                run.id()))
        .isPositive();
  }

  @Test
  void firstPurchases_areEachCustomersFirstOrderDay() {
    Map<LocalDate, Long> expected = new HashMap<>();
    store
        .jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT first, count(*) FROM (SELECT min(order_date) AS first FROM orders"
                            + " GROUP BY customer_id) f GROUP BY first")
                    .map((rs, ctx) -> expected.put(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                    .list());
    assertThat(trends.firstPurchases(trends.latestRun().orElseThrow()))
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void purchaseDays_countEachCustomerOncePerDay() {
    LocalDate from = LocalDate.of(1997, 3, 1);
    LocalDate to = LocalDate.of(1997, 3, 31);
    Map<LocalDate, Long> days = trends.purchaseDays(from, to);
    assertThat(days.keySet()).allSatisfy(d -> assertThat(d).isBetween(from, to));
    assertThat(days.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(
            count(
                "SELECT count(*) FROM (SELECT DISTINCT customer_id, order_date FROM orders"
                    + " WHERE order_date BETWEEN ? AND ? AND amount > 0) d",
                from,
                to))
        .isPositive();
    assertThatThrownBy(() -> trends.purchaseDays(to, from))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends");
  }
}
