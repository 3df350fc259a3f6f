package org.rekindle.core.results;

/**
 * 95% confidence intervals for proportions: the Wilson score interval for one proportion and
 * Newcombe's hybrid score interval for the difference of two independent proportions.
 *
 * <p>Both stay inside the possible range and behave sensibly at 0 and at n successes, where the
 * textbook Wald interval {@code p ± z sqrt(p(1-p)/n)} collapses to a single point. Newcombe (1998a)
 * compared eleven methods for the difference and recommended this one (his method 10).
 *
 * <ul>
 *   <li>Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
 *       Journal of the American Statistical Association 22:209-212.
 *   <li>Newcombe, R. G. (1998a). Interval estimation for the difference between independent
 *       proportions: comparison of eleven methods. Statistics in Medicine 17:873-890.
 *   <li>Newcombe, R. G. (1998b). Two-sided confidence intervals for the single proportion:
 *       comparison of seven methods. Statistics in Medicine 17:857-872.
 * </ul>
 */
public final class Proportions {
  /** The standard normal quantile for a two-sided 95% interval, {@code Φ⁻¹(0.975)}. */
  static final double Z_95 = 1.959963984540054;

  private static final double Z2 = Z_95 * Z_95;

  private Proportions() {}

  /**
   * The Wilson score interval for {@code successes} out of {@code trials}.
   *
   * <p>Wilson (1927); Newcombe (1998b) method 3, without continuity correction: with {@code p =
   * r/n}, {@code q = 1 - p},
   *
   * <pre>
   *   (2np + z² ± z sqrt(z² + 4npq)) / (2(n + z²))
   * </pre>
   *
   * @throws IllegalArgumentException if {@code trials} is not positive or {@code successes} is
   *     negative or above {@code trials}
   */
  public static Interval wilson(long successes, long trials) {
    checkCounts(successes, trials, "");
    double n = trials;
    double r = successes;
    double denominator = 2 * (n + Z2);
    double centre = (2 * r + Z2) / denominator;
    // 4npq written as 4r(n-r)/n: exact zero at both ends, no rounding of p first.
    double half = Z_95 * Math.sqrt(Z2 + 4 * r * (n - r) / n) / denominator;
    // At r = 0 and r = n the formula gives exactly 0 and 1 in exact arithmetic; say so rather than
    // trust the last bit of a floating-point cancellation.
    double lower = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
    double upper = successes == trials ? 1.0 : Math.min(1.0, centre + half);
    return new Interval(lower, upper);
  }

  /**
   * The difference of two independent proportions, {@code p1 - p2} with {@code p1 = successes1 /
   * trials1} and {@code p2 = successes2 / trials2}, with Newcombe's hybrid score interval.
   *
   * <p>Newcombe (1998a) method 10: with {@code (l1, u1)} and {@code (l2, u2)} the Wilson intervals
   * of the two proportions and {@code D = p1 - p2},
   *
   * <pre>
   *   L = D - sqrt((p1 - l1)² + (u2 - p2)²)
   *   U = D + sqrt((u1 - p1)² + (p2 - l2)²)
   * </pre>
   *
   * Swapping the groups negates the interval exactly.
   *
   * @throws IllegalArgumentException if a group has no trials, or negative successes, or more
   *     successes than trials
   */
  public static Difference newcombe(long successes1, long trials1, long successes2, long trials2) {
    checkCounts(successes1, trials1, "first group: ");
    checkCounts(successes2, trials2, "second group: ");
    double p1 = (double) successes1 / trials1;
    double p2 = (double) successes2 / trials2;
    Interval w1 = wilson(successes1, trials1);
    Interval w2 = wilson(successes2, trials2);
    double d = p1 - p2;
    double lower = d - root(p1 - w1.lower(), w2.upper() - p2);
    double upper = d + root(w1.upper() - p1, p2 - w2.lower());
    // L >= l1 - u2 >= -1 and U <= u1 - l2 <= 1 in exact arithmetic; clamp only rounding.
    return new Difference(d, new Interval(Math.max(-1.0, lower), Math.min(1.0, upper)));
  }

  // sqrt(a² + b²). Not Math.hypot: the terms are at most 1, so nothing overflows, and a sum is
  // commutative bit for bit, which makes the swap symmetry exact.
  private static double root(double a, double b) {
    return Math.sqrt(a * a + b * b);
  }

  private static void checkCounts(long successes, long trials, String which) {
    if (trials <= 0) {
      throw new IllegalArgumentException(
          which + "a proportion needs at least one customer, got " + trials);
    }
    if (successes < 0) {
      throw new IllegalArgumentException(
          which + "the number of successes must not be negative, got " + successes);
    }
    if (successes > trials) {
      throw new IllegalArgumentException(
          which
              + "the number of successes ("
              + successes
              + ") must not be more than the number of customers ("
              + trials
              + ")");
    }
  }
}
