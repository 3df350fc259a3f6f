package org.rekindle.model;

import java.util.concurrent.ConcurrentHashMap;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Gaussian quadrature rules for the Beta mixing distributions of the models, built by the
 * Golub-Welsch algorithm (Golub &amp; Welsch 1969) from the three-term recurrence of the Jacobi
 * polynomials (Abramowitz &amp; Stegun 22.7; Gautschi, "Orthogonal Polynomials", 2004).
 *
 * <p>A rule integrates E[f(P)] for P ~ Beta(a, b) exactly for polynomials of degree below 2n, and
 * for smooth f to near machine precision. Weights sum to 1. Rules are cached by their parameters:
 * scoring a customer base asks for one rule per distinct x.
 */
final class GaussRules {
  static final int NODES = 48;

  private static final ConcurrentHashMap<Key, double[][]> BETA = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 20_000;

  private GaussRules() {}

  private record Key(double a, double b, int n) {}

  /** Nodes in (0, 1) and weights for E[f(P)], P ~ Beta(a, b). Returns {nodes, weights}. */
  static double[][] beta(double a, double b) {
    return beta(a, b, NODES);
  }

  /** As {@link #beta(double, double)} with n nodes. */
  static double[][] beta(double a, double b, int n) {
    Key key = new Key(a, b, n);
    double[][] rule = BETA.get(key);
    if (rule == null) {
      rule = jacobi(a, b, n);
      if (BETA.size() > CACHE_LIMIT) {
        BETA.clear();
      }
      BETA.put(key, rule);
    }
    return rule;
  }

  /**
   * Jacobi rule on [-1, 1] with weight (1-t)^(b-1) (1+t)^(a-1), mapped to p = (1+t)/2 so the weight
   * becomes the Beta(a, b) density. Recurrence coefficients of the monic Jacobi polynomials with
   * alpha = b-1, beta = a-1 (Gautschi 2004, Table 1.1).
   */
  static double[][] jacobi(double a, double b, int n) {
    double al = b - 1;
    double be = a - 1;
    double[] diag = new double[n];
    double[] off = new double[n - 1];
    for (int i = 0; i < n; i++) {
      double s = 2.0 * i + al + be;
      if (i == 0) {
        diag[0] = (be - al) / (al + be + 2);
      } else {
        diag[i] = (be * be - al * al) / (s * (s + 2));
      }
      if (i == 1) {
        // the general formula with (1 + al + be) cancelled: it is 0/0 when a + b = 1
        off[0] = Math.sqrt(4.0 * (1 + al) * (1 + be) / (s * s * (s + 1)));
      } else if (i > 1) {
        double num = 4.0 * i * (i + al) * (i + be) * (i + al + be);
        double den = s * s * (s + 1) * (s - 1);
        off[i - 1] = Math.sqrt(num / den);
      }
    }
    double[][] rule = golubWelsch(diag, off);
    double[] nodes = rule[0];
    for (int i = 0; i < n; i++) {
      // p = (1 + t) / 2, clamped away from the end points the weight may make singular
      nodes[i] = Math.min(Math.max(0.5 * (1 + nodes[i]), Double.MIN_NORMAL), 1 - 0x1p-53);
    }
    return rule;
  }

  /** Eigenvalues of the Jacobi matrix are the nodes; squared first components the weights. */
  private static double[][] golubWelsch(double[] diag, double[] off) {
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(diag, off);
    int n = diag.length;
    double[] values = eig.getEigenvalues();
    double[] nodes = new double[n];
    double[] weights = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      nodes[i] = values[i];
      double v = eig.getEigenvector(i).getEntry(0);
      weights[i] = v * v;
      total += weights[i];
    }
    for (int i = 0; i < n; i++) {
      weights[i] /= total;
    }
    return new double[][] {nodes, weights};
  }
}
