package org.rekindle.model;

import org.jspecify.annotations.Nullable;

/**
 * Sum of weighted per-row log-likelihoods and its gradient with respect to the natural parameters,
 * over a range of rows of the (x-sorted) data. Kernels are stateless; fitting calls them from
 * several threads on disjoint ranges.
 */
interface LikelihoodKernel {
  /**
   * @param grad if not null, receives d(sum)/d(theta_j) added to its contents
   * @return the weighted sum of log-likelihoods of rows [from, to)
   */
  double value(double[] theta, RfmData data, int from, int to, double @Nullable [] grad);
}
