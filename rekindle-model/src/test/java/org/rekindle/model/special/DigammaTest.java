package org.rekindle.model.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigammaTest {

  /** mpmath 1.3, mp.digamma at 30 digits, at exactly these doubles. */
  @ParameterizedTest(name = "ψ({0})")
  @CsvSource({
    "1e-08, -100000000.57721564636",
    "0.05, -20.497844991299869257",
    "0.553, -1.7234139595445478151",
    "1.0, -0.57721566490153286061",
    "1.5, 0.036489973978576520559",
    "9.99, 2.250700372831201122",
    "10.0, 2.2517525890667211076",
    "15.553, 2.7117610486386049721",
    "50.0, 3.901989673427892197",
    "200.553, 5.2985833725519889443",
    "10000.553, 9.2103456723788000234",
    "100000000.0, 18.420680738952365464",
  })
  void value_matchesThirtyDigitReferences(double x, double expected) {
    assertThat(Digamma.value(x))
        .isCloseTo(expected, within(1e-15 * Math.max(1, Math.abs(expected))));
  }

  /** ψ(x+1) − ψ(x) = 1/x (DLMF 5.5.2), across the switch to the asymptotic series at 10. */
  @ParameterizedTest
  @ValueSource(doubles = {0.3, 8.7, 9.5, 9.999, 10, 42})
  void value_satisfiesRecurrence(double x) {
    assertThat(Digamma.value(x + 1) - Digamma.value(x)).isCloseTo(1 / x, within(1e-15 / x + 1e-15));
  }

  @Test
  void value_rejectsNonPositive() {
    assertThatThrownBy(() -> Digamma.value(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
