package org.rekindle.core.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

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

  // ln n! for n below TABLE, summed once; above it Stirling's series is exact to double precision.
  private static final int TABLE = 256;
  private static final double[] LOG_FACTORIAL = new double[TABLE];

  static {
    for (int i = 1; i < TABLE; i++) {
      LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
    }
  }

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
            percent(current.count(), current.total()),
            current.total(),
            period);
    String against =
        String.format(
            Locale.ROOT,
            " against %s over the previous %s",
            percent(tk, tn),
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

  private static String percent(long k, long n) {
    return n == 0 ? "0%" : Math.round(100.0 * k / n) + "%";
  }

  /**
   * P(X ≥ k) for X hypergeometric: n drawn from N of which K are marked. The terms are summed from
   * the pmf at k by the ratio of consecutive terms, pmf(x+1)/pmf(x) = (K−x)(n−x) /
   * ((x+1)(N−K−n+x+1)), so only one term needs log-factorials.
   */
  static double upperTail(long k, long n, long bigK, long bigN) {
    long lo = Math.max(0, n + bigK - bigN);
    long hi = Math.min(n, bigK);
    if (k <= lo) {
      return 1;
    }
    if (k > hi) {
      return 0;
    }
    double logPmf = logChoose(bigK, k) + logChoose(bigN - bigK, n - k) - logChoose(bigN, n);
    double term = Math.exp(logPmf);
    double sum = 0;
    for (long x = k; x <= hi; x++) {
      sum += term;
      term *= (double) (bigK - x) * (n - x) / ((double) (x + 1) * (bigN - bigK - n + x + 1));
      if (term < sum * 1e-17) {
        break;
      }
    }
    return Math.min(1, sum);
  }

  private static double logChoose(long n, long k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  /**
   * ln n!, from a table below 256 and otherwise Stirling's series to the n^-5 term (Abramowitz and
   * Stegun 6.1.41), whose error there is below 1e-16 relative.
   */
  static double logFactorial(long n) {
    if (n < TABLE) {
      return LOG_FACTORIAL[(int) n];
    }
    double x = n;
    double inv = 1 / x;
    double inv2 = inv * inv;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
  }
}
