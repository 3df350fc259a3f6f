package org.rekindle.model.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rekindle.model.ModelException;
import org.rekindle.model.ModelKind;
import org.rekindle.model.TransactionModel;

/**
 * Simulates customers from BG/NBD, MBG/NBD or Pareto/NBD with given parameters, one customer at a
 * time from the individual-level story of each model. A customer makes a first purchase at time 0
 * (not counted) and is watched until their age T; time is in the unit of the parameters.
 *
 * <ul>
 *   <li>BG/NBD (Fader, Hardie &amp; Lee 2005, section 2): λ ~ Gamma(r, α), p ~ Beta(a, b). While
 *       active the customer buys at the times of a Poisson process with rate λ; right after each
 *       repeat purchase they drop out with probability p.
 *   <li>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007, section 3): as BG/NBD, but the customer
 *       may also drop out, with probability p, right after the first purchase at time 0.
 *   <li>Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987, section 2): λ ~ Gamma(r, α), μ ~
 *       Gamma(s, β); Poisson purchases with rate λ during an exponential lifetime with rate μ.
 * </ul>
 *
 * <p>Inter-purchase times are drawn one by one, so the cost is proportional to the number of
 * purchases simulated. Results depend only on the seed (or the generator's state) and the inputs.
 * Instances are immutable and thread-safe; a {@link SplittableRandom} is not, so give each thread
 * its own (for instance with {@link SplittableRandom#split()}).
 */
public final class Simulator {
  private final TransactionModel model;
  private final ModelKind kind;
  private final double r;
  private final double alpha;
  private final double third;
  private final double fourth;

  private Simulator(TransactionModel model) {
    this.model = model;
    this.kind = model.kind();
    double[] p = model.paramArray();
    this.r = p[0];
    this.alpha = p[1];
    this.third = p[2];
    this.fourth = p[3];
  }

  /** A simulator for the given model and its parameters. */
  public static Simulator of(TransactionModel model) {
    return new Simulator(model);
  }

  /** A simulator for {@code kind} with parameters in canonical order (see {@link ModelKind}). */
  public static Simulator of(ModelKind kind, double... params) {
    return new Simulator(kind.create(params));
  }

  /** The model simulated from. */
  public TransactionModel model() {
    return model;
  }

  /**
   * Simulates one customer per entry of {@code ages} (each customer's observation length T) and
   * returns their summaries. The same seed and ages give the same summaries.
   *
   * @throws ModelException if an age is negative or not finite
   */
  public SimulatedSummaries summaries(long seed, double[] ages) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = ages.length;
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = Arrays.copyOf(ages, n);
    Draw draw = new Draw(false);
    for (int i = 0; i < n; i++) {
      requireAge(age[i]);
      simulate(rng, age[i], draw);
      x[i] = draw.count;
      tx[i] = draw.last;
    }
    return new SimulatedSummaries(x, tx, age);
  }

  /**
   * Simulates one customer watched for {@code age} and returns the times of their repeat purchases,
   * ascending, in (0, age]. Drawing with a generator in the same state gives the same customer as
   * {@link #summaries}: its x is the length of the array and t_x the last element.
   *
   * @throws ModelException if the age is negative or not finite
   */
  public double[] purchaseTimes(SplittableRandom rng, double age) {
    requireAge(age);
    Draw draw = new Draw(true);
    simulate(rng, age, draw);
    return Arrays.copyOf(draw.times, draw.count);
  }

  private static void requireAge(double age) {
    if (!(age >= 0) || Double.isInfinite(age)) {
      throw new ModelException("age T must be finite and >= 0, was " + age);
    }
  }

  private void simulate(SplittableRandom rng, double age, Draw draw) {
    draw.reset();
    double lambda = RandomVariates.gamma(rng, r, alpha);
    double end;
    double dropout;
    if (kind == ModelKind.PNBD) {
      double mu = RandomVariates.gamma(rng, third, fourth);
      // lifetime ~ Exp(μ); a μ that underflowed to 0 gives an infinite lifetime
      end = Math.min(age, rng.nextExponential() / mu);
      dropout = 0;
    } else {
      dropout = RandomVariates.beta(rng, third, fourth);
      end = age;
      if (kind == ModelKind.MBGNBD && rng.nextDouble() < dropout) {
        return;
      }
    }
    // λ that underflowed to 0 makes the first gap infinite: no purchases
    double t = rng.nextExponential() / lambda;
    while (t <= end) {
      draw.add(t);
      if (dropout > 0 && rng.nextDouble() < dropout) {
        return;
      }
      t += rng.nextExponential() / lambda;
    }
  }

  /** One customer's purchases: the count and last time, and the times when asked to keep them. */
  private static final class Draw {
    private final boolean keep;
    double[] times;
    int count;
    double last;

    Draw(boolean keep) {
      this.keep = keep;
      this.times = new double[keep ? 8 : 0];
    }

    void reset() {
      count = 0;
      last = 0;
    }

    void add(double t) {
      if (keep) {
        if (count == times.length) {
          times = Arrays.copyOf(times, 2 * count);
        }
        times[count] = t;
      }
      count++;
      last = t;
    }
  }
}
