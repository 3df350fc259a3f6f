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
  void find_characters_agreesWithFindString() {
    CustomerIndex index = new CustomerIndex();
    List<String> ids = List.of("C1", "C12", "customer-number-1", "customer-number-12", "κ1", "1");
    for (String id : ids) {
      index.add(id);
    }
    char[] chars = "..C12customer-number-12κ1C1x".toCharArray();

    assertThat(index.find(chars, 2, 3)).isEqualTo(1);
    assertThat(index.find(chars, 2, 3)).isEqualTo(1);
    assertThat(index.find(chars, 5, 18)).isEqualTo(3);
    assertThat(index.find(chars, 5, 17)).isEqualTo(2);
    assertThat(index.find(chars, 23, 2)).isEqualTo(4);
    assertThat(index.find(chars, 25, 2)).isEqualTo(0);
    assertThat(index.find(chars, 25, 3)).isEqualTo(-1);
    assertThat(index.find(chars, 3, 1)).isEqualTo(5);
    assertThat(index.find(chars, 3, 2)).isEqualTo(-1);
    assertThat(CustomerIndex.pack(chars, 2, 3)).isEqualTo(CustomerIndex.pack("C12"));
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
