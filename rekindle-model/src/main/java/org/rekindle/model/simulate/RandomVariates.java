package org.rekindle.model.simulate;

import java.util.SplittableRandom;
import org.rekindle.model.ModelException;

/**
 * Gamma and beta variates drawn from a {@link SplittableRandom}, so a simulation is reproducible
 * from its seed. Written here rather than taken from Hipparchus because its distributions allocate
 * and validate on every draw, which dominates the cost of simulating millions of customers.
 *
 * <p>Normal and exponential variates come from {@link SplittableRandom#nextGaussian()} and {@link
 * SplittableRandom#nextExponential()}, whose algorithms (McFarland's modified ziggurat) are part of
 * the {@code RandomGenerator} specification, so a seed gives the same stream on every Java 17+
 * runtime.
 */
public final class RandomVariates {
  private RandomVariates() {}

  /**
   * A Gamma(shape, rate) variate: density ∝ x^(shape−1) e^(−rate·x), mean shape/rate. This is the
   * parametrisation of the models (λ ~ Gamma(r, α) has mean r/α).
   */
  public static double gamma(SplittableRandom rng, double shape, double rate) {
    requirePositive("shape", shape);
    requirePositive("rate", rate);
    return shape < 1
        ? Math.exp(logStandardGamma(rng, shape)) / rate
        : standardGamma(rng, shape) / rate;
  }

  /** A Beta(a, b) variate in [0, 1], mean a/(a+b). */
  public static double beta(SplittableRandom rng, double a, double b) {
    requirePositive("a", a);
    requirePositive("b", b);
    // X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (e.g. Devroye 1986, "Non-Uniform Random Variate
    // Generation", IX.4.1), computed from ln X and ln Y: for small shapes both variates can
    // underflow to 0 and the plain ratio would be 0/0.
    double lx = logStandardGamma(rng, a);
    double ly = logStandardGamma(rng, b);
    return 1 / (1 + Math.exp(ly - lx));
  }

  /** ln of a Gamma(shape, 1) variate; finite even when the variate itself would underflow. */
  static double logStandardGamma(SplittableRandom rng, double shape) {
    if (shape >= 1) {
      return Math.log(standardGamma(rng, shape));
    }
    // Marsaglia & Tsang (2000), section 6: if G ~ Gamma(a + 1) and U ~ U(0, 1) then G U^(1/a) ~
    // Gamma(a); 1 − nextDouble() lies in (0, 1], so the logarithm is finite.
    double u = 1 - rng.nextDouble();
    return Math.log(standardGamma(rng, shape + 1)) + Math.log(u) / shape;
  }

  /**
   * Gamma(shape, 1) for shape ≥ 1 by Marsaglia &amp; Tsang (2000), "A simple method for generating
   * gamma variables", ACM TOMS 26(3): with d = shape − 1/3 and c = 1/√(9d), draw Z ~ N(0, 1) and V
   * = (1 + cZ)³; accept d·V when U &lt; 1 − 0.0331 Z⁴ (the squeeze) or ln U &lt; Z²/2 + d(1 − V +
   * ln V). The acceptance rate exceeds 95% for every shape ≥ 1.
   */
  private static double standardGamma(SplittableRandom rng, double shape) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = rng.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1 - rng.nextDouble();
      double z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static void requirePositive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new ModelException(name + " must be finite and > 0, was " + v);
    }
  }
}
