package org.rekindle.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ThemesTest {
  private static final List<String> STAFF =
      List.of(
          "Rude staff",
          "The staff were rude to me",
          "unfriendly staff at the counter",
          "Staff was rude and unhelpful",
          "staff ignored me, very rude",
          "The new staff are unfriendly");
  private static final List<String> PRICE =
      List.of(
          "Prices went up",
          "prices went up again, too expensive",
          "Too expensive for me now",
          "the price increase made it too expensive");
  private static final List<String> DELIVERY =
      List.of(
          "Late delivery",
          "delivery was late again",
          "My deliveries always arrived late",
          "late delivery twice in a row");
  private static final List<String> NOISE =
      List.of(
          "moved to another city",
          "no reason",
          "closed my business",
          "forgot about you",
          "don't need it anymore",
          "my wife handles this now",
          "the website kept crashing",
          "switched banks",
          "retired last spring",
          "bought a house elsewhere",
          "long story",
          "n/a",
          "nothing to add",
          "parking was impossible",
          "new job, no time");

  /** 60 about staff, 40 about prices, 20 about delivery and 15 of noise, in blocks. */
  private static List<String> planted() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      all.add(STAFF.get(i % STAFF.size()));
    }
    for (int i = 0; i < 40; i++) {
      all.add(PRICE.get(i % PRICE.size()));
    }
    for (int i = 0; i < 20; i++) {
      all.add(DELIVERY.get(i % DELIVERY.size()));
    }
    all.addAll(NOISE);
    return all;
  }

  private static Theme themeWith(ThemeReport report, String phrase) {
    return report.themes().stream()
        .filter(t -> t.phrases().stream().anyMatch(p -> p.contains(phrase)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no theme about " + phrase + ": " + report));
  }

  @Test
  void group_plantedCorpus_findsThePlantedThemesWithTheirSizes() {
    ThemeReport report = Themes.defaults().group(planted());
    assertThat(report.answers()).isEqualTo(135);

    Theme staff = themeWith(report, "staff");
    assertThat(staff.answers()).isBetween(58, 62);
    assertThat(staff.share()).isCloseTo(60.0 / 135, within(0.02));
    assertThat(staff.examples()).hasSize(3).allMatch(STAFF::contains);

    Theme price = themeWith(report, "price");
    assertThat(price.answers()).isBetween(38, 42);
    assertThat(price.examples()).hasSize(3).allMatch(PRICE::contains);
    assertThat(price.label()).contains("price").contains("expensive");

    Theme delivery = themeWith(report, "delivery");
    assertThat(delivery.answers()).isBetween(18, 22);
    assertThat(delivery.examples()).hasSize(3).allMatch(DELIVERY::contains);

    assertThat(report.themes().get(0)).isEqualTo(staff);
    assertThat(report.themes().get(1)).isEqualTo(price);
    assertThat(report.themes().get(2)).isEqualTo(delivery);
    Predicate<String> planted = s -> STAFF.contains(s) || PRICE.contains(s) || DELIVERY.contains(s);
    assertThat(report.other().label()).isEqualTo("other");
    assertThat(report.other().answers()).isBetween(13, 17);
    assertThat(report.other().examples()).noneMatch(planted);
  }

  @Test
  void group_shuffledInput_givesTheSameReport() {
    List<String> answers = planted();
    ThemeReport first = Themes.defaults().group(answers);
    assertThat(Themes.defaults().group(answers)).isEqualTo(first);
    Random random = new Random(11L);
    for (int i = 0; i < 5; i++) {
      List<String> shuffled = new ArrayList<>(answers);
      Collections.shuffle(shuffled, random);
      assertThat(Themes.defaults().group(shuffled)).isEqualTo(first);
    }
  }

  @Test
  void group_emptyOrBlankInput_givesNoThemes() {
    ThemeReport empty = Themes.defaults().group(List.of());
    assertThat(empty.themes()).isEmpty();
    assertThat(empty.answers()).isZero();
    assertThat(empty.other().answers()).isZero();
    ThemeReport blank = Themes.defaults().group(List.of("", "  ", "\t"));
    assertThat(blank.themes()).isEmpty();
    assertThat(blank.answers()).isZero();
  }

  @Test
  void group_onlyStopWords_goToOther() {
    ThemeReport report = Themes.defaults().group(Collections.nCopies(10, "it was the way it was"));
    assertThat(report.themes()).isEmpty();
    assertThat(report.other().answers()).isEqualTo(10);
    assertThat(report.other().examples()).containsExactly("it was the way it was");
  }

  @Test
  void group_maxThemes_isRespected() {
    ThemeReport report = new Themes(2, 3, 0).group(planted());
    assertThat(report.themes()).hasSize(2);
    assertThat(report.other().answers()).isBetween(33, 37);
  }

  @Test
  void group_largeCorpus_keepsThePlantedShares() {
    Random random = new Random(5L);
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double u = random.nextDouble();
      List<String> pool = u < 0.5 ? STAFF : u < 0.8 ? PRICE : u < 0.9 ? DELIVERY : NOISE;
      answers.add(pool.get(random.nextInt(pool.size())) + (i % 7 == 0 ? " " + i : ""));
    }
    ThemeReport report = Themes.defaults().group(answers);
    assertThat(themeWith(report, "staff").share()).isBetween(0.48, 0.52);
    assertThat(themeWith(report, "price").share()).isBetween(0.28, 0.32);
    assertThat(themeWith(report, "delivery").share()).isBetween(0.08, 0.12);
  }

  @Test
  void words_lowerCaseNoStopWordsSingular() {
    assertThat(Themes.words("The staff weren't friendly; DELIVERIES late, 2 boxes & prices!"))
        .containsExactly("staff", "werent", "friendly", "delivery", "late", "box", "price");
    assertThat(Themes.terms("prices went up, too expensive"))
        .containsExactly("price", "expensive", "price expensive");
  }

  @Test
  void settings_areValidated() {
    assertThatThrownBy(() -> new Themes(0, 3, 0.01)).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> new Themes(5, 0, 0.01)).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> new Themes(5, 3, 1.5)).hasMessageContaining("in [0, 1]");
  }

  @Property(tries = 200)
  void group_everyAnswerCountedOnce(
      @ForAll("answers") List<String> answers, @ForAll @IntRange(min = 1, max = 5) int min) {
    ThemeReport report = new Themes(4, min, 0).group(answers);
    long nonBlank = answers.stream().filter(a -> !a.isBlank()).count();
    assertThat(report.answers()).isEqualTo(nonBlank);
    assertThat(report.themes()).hasSizeLessThanOrEqualTo(4).allMatch(t -> t.answers() >= min);
    assertThat(report.themes()).allMatch(t -> !t.label().isEmpty() && t.examples().size() <= 3);
  }

  @Provide
  Arbitrary<List<String>> answers() {
    Arbitrary<String> word =
        Arbitraries.of("rude", "staff", "price", "prices", "late", "the", "was", "");
    return word.list().ofMaxSize(5).map(w -> String.join(" ", w)).list().ofMaxSize(40);
  }
}
