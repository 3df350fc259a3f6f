package org.rekindle.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/** Standard errors from the observed information, shared by every fit in this module. */
final class StandardErrors {
  private StandardErrors() {}

  /**
   * Inverts the Hessian of −LL with respect to the log-parameters (symmetrised first) and applies
   * the delta method, se(θ) = θ se(ln θ). Empty when the Hessian is not positive definite: the
   * likelihood is flat or curved the wrong way at the estimate.
   */
  static Optional<Map<String, Double>> fromLogHessian(
      double[][] h, double[] theta, List<String> names) {
    int k = theta.length;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double m = 0.5 * (h[i][j] + h[j][i]);
        h[i][j] = m;
        h[j][i] = m;
      }
    }
    RealMatrix cov;
    try {
      cov =
          new CholeskyDecomposition(new Array2DRowRealMatrix(h), 1e-12, 1e-14)
              .getSolver()
              .getInverse();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Map<String, Double> se = new LinkedHashMap<>();
    for (int j = 0; j < k; j++) {
      double v = cov.getEntry(j, j);
      if (!(v >= 0) || !Double.isFinite(v)) {
        return Optional.empty();
      }
      se.put(names.get(j), theta[j] * Math.sqrt(v));
    }
    return Optional.of(se);
  }
}
