package org.rekindle.cli;

/** Fast fixed-point formatting for large CSV outputs (String.format is far too slow there). */
final class Decimals {
  private static final long[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private Decimals() {}

  /** Appends v rounded to {@code decimals} places, trailing zeros trimmed; huge values as-is. */
  static StringBuilder append(StringBuilder sb, double v, int decimals) {
    if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
      return sb.append(v);
    }
    long scale = POW10[decimals];
    long n = Math.round(v * scale);
    if (n < 0) {
      sb.append('-');
      n = -n;
    }
    long whole = n / scale;
    long frac = n % scale;
    sb.append(whole);
    if (frac != 0) {
      sb.append('.');
      int digits = decimals;
      while (frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
      String f = Long.toString(frac);
      for (int i = f.length(); i < digits; i++) {
        sb.append('0');
      }
      sb.append(f);
    }
    return sb;
  }
}
