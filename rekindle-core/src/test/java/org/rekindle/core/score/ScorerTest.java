package org.rekindle.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rekindle.core.RekindleException;
import org.rekindle.core.input.TransactionReader;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.model.ModelKind;
import org.rekindle.model.TransactionModel;

/**
 * The scorer shares model work between customers with the same (x, t_x, T) and the same (x, T);
 * these tests check each customer's numbers against the model evaluated for that customer alone.
 */
class ScorerTest {
  private static final Path CDNOW = Path.of("..", "examples", "cdnow", "cdnow_sample.csv");
  private static Summaries summaries;
  private static ScoringResult bgnbd;

  @BeforeAll
  static void score() {
    Summarizer summarizer = new Summarizer();
    TransactionReader.builder().build().read(CDNOW, summarizer);
    summaries =
        summarizer.summarize(
            SummaryOptions.defaults()
                .withCalibrationEnd(LocalDate.of(1997, 9, 30))
                .withAsOf(LocalDate.of(1998, 6, 30))
                .withPeriod(Period.WEEK));
    bgnbd = Scorer.score(summaries, options(Optional.of(ModelKind.BGNBD), Optional.empty()));
  }

  private static ScoringOptions options(Optional<ModelKind> kind, Optional<double[]> params) {
    ScoringOptions d = ScoringOptions.defaults();
    return new ScoringOptions(
        kind,
        params,
        Optional.empty(),
        d.horizonDays(),
        d.annualDiscountRate(),
        d.rules(),
        d.fit());
  }

  @Test
  void score_everyCustomer_matchesTheModelEvaluatedAlone() {
    TransactionModel model = bgnbd.chosen().model();
    double horizon = 365 / 7.0;
    double delta = Math.log1p(0.10) * 7 / 365.25;
    double spendSum = 0;
    List<CustomerSummary> customers = summaries.customers();
    assertThat(bgnbd.scores()).hasSize(customers.size());
    for (int i = 0; i < customers.size(); i++) {
      CustomerSummary c = customers.get(i);
      CustomerScore s = bgnbd.scores().get(i);
      assertThat(s.customerId()).isEqualTo(c.customerId());
      double pAlive = model.probabilityAlive(c.frequency(), c.recency(), c.age());
      assertThat(s.pAlive()).isEqualTo(pAlive);
      assertThat(s.expectedPurchases())
          .isCloseTo(
              model.conditionalExpectedPurchases(horizon, c.frequency(), c.recency(), c.age()),
              within(1e-12));
      assertThat(s.logLikelihood())
          .isEqualTo(model.logLikelihood(c.frequency(), c.recency(), c.age()));
      double ifAlive = model.discountedResidualPurchasesIfAlive(delta, c.frequency(), c.age());
      double spend = s.expectedSpend().orElseThrow();
      spendSum += spend;
      // value at risk is the lifetime value a surely-active customer would have, minus the value
      assertThat(s.clv().orElseThrow()).isCloseTo(pAlive * ifAlive * spend, within(1e-9));
      assertThat(s.clv().orElseThrow() + s.valueAtRisk().orElseThrow())
          .isCloseTo(ifAlive * spend, within(1e-9));
      assertThat(s.holdoutPurchases().orElseThrow())
          .isEqualTo(c.holdout().orElseThrow().purchases());
    }
    assertThat(spendSum).isPositive();
  }

  @Test
  void score_holdoutTotals_areSumsOverCustomers() {
    assertThat(bgnbd.holdoutActual().orElseThrow()).isEqualTo(1882);
    double predicted = 0;
    double absError = 0;
    for (CustomerScore s : bgnbd.scores()) {
      predicted += s.holdoutPredicted().orElseThrow();
      absError += Math.abs(s.holdoutPredicted().orElseThrow() - s.holdoutPurchases().orElseThrow());
    }
    assertThat(bgnbd.holdoutPredicted().orElseThrow()).isCloseTo(predicted, within(1e-6));
    assertThat(bgnbd.holdoutMae().orElseThrow())
        .isCloseTo(absError / bgnbd.scores().size(), within(1e-12));
  }

  @Test
  void score_sameHistory_sameNumbers() {
    Map<String, CustomerScore> byHistory = new HashMap<>();
    int shared = 0;
    for (CustomerScore s : bgnbd.scores()) {
      String key = s.frequency() + "/" + s.recency() + "/" + s.age() + "/" + s.monetary();
      CustomerScore first = byHistory.putIfAbsent(key, s);
      if (first != null) {
        shared++;
        assertThat(s.pAlive()).isEqualTo(first.pAlive());
        assertThat(s.clv()).isEqualTo(first.clv());
        assertThat(s.lifecycle()).isEqualTo(first.lifecycle());
      }
    }
    assertThat(shared).isGreaterThan(1000);
  }

  @Test
  void score_givenParams_areUsedWithoutFitting() {
    double[] params = {0.243, 4.414, 0.793, 2.426};
    ScoringResult given =
        Scorer.score(summaries, options(Optional.of(ModelKind.BGNBD), Optional.of(params)));
    assertThat(given.fitted()).isFalse();
    assertThat(given.chosen().model().paramArray()).containsExactly(params);
    assertThat(given.comparison()).hasSize(1);
    assertThat(given.spend()).isPresent();
  }

  @Test
  void score_withoutAmounts_leavesValuesEmptyAndSaysWhy() {
    List<CustomerSummary> noAmounts =
        summaries.customers().stream()
            .map(
                c ->
                    new CustomerSummary(
                        c.customerId(),
                        c.frequency(),
                        c.recency(),
                        c.age(),
                        0,
                        Optional.empty(),
                        c.holdout()))
            .toList();
    Summaries s =
        new Summaries(
            noAmounts,
            summaries.period(),
            summaries.asOf(),
            summaries.calibrationEnd(),
            summaries.holdoutLength(),
            summaries.counts());
    ScoringResult r = Scorer.score(s, options(Optional.of(ModelKind.BGNBD), Optional.empty()));
    assertThat(r.spend()).isEmpty();
    assertThat(r.scores()).allSatisfy(c -> assertThat(c.clv()).isEmpty());
    assertThat(r.warnings()).anyMatch(w -> w.contains("no amounts"));
  }

  @Test
  void score_noCustomers_isRefused() {
    Summaries empty =
        new Summaries(
            List.of(),
            summaries.period(),
            summaries.asOf(),
            summaries.calibrationEnd(),
            summaries.holdoutLength(),
            summaries.counts());
    assertThatThrownBy(() -> Scorer.score(empty, ScoringOptions.defaults()))
        .isInstanceOf(RekindleException.class)
        .hasMessageContaining("no customers");
  }

  @Test
  void select_givesTheKthSmallest_withTiesAndAnyOrder() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(60);
      double[] a = new double[n + 5];
      for (int i = 0; i < n; i++) {
        a[i] = random.nextInt(round % 2 == 0 ? 5 : 1000);
      }
      double[] sorted = java.util.Arrays.copyOf(a, n);
      java.util.Arrays.sort(sorted);
      int k = random.nextInt(n);
      assertThat(Scorer.select(a, n, k)).isEqualTo(sorted[k]);
      for (int i = 0; i < k; i++) {
        assertThat(a[i]).isLessThanOrEqualTo(sorted[k]);
      }
    }
  }
}
