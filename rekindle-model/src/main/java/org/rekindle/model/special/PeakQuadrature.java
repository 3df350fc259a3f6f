package org.rekindle.model.special;

/**
 * Log of the integral of exp(g(x)) over the real line, for a unimodal log-integrand g whose tails
 * decay at least exponentially. This is the robust fallback behind both special functions: their
 * integral representations are mapped to the real line (logistic or exponential substitution),
 * which turns endpoint singularities such as t^(b-1) into plain exponential tails.
 *
 * <p>Method: find the mode of g, then march outwards in both directions with panels of
 * Gauss–Legendre quadrature (20 points, nodes and weights computed once). Each panel is as long as
 * the integrand allows: g may change by at most {@value #MAX_CHANGE} over it (judged from the slope
 * and the value at both ends), its width is at most {@value #MAX_CURVATURE_STEP} curvature-lengths,
 * and within a few units of a "hinge" (a point where the slope of g changes quickly, with complex
 * singularities nearby) it stays short. Far in a tail the panels grow geometrically, so a tail
 * decaying at rate 0.01 costs a handful of panels, not thousands. The sum is accumulated relative
 * to exp(g(mode)), so nothing overflows; marching stops once the remaining tail is below e^-45 of
 * the peak, allowing for a slow tail rate.
 *
 * <p>With these limits a 20-point rule integrates each panel to about 1e-11 relative or better: the
 * rule is exact for polynomials of degree 39, and the remainder term of A&amp;S 25.4.30 for
 * exp(lambda u) on [-1, 1] with lambda = 15 (a change of 30 across the panel) is 6e-12 relative;
 * smooth bumps fare better. Doubling both limits raises the worst error against the references from
 * 3e-11 to 9e-10, widening the hinge panels to 6 raises it to 3e-10; the chosen values leave the
 * quadrature error below the rounding error of the log on all of them.
 */
final class PeakQuadrature {

  /** A unimodal log-integrand and its first two derivatives. */
  interface LogIntegrand {
    double value(double x);

    double slope(double x);

    double curvature(double x);
  }

  /** Functions h_j whose means under the density exp(g) / integral are wanted alongside it. */
  interface Moments {
    /** Writes h_j(x) into out[j]. */
    void at(double x, double[] out);
  }

  private static final int ORDER = 20;
  private static final double[] NODES = new double[ORDER];
  private static final double[] WEIGHTS = new double[ORDER];

  static {
    computeGaussLegendre(NODES, WEIGHTS);
  }

  /** Largest change of g over one panel. */
  static final double MAX_CHANGE = 30.0;

  /** Largest panel width in units of 1/sqrt(|g''|). */
  static final double MAX_CURVATURE_STEP = 8.0;

  /** Largest width of a panel that contains a hinge. */
  private static final double HINGE_STEP = 4.0;

  /** Marching stops once the integrand has dropped by e^-TAIL_DROP (plus the tail allowance). */
  private static final double TAIL_DROP = 45.0;

  private static final int MAX_PANELS = 600;

  private static final Moments NO_MOMENTS = (x, out) -> {};

  private PeakQuadrature() {}

  /**
   * Returns ln of the integral of exp(g) over the real line.
   *
   * @param g unimodal: slope positive left of the mode, negative right of it
   * @param guess a point near the mode, to start the search
   * @param hinges points where the slope of g changes over an O(1) width
   * @param leftRate the slope of g as x goes to minus infinity (positive)
   * @param rightRate minus the slope of g as x goes to plus infinity (positive, may be infinite)
   */
  static double logIntegral(
      LogIntegrand g, double guess, double[] hinges, double leftRate, double rightRate) {
    return logIntegral(g, guess, hinges, leftRate, rightRate, NO_MOMENTS, new double[0]);
  }

  /**
   * As {@link #logIntegral(LogIntegrand, double, double[], double, double)}, and also the means of
   * the functions h_j under the density exp(g) / integral, written into means (one per h_j). The
   * same nodes serve the integral and the means, so a mean is as accurate as the integral when h
   * varies slowly (logarithmically or boundedly) on the scale of the panels.
   */
  static double logIntegral(
      LogIntegrand g,
      double guess,
      double[] hinges,
      double leftRate,
      double rightRate,
      Moments h,
      double[] means) {
    double mode = findMode(g, guess);
    double peak = g.value(mode);
    double span = hingeSpan(hinges);
    double[] sums = new double[means.length + 1];
    march(g, mode, peak, -1.0, hinges, tailAllowance(leftRate, span), h, sums);
    march(g, mode, peak, 1.0, hinges, tailAllowance(rightRate, span), h, sums);
    for (int j = 0; j < means.length; j++) {
      means[j] = sums[j + 1] / sums[0];
    }
    return peak + Math.log(sums[0]);
  }

  /** ln of how much a tail beyond a point can hold relative to the integrand at that point. */
  private static double tailAllowance(double rate, double span) {
    return Math.log(1.0 + span + 1.0 / rate);
  }

  private static double hingeSpan(double[] hinges) {
    double lo = 0;
    double hi = 0;
    for (double h : hinges) {
      lo = Math.min(lo, h);
      hi = Math.max(hi, h);
    }
    return hi - lo;
  }

  /**
   * Adds the integral of exp(g - peak) from the mode to infinity in the direction dir (+1 or -1) to
   * sums[0], and that of exp(g - peak) h_j to sums[j + 1].
   */
  private static void march(
      LogIntegrand g,
      double mode,
      double peak,
      double dir,
      double[] hinges,
      double allowance,
      Moments moments,
      double[] sums) {
    int m = sums.length - 1;
    double[] values = new double[m];
    double x = mode;
    double gx = peak;
    for (int panel = 0; panel < MAX_PANELS; panel++) {
      double h = panelWidth(g, x, gx, dir, hinges);
      double half = 0.5 * h;
      double mid = x + dir * half;
      for (int i = 0; i < ORDER; i++) {
        double node = mid + half * NODES[i];
        double w = WEIGHTS[i] * half * Math.exp(g.value(node) - peak);
        sums[0] += w;
        if (m > 0) {
          moments.at(node, values);
          for (int j = 0; j < m; j++) {
            sums[j + 1] += w * values[j];
          }
        }
      }
      double next = x + dir * h;
      if (next == x) {
        break; // cannot move any further in floating point
      }
      x = next;
      gx = g.value(x);
      if (gx - peak < -TAIL_DROP - allowance || gx == Double.NEGATIVE_INFINITY) {
        break;
      }
    }
  }

  /** Width of the next panel starting at x, going in direction dir. */
  private static double panelWidth(
      LogIntegrand g, double x, double gx, double dir, double[] hinges) {
    double h = Double.POSITIVE_INFINITY;
    for (double hinge : hinges) {
      h = Math.min(h, hingeLimit(dir * (hinge - x)));
    }
    h = Math.min(h, MAX_CHANGE / Math.abs(g.slope(x)));
    h = Math.min(h, MAX_CURVATURE_STEP / Math.sqrt(Math.abs(g.curvature(x))));
    for (int i = 0; i < 80; i++) {
      double end = x + dir * h;
      double change = Math.abs(g.value(end) - gx);
      double slope = Math.abs(g.slope(end));
      double curvature = Math.abs(g.curvature(end));
      if (change <= MAX_CHANGE
          && slope * h <= MAX_CHANGE
          && h * Math.sqrt(curvature) <= MAX_CURVATURE_STEP) {
        break;
      }
      h *= 0.5;
    }
    return h;
  }

  /**
   * Longest panel allowed by a hinge at signed distance ahead of the panel start. A hinge's complex
   * singularities lie about pi off the real axis. Keeping the panel at most {@value #HINGE_STEP}
   * long when it contains the hinge, ending it at least half its length short of a hinge ahead, and
   * starting it at least half its length past a hinge behind keeps the singularities outside the
   * Bernstein ellipse with rho = 3.4, so the 20-point rule converges like 3.4^-40 = 1e-21
   * (Trefethen, Approximation Theory and Approximation Practice, ch. 19).
   */
  private static double hingeLimit(double ahead) {
    return ahead >= 0 ? Math.max(HINGE_STEP, 2 * ahead / 3) : Math.max(HINGE_STEP, -2 * ahead);
  }

  /**
   * The mode of a unimodal g: bracket the sign change of g', then safeguarded Newton (bisection
   * whenever Newton leaves the bracket).
   */
  static double findMode(LogIntegrand g, double guess) {
    double lo = guess - 1.0;
    for (double step = 1.0; !(g.slope(lo) > 0) && step < 1e300; step *= 2) {
      lo = guess - 2 * step;
    }
    double hi = guess + 1.0;
    for (double step = 1.0; !(g.slope(hi) < 0) && step < 1e300; step *= 2) {
      hi = guess + 2 * step;
    }
    double x = Math.min(Math.max(guess, lo), hi);
    for (int i = 0; i < 100 && hi - lo > 1e-9 * (1 + Math.abs(x)); i++) {
      double s = g.slope(x);
      if (s == 0) {
        return x;
      }
      if (s > 0) {
        lo = x;
      } else {
        hi = x;
      }
      double newton = x - s / g.curvature(x);
      x = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
    }
    return x;
  }

  /**
   * Nodes and weights of the Gauss–Legendre rule on [-1, 1]: nodes are the zeros of P_n, found by
   * Newton's method from the asymptotic guess cos(pi (i + 3/4) / (n + 1/2)) (A&amp;S 22.16.6);
   * weights are 2 / ((1 - x^2) P_n'(x)^2) (A&amp;S 25.4.29). P_n is evaluated by the three-term
   * recurrence (A&amp;S 22.7.10).
   */
  static void computeGaussLegendre(double[] nodes, double[] weights) {
    int n = nodes.length;
    for (int i = 0; i < (n + 1) / 2; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double derivative = 0;
      for (int iteration = 0; iteration < 100; iteration++) {
        double p0 = 1.0;
        double p1 = x;
        for (int j = 2; j <= n; j++) {
          double p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
          p0 = p1;
          p1 = p2;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1);
        double dx = p1 / derivative;
        x -= dx;
        if (Math.abs(dx) < 1e-17) {
          break;
        }
      }
      double w = 2.0 / ((1 - x * x) * derivative * derivative);
      nodes[i] = -x;
      nodes[n - 1 - i] = x;
      weights[i] = w;
      weights[n - 1 - i] = w;
    }
  }
}
