package org.rekindle.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void meanDifference_sameSeed_sameInterval() {
    double[] contacted = revenue(new SplittableRandom(1), 300, 0.2, 50);
    double[] holdout = revenue(new SplittableRandom(2), 100, 0.1, 50);
    Difference a = new Bootstrap(new SplittableRandom(99)).meanDifference(contacted, holdout);
    Difference b = new Bootstrap(new SplittableRandom(99)).meanDifference(contacted, holdout);
    assertThat(a).isEqualTo(b);
    Difference c = new Bootstrap(new SplittableRandom(100)).meanDifference(contacted, holdout);
    assertThat(c.estimate()).isEqualTo(a.estimate());
    assertThat(c.interval()).isNotEqualTo(a.interval());
  }

  @Test
  void meanDifference_estimate_isTheDifferenceOfTheMeans() {
    double[] contacted = {10, 0, 0, 30};
    double[] holdout = {0, 5, 1};
    Difference d = new Bootstrap(new SplittableRandom(3), 500).meanDifference(contacted, holdout);
    assertThat(d.estimate()).isCloseTo(10.0 - 2.0, within(1e-12));
    // Every resample mean lies between the smallest and the largest value of its group.
    assertThat(d.interval().lower()).isGreaterThanOrEqualTo(0.0 - 5.0);
    assertThat(d.interval().upper()).isLessThanOrEqualTo(30.0 - 0.0);
    assertThat(contacted).containsExactly(10, 0, 0, 30); // read, not changed
  }

  @Test
  void meanDifference_constantGroups_giveAPointInterval() {
    double[] contacted = new double[50];
    double[] holdout = new double[40];
    Arrays.fill(contacted, 12.5);
    Arrays.fill(holdout, 2.5);
    Difference d = new Bootstrap(new SplittableRandom(4), 100).meanDifference(contacted, holdout);
    assertThat(d.interval()).isEqualTo(new Interval(10.0, 10.0));
    assertThat(d.significant()).isTrue();
  }

  @Test
  void meanDifference_badInput_isRefusedWithTheRule() {
    Bootstrap b = new Bootstrap(new SplittableRandom(5));
    assertThat(b.resamples()).isEqualTo(Bootstrap.DEFAULT_RESAMPLES);
    assertThatThrownBy(() -> b.meanDifference(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contacted group has no customers");
    assertThatThrownBy(() -> b.meanDifference(new double[] {1}, new double[] {2, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holdout group's value at index 1 is not a number");
    assertThatThrownBy(() -> new Bootstrap(new SplittableRandom(5), 99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 100 resamples, got 99");
  }

  @Test
  void percentile_interpolatesBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(Bootstrap.percentile(sorted, 0.0)).isEqualTo(1.0);
    assertThat(Bootstrap.percentile(sorted, 1.0)).isEqualTo(5.0);
    assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(3.0);
    assertThat(Bootstrap.percentile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
  }

  /**
   * A planted revenue lift: 15% of contacted customers and 10% of held-out ones buy, each purchase
   * exponential with mean 80, so the true difference of means is 80 × 0.05 = 4. Forty runs of 1,000
   * resamples keep this fast. A 95% interval should cover 4 in about 38 of 40 runs; the percentile
   * interval runs a little short on skewed data, and fewer than 34 would be a broken interval (for
   * a correct one, about 1 chance in 100).
   */
  @Test
  void meanDifference_plantedRevenueLift_isUsuallyCovered() {
    SplittableRandom data = new SplittableRandom(11);
    Bootstrap bootstrap = new Bootstrap(new SplittableRandom(12), 1_000);
    int covered = 0;
    for (int run = 0; run < 40; run++) {
      double[] contacted = revenue(data, 2_000, 0.15, 80);
      double[] holdout = revenue(data, 500, 0.10, 80);
      if (bootstrap.meanDifference(contacted, holdout).interval().contains(4.0)) {
        covered++;
      }
    }
    assertThat(covered).isGreaterThanOrEqualTo(34);
  }

  /** No revenue lift: "significant" in about 2 of 40 runs; more than 6 means too narrow. */
  @Test
  void meanDifference_noRevenueLift_isRarelySignificant() {
    SplittableRandom data = new SplittableRandom(21);
    Bootstrap bootstrap = new Bootstrap(new SplittableRandom(22), 1_000);
    int significant = 0;
    for (int run = 0; run < 40; run++) {
      double[] contacted = revenue(data, 2_000, 0.10, 80);
      double[] holdout = revenue(data, 500, 0.10, 80);
      if (bootstrap.meanDifference(contacted, holdout).significant()) {
        significant++;
      }
    }
    assertThat(significant).isLessThanOrEqualTo(6);
  }

  /** Revenue per customer: nothing, or with probability {@code p} an exponential purchase. */
  private static double[] revenue(SplittableRandom random, int n, double p, double meanPurchase) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        values[i] = -meanPurchase * Math.log(1.0 - random.nextDouble());
      }
    }
    return values;
  }

  @Test
  void sparseMeanDifference_agreesWithTheFullBootstrap() {
    // 4,000 and 1,000 values, about one in eight other than zero: the two bootstraps draw from the
    // same distribution, so their estimates are equal and their ends agree to within the
    // resampling noise of 4,000 resamples (a few percent of the interval's width)
    double[] contacted = revenue(new SplittableRandom(11), 4_000, 0.15, 80);
    double[] holdout = revenue(new SplittableRandom(12), 1_000, 0.10, 80);
    Difference full =
        new Bootstrap(new SplittableRandom(13), 4_000).meanDifference(contacted, holdout);
    double[] c = Arrays.stream(contacted).filter(v -> v != 0).toArray();
    double[] h = Arrays.stream(holdout).filter(v -> v != 0).toArray();
    Difference sparse =
        new Bootstrap(new SplittableRandom(14), 4_000)
            .meanDifference(c, contacted.length - c.length, h, holdout.length - h.length);
    assertThat(sparse.estimate()).isCloseTo(full.estimate(), within(1e-9));
    double width = full.interval().upper() - full.interval().lower();
    assertThat(sparse.interval().lower()).isCloseTo(full.interval().lower(), within(0.06 * width));
    assertThat(sparse.interval().upper()).isCloseTo(full.interval().upper(), within(0.06 * width));
    Difference again =
        new Bootstrap(new SplittableRandom(14), 4_000)
            .meanDifference(c, contacted.length - c.length, h, holdout.length - h.length);
    assertThat(again).isEqualTo(sparse);
  }

  @Test
  void sparseMeanDifference_allZeroOrNoZero_andBadInput() {
    Bootstrap b = new Bootstrap(new SplittableRandom(15), 100);
    assertThat(b.meanDifference(new double[0], 10, new double[0], 5))
        .isEqualTo(new Difference(0, new Interval(0, 0)));
    assertThat(b.meanDifference(new double[] {4, 4}, 0, new double[] {1}, 0))
        .isEqualTo(new Difference(3, new Interval(3, 3)));
    assertThatThrownBy(() -> b.meanDifference(new double[0], 0, new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contacted group has no customers");
    assertThatThrownBy(() -> b.meanDifference(new double[] {0}, 1, new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contacted group's value at index 0 is not a number other than zero");
    assertThatThrownBy(() -> b.meanDifference(new double[] {1}, -1, new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count of zeros must not be negative");
  }
}
