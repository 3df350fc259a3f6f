package org.rekindle.core.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerIndexTest {
  @Test
  void find_manyShortLongAndNonLatinIds_givesEachItsIndexOfFirstAppearance() {
    CustomerIndex index = new CustomerIndex();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(
          switch (i % 4) {
            case 0 -> "C" + i;
            case 1 -> "customer-number-" + i;
            case 2 -> "κ" + i;
            default -> Integer.toString(i);
          });
    }
    for (String id : ids) {
      assertThat(index.find(id)).as(id).isEqualTo(-1);
      index.add(id);
    }
    for (int i = ids.size() - 1; i >= 0; i--) {
      assertThat(index.find(new String(ids.get(i)))).as(ids.get(i)).isEqualTo(i);
      assertThat(index.name(i)).isEqualTo(ids.get(i));
    }
    assertThat(index.size()).isEqualTo(20_000);
    assertThat(index.find("C1")).isEqualTo(-1);
  }

  @Test
  void pack_distinguishesLengthsAndCharacters() {
    assertThat(CustomerIndex.pack("a")).isNotEqualTo(CustomerIndex.pack("\0a"));
    assertThat(CustomerIndex.pack("ab")).isNotEqualTo(CustomerIndex.pack("ba"));
    assertThat(CustomerIndex.pack("1234567")).isNotZero();
    assertThat(CustomerIndex.pack("12345678")).isZero();
    assertThat(CustomerIndex.pack("κ")).isZero();
  }
}
