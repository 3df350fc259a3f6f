package org.rekindle.core.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.RekindleException;
import org.rekindle.model.FitResult;
import org.rekindle.model.ModelFitter;
import org.rekindle.model.ModelKind;
import org.rekindle.model.RfmData;

class TransactionLogGeneratorTest {
  private static final Pattern ROW =
      Pattern.compile("[1-9][0-9]*,\\d{4}-\\d{2}-\\d{2},\\d+\\.\\d{2}");
  private static final Pattern ROW_WITH_ORDER = Pattern.compile(ROW.pattern() + ",[1-9][0-9]*");

  private static String generate(GeneratorSettings settings) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GeneratedLog log = new TransactionLogGenerator(settings).write(out);
    String csv = out.toString(StandardCharsets.US_ASCII);
    assertThat(csv.lines().count()).isEqualTo(log.rows() + 1);
    return csv;
  }

  @Test
  void write_sameSeedSameBytes() throws IOException {
    String a = generate(GeneratorSettings.cdnowLike(2000, 42));
    String b = generate(GeneratorSettings.cdnowLike(2000, 42));
    String c = generate(GeneratorSettings.cdnowLike(2000, 43));
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void write_headerAndRowFormats() throws IOException {
    List<String> lines = generate(GeneratorSettings.cdnowLike(3000, 7)).lines().toList();
    assertThat(lines.get(0)).isEqualTo("customer_id,date,amount");
    assertThat(lines.subList(1, lines.size())).allMatch(l -> ROW.matcher(l).matches());
    assertThat(lines.subList(1, lines.size()))
        .allMatch(l -> !l.endsWith(",0.00"), "amounts are at least 0.01");
  }

  @Test
  void write_datesWithinWindowAscendingPerCustomerAndEveryCustomerPresent() throws IOException {
    GeneratorSettings s =
        GeneratorSettings.builder()
            .customers(3000)
            .seed(9)
            .start(LocalDate.of(2024, 2, 26))
            .acquisitionDays(10)
            .end(LocalDate.of(2024, 6, 1))
            .build();
    List<String> lines = generate(s).lines().toList();
    long lastId = 0;
    LocalDate lastDate = null;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      long id = Long.parseLong(f[0]);
      LocalDate date = LocalDate.parse(f[1]);
      assertThat(id).isBetween(lastId, lastId + 1);
      if (id != lastId) {
        assertThat(date).isBefore(s.start().plusDays(10)).isAfterOrEqualTo(s.start());
      } else {
        assertThat(date).isAfterOrEqualTo(lastDate);
      }
      assertThat(date).isBefore(s.end());
      lastId = id;
      lastDate = date;
    }
    assertThat(lastId).isEqualTo(3000);
  }

  @Test
  void write_orderIdsNumberTheRows() throws IOException {
    GeneratorSettings s = GeneratorSettings.builder().customers(500).orderIds(true).build();
    List<String> lines = generate(s).lines().toList();
    assertThat(lines.get(0)).isEqualTo("customer_id,date,amount,order_id");
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i)).matches(ROW_WITH_ORDER).endsWith("," + i);
    }
  }

  @Test
  void write_gzipWhenTheNameEndsInGz(@TempDir Path dir) throws IOException {
    GeneratorSettings s = GeneratorSettings.cdnowLike(1000, 5);
    GeneratedLog plain = new TransactionLogGenerator(s).write(dir.resolve("log.csv"));
    GeneratedLog zipped = new TransactionLogGenerator(s).write(dir.resolve("log.csv.GZ"));
    assertThat(zipped).isEqualTo(plain);
    assertThat(plain.customers()).isEqualTo(1000);
    byte[] unzipped;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("log.csv.GZ")))) {
      unzipped = in.readAllBytes();
    }
    assertThat(unzipped).isEqualTo(Files.readAllBytes(dir.resolve("log.csv")));
  }

  /** Mean amount per row is E[z] = p γ / (q − 1) (Gamma-Gamma; Fader, Hardie &amp; Lee 2005). */
  @Test
  void write_meanAmountMatchesGammaGamma() throws IOException {
    List<String> lines = generate(GeneratorSettings.cdnowLike(40_000, 11)).lines().toList();
    double sum = 0;
    for (String line : lines.subList(1, lines.size())) {
      sum += Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
    }
    // heavy right tail (ν near 0), so a loose 5% band around 6.25 × 15.44 / 2.74 = 35.22
    assertThat(sum / (lines.size() - 1)).isCloseTo(6.25 * 15.44 / 2.74, within(0.05 * 35.22));
  }

  /**
   * End to end: summarise the generated log per customer (x = rows − 1, t_x and T in whole days, T
   * to the exclusive end) and fit BG/NBD; the defaults come back within 3 standard errors.
   *
   * <p>Every row counts as a purchase here. A summariser that merges same-day orders sees fewer
   * purchases from the heaviest buyers: with these defaults and seed that moves α from 30.75 to
   * 32.59 (3.6 standard errors) — a property of daily data, not of the generator.
   */
  @Test
  void write_bgnbdFitOnTheLogRecoversTheParameters() throws IOException {
    int n = 60_000;
    GeneratorSettings s = GeneratorSettings.cdnowLike(n, 2024);
    List<String> lines = generate(s).lines().toList();
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    LocalDate[] first = new LocalDate[n];
    LocalDate[] last = new LocalDate[n];
    for (String line : lines.subList(1, lines.size())) {
      int i = line.indexOf(',');
      int c = Integer.parseInt(line.substring(0, i)) - 1;
      LocalDate date = LocalDate.parse(line.substring(i + 1, i + 11));
      if (first[c] == null) {
        first[c] = date;
      } else {
        x[c]++;
      }
      last[c] = date;
    }
    for (int c = 0; c < n; c++) {
      tx[c] = ChronoUnit.DAYS.between(first[c], last[c]);
      age[c] = ChronoUnit.DAYS.between(first[c], s.end());
    }
    FitResult fit = ModelFitter.fit(ModelKind.BGNBD, RfmData.of(x, tx, age));
    Map<String, Double> est = fit.model().params();
    Map<String, Double> se = fit.standardErrors().orElseThrow();
    Map<String, Double> truth = Map.of("r", s.r(), "alpha", s.alpha(), "a", s.a(), "b", s.b());
    truth.forEach(
        (name, value) ->
            assertThat(est.get(name))
                .as("%s (se %s)", name, se.get(name))
                .isCloseTo(value, within(3 * se.get(name))));
  }

  @Test
  void settings_defaultsAreCdnowLike() {
    GeneratorSettings s = GeneratorSettings.cdnowLike(10, 1);
    assertThat(s.start()).isEqualTo(LocalDate.of(1997, 1, 1));
    assertThat(s.acquisitionDays()).isEqualTo(84);
    assertThat(s.end()).isEqualTo(LocalDate.of(1997, 1, 1).plusWeeks(78));
    assertThat(s.alpha()).isCloseTo(4.414 * 7, within(1e-12));
  }

  @Test
  void settings_rejectOutOfRangeValuesByName() {
    assertThatThrownBy(() -> GeneratorSettings.builder().bgnbd(0.243, -1, 0.8, 2.4).build())
        .isInstanceOf(RekindleException.class)
        .hasMessage("alpha must be finite and > 0, was -1.0");
    assertThatThrownBy(
            () ->
                GeneratorSettings.builder()
                    .start(LocalDate.of(2024, 1, 1))
                    .end(LocalDate.of(2024, 2, 1))
                    .build())
        .isInstanceOf(RekindleException.class)
        .hasMessageContaining("must be at least the acquisition window (84 days) after start");
    assertThatThrownBy(() -> GeneratorSettings.builder().customers(-1).build())
        .hasMessage("customers must not be negative, was -1");
  }
}
