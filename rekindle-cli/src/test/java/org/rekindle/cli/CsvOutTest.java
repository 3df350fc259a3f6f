package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvOutTest {

  /** What {@link CsvOut#fixed} promises: Math.round at the scale, trailing zeros trimmed. */
  private static String expectedFixed(double v, int decimals) {
    if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
      return Double.toString(v);
    }
    long n = Math.round(v * Math.pow(10, decimals));
    return BigDecimal.valueOf(n, decimals).stripTrailingZeros().toPlainString();
  }

  private interface Writes {
    void to(CsvOut out) throws IOException;
  }

  /** A tiny buffer, so that every value also crosses a buffer boundary somewhere. */
  private static String written(int bufferSize, Writes writes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CsvOut out = new CsvOut(bytes, bufferSize)) {
      writes.to(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void fixed_matchesDecimalRounding() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder expected = new StringBuilder();
    double[] values = new double[20_000];
    int[] decimals = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double magnitude = Math.pow(10, random.nextInt(-9, 13));
      values[i] = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * magnitude;
      decimals[i] = random.nextInt(0, 7);
      expected.append(expectedFixed(values[i], decimals[i])).append('\n');
    }
    String got =
        written(
            64,
            out -> {
              for (int i = 0; i < values.length; i++) {
                out.fixed(values[i], decimals[i]).ascii('\n');
              }
            });
    assertThat(got).isEqualTo(expected.toString());
  }

  @Test
  void fixed_edgeValues() throws IOException {
    String got =
        written(
            64,
            out ->
                out.fixed(0, 6)
                    .ascii(' ')
                    .fixed(-0.0, 2)
                    .ascii(' ')
                    .fixed(-0.0004, 3)
                    .ascii(' ')
                    .fixed(0.5, 0)
                    .ascii(' ')
                    .fixed(1.000001, 6)
                    .ascii(' ')
                    .fixed(12.3, 4)
                    .ascii(' ')
                    .fixed(Double.NaN, 2)
                    .ascii(' ')
                    .fixed(Double.NEGATIVE_INFINITY, 2)
                    .ascii(' ')
                    .fixed(2.5e12, 2));
    assertThat(got).isEqualTo("0 0 0 1 1.000001 12.3 NaN -Infinity 2.5E12");
  }

  @Test
  void integer_allSizes() throws IOException {
    long[] values = {0, 7, -7, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, -1_234_567_890_123L};
    StringBuilder expected = new StringBuilder();
    for (long v : values) {
      expected.append(v).append(',');
    }
    String got =
        written(
            64,
            out -> {
              for (long v : values) {
                out.integer(v).ascii(',');
              }
            });
    assertThat(got).isEqualTo(expected.toString());
  }

  @Test
  void field_quotesOnlyWhenNeeded_andKeepsUnicode() throws IOException {
    String longName = "ä".repeat(100);
    String got =
        written(
            64,
            out ->
                out.field("C-1")
                    .ascii('|')
                    .field("Müller, Anna")
                    .ascii('|')
                    .field("say \"hi\"")
                    .ascii('|')
                    .field("two\nlines")
                    .ascii('|')
                    .field(longName));
    assertThat(got).isEqualTo("C-1|\"Müller, Anna\"|\"say \"\"hi\"\"\"|\"two\nlines\"|" + longName);
  }
}
