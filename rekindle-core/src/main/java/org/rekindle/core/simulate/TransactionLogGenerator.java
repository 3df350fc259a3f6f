package org.rekindle.core.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.rekindle.model.ModelKind;
import org.rekindle.model.simulate.RandomVariates;
import org.rekindle.model.simulate.Simulator;

/**
 * Writes a synthetic transaction log as CSV: {@code customer_id,date,amount} and, when asked,
 * {@code order_id}. One row per purchase, the first purchase included; rows are grouped by customer
 * (ids 1, 2, …) and dated in ascending order within a customer.
 *
 * <p>For each customer, in order: the acquisition day is uniform over the acquisition window; the
 * repeat purchases follow BG/NBD ({@link Simulator}) in continuous time over the days until the
 * end, each dated on the day it falls in (so two purchases can share a date); the customer's mean
 * spend parameter ν is drawn from Gamma(q, γ) and each amount from Gamma(p, ν) (Fader, Hardie &amp;
 * Lee 2005, "RFM and CLV", section 4; Colombo &amp; Jiang 1999), rounded to cents and at least
 * 0.01. Everything comes from one {@link SplittableRandom} seeded by the settings, so the same
 * settings give the same file.
 *
 * <p>Rows are formatted by hand into a byte buffer (dates from a table built once): tens of
 * millions of rows take seconds, and the disk or gzip is the limit.
 */
public final class TransactionLogGenerator {
  private static final int BUFFER = 1 << 16;
  private static final int MAX_ROW = 128;

  private final GeneratorSettings settings;
  private final Simulator simulator;
  private final byte[][] dates;

  public TransactionLogGenerator(GeneratorSettings settings) {
    this.settings = settings;
    this.simulator =
        Simulator.of(ModelKind.BGNBD, settings.r(), settings.alpha(), settings.a(), settings.b());
    int days = settings.observationDays();
    this.dates = new byte[days][];
    for (int d = 0; d < days; d++) {
      dates[d] = settings.start().plusDays(d).toString().getBytes(StandardCharsets.US_ASCII);
    }
  }

  public GeneratorSettings settings() {
    return settings;
  }

  /**
   * Writes the log to {@code file}, gzip-compressed when its name ends in {@code .gz}. An existing
   * file is replaced.
   */
  public GeneratedLog write(Path file) throws IOException {
    Path name = file.getFileName();
    boolean gzip = name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    try (OutputStream out = Files.newOutputStream(file)) {
      if (!gzip) {
        return write(out);
      }
      try (GZIPOutputStream z = new FastGzip(out)) {
        GeneratedLog log = write(z);
        z.finish();
        return log;
      }
    }
  }

  /** Writes the log to {@code out}, which is flushed but not closed. */
  public GeneratedLog write(OutputStream out) throws IOException {
    Rows rows = new Rows(out);
    rows.ascii(
        settings.orderIds() ? "customer_id,date,amount,order_id\n" : "customer_id,date,amount\n");
    SplittableRandom rng = new SplittableRandom(settings.seed());
    int days = dates.length;
    long written = 0;
    for (long id = 1; id <= settings.customers(); id++) {
      int first = rng.nextInt(settings.acquisitionDays());
      double[] times = simulator.purchaseTimes(rng, days - first);
      // ν can underflow to 0 only for a tiny q; keep it a valid rate (amounts are then huge)
      double nu =
          Math.max(Double.MIN_NORMAL, RandomVariates.gamma(rng, settings.q(), settings.gamma()));
      for (int k = -1; k < times.length; k++) {
        // k = -1 is the first purchase; a repeat at exactly the end instant stays on the last day
        int day = k < 0 ? first : Math.min(first + (int) times[k], days - 1);
        long cents = Math.max(1, Math.round(100 * RandomVariates.gamma(rng, settings.p(), nu)));
        rows.row(id, dates[day], cents, settings.orderIds() ? written + 1 : 0);
        written++;
      }
    }
    rows.flush();
    return new GeneratedLog(settings.customers(), written);
  }

  /** gzip at the fastest level: about four times faster than the default for little size. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  /** The byte buffer rows are formatted into. */
  private static final class Rows {
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private final byte[] digits = new byte[20];
    private int pos;

    Rows(OutputStream out) {
      this.out = out;
    }

    void ascii(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      out.write(b);
    }

    /** customer_id,date,amount[,order_id]; an order id of 0 means no order_id column. */
    void row(long id, byte[] date, long cents, long orderId) throws IOException {
      if (pos > BUFFER - MAX_ROW) {
        out.write(buf, 0, pos);
        pos = 0;
      }
      number(id);
      buf[pos++] = ',';
      System.arraycopy(date, 0, buf, pos, date.length);
      pos += date.length;
      buf[pos++] = ',';
      number(cents / 100);
      int c = (int) (cents % 100);
      buf[pos++] = '.';
      buf[pos++] = (byte) ('0' + c / 10);
      buf[pos++] = (byte) ('0' + c % 10);
      if (orderId > 0) {
        buf[pos++] = ',';
        number(orderId);
      }
      buf[pos++] = '\n';
    }

    /** A non-negative long in decimal. */
    private void number(long v) {
      int n = 0;
      do {
        digits[n++] = (byte) ('0' + v % 10);
        v /= 10;
      } while (v != 0);
      while (n > 0) {
        buf[pos++] = digits[--n];
      }
    }

    void flush() throws IOException {
      out.write(buf, 0, pos);
      pos = 0;
      out.flush();
    }
  }
}
