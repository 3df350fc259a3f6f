package org.rekindle.model;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

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

  /**
   * Eigenvalues of the Jacobi matrix are the nodes; the squared first components of its normalised
   * eigenvectors the weights (Golub &amp; Welsch 1969). Only those first components are needed, so
   * the implicit QL iteration with Wilkinson shifts (Bowdler, Martin, Reinsch &amp; Wilkinson 1968,
   * "The QR and QL algorithms for symmetric matrices") carries one row of the eigenvector matrix
   * instead of all of it: O(n²) work instead of O(n³), which matters when scoring asks for a rule
   * per distinct x.
   */
  static double[][] golubWelsch(double[] diagonal, double[] offDiagonal) {
    int n = diagonal.length;
    double[] d = diagonal.clone();
    double[] e = new double[n];
    System.arraycopy(offDiagonal, 0, e, 0, n - 1);
    double[] z = new double[n];
    z[0] = 1;
    for (int l = 0; l < n; l++) {
      for (int iteration = 0; ; iteration++) {
        int m = l;
        while (m < n - 1 && Math.abs(e[m]) > 0x1p-53 * (Math.abs(d[m]) + Math.abs(d[m + 1]))) {
          m++;
        }
        if (m == l) {
          break;
        }
        if (iteration == 60) {
          throw new ModelException("Gauss rule: the QL iteration did not converge");
        }
        // Wilkinson shift from the leading 2×2 block, then chase the bulge up from row m
        double g = (d[l + 1] - d[l]) / (2 * e[l]);
        double h = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + Math.copySign(h, g));
        double sin = 1;
        double cos = 1;
        double shift = 0;
        boolean deflated = false;
        for (int i = m - 1; i >= l; i--) {
          double f = sin * e[i];
          double b = cos * e[i];
          h = Math.hypot(f, g);
          e[i + 1] = h;
          if (h == 0) {
            // an off-diagonal element underflowed: the matrix splits here; start over from l
            d[i + 1] -= shift;
            e[m] = 0;
            deflated = true;
            break;
          }
          sin = f / h;
          cos = g / h;
          g = d[i + 1] - shift;
          h = (d[i] - g) * sin + 2 * cos * b;
          shift = sin * h;
          d[i + 1] = g + shift;
          g = cos * h - b;
          double zi = z[i];
          z[i] = cos * zi - sin * z[i + 1];
          z[i + 1] = sin * zi + cos * z[i + 1];
        }
        if (!deflated) {
          d[l] -= shift;
          e[l] = g;
          e[m] = 0;
        }
      }
    }
    // ascending nodes, weights alongside
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(d[i], d[j]));
    double[] nodes = new double[n];
    double[] weights = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      nodes[i] = d[order[i]];
      weights[i] = z[order[i]] * z[order[i]];
      total += weights[i];
    }
    for (int i = 0; i < n; i++) {
      weights[i] /= total;
    }
    return new double[][] {nodes, weights};
  }
}
