package org.rekindle.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rekindle.model.FitResult;
import org.rekindle.model.ModelFitter;
import org.rekindle.model.ModelKind;
import org.rekindle.model.RfmData;
import org.rekindle.model.simulate.SimulatedSummaries;
import org.rekindle.model.simulate.Simulator;

/**
 * Times maximum-likelihood fitting on simulated customer bases, the way a daily log produces them:
 * a CDNOW-like cohort acquired over 12 weeks and watched for 78 weeks, times rounded to whole days
 * and expressed in weeks. Summaries are built first and not timed; the timed part is {@link
 * ModelFitter#fit} (compression to unique rows included). Prints one line per run and the median.
 *
 * <p>Usage: {@code FitBench CUSTOMERS MODEL RUNS} with MODEL bgnbd, pnbd or mbgnbd.
 */
public final class FitBench {
  private FitBench() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    ModelKind kind = ModelKind.fromId(args[1]);
    int runs = Integer.parseInt(args[2]);
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    summaries(n, 42, x, tx, age);
    double[] times = new double[runs];
    for (int k = 0; k < runs; k++) {
      long t0 = System.nanoTime();
      RfmData data = RfmData.of(x, tx, age);
      FitResult fit = ModelFitter.fit(kind, data);
      times[k] = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%s n=%d unique=%d run %d: %.3f s, LL %.3f, params %s, converged %s%n",
          kind.id(),
          n,
          data.size(),
          k + 1,
          times[k],
          fit.logLikelihood(),
          fit.model().params(),
          fit.converged());
    }
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s n=%d median %.3f s%n", kind.id(), n, sorted[runs / 2]);
  }

  /** BG/NBD at the CDNOW estimates, days rounded, in weeks. */
  static void summaries(int n, long seed, int[] x, double[] tx, double[] age) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = (546 - rng.nextInt(84)) / 7.0;
    }
    SimulatedSummaries s =
        Simulator.of(ModelKind.BGNBD, 0.243, 4.414, 0.793, 2.426).summaries(seed, ages);
    for (int i = 0; i < n; i++) {
      x[i] = s.x(i);
      age[i] = s.age(i);
      // purchases happen on whole days: round the last purchase down to its day
      tx[i] = x[i] == 0 ? 0 : Math.min(Math.floor(s.tx(i) * 7) / 7.0, age[i]);
    }
  }
}
