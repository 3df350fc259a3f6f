package org.rekindle.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomerSummaryTest {
  @Test
  void of_validNumbers_keepsThem() {
    CustomerSummary c = CustomerSummary.of("7", 2, 30.43, 38.86, 22.35);

    assertThat(c.frequency()).isEqualTo(2);
    assertThat(c.history()).isEmpty();
  }

  @Test
  void new_invalidNumbers_areRefused() {
    assertThatThrownBy(() -> CustomerSummary.of(" ", 0, 0, 1, 0))
        .hasMessageContaining("customer id must not be blank");
    assertThatThrownBy(() -> CustomerSummary.of("a", -1, 0, 1, 0))
        .hasMessageContaining("frequency must not be negative");
    assertThatThrownBy(() -> CustomerSummary.of("a", 1, 2, 1, 0))
        .hasMessageContaining("recency must be between 0 and age T");
    assertThatThrownBy(() -> CustomerSummary.of("a", 0, 0.5, 1, 0))
        .hasMessageContaining("recency must be 0 when frequency is 0");
    assertThatThrownBy(() -> CustomerSummary.of("a", 1, 0.5, Double.NaN, 0))
        .hasMessageContaining("age T must be finite");
    assertThatThrownBy(() -> CustomerSummary.of("a", 1, 0.5, 1, -2))
        .hasMessageContaining("monetary must be finite and non-negative");
    LocalDate d = LocalDate.of(2024, 1, 1);
    assertThatThrownBy(
            () ->
                new CustomerSummary(
                    "a",
                    1,
                    0.5,
                    1,
                    0,
                    Optional.of(new CustomerSummary.History(d, d, 1, 0)),
                    Optional.empty()))
        .hasMessageContaining("purchase days (1) must be frequency + 1 (2)");
    assertThatThrownBy(() -> new CustomerSummary.History(d, d.minusDays(1), 1, 0))
        .hasMessageContaining("must not be before the first");
  }
}
