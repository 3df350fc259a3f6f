package org.rekindle.outreach.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.outreach.template.MessageTemplates;
import org.rekindle.outreach.template.TemplateException;

class LetterTemplatesTest {
  @TempDir Path dir;

  private static Map<String, Object> values(boolean offer) {
    Map<String, Object> v = new LinkedHashMap<>(MessageTemplates.SAMPLE);
    if (!offer) {
      v.put("offer", false);
    }
    return v;
  }

  @Test
  void shipped_loadAndRender() {
    LetterTemplates t = LetterTemplates.load(Optional.empty());
    assertThat(t.names()).containsExactlyInAnyOrderElementsOf(LetterTemplates.SHIPPED);
    assertThat(t.render("dormant-win-back", values(true)))
        .startsWith("Dear Ada,\n")
        .contains("Your code: K7QM-3XPA-9WRT (valid until 2026-12-23)")
        .contains("here is 10% off your next order");
    assertThat(t.render("dormant-win-back", values(false)))
        .doesNotContain("code")
        .doesNotContain("\n\n\n")
        .endsWith("Warm regards,\n\nMaria\nSpringfield Building Supply\n");
    assertThat(t.render("account-dormancy-notice", values(false)))
        .contains("your account goes dormant on 2027-01-15")
        .contains("one order or one reply keeps it open")
        .contains("no new application");
    assertThat(t.render("exit-survey", values(false))).contains("https://shop.example/s/TOKEN");
  }

  @Test
  void valuesArePrintedAsTheyAre_notEscaped() {
    Map<String, Object> v = values(false);
    v.put("first_name", "O'Brien & <Sons>");
    assertThat(LetterTemplates.load(Optional.empty()).render("birthday-card", v))
        .startsWith("Dear O'Brien & <Sons>,");
  }

  @Test
  void render_refusesAnUnknownLetterAndAMissingValue() {
    LetterTemplates t = LetterTemplates.load(Optional.empty());
    Map<String, Object> v = values(true);
    v.remove("rep_name");
    assertThatThrownBy(() -> t.render("birthday-card", v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letter template 'birthday-card'")
        .hasMessageContaining("rep_name");
    assertThatThrownBy(() -> t.render("nope", values(true)))
        .hasMessageContaining("no letter template 'nope'");
  }

  @Test
  void homeTemplates_replaceAndAdd_besideTheEmailTemplates() throws Exception {
    Files.writeString(dir.resolve("birthday-card.letter.mustache"), "Happy birthday, {{name}}!");
    Files.writeString(dir.resolve("thanks.letter.mustache"), "Thank you, {{first_name}}.");
    Files.writeString(dir.resolve("lapsing-check-in.subject.mustache"), "Hello {{first_name}}");
    LetterTemplates t = LetterTemplates.load(Optional.of(dir));
    assertThat(t.names()).contains("thanks", "dormant-win-back");
    assertThat(t.render("birthday-card", values(false)))
        .isEqualTo("Happy birthday, Ada Roofing Ltd!");
    assertThat(t.render("thanks", values(false))).isEqualTo("Thank you, Ada.");
    // and the email templates load from the same directory without minding the letters
    assertThat(MessageTemplates.load(Optional.of(dir)).names()).doesNotContain("thanks");
  }

  @Test
  void badTemplates_areRefusedTogether_eachWithItsName() throws Exception {
    Files.writeString(dir.resolve("dormant-win-back.letter.mustache"), "Dear {{frist_name}},");
    Files.writeString(dir.resolve("loud.letter.mustache"), "Dear\n{{{first_name}}}");
    Files.writeString(dir.resolve("raw.letter.mustache"), "{{&name}}");
    Files.writeString(dir.resolve("swap.letter.mustache"), "{{=<% %>=}}");
    Files.writeString(dir.resolve("part.letter.mustache"), "{{> footer}}");
    Files.writeString(dir.resolve("blank.letter.mustache"), "{{#offer}}{{code}}{{/offer}}");
    Files.writeString(dir.resolve("typo.leter.mustache"), "Dear {{first_name}}");
    assertThatThrownBy(() -> LetterTemplates.load(Optional.of(dir)))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("dormant-win-back.letter.mustache")
                                .contains("frist_name"))
                    .anySatisfy(p -> assertThat(p).contains("loud.letter.mustache:2: '{{{'"))
                    .anySatisfy(p -> assertThat(p).contains("raw.letter.mustache:1: '{{&'"))
                    .anySatisfy(p -> assertThat(p).contains("swap.letter.mustache:1: '{{='"))
                    .anySatisfy(p -> assertThat(p).contains("part.letter.mustache:1: '{{>'"))
                    .anySatisfy(
                        p -> assertThat(p).contains("blank.letter.mustache: the letter comes out"))
                    .anySatisfy(
                        p -> assertThat(p).contains("typo.leter.mustache: not a template name")));
  }
}
