package org.rekindle.model.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * References: {@code power_beta.csv}, 40 digits from {@code
 * src/test/scripts/power_beta_references.py} (k from 0.1 to 10,050, e from 0.05 to 10,000, z from
 * 1e-9 to 1 - 1e-8). The worst errors measured against them are 1.4e-13 on the log (relative where
 * it exceeds 1) and 3e-12 relative on the derivatives; the tolerances below leave a margin of about
 * 30. ∂ ln I/∂k = E[ln t] can be as small as 1e-12 (z near 1, the weight piled up at t = 1); there
 * the quadrature's error is about 1e-18 absolute, which is what matters to its callers (it is added
 * to a logarithm), hence an absolute floor of 1e-16 on that derivative.
 */
class PowerBetaIntegralTest {

  private static final String REFERENCES = "/org/rekindle/model/special/power_beta.csv";

  @ParameterizedTest(name = "I({0}, {1}, {2})")
  @CsvFileSource(resources = REFERENCES, numLinesToSkip = 1)
  void log_matchesFortyDigitReferences(
      double k, double e, double z, double log, double dk, double de, double dz) {
    double[] grad = new double[3];
    double value = PowerBetaIntegral.log(k, e, z, 1 - z, grad);
    assertThat(value).isCloseTo(log, within(5e-12 * Math.max(1, Math.abs(log))));
    assertThat(grad[0]).isCloseTo(dk, within(1e-10 * Math.abs(dk) + 1e-16));
    assertThat(grad[1]).isCloseTo(de, within(1e-10 * Math.abs(de)));
    assertThat(grad[2]).isCloseTo(dz, within(1e-10 * Math.abs(dz)));
  }

  /**
   * Each route alone, wherever it applies, so that the routes the dispatch rarely takes (the
   * quadrature far from z = 1, the series when long) are checked too. For z = 1e-9, ∂ ln I/∂e ≈
   * E[zt] is known only to about 1e-16 absolute when 1 - z is what the quadrature is given (ln(1 -
   * zt) is computed from it), hence the absolute part of that tolerance.
   */
  @ParameterizedTest(name = "I({0}, {1}, {2})")
  @CsvFileSource(resources = REFERENCES, numLinesToSkip = 1)
  void everyRoute_matchesFortyDigitReferences(
      double k, double e, double z, double log, double dk, double de, double dz) {
    double[] grad = new double[3];
    double value = PowerBetaIntegral.quadrature(k, e, z, 1 - z, grad);
    assertThat(value).isCloseTo(log, within(5e-12 * Math.max(1, Math.abs(log))));
    assertThat(grad[0]).isCloseTo(dk, within(1e-10 * Math.abs(dk) + 1e-16));
    assertThat(grad[1]).isCloseTo(de, within(1e-10 * Math.abs(de) + 1e-15));
    assertThat(grad[2]).isCloseTo(dz, within(1e-10 * Math.abs(dz)));
    double direct = PowerBetaIntegral.directSeries(k, e, z, grad, 20_000);
    if (!Double.isNaN(direct)) {
      assertThat(direct).isCloseTo(log, within(5e-12 * Math.max(1, Math.abs(log))));
      assertThat(grad[0]).isCloseTo(dk, within(1e-10 * Math.abs(dk) + 1e-16));
      assertThat(grad[1]).isCloseTo(de, within(1e-10 * Math.abs(de)));
      assertThat(grad[2]).isCloseTo(dz, within(1e-10 * Math.abs(dz)));
    }
    double euler = PowerBetaIntegral.eulerSeries(k, e, k + 1 - e, z, 1 - z, grad, 20_000);
    if (e >= 1 && !Double.isNaN(euler)) {
      assertThat(euler).isCloseTo(log, within(5e-12 * Math.max(1, Math.abs(log))));
      assertThat(grad[0]).isCloseTo(dk, within(1e-10 * Math.abs(dk) + 1e-16));
      assertThat(grad[1]).isCloseTo(de, within(1e-10 * Math.abs(de)));
      assertThat(grad[2]).isCloseTo(dz, within(1e-10 * Math.abs(dz)));
    }
  }

  @ParameterizedTest(name = "I({0}, {1}, {2})")
  @CsvFileSource(resources = REFERENCES, numLinesToSkip = 1)
  void log_agreesWithHypergeometric(double k, double e, double z) {
    double value = PowerBetaIntegral.log(k, e, z, 1 - z, new double[3]);
    double viaF = Hypergeometric.log2F1(k, e, k + 1, z) - Math.log(k);
    assertThat(value).isCloseTo(viaF, within(1e-9 * Math.max(1, Math.abs(viaF) / 1000)));
  }

  /** At z = 0 the weight is t^(k-1): I = 1/k, E[ln t] = -1/k, E[t] = k/(k+1). */
  @Test
  void log_isClosedAtZero() {
    double[] grad = new double[3];
    assertThat(PowerBetaIntegral.log(4, 2.5, 0, 1, grad)).isEqualTo(-Math.log(4));
    assertThat(grad).containsExactly(-0.25, 0, 2.5 * 4 / 5);
  }

  @Test
  void log_rejectsArgumentsOutsideTheDomain() {
    double[] grad = new double[3];
    assertThatThrownBy(() -> PowerBetaIntegral.log(0, 1, 0.5, 0.5, grad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be positive");
    assertThatThrownBy(() -> PowerBetaIntegral.log(1, Double.NaN, 0.5, 0.5, grad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e must be positive");
    assertThatThrownBy(() -> PowerBetaIntegral.log(1, 1, 1, 0, grad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z must be in [0, 1)");
  }
}
