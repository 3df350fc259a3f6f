package org.rekindle.model.simulate;

import org.rekindle.model.RfmData;

/**
 * Per-customer summaries drawn by a {@link Simulator}: repeat purchases x, time of the last one t_x
 * (0 when x is 0) and observation length T, one entry per simulated customer, in the order of the
 * ages given. Immutable.
 */
public final class SimulatedSummaries {
  private final int[] x;
  private final double[] tx;
  private final double[] age;

  SimulatedSummaries(int[] x, double[] tx, double[] age) {
    this.x = x;
    this.tx = tx;
    this.age = age;
  }

  /** Number of customers. */
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

  /** The summaries in the form the fitter takes (unique rows with weights). */
  public RfmData toRfmData() {
    return RfmData.of(x, tx, age);
  }
}
