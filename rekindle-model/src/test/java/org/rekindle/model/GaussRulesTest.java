package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
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

  /**
   * The QL iteration that tracks only the first eigenvector components gives the nodes and weights
   * of a full symmetric eigendecomposition (Hipparchus), over the shapes scoring asks for: Beta(a,
   * b + x) with x up to 10,000, with 48 and 20 nodes.
   */
  @ParameterizedTest
  @CsvSource({
    "0.05, 0.05",
    "0.3, 0.7",
    "0.79, 2.43",
    "0.05, 20",
    "20, 0.05",
    "0.8, 10000",
    "5, 5",
    "0.2, 3000.5"
  })
  void golubWelsch_matchesFullEigendecomposition(double a, double b) {
    for (int n : new int[] {GaussRules.NODES, 20}) {
      assertMatchesEigen(jacobiMatrix(a, b, n), GaussRules.jacobi(a, b, n));
    }
  }

  private static double[][] jacobiMatrix(double a, double b, int n) {
    // the same recurrence as GaussRules.jacobi, before the map to (0, 1)
    double al = b - 1;
    double be = a - 1;
    double[] diag = new double[n];
    double[] off = new double[n - 1];
    for (int i = 0; i < n; i++) {
      double s = 2.0 * i + al + be;
      diag[i] = i == 0 ? (be - al) / (al + be + 2) : (be * be - al * al) / (s * (s + 2));
      if (i == 1) {
        off[0] = Math.sqrt(4.0 * (1 + al) * (1 + be) / (s * s * (s + 1)));
      } else if (i > 1) {
        off[i - 1] =
            Math.sqrt(4.0 * i * (i + al) * (i + be) * (i + al + be) / (s * s * (s + 1) * (s - 1)));
      }
    }
    return new double[][] {diag, off};
  }

  private static void assertMatchesEigen(double[][] matrix, double[][] rule) {
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(matrix[0], matrix[1]);
    int n = matrix[0].length;
    double[] nodes = new double[n];
    double[] weights = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double v = eig.getEigenvector(i).getEntry(0);
      nodes[i] = eig.getEigenvalues()[i];
      weights[i] = v * v;
      total += weights[i];
    }
    double[][] pairs = new double[n][];
    for (int i = 0; i < n; i++) {
      double node = 0.5 * (1 + nodes[i]);
      pairs[i] = new double[] {node, weights[i] / total};
    }
    Arrays.sort(pairs, (p, q) -> Double.compare(p[0], q[0]));
    double scale = Math.abs(pairs[n - 1][0]);
    for (int i = 0; i < n; i++) {
      assertThat(rule[0][i]).as("node %d", i).isCloseTo(pairs[i][0], within(1e-13 * scale));
      assertThat(rule[1][i])
          .as("weight %d", i)
          .isCloseTo(pairs[i][1], within(1e-10 * Math.max(pairs[i][1], 1e-30)));
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
