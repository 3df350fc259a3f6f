package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RfmDataTest {

  @Test
  void of_mergesIdenticalRowsAndMapsEachCustomerToItsRow() {
    int[] x = {2, 0, 2, 1, 0, 2};
    double[] tx = {5, 0, 5, 3, 0, 4};
    double[] age = {9, 9, 9, 9, 7, 9};
    int[] rowOf = new int[x.length];
    RfmData d = RfmData.of(x, tx, age, rowOf);
    assertThat(d.size()).isEqualTo(5);
    assertThat(d.totalWeight()).isEqualTo(6);
    for (int i = 0; i < x.length; i++) {
      int k = rowOf[i];
      assertThat(d.x(k)).isEqualTo(x[i]);
      assertThat(d.tx(k)).isEqualTo(tx[i]);
      assertThat(d.age(k)).isEqualTo(age[i]);
    }
    assertThat(d.weight(rowOf[0])).isEqualTo(2);
    for (int k = 1; k < d.size(); k++) {
      assertThat(d.x(k)).isGreaterThanOrEqualTo(d.x(k - 1));
    }
  }

  @Test
  void of_invalidSummary_namesTheRule() {
    assertThatThrownBy(() -> RfmData.of(new int[] {0}, new double[] {1}, new double[] {2}))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("recency must be 0 when x is 0");
    assertThatThrownBy(() -> RfmData.of(new int[] {1}, new double[] {3}, new double[] {2}))
        .hasMessageContaining("t_x must lie in [0, T]");
  }
}
