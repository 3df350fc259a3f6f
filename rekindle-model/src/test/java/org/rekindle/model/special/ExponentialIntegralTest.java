package org.rekindle.model.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExponentialIntegralTest {

  /**
   * E_(3/2)(z) = 2 e^−z − 2 sqrt(π z) erfc(sqrt z) (DLMF 8.19.12 from E_(1/2)(z) = sqrt(π/z)
   * erfc(sqrt z), DLMF 8.19.6 with 7.11.2): checks the series side (z &lt; 2) and the continued
   * fraction side. The closed form itself cancels for large z (at z = 20 it subtracts two numbers
   * near 40 to get 0.93), so it stops at 20 and the tolerance is 1e-12.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-10, 1e-4, 0.03, 0.5, 1.5, 1.999, 2, 2.001, 5, 20})
  void scaledTail_matchesClosedFormAtThreeHalves(double z) {
    double closed = 2 * z - 2 * z * Math.sqrt(Math.PI * z) * Math.exp(z) * Erf.erfc(Math.sqrt(z));
    assertThat(ExponentialIntegral.scaledTail(1.5, z)).isCloseTo(closed, within(1e-12 * closed));
  }

  /**
   * E_2(z) = e^−z − z E_1(z) (DLMF 8.19.12), E_1 from its convergent series (A&amp;S 5.1.11): an
   * integer order, where the series branch takes its s = 0 limit. The E_1 series loses a digit and
   * a half by z = 2, hence 5e-14.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-8, 0.01, 0.7, 1.9})
  void scaledTail_matchesSeriesAtIntegerOrder(double z) {
    double sum = 0;
    double term = 1;
    for (int k = 1; k < 80; k++) {
      term *= -z / k;
      sum += term / k;
    }
    double e1 = -0.57721566490153286061 - Math.log(z) - sum;
    double e2 = Math.exp(-z) - z * e1;
    double expected = z * Math.exp(z) * e2;
    assertThat(ExponentialIntegral.scaledTail(2, z)).isCloseTo(expected, within(5e-14 * expected));
  }

  /** Near-integer orders must not lose digits to the cancellation between Γ(1−ν) and 1/(ν−1). */
  @ParameterizedTest
  @ValueSource(doubles = {1e-9, 0.02, 1.2})
  void scaledTail_isContinuousInTheOrderAcrossAnInteger(double z) {
    double at = ExponentialIntegral.scaledTail(3, z);
    assertThat(ExponentialIntegral.scaledTail(3 + 1e-9, z)).isCloseTo(at, within(1e-8 * at));
    assertThat(ExponentialIntegral.scaledTail(3 - 1e-9, z)).isCloseTo(at, within(1e-8 * at));
    assertThat(ExponentialIntegral.scaledTail(1 + 1e-12, z))
        .isCloseTo(ExponentialIntegral.scaledTail(1 + 2e-12, z), within(1e-9));
  }

  /** Where the method changes (z = 2, ν = 30) the two sides must agree. */
  @Test
  void scaledTail_isContinuousWhereTheMethodChanges() {
    for (double nu : new double[] {1.3, 7.7, 29.9}) {
      double below = ExponentialIntegral.scaledTail(nu, Math.nextDown(2.0));
      assertThat(ExponentialIntegral.scaledTail(nu, 2.0)).isCloseTo(below, within(1e-13 * below));
    }
    double below = ExponentialIntegral.scaledTail(30, 0.3);
    assertThat(ExponentialIntegral.scaledTail(Math.nextUp(30.0), 0.3))
        .isCloseTo(below, within(1e-13 * below));
  }

  /** z/(z+ν) &lt; z e^z E_ν(z) ≤ z/(z+ν−1) for ν &gt; 1 (DLMF 8.19.21 with 8.19.22). */
  @Property(tries = 2000)
  void scaledTail_liesWithinItsBounds(
      @ForAll @DoubleRange(min = -12, max = 4) double logOrderMinusOne,
      @ForAll @DoubleRange(min = -12, max = 12) double logZ) {
    double nu = 1 + Math.pow(10, logOrderMinusOne);
    double z = Math.pow(10, logZ);
    double h = ExponentialIntegral.scaledTail(nu, z);
    assertThat(h).isGreaterThanOrEqualTo(z / (z + nu) * (1 - 1e-13));
    assertThat(h).isLessThanOrEqualTo(z / (z + nu - 1) * (1 + 1e-13));
  }

  @Test
  void scaledTail_hasItsLimitsAtZeroAndInfinity() {
    assertThat(ExponentialIntegral.scaledTail(2.5, 0)).isZero();
    assertThat(ExponentialIntegral.scaledTail(2.5, Double.POSITIVE_INFINITY)).isEqualTo(1);
    assertThat(ExponentialIntegral.scaledTail(2.5, 1e200)).isEqualTo(1);
  }

  @Test
  void scaledTail_refusesOrdersUpToOneAndNegativeArguments() {
    assertThatThrownBy(() -> ExponentialIntegral.scaledTail(1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("> 1");
    assertThatThrownBy(() -> ExponentialIntegral.scaledTail(2, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0");
  }
}
