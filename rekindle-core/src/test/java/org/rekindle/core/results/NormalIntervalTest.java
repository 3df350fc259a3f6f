package org.rekindle.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalIntervalTest {
  @Test
  void meanDifference_handWorked() {
    // {1, 2, 3} and {0, 0}: means 2 and 0, variances 1 and 0, se = sqrt(1/3)
    Difference d = NormalInterval.meanDifference(3, 6, 14, 2, 0, 0);
    assertThat(d.estimate()).isEqualTo(2.0);
    assertThat(d.interval().lower()).isCloseTo(2 - 1.959964 * Math.sqrt(1.0 / 3), within(1e-6));
    assertThat(d.interval().upper()).isCloseTo(2 + 1.959964 * Math.sqrt(1.0 / 3), within(1e-6));
  }

  @Test
  void meanDifference_onLargeSkewedGroups_agreesWithTheBootstrap() {
    // 40,000 and 5,000 customers, one in six and one in ten spending (exponential, mean 80): the
    // two intervals' ends agree within 5% of the width (the bootstrap's own noise at 2,000)
    SplittableRandom random = new SplittableRandom(21);
    double[] a = revenue(random, 40_000, 1.0 / 6);
    double[] b = revenue(random, 5_000, 0.10);
    Difference boot = new Bootstrap(new SplittableRandom(22)).meanDifference(a, b);
    Difference normal =
        NormalInterval.meanDifference(
            a.length, sum(a), sumOfSquares(a), b.length, sum(b), sumOfSquares(b));
    double width = boot.interval().upper() - boot.interval().lower();
    assertThat(normal.estimate()).isCloseTo(boot.estimate(), within(1e-9));
    assertThat(normal.interval().lower()).isCloseTo(boot.interval().lower(), within(0.05 * width));
    assertThat(normal.interval().upper()).isCloseTo(boot.interval().upper(), within(0.05 * width));
  }

  @Test
  void meanDifference_tooFewValues_isRefused() {
    assertThatThrownBy(() -> NormalInterval.meanDifference(1, 1, 1, 5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 values");
  }

  private static double[] revenue(SplittableRandom random, int n, double p) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        v[i] = -80 * Math.log(1 - random.nextDouble());
      }
    }
    return v;
  }

  private static double sum(double[] v) {
    return Arrays.stream(v).sum();
  }

  private static double sumOfSquares(double[] v) {
    return Arrays.stream(v).map(x -> x * x).sum();
  }
}
