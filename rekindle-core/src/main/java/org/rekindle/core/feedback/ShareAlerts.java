package org.rekindle.core.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.distribution.discrete.HypergeometricDistribution;

/**
 * Flags a reason whose share of the answers in the latest period is significantly above its rate
 * over the trailing periods.
 *
 * <p>The test is Fisher's exact test, one-sided (Agresti, <i>Categorical Data Analysis</i>, 2nd
 * ed., 2002, §3.5.1): with {@code k} of {@code n} answers giving the reason this period and {@code
 * K} of {@code N} over this and the trailing periods together, under the hypothesis that the share
 * has not changed the count this period is hypergeometric, and the p-value is
 *
 * <pre>P(X ≥ k) = Σ_{x=k}^{min(n,K)} C(K, x) C(N−K, n−x) / C(N, n).</pre>
 *
 * <p>It is used rather than a binomial test against the trailing rate because it allows for the
 * trailing rate being itself estimated from a few periods; being exact, its false-alarm rate is at
 * most the level however small the counts. A period with fewer answers than the minimum total never
 * alerts.
 *
 * @param level the significance level, in (0, 0.5]; an alert needs a p-value below it
 * @param minTotal the fewest answers the latest period needs before it can alert, 1 or more
 * @param period the period's name in words, singular, such as "month" or "week"
 */
public record ShareAlerts(double level, long minTotal, String period) {
  /** The default significance level, 0.01. */
  public static final double DEFAULT_LEVEL = 0.01;

  /** The default minimum total, 30 answers. */
  public static final long DEFAULT_MIN_TOTAL = 30;

  public ShareAlerts {
    if (!(level > 0 && level <= 0.5)) {
      throw new IllegalArgumentException(
          "the significance level must be more than 0 and at most 0.5: " + level);
    }
    if (minTotal < 1) {
      throw new IllegalArgumentException(
          "the minimum total of answers must be 1 or more: " + minTotal);
    }
    Objects.requireNonNull(period, "period");
    period = period.strip();
    if (period.isEmpty()) {
      throw new IllegalArgumentException("the period must be named, such as 'month'");
    }
  }

  /** Level 0.01, at least 30 answers, periods of a month. */
  public static ShareAlerts defaults() {
    return new ShareAlerts(DEFAULT_LEVEL, DEFAULT_MIN_TOTAL, "month");
  }

  /**
   * Tests the latest period against the trailing ones.
   *
   * @param reason the reason counted
   * @param current the latest period's count of the reason and total of answers
   * @param trailing the trailing periods, oldest or newest first (the order does not matter)
   */
  public ShareAlert check(LeavingReason reason, PeriodCount current, List<PeriodCount> trailing) {
    long tk = 0;
    long tn = 0;
    for (PeriodCount p : trailing) {
      tk += p.count();
      tn += p.total();
    }
    PeriodCount before = new PeriodCount(tk, tn);
    String head =
        String.format(
            Locale.ROOT,
            "%s: %s of %d answers this %s",
            reason.label(),
            percent(current),
            current.total(),
            period);
    String against =
        String.format(
            Locale.ROOT,
            " against %s over the previous %s",
            percent(before),
            trailing.size() == 1 ? period : trailing.size() + " " + period + "s");
    if (current.total() < minTotal) {
      return new ShareAlert(
          reason,
          false,
          current,
          before,
          1,
          head + ", fewer than the " + minTotal + " needed to compare");
    }
    if (tn == 0) {
      return new ShareAlert(
          reason, false, current, before, 1, head + ", and no earlier answers to compare with");
    }
    double p =
        upperTail(current.count(), current.total(), current.count() + tk, current.total() + tn);
    boolean alert = p < level;
    String verdict =
        alert
            ? String.format(Locale.ROOT, ": a significant rise (p = %.2g)", p)
            : String.format(Locale.ROOT, ": not a significant rise (p = %.2g)", p);
    return new ShareAlert(reason, alert, current, before, p, head + against + verdict);
  }

  // 100 * count / total in one division, so that 57 of 200 is 29%, not 28% (100 * 0.285 is not)
  private static String percent(PeriodCount p) {
    return p.total() == 0 ? "0%" : Math.round(100.0 * p.count() / p.total()) + "%";
  }

  /**
   * P(X ≥ k) for X hypergeometric: n drawn from N of which K are marked, by Hipparchus'
   * distribution. Counts are answers to a survey, far below {@code int}'s range; beyond it this
   * throws.
   */
  static double upperTail(long k, long n, long bigK, long bigN) {
    if (k <= Math.max(0, n + bigK - bigN)) {
      return 1;
    }
    if (k > Math.min(n, bigK)) {
      return 0;
    }
    return new HypergeometricDistribution(
            Math.toIntExact(bigN), Math.toIntExact(bigK), Math.toIntExact(n))
        .upperCumulativeProbability(Math.toIntExact(k));
  }
}
