package org.rekindle.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A CSV sink for large outputs that formats numbers straight into a byte buffer: no string, no
 * charset encoder and no allocation per value (a million-row scores file has fifteen million
 * values). Text goes out as UTF-8.
 */
final class CsvOut implements AutoCloseable {
  /** 10^d for the allowed places: with |v| below 10^12, v × 10^6 stays inside a long. */
  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private final OutputStream out;
  private final byte[] buf;
  private int pos;

  CsvOut(OutputStream out, int bufferSize) {
    this.out = out;
    this.buf = new byte[Math.max(bufferSize, 64)];
  }

  CsvOut ascii(char c) throws IOException {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) c;
    return this;
  }

  /** A field as-is, in UTF-8; quoting is the caller's business. */
  CsvOut text(String s) throws IOException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return bytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
      }
      ascii(c);
    }
    return this;
  }

  /** A field quoted by RFC 4180 when it holds a comma, a quote or a line break. */
  CsvOut field(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return ascii('"').text(s.replace("\"", "\"\"")).ascii('"');
      }
    }
    return text(s);
  }

  CsvOut integer(long v) throws IOException {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return text(Long.toString(v));
      }
      ascii('-');
      v = -v;
    }
    if (buf.length - pos < 20) {
      drain();
    }
    int digits = 1;
    for (long t = v / 10; t != 0; t /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos = end;
    return this;
  }

  /**
   * v rounded half up to {@code decimals} places (at most 6), trailing zeros trimmed; values that
   * are not finite or at least 10^12 in size are written in Java's own notation.
   */
  CsvOut fixed(double v, int decimals) throws IOException {
    if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
      return text(Double.toString(v));
    }
    long scale = POW10[decimals];
    long n = Math.round(v * scale);
    if (n < 0) {
      ascii('-');
      n = -n;
    }
    integer(n / scale);
    long frac = n % scale;
    if (frac == 0) {
      return this;
    }
    int digits = decimals;
    while (frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    ascii('.');
    if (buf.length - pos < digits) {
      drain();
    }
    for (int i = pos + digits - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + frac % 10);
      frac /= 10;
    }
    pos += digits;
    return this;
  }

  private CsvOut bytes(byte[] b) throws IOException {
    if (b.length > buf.length - pos) {
      drain();
      if (b.length > buf.length) {
        out.write(b);
        return this;
      }
    }
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  private void drain() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  @Override
  public void close() throws IOException {
    try (OutputStream o = out) {
      drain();
      o.flush();
    }
  }
}
