package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pareto/NBD P(X(t) = n) against 40-digit values from {@code pnbd_pmf.py} (mpmath, committed next
 * to {@code pnbd_pmf.csv}); absolute tolerance 1e-11. The third point is where equal-width panels
 * lost 5e-4 of P(X = 0): a steep death density (β = 0.1) over a long horizon (fixed on main by the
 * substitution v = ln(1 + τ/min(α, β)), which this branch now shares).
 */
class ParetoNbdPmfTest {

  static Stream<String> rows() throws IOException {
    try (InputStream in = ParetoNbdPmfTest.class.getResourceAsStream("pnbd_pmf.csv")) {
      List<String> lines =
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      return lines.subList(1, lines.size()).stream();
    }
  }

  @ParameterizedTest
  @MethodSource("rows")
  void probabilityOfPurchases_matchesReference(String row) {
    String[] f = row.split(",");
    TransactionModel model =
        ModelKind.PNBD.create(
            Double.parseDouble(f[0]),
            Double.parseDouble(f[1]),
            Double.parseDouble(f[2]),
            Double.parseDouble(f[3]));
    double p = model.probabilityOfPurchases(Integer.parseInt(f[5]), Double.parseDouble(f[4]));
    assertThat(p).isCloseTo(Double.parseDouble(f[6]), within(1e-11));
  }
}
