package org.rekindle.model;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * BFGS quasi-Newton minimisation with a strong-Wolfe line search (Nocedal &amp; Wright, "Numerical
 * Optimization", 2nd ed., Algorithms 6.1, 3.5 and 3.6). Non-finite objective values are treated as
 * +infinity, so the line search backs away from regions where the likelihood cannot be evaluated;
 * each step is capped so no coordinate moves by more than {@link #MAX_STEP} (in log-parameter space
 * that is a factor of e^3).
 *
 * <p>Near the minimum the decrease a step buys falls below the rounding noise of a sum over a
 * million customers, and the sufficient-decrease test then rejects good steps over and over. So a
 * step is also accepted under the approximate Wolfe conditions of Hager &amp; Zhang (2005, SIAM J.
 * Optim. 16(1), eq. 4.1): the value no worse than {@link #VALUE_NOISE} relative, and the slope
 * along the direction between σφ'(0) and (2δ−1)φ'(0), a test on the gradient alone.
 */
final class Bfgs {
  static final double MAX_STEP = 3.0;
  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;

  /** Relative change of the objective below which values are taken as equal (rounding). */
  static final double VALUE_NOISE = 1e-11;

  /** f(u) and its gradient; returns f and writes the gradient into {@code grad}. */
  interface Objective {
    double evaluate(double[] u, double[] grad);
  }

  /**
   * @param inverseHessian the final BFGS approximation of the inverse Hessian, to warm-start a
   *     later minimisation near the same point
   */
  record Result(
      double[] argmin,
      double value,
      double[] gradient,
      int iterations,
      boolean converged,
      double[][] inverseHessian) {}

  private final Objective f;
  private final double gradTol;
  private final int maxIter;

  Bfgs(Objective f, double gradTol, int maxIter) {
    this.f = f;
    this.gradTol = gradTol;
    this.maxIter = maxIter;
  }

  Result minimize(double[] start) {
    return minimize(start, null);
  }

  /** Minimises from {@code start}, with an initial inverse Hessian when one is known. */
  Result minimize(double[] start, double @Nullable [][] initialInverseHessian) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = eval(x, g);
    if (!Double.isFinite(fx)) {
      return new Result(x, fx, g, 0, false, identity(n));
    }
    double[][] h = initialInverseHessian == null ? identity(n) : copy(initialInverseHessian);
    boolean scaled = initialInverseHessian != null;
    int stall = 0;
    for (int iter = 1; iter <= maxIter; iter++) {
      if (norm(g) < gradTol) {
        return new Result(x, fx, g, iter - 1, true, h);
      }
      double[] d = times(h, g);
      for (int i = 0; i < n; i++) {
        d[i] = -d[i];
      }
      double slope = dot(g, d);
      if (!(slope < 0)) {
        // not a descent direction (H lost positive definiteness): restart along -g
        h = identity(n);
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
      }
      double cap = MAX_STEP / Math.max(normInf(d), 1e-300);
      double[] xNew = new double[n];
      double[] gNew = new double[n];
      double step = lineSearch(x, fx, g, d, slope, Math.min(1.0, cap), cap, xNew, gNew);
      if (step <= 0) {
        boolean atIdentity = isIdentity(h);
        if (atIdentity) {
          return new Result(x, fx, g, iter, norm(g) < gradTol * 100, h);
        }
        h = identity(n);
        continue;
      }
      double fNew = lastValue;
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-300) {
        if (!scaled) {
          // NW eq. 6.20: scale the initial inverse Hessian before the first update
          double gamma = sy / dot(y, y);
          for (int i = 0; i < n; i++) {
            Arrays.fill(h[i], 0);
            h[i][i] = gamma;
          }
          scaled = true;
        }
        update(h, s, y, sy);
      }
      double change = Math.abs(fx - fNew);
      x = xNew;
      g = gNew;
      stall = change <= 1e-15 * Math.max(1, Math.abs(fNew)) ? stall + 1 : 0;
      fx = fNew;
      if (stall >= 3) {
        return new Result(x, fx, g, iter, norm(g) < gradTol * 100, h);
      }
    }
    return new Result(x, fx, g, maxIter, norm(g) < gradTol, h);
  }

  private double lastValue;

  /** Strong-Wolfe line search; returns the accepted step (0 if none) and fills xNew/gNew. */
  private double lineSearch(
      double[] x,
      double f0,
      double[] g0,
      double[] d,
      double slope0,
      double first,
      double maxStep,
      double[] xNew,
      double[] gNew) {
    double prev = 0;
    double fPrev = f0;
    double slopePrev = slope0;
    double step = first;
    for (int i = 0; i < 30; i++) {
      double fs = trial(x, d, step, xNew, gNew);
      double slope = dot(gNew, d);
      if (approximatelyWolfe(fs, f0, slope, slope0)) {
        lastValue = fs;
        return step;
      }
      if (!Double.isFinite(fs) || fs > f0 + C1 * step * slope0 || (i > 0 && fs >= fPrev)) {
        return zoom(x, f0, slope0, d, prev, fPrev, slopePrev, step, fs, xNew, gNew);
      }
      if (Math.abs(slope) <= -C2 * slope0) {
        lastValue = fs;
        return step;
      }
      if (slope >= 0) {
        return zoom(x, f0, slope0, d, step, fs, slope, prev, fPrev, xNew, gNew);
      }
      prev = step;
      fPrev = fs;
      slopePrev = slope;
      if (step >= maxStep) {
        lastValue = fs;
        return step;
      }
      step = Math.min(2 * step, maxStep);
    }
    return 0;
  }

  private double zoom(
      double[] x,
      double f0,
      double slope0,
      double[] d,
      double lo,
      double fLo,
      double slopeLo,
      double hi,
      double fHi,
      double[] xNew,
      double[] gNew) {
    double bestStep = 0;
    double bestF = f0;
    double[] bestX = null;
    double[] bestG = null;
    for (int i = 0; i < 40; i++) {
      double step;
      if (Double.isFinite(fHi)) {
        // minimiser of the quadratic through (lo, fLo, slopeLo) and (hi, fHi), kept inside
        double dx = hi - lo;
        double denom = 2 * (fHi - fLo - slopeLo * dx);
        step = denom > 0 ? lo - slopeLo * dx * dx / denom : 0.5 * (lo + hi);
        double left = Math.min(lo, hi);
        double right = Math.max(lo, hi);
        double margin = 0.1 * (right - left);
        if (!(step > left + margin && step < right - margin)) {
          step = 0.5 * (lo + hi);
        }
      } else {
        step = lo + 0.25 * (hi - lo);
      }
      double fs = trial(x, d, step, xNew, gNew);
      double slope = dot(gNew, d);
      if (approximatelyWolfe(fs, f0, slope, slope0)) {
        lastValue = fs;
        return step;
      }
      if (Double.isFinite(fs) && fs < bestF) {
        bestF = fs;
        bestStep = step;
        bestX = xNew.clone();
        bestG = gNew.clone();
      }
      if (!Double.isFinite(fs) || fs > f0 + C1 * step * slope0 || fs >= fLo) {
        hi = step;
        fHi = fs;
      } else {
        if (Math.abs(slope) <= -C2 * slope0) {
          lastValue = fs;
          return step;
        }
        if (slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
        }
        lo = step;
        fLo = fs;
        slopeLo = slope;
      }
      if (Math.abs(hi - lo) < 1e-14 * Math.max(1, Math.abs(lo))) {
        break;
      }
    }
    if (bestX != null) {
      System.arraycopy(bestX, 0, xNew, 0, xNew.length);
      System.arraycopy(bestG, 0, gNew, 0, gNew.length);
      lastValue = bestF;
      return bestStep;
    }
    return 0;
  }

  /**
   * Hager &amp; Zhang's approximate Wolfe conditions, for steps whose decrease is lost in noise.
   */
  private static boolean approximatelyWolfe(double fs, double f0, double slope, double slope0) {
    return fs <= f0 + VALUE_NOISE * Math.abs(f0)
        && slope >= C2 * slope0
        && slope <= (2 * C1 - 1) * slope0;
  }

  private double trial(double[] x, double[] d, double step, double[] xNew, double[] gNew) {
    for (int i = 0; i < x.length; i++) {
      xNew[i] = x[i] + step * d[i];
    }
    return eval(xNew, gNew);
  }

  private double eval(double[] u, double[] grad) {
    Arrays.fill(grad, 0);
    double v = f.evaluate(u, grad);
    for (double gi : grad) {
      if (!Double.isFinite(gi)) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /** BFGS update of the inverse Hessian, NW eq. 6.17. */
  private static void update(double[][] h, double[] s, double[] y, double sy) {
    int n = s.length;
    double rho = 1 / sy;
    double[] hy = times(h, y);
    double yhy = dot(y, hy);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
      }
    }
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static boolean isIdentity(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (m[i][j] != (i == j ? 1 : 0)) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[] times(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double s = 0;
      for (int j = 0; j < v.length; j++) {
        s += m[i][j] * v[j];
      }
      out[i] = s;
    }
    return out;
  }

  static double dot(double[] u, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  private static double norm(double[] v) {
    return normInf(v);
  }

  private static double normInf(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
