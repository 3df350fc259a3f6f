package org.rekindle.model;

import java.util.Arrays;

/**
 * For data sorted by x: per x, the distinct times τ among the rows' t_x and T, and for each row
 * where its t_x and T sit in that table. A kernel whose costly part is a function of (x, τ) alone
 * (the Pareto/NBD's G) evaluates it once per table entry instead of twice per row. Entries are
 * grouped by x in the rows' order, τ ascending within a group.
 */
final class TauIndex {
  final int[] entryX;
  final double[] entryTau;
  final int[] rowTx;
  final int[] rowAge;

  private TauIndex(int[] entryX, double[] entryTau, int[] rowTx, int[] rowAge) {
    this.entryX = entryX;
    this.entryTau = entryTau;
    this.rowTx = rowTx;
    this.rowAge = rowAge;
  }

  static TauIndex build(RfmData data) {
    int n = data.size();
    int[] rowTx = new int[n];
    int[] rowAge = new int[n];
    int[] ex = new int[Math.max(16, n)];
    double[] et = new double[Math.max(16, n)];
    int entries = 0;
    double[] scratch = new double[0];
    int start = 0;
    while (start < n) {
      int x = data.x(start);
      int end = start;
      while (end < n && data.x(end) == x) {
        end++;
      }
      int m = 2 * (end - start);
      if (scratch.length < m) {
        scratch = new double[m];
      }
      for (int i = start, k = 0; i < end; i++) {
        scratch[k++] = data.tx(i);
        scratch[k++] = data.age(i);
      }
      Arrays.sort(scratch, 0, m);
      int base = entries;
      for (int k = 0; k < m; k++) {
        if (k == 0 || scratch[k] != scratch[k - 1]) {
          if (entries == ex.length) {
            ex = Arrays.copyOf(ex, entries * 2);
            et = Arrays.copyOf(et, entries * 2);
          }
          ex[entries] = x;
          et[entries] = scratch[k];
          entries++;
        }
      }
      for (int i = start; i < end; i++) {
        rowTx[i] = Arrays.binarySearch(et, base, entries, data.tx(i));
        rowAge[i] = Arrays.binarySearch(et, base, entries, data.age(i));
      }
      start = end;
    }
    return new TauIndex(Arrays.copyOf(ex, entries), Arrays.copyOf(et, entries), rowTx, rowAge);
  }
}
