package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BfgsTest {

  /** Rosenbrock's valley: the textbook hard case for a line search. */
  @Test
  void minimize_rosenbrock_reachesTheMinimum() {
    Bfgs.Objective rosenbrock =
        (u, g) -> {
          double a = 1 - u[0];
          double b = u[1] - u[0] * u[0];
          g[0] = -2 * a - 400 * u[0] * b;
          g[1] = 200 * b;
          return a * a + 100 * b * b;
        };
    Bfgs.Result r = new Bfgs(rosenbrock, 1e-10, 1000).minimize(new double[] {-1.2, 1});
    assertThat(r.converged()).isTrue();
    assertThat(r.argmin()[0]).isCloseTo(1, within(1e-8));
    assertThat(r.argmin()[1]).isCloseTo(1, within(1e-8));
  }

  /**
   * A bowl whose value carries rounding-like noise, as a log-likelihood summed over a million
   * customers does: near the bottom every decrease is smaller than the noise. The gradient still
   * leads to the minimum (approximate Wolfe steps) in a few evaluations.
   */
  @Test
  void minimize_decreaseBelowRounding_stillConvergesOnTheGradient() {
    int[] evaluations = {0};
    Bfgs.Objective bowl =
        (u, g) -> {
          evaluations[0]++;
          double sum = 0;
          for (int i = 0; i < u.length; i++) {
            double d = u[i] - (i + 1);
            g[i] = (i + 1) * (d + 2 * d * d * d);
            sum += 0.5 * (i + 1) * (d * d + d * d * d * d);
          }
          // noise of 1e-15 relative, a deterministic function of the point
          double noise = 1e-7 * Math.sin(1e9 * u[0] + 7e8 * u[1] + 3e8 * u[2]);
          return 1e8 + sum + noise;
        };
    Bfgs.Result r = new Bfgs(bowl, 1e-9, 200).minimize(new double[] {0, 0, 0});
    assertThat(r.converged()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(r.argmin()[i]).isCloseTo(i + 1, within(1e-8));
    }
    assertThat(evaluations[0]).isLessThan(60);
  }
}
