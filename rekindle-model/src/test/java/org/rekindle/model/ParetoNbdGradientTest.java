package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Pareto/NBD kernel's analytic gradient, against 40-digit references and against central
 * differences of the kernel's value (whose G comes from {@link
 * org.rekindle.model.special.Hypergeometric#log2F1}, a route that shares nothing with the
 * gradient's).
 */
class ParetoNbdGradientTest {

  /** Parameter sets of the references: α/β from 1e-4 to 1e4, r and s from 0.05 to 50. */
  private static final double[][] THETAS = {
    {0.553, 10.578, 0.606, 11.669},
    {0.3, 50, 1.0000001, 50},
    {0.8, 0.001, 0.4, 10},
    {1.5, 2, 3, 0.0002},
    {0.05, 5, 0.05, 5e4},
    {50, 1e4, 50, 1},
    {0.05, 1, 50, 1e4},
    {50, 1e-2, 0.05, 1e2},
    {2, 1e3, 0.2, 1e-1},
  };

  /** Summaries (x, t_x, T), from no repeat purchase to 10,000, and t_x a day before T. */
  private static final double[][] ROWS = {
    {0, 0, 38.86},
    {1, 1.71, 38.86},
    {2, 30.43, 38.86},
    {3, 38.86 - 1.0 / 7, 38.86},
    {15, 20, 40},
    {200, 300, 320},
    {10000, 5000, 5200},
  };

  /**
   * References: {@code pnbd_gradient.csv} from {@code src/test/scripts/pnbd_gradient_references.py}
   * (mpmath at 40 digits, two routes). The worst relative error measured is 5e-10 (of the largest
   * component, for each component); the tolerance is 1e-8.
   */
  @ParameterizedTest(name = "θ=({0}, {1}, {2}, {3}) x={4} t_x={5} T={6}")
  @CsvFileSource(resources = "/org/rekindle/model/pnbd_gradient.csv", numLinesToSkip = 1)
  void gradient_matchesFortyDigitReferences(
      double r,
      double alpha,
      double s,
      double beta,
      int x,
      double tx,
      double age,
      double dr,
      double dAlpha,
      double ds,
      double dBeta) {
    double[] theta = {r, alpha, s, beta};
    RfmData data = RfmData.of(new int[] {x}, new double[] {tx}, new double[] {age});
    double[] grad = new double[4];
    ParetoNbdModel.KERNEL.value(theta, data, 0, 1, grad);
    double[] expected = {dr, dAlpha, ds, dBeta};
    // in ln θ, where the optimiser works and the components are comparable
    double scale = 0;
    for (int j = 0; j < 4; j++) {
      scale = Math.max(scale, Math.abs(expected[j] * theta[j]));
    }
    for (int j = 0; j < 4; j++) {
      assertThat(grad[j] * theta[j])
          .as("component %d", j)
          .isCloseTo(expected[j] * theta[j], within(1e-8 * scale));
    }
  }

  static List<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (double[] theta : THETAS) {
      for (double[] row : ROWS) {
        out.add(new Object[] {theta, row});
      }
    }
    return out;
  }

  /**
   * Against central differences in ln θ at steps h and h/2, Richardson-extrapolated (truncation
   * O(h^4), about 1e-12 here). Their rounding is the value's error over h: log2F1 is accurate to
   * 6e-11 of max(1, |ln|) at worst (HypergeometricTest), so the difference carries up to 6e-11 /
   * 5e-4 · 5/3 = 2e-7 of max(1, |LL|), on top of the 1e-6 relative the comparison asks for. (The
   * largest difference, 7.5e-8 at θ = (50, 1e4, 50, 1), x = 0, is the differences' error: the
   * analytic value agrees with the 40-digit reference to 2e-10.)
   */
  @ParameterizedTest
  @MethodSource("cases")
  void gradient_matchesRichardsonDifferences(double[] theta, double[] row) {
    RfmData data =
        RfmData.of(new int[] {(int) row[0]}, new double[] {row[1]}, new double[] {row[2]});
    double ll = ParetoNbdModel.KERNEL.value(theta, data, 0, 1, null);
    double[] analytic = logGradient(theta, data);
    double[] numeric = numericLogGradient(theta, data);
    for (int j = 0; j < 4; j++) {
      double tolerance = 1e-6 * Math.abs(numeric[j]) + 2e-7 * Math.max(1, Math.abs(ll));
      assertThat(analytic[j]).as("component %d", j).isCloseTo(numeric[j], within(tolerance));
    }
  }

  /** The whole CDNOW sample, at the estimate (gradient near 0) and away from it. */
  @Test
  void gradient_matchesRichardsonDifferencesOnCdnow() {
    Cdnow c = Cdnow.load();
    RfmData data = RfmData.of(c.x, c.tx, c.age);
    double[][] thetas = {{0.5533, 10.5776, 0.6062, 11.6679}, {1.2, 4, 0.3, 40}, {0.2, 30, 2, 3}};
    for (double[] theta : thetas) {
      double[] analytic = logGradient(theta, data);
      double[] numeric = numericLogGradient(theta, data);
      for (int j = 0; j < 4; j++) {
        // |LL| is about 1e4: 1e-6 is 1e-10 of it; the largest difference measured is 4e-8, while
        // components reach 3,500 away from the estimate and 0.05 at it
        assertThat(analytic[j]).as("component %d", j).isCloseTo(numeric[j], within(1e-6));
      }
    }
  }

  /** θ_j ∂LL/∂θ_j from the kernel. */
  static double[] logGradient(double[] theta, RfmData data) {
    double[] g = new double[4];
    ParetoNbdModel.KERNEL.value(theta, data, 0, data.size(), g);
    for (int j = 0; j < 4; j++) {
      g[j] *= theta[j];
    }
    return g;
  }

  static double[] numericLogGradient(double[] theta, RfmData data) {
    double h = 1e-3;
    double[] g = new double[4];
    for (int j = 0; j < 4; j++) {
      g[j] = (4 * central(theta, data, j, h / 2) - central(theta, data, j, h)) / 3;
    }
    return g;
  }

  private static double central(double[] theta, RfmData data, int j, double h) {
    double[] up = theta.clone();
    double[] dn = theta.clone();
    up[j] = theta[j] * Math.exp(h);
    dn[j] = theta[j] * Math.exp(-h);
    double fu = ParetoNbdModel.KERNEL.value(up, data, 0, data.size(), null);
    double fd = ParetoNbdModel.KERNEL.value(dn, data, 0, data.size(), null);
    return (fu - fd) / (2 * h);
  }
}
