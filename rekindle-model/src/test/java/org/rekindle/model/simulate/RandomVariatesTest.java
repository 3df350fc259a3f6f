package org.rekindle.model.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.RealDistribution;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rekindle.model.ModelException;

/**
 * The variates against the exact distributions (Hipparchus's CDFs) by the Kolmogorov-Smirnov
 * statistic. With n = 200,000 the 0.1% critical value of √n·D is 1.95 (Kolmogorov distribution), so
 * D must stay below 1.95/√n ≈ 0.0044; a wrong shape or scale moves D far beyond that.
 */
class RandomVariatesTest {
  private static final int N = 200_000;
  private static final double CRITICAL = 1.95 / Math.sqrt(N);

  /**
   * sup |F_n − F| over the sorted sample. Below each value the CDF is taken at the next smaller
   * double, not at the value: a variate rounds to a double, and Beta(0.05, 0.05) puts 8% of its
   * mass within 1e-16 of 1, all of which rounds to exactly 1.0.
   */
  private static double ksDistance(double[] sample, RealDistribution dist) {
    double[] s = sample.clone();
    Arrays.sort(s);
    double d = 0;
    for (int i = 0; i < s.length; i++) {
      double above = (i + 1.0) / s.length - dist.cumulativeProbability(s[i]);
      double below = dist.cumulativeProbability(Math.nextDown(s[i])) - (double) i / s.length;
      d = Math.max(d, Math.max(above, below));
    }
    return d;
  }

  @ParameterizedTest
  @CsvSource({"0.05, 1", "0.24, 4.41", "0.5, 2", "1, 1", "3.74, 15.44", "6.25, 0.2", "200, 3"})
  void gamma_followsTheGammaDistribution(double shape, double rate) {
    SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(shape * rate));
    double[] sample = new double[N];
    for (int i = 0; i < N; i++) {
      sample[i] = RandomVariates.gamma(rng, shape, rate);
    }
    assertThat(ksDistance(sample, new GammaDistribution(shape, 1 / rate))).isLessThan(CRITICAL);
  }

  @ParameterizedTest
  @CsvSource({"0.05, 0.05", "0.79, 2.43", "1, 1", "0.3, 12", "20, 0.5", "15, 40"})
  void beta_followsTheBetaDistribution(double a, double b) {
    SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(a + 7 * b));
    double[] sample = new double[N];
    for (int i = 0; i < N; i++) {
      sample[i] = RandomVariates.beta(rng, a, b);
    }
    assertThat(Arrays.stream(sample)).allMatch(p -> p >= 0 && p <= 1);
    assertThat(ksDistance(sample, new BetaDistribution(a, b))).isLessThan(CRITICAL);
  }

  @Test
  void gamma_tinyShapeGivesNoNaN() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      assertThat(RandomVariates.gamma(rng, 1e-3, 1)).isNotNaN().isGreaterThanOrEqualTo(0);
      assertThat(RandomVariates.beta(rng, 1e-3, 1e-3)).isBetween(0.0, 1.0);
    }
  }

  @Test
  void gamma_sameSeedSameStream() {
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(RandomVariates.gamma(a, 0.7, 3)).isEqualTo(RandomVariates.gamma(b, 0.7, 3));
    }
  }

  @Test
  void gamma_rejectsNonPositiveShape() {
    SplittableRandom rng = new SplittableRandom(1);
    assertThatThrownBy(() -> RandomVariates.gamma(rng, 0, 1))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("shape must be finite and > 0");
    assertThatThrownBy(() -> RandomVariates.beta(rng, 1, Double.NaN))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("b must be finite and > 0");
  }
}
