package org.rekindle.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The CDNOW sample's calibration summary (Fader, Hardie &amp; Lee 2005), shipped in examples/. */
final class Cdnow {
  static final Path DIR = Path.of(System.getProperty("basedir", "."), "..", "examples", "cdnow");

  final int[] x;
  final double[] tx;
  final double[] age;
  final double[] zbar;

  private Cdnow(int n) {
    x = new int[n];
    tx = new double[n];
    age = new double[n];
    zbar = new double[n];
  }

  /** ID,x,t_x,T,zbar in weeks, rounded to 2 decimals as published. */
  static Cdnow load() {
    try {
      List<String> lines =
          Files.readAllLines(DIR.resolve("cdnow_customers_summary_with_transactions.csv"));
      Cdnow c = new Cdnow(lines.size() - 1);
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        c.x[i - 1] = Integer.parseInt(f[1].trim());
        c.tx[i - 1] = Double.parseDouble(f[2]);
        c.age[i - 1] = Double.parseDouble(f[3]);
        c.zbar[i - 1] = Double.parseDouble(f[4]);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RfmData data() {
    return RfmData.of(x, tx, age);
  }
}
