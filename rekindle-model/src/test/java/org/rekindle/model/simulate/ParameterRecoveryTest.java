package org.rekindle.model.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rekindle.model.FitResult;
import org.rekindle.model.ModelFitter;
import org.rekindle.model.ModelKind;

/**
 * Fits each model to 100,000 customers simulated from known parameters and checks that every
 * estimate lies within 3 standard errors of the truth. With correct likelihoods and simulators a
 * parameter misses with probability about 0.3%; the seeds are fixed, so a failure is a change in
 * behaviour, not bad luck.
 */
class ParameterRecoveryTest {
  private static final int CUSTOMERS = 100_000;

  /**
   * T uniform in [27, 39] weeks, like CDNOW's cohort acquired over the first 12 weeks and watched
   * to week 39. T is a whole number of days, as it is in real data; the many customers sharing a T
   * (and, with no repeat purchase, t_x = 0) compress to few likelihood rows, which keeps the
   * Pareto/NBD fit within a few seconds.
   */
  private static double[] cdnowLikeAges(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] ages = new double[CUSTOMERS];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = (27 * 7 + rng.nextInt(12 * 7 + 1)) / 7.0;
    }
    return ages;
  }

  private static void assertRecovers(ModelKind kind, double[] truth, long seed) {
    SimulatedSummaries sim = Simulator.of(kind, truth).summaries(seed, cdnowLikeAges(seed + 1));
    FitResult fit = ModelFitter.fit(kind, sim.toRfmData());
    assertThat(fit.converged()).as("converged, warnings %s", fit.warnings()).isTrue();
    assertThat(fit.standardErrors()).isPresent();
    Map<String, Double> se = fit.standardErrors().orElseThrow();
    Map<String, Double> estimate = fit.model().params();
    List<String> names = kind.parameterNames();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      assertThat(estimate.get(name))
          .as("%s %s (se %s)", kind.displayName(), name, se.get(name))
          .isBetween(truth[j] - 3 * se.get(name), truth[j] + 3 * se.get(name));
    }
  }

  @Test
  void bgnbd_recoversCdnowLikeParameters() {
    assertRecovers(ModelKind.BGNBD, new double[] {0.24, 4.41, 0.79, 2.43}, 20_050_001L);
  }

  @Test
  void mbgnbd_recoversCdnowLikeParameters() {
    assertRecovers(ModelKind.MBGNBD, new double[] {0.24, 4.41, 0.79, 2.43}, 20_070_003L);
  }

  @Test
  void pnbd_recoversCdnowLikeParameters() {
    assertRecovers(ModelKind.PNBD, new double[] {0.55, 10.6, 0.61, 11.7}, 19_870_001L);
  }
}
