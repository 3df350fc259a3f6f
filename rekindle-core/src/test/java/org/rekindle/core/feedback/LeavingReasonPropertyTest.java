package org.rekindle.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link LeavingReason#parse} on any text: a reason or a refusal, and labels always read back. */
class LeavingReasonPropertyTest {
  @Property(tries = 2000)
  void parse_anyString_returnsAReasonOrRefusesNamingTheLabels(@ForAll("anyText") String text) {
    try {
      LeavingReason r = LeavingReason.parse(text);
      assertThat(LeavingReason.parse(r.label())).isEqualTo(r);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("price, service, quality");
    }
  }

  @Property(tries = 1000)
  void parse_labelOrWordsInAnyCaseAndSpacing_roundTrip(
      @ForAll LeavingReason reason, @ForAll boolean words, @ForAll("spellings") Spelling how) {
    String text = how.apply(words ? reason.words() : reason.label());
    assertThat(LeavingReason.parse(text)).as("'%s'", text).isEqualTo(reason);
  }

  @Property(tries = 5)
  void parse_hugeInput_isRefused(@ForAll("anyText") String seed) {
    String huge = (seed + "x").repeat(1_000_000 / (seed.length() + 1) + 1);
    assertThatThrownBy(() -> LeavingReason.parse(huge))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Any chars at all: lone surrogates, control characters, noncharacters, and near-labels. */
  @Provide
  Arbitrary<String> anyText() {
    Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
    Arbitrary<String> controls =
        Arbitraries.strings()
            .withCharRange('\u0000', '\u001f')
            .withCharRange('\ud800', '\udfff')
            .withChars("_-/& orjust")
            .ofMaxLength(20);
    Arbitrary<String> nearLabel =
        Combinators.combine(
                Arbitraries.of(LeavingReason.class),
                Arbitraries.strings().all().ofMaxLength(3),
                Arbitraries.strings().all().ofMaxLength(3))
            .as((r, before, after) -> before + r.label() + after);
    return Arbitraries.oneOf(anything, controls, nearLabel);
  }

  /** Case, separators and surrounding white space as people type them. */
  interface Spelling {
    String apply(String text);
  }

  @Provide
  Arbitrary<Spelling> spellings() {
    return Combinators.combine(
            Arbitraries.of(" ", "-", "/", "_", "  ", " - ", "&"),
            Arbitraries.of("", " ", "\t", "\n ", "\u2003"),
            Arbitraries.longs(),
            Arbitraries.of(false, true))
        .as(
            (separator, pad, caseBits, just) ->
                text -> {
                  StringBuilder b = new StringBuilder(pad);
                  if (just && text.equals("forgot")) {
                    b.append("Just ");
                  }
                  int i = 0;
                  for (String part : text.split("[ _]")) {
                    if (i > 0) {
                      b.append(separator);
                    }
                    b.append(
                        ((caseBits >>> (i % 64)) & 1) == 1 ? part.toUpperCase(Locale.ROOT) : part);
                    i++;
                  }
                  return b.append(pad).toString();
                });
  }
}
