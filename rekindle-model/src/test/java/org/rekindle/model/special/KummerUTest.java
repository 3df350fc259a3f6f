package org.rekindle.model.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

class KummerUTest {

  /** Same rule as for 2F1: 1e-9 on the log up to |log| = 1000, 1e-12 relative beyond. */
  static double tolerance(double logValue) {
    return 1e-9 * Math.max(1, Math.abs(logValue) / 1000);
  }

  @ParameterizedTest(name = "U({0}, {1}, {2})")
  @CsvFileSource(resources = "/org/rekindle/model/special/kummer_u.csv", numLinesToSkip = 1)
  void logU_matchesFiftyDigitReferences(double a, double b, double z, double log) {
    assertThat(KummerU.logU(a, b, z)).isCloseTo(log, within(tolerance(log)));
  }

  /**
   * U(1, 1, z) = e^z E1(z) (DLMF 13.6.6 with 6.2.2); E1 from its convergent series E1(z) = -gamma -
   * ln z - sum_k (-z)^k / (k k!) (A&amp;S 5.1.11), accurate in double for z &lt;= 2.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-8, 1e-4, 0.01, 0.5, 1, 2})
  void logU_matchesExponentialIntegral(double z) {
    double sum = 0;
    double term = 1;
    for (int k = 1; k < 60; k++) {
      term *= -z / k;
      sum += term / k;
    }
    double e1 = -0.57721566490153286061 - Math.log(z) - sum;
    assertThat(KummerU.logU(1, 1, z)).isCloseTo(z + Math.log(e1), within(1e-12));
  }

  /** U(a, a+1, z) = z^-a (DLMF 13.6.4). */
  @ParameterizedTest
  @ValueSource(doubles = {1e-6, 0.3, 7, 5e4})
  void logU_matchesPowerWhenBIsAPlusOne(double z) {
    assertThat(KummerU.logU(2.5, 3.5, z)).isCloseTo(-2.5 * Math.log(z), within(1e-13));
    assertThat(KummerU.logU(0.01, 1.01, z)).isCloseTo(-0.01 * Math.log(z), within(1e-13));
  }

  /**
   * U(1/2, 1/2, z) = e^z Gamma(1/2, z) = e^z sqrt(pi) erfc(sqrt(z)) (DLMF 8.5.3 and 8.4.6): the
   * Fader–Hardie–Lee shape U(s, s, z), reached through Kummer's transformation.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-6, 0.1, 1, 10, 30})
  void logU_matchesComplementaryErrorFunction(double z) {
    double expected = z + 0.5 * Math.log(Math.PI) + Math.log(Erf.erfc(Math.sqrt(z)));
    assertThat(KummerU.logU(0.5, 0.5, z)).isCloseTo(expected, within(1e-11));
  }

  /** U(s, s, z) = z^-s (1 - s/z + s(s+1)/z^2 - ...) as z grows (DLMF 13.7.3). */
  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.5, 3, 40})
  void logU_approachesPowerForLargeZ(double s) {
    double z = 1e7;
    double expected = -s * Math.log(z) + Math.log1p(-s / z + s * (s + 1) / (z * z));
    assertThat(KummerU.logU(s, s, z)).isCloseTo(expected, within(1e-13));
  }

  @Test
  void logU_rejectsArgumentsOutsideTheDomain() {
    assertThatThrownBy(() -> KummerU.logU(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a must be positive");
    assertThatThrownBy(() -> KummerU.logU(1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z must be positive");
    assertThatThrownBy(() -> KummerU.logU(1, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b must be finite");
    assertThatThrownBy(() -> KummerU.logU(1, 1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z must be positive and finite");
  }

  record Args(double a, double b, double z) {}

  @Provide
  Arbitrary<Args> domain() {
    Arbitrary<Double> a = Arbitraries.doubles().between(-3, 3).map(e -> Math.pow(10, e));
    Arbitrary<Double> b = Arbitraries.doubles().between(-100, 100);
    Arbitrary<Boolean> sameAsA = Arbitraries.of(true, false);
    Arbitrary<Double> z = Arbitraries.doubles().between(-7, 5).map(e -> Math.pow(10, e));
    return Combinators.combine(a, b, sameAsA, z)
        .as((x, y, same, w) -> new Args(x, same ? x : y, w));
  }

  @Property(tries = 2000)
  void logU_isFiniteAcrossTheDomain(@ForAll("domain") Args x) {
    assertThat(KummerU.logU(x.a(), x.b(), x.z())).isFinite();
  }

  /** dU/dz = -a U(a+1, b+1, z) &lt; 0 (DLMF 13.3.22): U decreases in z. */
  @Property(tries = 1000)
  void logU_decreasesWithZ(@ForAll("domain") Args x) {
    double lower = KummerU.logU(x.a(), x.b(), x.z());
    double upper = KummerU.logU(x.a(), x.b(), 1.5 * x.z());
    assertThat(upper).isLessThanOrEqualTo(lower + tolerance(lower));
  }

  /**
   * U(a, b, z) = a U(a+1, b, z) + U(a, b-1, z) (DLMF 13.3.10): three positive terms, often computed
   * by different methods.
   */
  @Property(tries = 1000)
  void logU_satisfiesRecurrence(@ForAll("domain") Args x) {
    double a = x.a();
    double b = x.b();
    double z = x.z();
    double left = KummerU.logU(a, b, z);
    double right =
        LogMath.logAdd(Math.log(a) + KummerU.logU(a + 1, b, z), KummerU.logU(a, b - 1, z));
    assertThat(right).isCloseTo(left, within(3 * tolerance(left)));
  }
}
