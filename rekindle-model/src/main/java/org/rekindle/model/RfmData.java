package org.rekindle.model;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Per-customer summaries (x repeat purchases, recency t_x, age T) compressed to unique rows with
 * weights, the form every likelihood in this module works on. Rows are grouped by ascending x, so
 * kernels can cache the terms that depend on x alone. Immutable.
 */
public final class RfmData {
  private final int[] x;
  private final double[] tx;
  private final double[] age;
  private final double[] weight;
  private final double totalWeight;
  private final int maxX;
  private volatile @Nullable TauIndex tauIndex;

  private RfmData(int[] x, double[] tx, double[] age, double[] weight) {
    this.x = x;
    this.tx = tx;
    this.age = age;
    this.weight = weight;
    double sum = 0;
    int max = 0;
    for (int i = 0; i < x.length; i++) {
      sum += weight[i];
      max = Math.max(max, x[i]);
    }
    this.totalWeight = sum;
    this.maxX = max;
  }

  /**
   * Compresses per-customer summaries to unique (x, t_x, T) rows, each weighted by how many
   * customers share it.
   *
   * @throws ModelException if the arrays differ in length or a row is not a valid summary
   */
  public static RfmData of(int[] x, double[] tx, double[] age) {
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1.0);
    return of(x, tx, age, ones);
  }

  /** As {@link #of(int[], double[], double[])} with a weight per input row. */
  public static RfmData of(int[] x, double[] tx, double[] age, double[] weight) {
    int n = x.length;
    if (tx.length != n || age.length != n || weight.length != n) {
      throw new ModelException("x, t_x, T and weight must have the same length");
    }
    for (int i = 0; i < n; i++) {
      validate(x[i], tx[i], age[i], weight[i], i);
    }
    return Compressor.compress(x, tx, age, weight);
  }

  /**
   * Compresses one summary per customer, as {@link #of(int[], double[], double[])}, and tells for
   * each customer which unique row is theirs: the way to score a customer base once per distinct
   * row.
   *
   * @param rowOf receives, for each input row i, the index of its unique row in the result
   */
  public static RfmData of(int[] x, double[] tx, double[] age, int[] rowOf) {
    int n = x.length;
    if (tx.length != n || age.length != n || rowOf.length != n) {
      throw new ModelException("x, t_x, T and rowOf must have the same length");
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    for (int i = 0; i < n; i++) {
      validate(x[i], tx[i], age[i], 1.0, i);
    }
    return Compressor.compress(x, tx, age, ones, rowOf);
  }

  static RfmData ofCompressed(int[] x, double[] tx, double[] age, double[] weight) {
    return new RfmData(x, tx, age, weight);
  }

  private static void validate(int x, double tx, double age, double w, int row) {
    if (x < 0) {
      throw new ModelException("row " + row + ": frequency x must not be negative, was " + x);
    }
    if (!(age >= 0) || Double.isInfinite(age)) {
      throw new ModelException("row " + row + ": age T must be finite and >= 0, was " + age);
    }
    if (!(tx >= 0) || tx > age) {
      throw new ModelException(
          "row " + row + ": recency t_x must lie in [0, T], was " + tx + " with T = " + age);
    }
    if (x == 0 && tx != 0) {
      throw new ModelException("row " + row + ": recency must be 0 when x is 0, was " + tx);
    }
    if (!(w > 0) || Double.isInfinite(w)) {
      throw new ModelException("row " + row + ": weight must be finite and > 0, was " + w);
    }
  }

  /** The (x, τ) table of Pareto/NBD-type kernels, built on first use. */
  TauIndex tauIndex() {
    TauIndex t = tauIndex;
    if (t == null) {
      synchronized (this) {
        t = tauIndex;
        if (t == null) {
          t = TauIndex.build(this);
          tauIndex = t;
        }
      }
    }
    return t;
  }

  /** Number of unique rows. */
  public int size() {
    return x.length;
  }

  public int x(int i) {
    return x[i];
  }

  public double tx(int i) {
    return tx[i];
  }

  public double age(int i) {
    return age[i];
  }

  public double weight(int i) {
    return weight[i];
  }

  /** Number of customers represented (sum of the weights). */
  public double totalWeight() {
    return totalWeight;
  }

  /** Largest x in the data. */
  public int maxX() {
    return maxX;
  }

  /** Weighted mean of T; used to scale starting points. */
  public double meanAge() {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += weight[i] * age[i];
    }
    return s / totalWeight;
  }

  /** Weighted mean of x. */
  public double meanX() {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += weight[i] * x[i];
    }
    return s / totalWeight;
  }

  /**
   * A weighted subsample of at most {@code maxRows} unique rows (every k-th row, weight scaled so
   * the total is kept); cheap starting-point searches run on it.
   */
  RfmData thin(int maxRows) {
    if (size() <= maxRows) {
      return this;
    }
    int step = (size() + maxRows - 1) / maxRows;
    int m = (size() + step - 1) / step;
    int[] sx = new int[m];
    double[] stx = new double[m];
    double[] sage = new double[m];
    double[] sw = new double[m];
    double kept = 0;
    for (int j = 0, i = 0; j < m; j++, i += step) {
      sx[j] = x[i];
      stx[j] = tx[i];
      sage[j] = age[i];
      sw[j] = weight[i];
      kept += weight[i];
    }
    double scale = totalWeight / kept;
    for (int j = 0; j < m; j++) {
      sw[j] *= scale;
    }
    return new RfmData(sx, stx, sage, sw);
  }

  /** Splits the rows into {@code parts} contiguous ranges of similar size: [start, end) pairs. */
  int[] ranges(int parts) {
    int n = size();
    int p = Math.max(1, Math.min(parts, n / 2048 + 1));
    int[] r = new int[p + 1];
    for (int k = 0; k <= p; k++) {
      r[k] = (int) ((long) n * k / p);
    }
    return r;
  }
}
