package org.rekindle.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShareAlertsTest {
  private static final ShareAlerts ALERTS = ShareAlerts.defaults();

  private static List<PeriodCount> months(int n, long count, long total) {
    return new ArrayList<>(Collections.nCopies(n, new PeriodCount(count, total)));
  }

  private static long binomial(Random random, int n, double p) {
    long k = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }

  @Test
  void check_plantedJump_alertsAndSaysWhy() {
    ShareAlert a = ALERTS.check(LeavingReason.SERVICE, new PeriodCount(25, 60), months(6, 20, 110));
    assertThat(a.alert()).isTrue();
    assertThat(a.pValue()).isLessThan(0.01);
    assertThat(a.currentShare()).isCloseTo(25.0 / 60, within(1e-12));
    assertThat(a.trailingShare()).isCloseTo(120.0 / 660, within(1e-12));
    assertThat(a.why())
        .startsWith("service: 42% of 60 answers this month against 18% over the previous 6 months")
        .contains("a significant rise");
  }

  @Test
  void check_sameShare_doesNotAlert() {
    ShareAlert a = ALERTS.check(LeavingReason.PRICE, new PeriodCount(11, 60), months(6, 20, 110));
    assertThat(a.alert()).isFalse();
    assertThat(a.pValue()).isGreaterThan(0.3);
    assertThat(a.why()).contains("not a significant rise");
  }

  @Test
  void check_stableShare_falseAlarmsAtMostAboutTheLevel() {
    Random random = new Random(20261207L);
    int trials = 2000;
    int alarms = 0;
    for (int t = 0; t < trials; t++) {
      List<PeriodCount> trailing = new ArrayList<>();
      for (int m = 0; m < 6; m++) {
        trailing.add(new PeriodCount(binomial(random, 100, 0.2), 100));
      }
      PeriodCount current = new PeriodCount(binomial(random, 100, 0.2), 100);
      if (ALERTS.check(LeavingReason.SERVICE, current, trailing).alert()) {
        alarms++;
      }
    }
    // Fisher's test is exact and conservative: expect fewer than 1% (20); 2% is 4.5 sd above.
    assertThat(alarms).isLessThanOrEqualTo(trials / 50);
  }

  @Test
  void check_realJumps_areMostlyCaught() {
    Random random = new Random(7L);
    int caught = 0;
    for (int t = 0; t < 200; t++) {
      List<PeriodCount> trailing = new ArrayList<>();
      for (int m = 0; m < 6; m++) {
        trailing.add(new PeriodCount(binomial(random, 100, 0.2), 100));
      }
      PeriodCount current = new PeriodCount(binomial(random, 100, 0.4), 100);
      if (ALERTS.check(LeavingReason.SERVICE, current, trailing).alert()) {
        caught++;
      }
    }
    assertThat(caught).isGreaterThan(180);
  }

  @Test
  void check_belowMinimumTotal_neverAlerts() {
    ShareAlert a = ALERTS.check(LeavingReason.DELIVERY, new PeriodCount(29, 29), months(6, 0, 100));
    assertThat(a.alert()).isFalse();
    assertThat(a.why()).contains("fewer than the 30 needed");
    ShareAlert none = ALERTS.check(LeavingReason.DELIVERY, new PeriodCount(40, 40), List.of());
    assertThat(none.alert()).isFalse();
    assertThat(none.why()).contains("no earlier answers");
  }

  @Test
  void check_onePreviousPeriod_isNamedInTheSingular() {
    ShareAlerts weekly = new ShareAlerts(0.05, 10, "week");
    ShareAlert a = weekly.check(LeavingReason.FORGOT, new PeriodCount(9, 20), months(1, 2, 40));
    assertThat(a.why())
        .startsWith("forgot: 45% of 20 answers this week against 5% over the previous week");
    assertThat(a.alert()).isTrue();
  }

  // Fisher's "lady tasting tea" (The Design of Experiments, 1935, §2): 3 of 4 right among 8 cups,
  // 4 of each kind: P(X >= 3) = (16 + 1) / 70.
  @Test
  void upperTail_ladyTastingTea_is17Over70() {
    assertThat(ShareAlerts.upperTail(3, 4, 4, 8)).isCloseTo(17.0 / 70, within(1e-12));
    assertThat(ShareAlerts.upperTail(4, 4, 4, 8)).isCloseTo(1.0 / 70, within(1e-12));
    assertThat(ShareAlerts.upperTail(0, 4, 4, 8)).isEqualTo(1.0);
    assertThat(ShareAlerts.upperTail(5, 4, 4, 8)).isEqualTo(0.0);
  }

  @Test
  void upperTail_largeCounts_matchesDirectSum() {
    // n = 400 drawn from N = 3000 with K = 600 marked: the direct sum in logs, term by term.
    long n = 400;
    long bigK = 600;
    long bigN = 3000;
    double direct = 0;
    for (long x = 95; x <= n; x++) {
      direct +=
          Math.exp(
              logChooseBySum(bigK, x)
                  + logChooseBySum(bigN - bigK, n - x)
                  - logChooseBySum(bigN, n));
    }
    assertThat(ShareAlerts.upperTail(95, n, bigK, bigN)).isCloseTo(direct, within(1e-9 * direct));
  }

  @Test
  void settings_areValidated() {
    assertThatThrownBy(() -> new ShareAlerts(0, 30, "month"))
        .hasMessageContaining("more than 0 and at most 0.5");
    assertThatThrownBy(() -> new ShareAlerts(0.01, 0, "month")).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> new ShareAlerts(0.01, 30, " ")).hasMessageContaining("named");
    assertThatThrownBy(() -> new PeriodCount(5, 4)).hasMessageContaining("at most its total");
  }

  private static double logChooseBySum(long n, long k) {
    double s = 0;
    for (long i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }
}
