package org.rekindle.core.results;

/**
 * The 95% interval for a difference of two means from the normal approximation, for groups so large
 * that a bootstrap would cost more than it tells: the difference plus or minus 1.96 standard
 * errors, the standard error the root of s1²/n1 + s2²/n2 with each group's sample variance (Welch
 * 1947, Biometrika 34:28-35; with thousands of values the t quantile is 1.96 to three places).
 *
 * <p>By the central limit theorem the mean of n values of finite variance is close to normal for
 * large n however skewed the values are, and the bootstrap percentile interval then agrees with
 * this one (Efron and Tibshirani 1993, section 13.3); {@code NormalIntervalTest} checks the two
 * side by side on skewed revenue with most values zero.
 */
public final class NormalInterval {
  /** The 97.5th percentile of the standard normal distribution. */
  static final double Z_975 = 1.959963984540054;

  private NormalInterval() {}

  /**
   * Mean of group one minus mean of group two, each given as its count, sum and sum of squares.
   *
   * @throws IllegalArgumentException if a group has fewer than 2 values or a sum is not finite
   */
  public static Difference meanDifference(
      long n1, double sum1, double sumOfSquares1, long n2, double sum2, double sumOfSquares2) {
    if (n1 < 2 || n2 < 2) {
      throw new IllegalArgumentException(
          "each group needs at least 2 values for a variance, got " + n1 + " and " + n2);
    }
    double mean1 = sum1 / n1;
    double mean2 = sum2 / n2;
    double var1 = Math.max(0, (sumOfSquares1 - n1 * mean1 * mean1) / (n1 - 1));
    double var2 = Math.max(0, (sumOfSquares2 - n2 * mean2 * mean2) / (n2 - 1));
    double se = Math.sqrt(var1 / n1 + var2 / n2);
    double d = mean1 - mean2;
    return new Difference(d, new Interval(d - Z_975 * se, d + Z_975 * se));
  }
}
