package org.rekindle.core.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OfferCodeTest {
  @Test
  void alphabet_hasNoLookAlikesAndEnoughBits() {
    assertThat(OfferCode.ALPHABET).hasSize(30).doesNotContain("0", "O", "1", "I", "L", "U");
    assertThat(OfferCode.ALPHABET.chars().distinct().count()).isEqualTo(30);
    // log2(30) * 13 = 63.79
    assertThat(OfferCode.BITS)
        .isGreaterThanOrEqualTo(60)
        .isCloseTo(63.79, org.assertj.core.data.Offset.offset(0.01));
    assertThat(Math.pow(30, 13)).isGreaterThan(Math.pow(2, 60));
  }

  @Test
  void generate_isGroupedForReading() {
    OfferCode c = OfferCode.generate();
    assertThat(c.symbols()).hasSize(13).matches("[" + OfferCode.ALPHABET + "]{13}");
    assertThat(c.grouped()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{5}");
    assertThat(c.toString()).isEqualTo(c.grouped());
    assertThat(c.grouped().replace("-", "")).isEqualTo(c.symbols());
  }

  @Test
  void generate_100kCodes_noneCollide() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(OfferCode.generate().symbols())).isTrue();
    }
  }

  @Test
  void generate_usesEverySymbolAboutEquallyOften() {
    Random random = new Random(42);
    int[] counts = new int[128];
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      for (char ch : OfferCode.generate(random).symbols().toCharArray()) {
        counts[ch]++;
      }
    }
    double expected = draws * 13.0 / 30;
    double chi2 = 0;
    for (char ch : OfferCode.ALPHABET.toCharArray()) {
      chi2 += Math.pow(counts[ch] - expected, 2) / expected;
    }
    // 29 degrees of freedom: the 99.9% quantile is 58.3
    assertThat(chi2).isLessThan(58.3);
  }

  @Property
  void parse_roundTripsWhatACashierTypes(
      @ForAll long seed, @ForAll boolean lower, @ForAll boolean spaces, @ForAll boolean grouped) {
    Random random = new Random(seed);
    OfferCode c = OfferCode.generate(random);
    String typed = grouped ? c.grouped() : c.symbols();
    if (lower) {
      typed = typed.toLowerCase(Locale.ROOT);
    }
    if (spaces) {
      typed = " " + typed.replace("-", " ").replace("V", random.nextBoolean() ? "U" : "V") + "\t";
    }
    assertThat(OfferCode.parse(typed)).contains(c);
    assertThat(OfferCode.of(typed)).isEqualTo(c);
  }

  @Test
  void parse_acceptsSpacesDashesCaseAndUForV() {
    assertThat(OfferCode.parse(" k7qh 2mxc\u2013 9trwu "))
        .map(OfferCode::symbols)
        .contains("K7QH2MXC9TRWV");
    assertThat(OfferCode.parse("K7QH-2MXC-9TRWV"))
        .map(OfferCode::grouped)
        .contains("K7QH-2MXC-9TRWV");
  }

  @Test
  void parse_refusesLookAlikesItCannotMapAndWrongLengths() {
    assertThat(OfferCode.parse("K7QH-2MXC-9TRW0")).isEmpty();
    assertThat(OfferCode.parse("K7QH-2MXC-9TRWO")).isEmpty();
    assertThat(OfferCode.parse("K7QH-2MXC-9TRWI")).isEmpty();
    assertThat(OfferCode.parse("K7QH-2MXC-9TRWl")).isEmpty();
    assertThat(OfferCode.parse("K7QH-2MXC-9TRW")).isEmpty();
    assertThat(OfferCode.parse("K7QH-2MXC-9TRWVV")).isEmpty();
    assertThat(OfferCode.parse("")).isEmpty();
    assertThat(OfferCode.parse("SUMMER10")).isEmpty();
    assertThatThrownBy(() -> OfferCode.of("K7QH-2MXC-9TRW0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0' never appears in one");
    assertThatThrownBy(() -> OfferCode.of("K7QH-2MXC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a code has 13 letters and digits, this has 8");
  }

  @Test
  void equals_isBySymbols() {
    assertThat(OfferCode.of("k7qh2mxc9trwv")).isEqualTo(OfferCode.of("K7QH-2MXC-9TRWV"));
    assertThat(OfferCode.of("k7qh2mxc9trwv").hashCode())
        .isEqualTo(OfferCode.of("K7QH-2MXC-9TRWV").hashCode());
    assertThat(OfferCode.of("K7QH2MXC9TRWV")).isNotEqualTo(OfferCode.of("K7QH2MXC9TRWW"));
  }
}
