package org.rekindle.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProportionsTest {
  /** Published values are rounded to four places: half a unit in the last place. */
  private static final Offset<Double> PUBLISHED = within(0.5e-4);

  /**
   * Newcombe (1998a), Table II, method 10, the six worked examples (a) to (f).
   *
   * <p>Example (c), 6/7 against 2/7: the value first quoted to us, 0.0342 to 0.8246, is neither
   * method 10 (computed here, by hand from the formula with z = 1.959964 and with z = 1.96, as
   * 0.0582 to 0.8062) nor method 11, its continuity-corrected variant (-0.0290 to 0.8423). We trust
   * the method and test 0.0582 to 0.8062; the other five examples agree with the quoted values to
   * all four places.
   */
  @ParameterizedTest
  @CsvSource({
    "56, 70, 48, 80,  0.0524, 0.3339",
    " 9, 10,  3, 10,  0.1705, 0.8090",
    " 6,  7,  2,  7,  0.0582, 0.8062",
    " 5, 56,  0, 29, -0.0381, 0.1926",
    " 0, 10,  0, 20, -0.1611, 0.2775",
    "10, 10,  0, 20,  0.6791, 1.0000",
  })
  void newcombe_publishedExamples(long r1, long n1, long r2, long n2, double lower, double upper) {
    Difference d = Proportions.newcombe(r1, n1, r2, n2);
    assertThat(d.estimate()).isCloseTo((double) r1 / n1 - (double) r2 / n2, within(1e-15));
    assertThat(d.interval().lower()).isCloseTo(lower, PUBLISHED);
    assertThat(d.interval().upper()).isCloseTo(upper, PUBLISHED);
  }

  /**
   * Newcombe (1998b), Table I, method 3 (Wilson score, no continuity correction): 81/263 is 0.2553
   * to 0.3662; 15/148 is 0.0624 to 0.1605; 0/20 is 0 to 0.1611; 1/29 is 0.0061 to 0.1718.
   */
  @ParameterizedTest
  @CsvSource({
    "81, 263, 0.2553, 0.3662",
    "15, 148, 0.0624, 0.1605",
    " 0,  20, 0.0000, 0.1611",
    " 1,  29, 0.0061, 0.1718",
  })
  void wilson_publishedExamples(long r, long n, double lower, double upper) {
    Interval w = Proportions.wilson(r, n);
    assertThat(w.lower()).isCloseTo(lower, PUBLISHED);
    assertThat(w.upper()).isCloseTo(upper, PUBLISHED);
  }

  @Test
  void wilson_atTheEnds_isExactlyZeroOrOne() {
    assertThat(Proportions.wilson(0, 7).lower()).isEqualTo(0.0);
    assertThat(Proportions.wilson(7, 7).upper()).isEqualTo(1.0);
    // z²/(n + z²): the upper end for no successes.
    double z2 = Proportions.Z_95 * Proportions.Z_95;
    assertThat(Proportions.wilson(0, 7).upper()).isCloseTo(z2 / (7 + z2), within(1e-15));
    assertThat(Proportions.wilson(7, 7).lower()).isCloseTo(7 / (7 + z2), within(1e-15));
  }

  @Test
  void newcombe_allOrNothing_reachesTheEnds() {
    assertThat(Proportions.newcombe(10, 10, 0, 20).interval().upper()).isEqualTo(1.0);
    assertThat(Proportions.newcombe(0, 20, 10, 10).interval().lower()).isEqualTo(-1.0);
    Difference none = Proportions.newcombe(0, 1_000_000, 0, 1_000_000);
    assertThat(none.estimate()).isZero();
    assertThat(none.interval().contains(0)).isTrue();
  }

  @Test
  void newcombe_badCounts_areRefusedWithTheRule() {
    assertThatThrownBy(() -> Proportions.newcombe(-1, 10, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first group")
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Proportions.newcombe(1, 10, 11, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("second group")
        .hasMessageContaining("(11) must not be more than the number of customers (10)");
    assertThatThrownBy(() -> Proportions.newcombe(0, 0, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one customer");
    assertThatThrownBy(() -> Proportions.wilson(0, -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one customer, got -3");
  }

  /**
   * A planted lift of five points (holdout 10%, contacted 15%; 2,000 contacted, 500 held out): a
   * 95% interval should cover it in about 95 of 100 runs. Fewer than 90 would be a broken interval
   * (for a correct one, below 1 chance in 30).
   */
  @Test
  void newcombe_plantedLift_isCoveredNinetyTimesInAHundred() {
    SplittableRandom random = new SplittableRandom(20260407L);
    int covered = 0;
    int significant = 0;
    for (int run = 0; run < 100; run++) {
      long contacted = binomial(random, 2_000, 0.15);
      long holdout = binomial(random, 500, 0.10);
      Difference d = Proportions.newcombe(contacted, 2_000, holdout, 500);
      if (d.interval().contains(0.05)) {
        covered++;
      }
      if (d.significant()) {
        significant++;
      }
    }
    assertThat(covered).isGreaterThanOrEqualTo(90);
    // Power to see five points with these groups is about 0.9; the test is not about power, but a
    // run where it never sees the lift would mean the intervals are far too wide.
    assertThat(significant).isGreaterThan(50);
  }

  /**
   * No lift (both 10%): "significant" should come up in about 5 of 100 runs; more than 10 would
   * mean the interval is too narrow.
   */
  @Test
  void newcombe_noLift_isRarelySignificant() {
    SplittableRandom random = new SplittableRandom(7L);
    int significant = 0;
    for (int run = 0; run < 100; run++) {
      long contacted = binomial(random, 2_000, 0.10);
      long holdout = binomial(random, 500, 0.10);
      if (Proportions.newcombe(contacted, 2_000, holdout, 500).significant()) {
        significant++;
      }
    }
    assertThat(significant).isLessThanOrEqualTo(10);
  }

  static long binomial(SplittableRandom random, int n, double p) {
    long successes = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        successes++;
      }
    }
    return successes;
  }
}
