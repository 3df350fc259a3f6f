package org.rekindle.model.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rekindle.model.ModelException;
import org.rekindle.model.ModelKind;
import org.rekindle.model.TransactionModel;

/**
 * The simulators against the models' own closed forms: over many customers watched for the same T,
 * the mean of x must match E[X(T)] and the share with x = n must match P(X(T) = n). Tolerances are
 * 4 standard errors of the simulated mean or share.
 */
class SimulatorTest {
  private static final int N = 200_000;
  private static final double T = 39;

  private static double[] params(ModelKind kind) {
    return kind == ModelKind.PNBD
        ? new double[] {0.55, 10.6, 0.61, 11.7}
        : new double[] {0.24, 4.41, 0.79, 2.43};
  }

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void summaries_matchExpectedPurchases(ModelKind kind) {
    Simulator sim = Simulator.of(kind, params(kind));
    SimulatedSummaries s = sim.summaries(7, constant(N, T));
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < N; i++) {
      sum += s.x(i);
      sumSq += (double) s.x(i) * s.x(i);
    }
    double mean = sum / N;
    double se = Math.sqrt((sumSq / N - mean * mean) / N);
    assertThat(mean).isCloseTo(sim.model().expectedPurchases(T), within(4 * se));
  }

  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void summaries_matchProbabilityOfPurchases(ModelKind kind) {
    Simulator sim = Simulator.of(kind, params(kind));
    TransactionModel model = sim.model();
    SimulatedSummaries s = sim.summaries(11, constant(N, T));
    int[] counts = new int[6];
    for (int i = 0; i < N; i++) {
      if (s.x(i) < counts.length) {
        counts[s.x(i)]++;
      }
    }
    for (int n = 0; n < counts.length; n++) {
      double p = model.probabilityOfPurchases(n, T);
      double share = (double) counts[n] / N;
      assertThat(share).as("P(X = %d)", n).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / N)));
    }
  }

  /**
   * Given the history, the number of purchases in the next period is what the conditional
   * expectation predicts: simulate to T + t, keep the customers with a given (x, t_x) pattern class
   * (here: none bought by T), and compare the mean of purchases in (T, T + t].
   */
  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void purchaseTimes_matchConditionalExpectationOfNonBuyers(ModelKind kind) {
    Simulator sim = Simulator.of(kind, params(kind));
    SplittableRandom rng = new SplittableRandom(13);
    double horizon = 26;
    long customers = 0;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < N; i++) {
      double[] times = sim.purchaseTimes(rng, T + horizon);
      if (times.length == 0 || times[0] > T) {
        customers++;
        sum += times.length;
        sumSq += (double) times.length * times.length;
      }
    }
    double mean = sum / customers;
    double se = Math.sqrt((sumSq / customers - mean * mean) / customers);
    assertThat(mean)
        .isCloseTo(sim.model().conditionalExpectedPurchases(horizon, 0, 0, T), within(4 * se));
  }

  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void purchaseTimes_agreeWithSummariesForTheSameSeed(ModelKind kind) {
    Simulator sim = Simulator.of(kind, params(kind));
    double[] ages = new double[1000];
    SplittableRandom ageRng = new SplittableRandom(3);
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 100 * ageRng.nextDouble();
    }
    SimulatedSummaries s = sim.summaries(99, ages);
    SplittableRandom rng = new SplittableRandom(99);
    for (int i = 0; i < ages.length; i++) {
      double[] times = sim.purchaseTimes(rng, ages[i]);
      assertThat(times.length).isEqualTo(s.x(i));
      assertThat(s.tx(i)).isEqualTo(times.length == 0 ? 0 : times[times.length - 1]);
      double age = ages[i];
      assertThat(times).isSorted();
      assertThat(Arrays.stream(times)).allMatch(t -> t > 0 && t <= age);
    }
  }

  @Test
  void summaries_sameSeedSameCustomers() {
    Simulator sim = Simulator.of(ModelKind.BGNBD, 0.24, 4.41, 0.79, 2.43);
    double[] ages = constant(5000, 39);
    SimulatedSummaries a = sim.summaries(5, ages);
    SimulatedSummaries b = sim.summaries(5, ages);
    SimulatedSummaries c = sim.summaries(6, ages);
    boolean differs = false;
    for (int i = 0; i < ages.length; i++) {
      assertThat(a.x(i)).isEqualTo(b.x(i));
      assertThat(a.tx(i)).isEqualTo(b.tx(i));
      differs |= a.tx(i) != c.tx(i);
    }
    assertThat(differs).as("another seed gives other customers").isTrue();
  }

  @Test
  void summaries_zeroAgeMeansNoRepeatPurchases() {
    SimulatedSummaries s = Simulator.of(ModelKind.PNBD, 5, 0.1, 1, 1).summaries(1, new double[10]);
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.x(i)).isZero();
      assertThat(s.tx(i)).isZero();
    }
  }

  @Test
  void summaries_rejectsBadAge() {
    Simulator sim = Simulator.of(ModelKind.BGNBD, 1, 1, 1, 1);
    assertThatThrownBy(() -> sim.summaries(1, new double[] {1, -2}))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("age T must be finite and >= 0, was -2");
  }
}
