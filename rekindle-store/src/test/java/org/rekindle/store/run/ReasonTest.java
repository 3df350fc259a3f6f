package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rekindle.core.score.CustomerScore;
import org.rekindle.core.score.Lifecycle;
import org.rekindle.core.score.LifecycleRules;

/** The reasons written without the Formatter are, character for character, the Formatter's. */
class ReasonTest {
  private static String format(double x, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", x);
  }

  private static String fixed(double x, int decimals) {
    return ScoreRows.fixed(new StringBuilder(), x, decimals).toString();
  }

  /** Random numbers of every size, and the numbers next to every tie and every rounding step. */
  private static List<Double> numbers() {
    List<Double> xs = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(20_261_123);
    for (int i = 0; i < 25_000; i++) {
      xs.add(random.nextDouble());
      xs.add(random.nextDouble() * 1_000);
      xs.add(Math.pow(10, random.nextDouble(-12, 12)));
      xs.add((double) random.nextInt(100_000));
    }
    for (int k = 0; k <= 5_000; k++) {
      for (double scale : new double[] {1, 10, 100, 1000}) {
        double tie = (k + 0.5) / scale;
        double step = k / scale;
        for (double x : new double[] {tie, step}) {
          xs.add(x);
          xs.add(Math.nextUp(x));
          xs.add(Math.nextDown(x));
          xs.add(x + 1e-9);
          xs.add(x - 1e-9);
        }
      }
    }
    xs.addAll(
        List.of(
            0.0,
            -0.0,
            -0.004,
            -1.5,
            0.005,
            0.015,
            0.125,
            0.995,
            0.9999999999,
            1e7 - 0.05,
            1e8,
            1e15 + 0.5,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY));
    return xs;
  }

  @Test
  void fixed_isTheFormattersAnswer() {
    List<Double> xs = numbers();
    for (int decimals = 0; decimals <= 2; decimals++) {
      for (double x : xs) {
        String expected = format(x, decimals);
        if (!fixed(x, decimals).equals(expected)) {
          assertThat(fixed(x, decimals)).as("%s with %d decimals", x, decimals).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void reason_isTheFormattedOne() {
    LifecycleRules rules = LifecycleRules.defaults();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      Lifecycle state = Lifecycle.values()[random.nextInt(Lifecycle.values().length)];
      double pAlive = random.nextDouble();
      double days = i % 3 == 0 ? random.nextInt(800) : random.nextDouble(0, 800);
      OptionalDouble overdue =
          i % 4 == 0 ? OptionalDouble.empty() : OptionalDouble.of(random.nextDouble(0, 150));
      CustomerScore s =
          new CustomerScore(
              "c" + i,
              1,
              1,
              2,
              10,
              pAlive,
              0.5,
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              -1,
              days,
              OptionalDouble.of(30),
              overdue,
              state,
              OptionalInt.empty(),
              OptionalDouble.empty());
      // the reason as it was first written: one format for each part
      String expected =
          String.format(Locale.ROOT, "P(alive) %.2f", pAlive)
              + (overdue.isPresent()
                  ? String.format(
                      Locale.ROOT,
                      ", silent %.0f days (%.1fx their usual gap)",
                      days,
                      overdue.getAsDouble())
                  : String.format(Locale.ROOT, ", silent %.0f days", days))
              + switch (state) {
                case LOST -> String.format(Locale.ROOT, " (below %.2f)", rules.lostBelow());
                case DORMANT ->
                    String.format(
                        Locale.ROOT,
                        " (dormant below %.2f or from %.0fx overdue)",
                        rules.dormantBelow(),
                        rules.dormantOverdue());
                case LAPSING ->
                    String.format(
                        Locale.ROOT,
                        " (lapsing below %.2f or from %.0fx overdue)",
                        rules.lapsingBelow(),
                        rules.lapsingOverdue());
                case ACTIVE -> "";
              };
      assertThat(ScoreRows.reason(s, rules)).isEqualTo(expected);
    }
  }
}
