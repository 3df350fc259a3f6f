package org.rekindle.core.simulate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.RekindleException;

/**
 * Settings of a synthetic transaction log, validated once and then frozen. The defaults mimic the
 * CDNOW cohort (Fader, Hardie &amp; Lee 2005): customers acquired over the first 12 weeks of 1997,
 * watched for 78 weeks, buying by BG/NBD with the published estimates converted from weeks to days
 * and spending by Gamma-Gamma with the published estimates (Fader, Hardie &amp; Lee 2005, "RFM and
 * CLV", section 4).
 *
 * @param customers how many customers to simulate
 * @param start first day a customer can be acquired
 * @param acquisitionDays customers' first purchases fall uniformly on the days [start, start +
 *     acquisitionDays)
 * @param end the end of observation, exclusive: no purchase falls on or after it
 * @param r BG/NBD shape of the purchase rate λ ~ Gamma(r, α)
 * @param alpha BG/NBD rate parameter α of λ, in days (weeks × 7)
 * @param a BG/NBD drop-out probability p ~ Beta(a, b)
 * @param b BG/NBD drop-out probability p ~ Beta(a, b)
 * @param p Gamma-Gamma shape of each amount, z ~ Gamma(p, ν)
 * @param q Gamma-Gamma shape of a customer's ν ~ Gamma(q, γ)
 * @param gamma Gamma-Gamma rate γ of ν
 * @param orderIds whether to write an order_id column
 * @param seed the seed; the same settings give the same file, byte for byte
 */
public record GeneratorSettings(
    long customers,
    LocalDate start,
    int acquisitionDays,
    LocalDate end,
    double r,
    double alpha,
    double a,
    double b,
    double p,
    double q,
    double gamma,
    boolean orderIds,
    long seed) {

  /** CDNOW's first day of acquisition. */
  public static final LocalDate DEFAULT_START = LocalDate.of(1997, 1, 1);

  /** Longest observation this generator handles: 200 years. */
  static final long MAX_DAYS = 200 * 366;

  public GeneratorSettings {
    if (customers < 0) {
      throw new RekindleException("customers must not be negative, was " + customers);
    }
    if (start == null || end == null) {
      throw new RekindleException("start and end dates are required");
    }
    if (acquisitionDays < 1) {
      throw new RekindleException(
          "acquisition window must be at least 1 day, was " + acquisitionDays);
    }
    long days = ChronoUnit.DAYS.between(start, end);
    if (days < acquisitionDays) {
      throw new RekindleException(
          "end "
              + end
              + " must be at least the acquisition window ("
              + acquisitionDays
              + " days) after start "
              + start);
    }
    if (days > MAX_DAYS || start.getYear() < 1 || end.getYear() > 9999) {
      throw new RekindleException(
          "observation from "
              + start
              + " to "
              + end
              + " must lie within years 1-9999 and 200 years");
    }
    requirePositive("r", r);
    requirePositive("alpha", alpha);
    requirePositive("a", a);
    requirePositive("b", b);
    requirePositive("p", p);
    requirePositive("q", q);
    requirePositive("gamma", gamma);
  }

  private static void requirePositive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new RekindleException(name + " must be finite and > 0, was " + v);
    }
  }

  /** Days from start to end. */
  int observationDays() {
    return (int) ChronoUnit.DAYS.between(start, end);
  }

  /** The CDNOW-like defaults for {@code customers} customers and the given seed. */
  public static GeneratorSettings cdnowLike(long customers, long seed) {
    return builder().customers(customers).seed(seed).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds settings; anything not set keeps its CDNOW-like default. */
  public static final class Builder {
    private long customers = 10_000;
    private LocalDate start = DEFAULT_START;
    private int acquisitionDays = 12 * 7;
    private @Nullable LocalDate end;
    private double r = 0.243;
    private double alpha = 4.414 * 7;
    private double a = 0.793;
    private double b = 2.426;
    private double p = 6.25;
    private double q = 3.74;
    private double gamma = 15.44;
    private boolean orderIds;
    private long seed = 1;

    private Builder() {}

    /** Default 10,000. */
    public Builder customers(long n) {
      this.customers = n;
      return this;
    }

    /** Default 1997-01-01. */
    public Builder start(LocalDate date) {
      this.start = date;
      return this;
    }

    /** Default 84 (12 weeks). */
    public Builder acquisitionDays(int days) {
      this.acquisitionDays = days;
      return this;
    }

    /** Exclusive; default start + 78 weeks. */
    public Builder end(LocalDate date) {
      this.end = date;
      return this;
    }

    /** BG/NBD parameters with α in days; default r = 0.243, α = 4.414 × 7, a = 0.793, b = 2.426. */
    public Builder bgnbd(double r, double alphaDays, double a, double b) {
      this.r = r;
      this.alpha = alphaDays;
      this.a = a;
      this.b = b;
      return this;
    }

    /** Gamma-Gamma spend parameters; default p = 6.25, q = 3.74, γ = 15.44. */
    public Builder spend(double p, double q, double gamma) {
      this.p = p;
      this.q = q;
      this.gamma = gamma;
      return this;
    }

    /** Default false. */
    public Builder orderIds(boolean write) {
      this.orderIds = write;
      return this;
    }

    /** Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @throws RekindleException naming the setting that is out of range
     */
    public GeneratorSettings build() {
      LocalDate last = end != null ? end : start.plusWeeks(78);
      return new GeneratorSettings(
          customers, start, acquisitionDays, last, r, alpha, a, b, p, q, gamma, orderIds, seed);
    }
  }
}
