package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaussRulesTest {

  /**
   * The rule reproduces the Beta moments E[P^k] = Π_{j<k} (a+j)/(a+b+j) for k up to 6. The rows
   * with a + b = 1 once gave a 0/0 in the first recurrence coefficient and an eigensolver failure.
   */
  @ParameterizedTest
  @CsvSource({"0.5, 0.5", "0.3, 0.7", "0.25, 0.75", "0.79, 2.43", "0.05, 20", "20, 0.05"})
  void beta_reproducesMoments(double a, double b) {
    double[][] rule = GaussRules.jacobi(a, b, GaussRules.NODES);
    double moment = 1;
    for (int k = 1; k <= 6; k++) {
      moment *= (a + k - 1) / (a + b + k - 1);
      double sum = 0;
      for (int i = 0; i < rule[0].length; i++) {
        sum += rule[1][i] * Math.pow(rule[0][i], k);
      }
      assertThat(sum).as("E[P^%d]", k).isCloseTo(moment, within(1e-12));
    }
  }

  /** BG/NBD with a + b = 1: E[X(t)] is continuous there (it used to throw). */
  @Test
  void bgnbd_expectedPurchasesWhenAPlusBIsOne() {
    double at = ModelKind.BGNBD.create(1, 1, 0.3, 0.7).expectedPurchases(10);
    double near = ModelKind.BGNBD.create(1, 1, 0.3, 0.7 + 1e-9).expectedPurchases(10);
    assertThat(at).isCloseTo(near, within(1e-7));
  }
}
