package org.rekindle.model;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Merges identical (x, t_x, T) rows with an open-addressing hash table, then groups the unique rows
 * by ascending x with a counting sort: linear in the input.
 */
final class Compressor {
  private Compressor() {}

  static RfmData compress(int[] x, double[] tx, double[] age, double[] weight) {
    return compress(x, tx, age, weight, null);
  }

  /**
   * @param rowOf if not null, receives for each input row the index of its unique row
   */
  static RfmData compress(
      int[] x, double[] tx, double[] age, double[] weight, int @Nullable [] rowOf) {
    int n = x.length;
    int capacity = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    int mask = capacity - 1;
    int[] ux = new int[n];
    double[] utx = new double[n];
    double[] uage = new double[n];
    double[] uw = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      long h = x[i] * 0x9E3779B97F4A7C15L;
      h ^= Double.doubleToLongBits(tx[i]) * 0xC2B2AE3D27D4EB4FL;
      h ^= Double.doubleToLongBits(age[i]) * 0x165667B19E3779F9L;
      h ^= h >>> 29;
      int s = (int) h & mask;
      while (true) {
        int u = slots[s];
        if (u < 0) {
          slots[s] = m;
          if (rowOf != null) {
            rowOf[i] = m;
          }
          ux[m] = x[i];
          utx[m] = tx[i];
          uage[m] = age[i];
          uw[m] = weight[i];
          m++;
          break;
        }
        if (ux[u] == x[i] && utx[u] == tx[i] && uage[u] == age[i]) {
          uw[u] += weight[i];
          if (rowOf != null) {
            rowOf[i] = u;
          }
          break;
        }
        s = (s + 1) & mask;
      }
    }
    // counting sort by x: kernels need rows grouped by x, not any order within a group
    int maxX = 0;
    for (int k = 0; k < m; k++) {
      maxX = Math.max(maxX, ux[k]);
    }
    int[] start = new int[maxX + 2];
    for (int k = 0; k < m; k++) {
      start[ux[k] + 1]++;
    }
    for (int v = 0; v <= maxX; v++) {
      start[v + 1] += start[v];
    }
    int[] order = new int[m];
    for (int k = 0; k < m; k++) {
      order[start[ux[k]]++] = k;
    }
    if (rowOf != null) {
      int[] position = new int[m];
      for (int k = 0; k < m; k++) {
        position[order[k]] = k;
      }
      for (int i = 0; i < n; i++) {
        rowOf[i] = position[rowOf[i]];
      }
    }
    int[] sx = new int[m];
    double[] stx = new double[m];
    double[] sage = new double[m];
    double[] sw = new double[m];
    for (int k = 0; k < m; k++) {
      int i = order[k];
      sx[k] = ux[i];
      stx[k] = utx[i];
      sage[k] = uage[i];
      sw[k] = uw[i];
    }
    return RfmData.ofCompressed(sx, stx, sage, sw);
  }
}
