package org.rekindle.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The tokeniser and the grouping on any text at all: lone surrogates, control characters, emoji,
 * huge answers. They never throw, and every non-blank answer is counted once.
 */
class ThemesPropertyTest {
  @Property(tries = 2000)
  void terms_anyString_neverThrowAndAreWellFormed(@ForAll("anyText") String text) {
    Set<String> terms = Themes.terms(text);
    for (String t : terms) {
      assertThat(t).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
      String[] words = t.split(" ");
      assertThat(words).hasSizeBetween(1, 2);
      for (String w : words) {
        assertThat(w.length()).isGreaterThan(1);
        assertThat(w.codePoints()).allMatch(Character::isLetterOrDigit);
      }
    }
  }

  @Property(tries = 300)
  void group_anyStrings_countEveryNonBlankAnswerOnce(@ForAll("answers") List<String> answers) {
    ThemeReport report = Themes.defaults().group(answers);
    long nonBlank = answers.stream().filter(a -> !a.strip().isEmpty()).count();
    assertThat(report.answers()).isEqualTo(nonBlank);
    List<String> quotes = new ArrayList<>(report.other().examples());
    report.themes().forEach(t -> quotes.addAll(t.examples()));
    List<String> stripped = answers.stream().map(String::strip).toList();
    assertThat(quotes).allMatch(stripped::contains);
  }

  @Test
  void group_hugeAnswers_areTokenisedAndGrouped() {
    Random rnd = new Random(5);
    String[] vocabulary = {"rude", "staff", "late", "delivery", "price", "\ud83d\ude00", "\u0000"};
    StringBuilder huge = new StringBuilder();
    while (huge.length() < 2_000_000) {
      huge.append(vocabulary[rnd.nextInt(vocabulary.length)]).append(' ');
    }
    List<String> answers = List.of(huge.toString(), huge.toString(), huge + "\ud800", "rude");
    assertThat(Themes.terms(huge.toString())).contains("rude", "staff rude", "late delivery");
    ThemeReport report = Themes.defaults().group(answers);
    assertThat(report.answers()).isEqualTo(4);
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings()
            .withCharRange('\u0000', '\u001f')
            .withCharRange('\ud800', '\udfff')
            .withChars("ab'\u2019 sS")
            .ofMaxLength(30));
  }

  @Provide
  Arbitrary<List<String>> answers() {
    return anyText().list().ofMaxSize(30);
  }
}
