package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;

/** Binary COPY fields read back as PostgreSQL wrote them. */
class BinaryCopyOutTest {
  @TempDir Path home;

  private static final List<String> AMOUNTS =
      List.of(
          "0",
          "1",
          "-1",
          "0.0001",
          "-0.0001",
          "29.33",
          "10000",
          "12345678.9",
          "-98765.4321",
          "100000000.0001",
          "922337203685477.5807");

  @Test
  void fields_readAsWritten() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      List<Long> units = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      List<Integer> days = new ArrayList<>();
      store
          .jdbi()
          .useTransaction(
              h -> {
                try (BinaryCopyOut copy =
                    new BinaryCopyOut(
                        h,
                        "SELECT 9000000000 + n, DATE '1997-01-01' + n, 'id ü\t\\\\\"' || n,"
                            + " (ARRAY["
                            + String.join(", ", AMOUNTS.stream().map(a -> "'" + a + "'").toList())
                            + "])[n]::numeric(19,4) FROM generate_series(1, "
                            + AMOUNTS.size()
                            + ") n ORDER BY n",
                        "the test rows")) {
                  while (copy.next(4)) {
                    assertThat(copy.int8()).isEqualTo(9_000_000_000L + units.size() + 1);
                    days.add(copy.epochDay());
                    texts.add(copy.text());
                    units.add(copy.numeric(4));
                  }
                }
              });
      for (int i = 0; i < AMOUNTS.size(); i++) {
        assertThat(units.get(i))
            .isEqualTo(new BigDecimal(AMOUNTS.get(i)).movePointRight(4).longValueExact());
        assertThat(texts.get(i)).isEqualTo("id ü\t\\\\\"" + (i + 1));
        assertThat(days.get(i)).isEqualTo(LocalDate.of(1997, 1, 1).toEpochDay() + i + 1);
      }
    }
  }

  @Test
  void numeric_tooLargeOrTooPrecise_isRefused() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      for (String value : List.of("999999999999999.9999", "1.00001", "'NaN'")) {
        assertThatThrownBy(
                () ->
                    store
                        .jdbi()
                        .useTransaction(
                            h -> {
                              try (BinaryCopyOut copy =
                                  new BinaryCopyOut(h, "SELECT " + value + "::numeric", "x")) {
                                copy.next(1);
                                copy.numeric(4);
                              }
                            }))
            .as(value)
            .isInstanceOf(StoreException.class)
            .hasMessageStartingWith("cannot read x: a number");
      }
    }
  }
}
