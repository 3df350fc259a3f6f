package org.rekindle.outreach.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTemplatesTest {
  @TempDir Path dir;

  private static Map<String, Object> context(String firstName, boolean offer) {
    Map<String, Object> c = new LinkedHashMap<>(MessageTemplates.SAMPLE);
    c.put("first_name", firstName);
    if (!offer) {
      c.put("offer", false);
    }
    return c;
  }

  @Test
  void shipped_loadAndRender() {
    MessageTemplates t = MessageTemplates.load(Optional.empty());
    assertThat(t.names()).containsExactlyInAnyOrderElementsOf(MessageTemplates.SHIPPED);
    MessageTemplates.Rendered withOffer = t.render("dormant-win-back", context("Ada", true));
    assertThat(withOffer.subject()).isEqualTo("We miss you, Ada: 10% off until 2026-12-23");
    assertThat(withOffer.text())
        .contains("use the code K7QM-3XPA-9WRT before 2026-12-23")
        .contains("https://shop.example/u/TOKEN");
    assertThat(withOffer.html()).contains("<strong>K7QM-3XPA-9WRT</strong>");
    MessageTemplates.Rendered without = t.render("dormant-win-back", context("Ada", false));
    assertThat(without.subject()).isEqualTo("We miss you, Ada");
    assertThat(without.text()).doesNotContain("code");
    assertThat(t.render("account-dormancy-notice", context("Ada", false)).text())
        .contains("yours would be on 2027-01-15")
        .contains("reopens it, with no new application");
  }

  @Test
  void customerValues_areEscapedInHtml_andLeftAloneInText() {
    MessageTemplates t = MessageTemplates.load(Optional.empty());
    MessageTemplates.Rendered r =
        t.render("lapsing-check-in", context("<script>alert(1)</script>", false));
    assertThat(r.html())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(r.text()).contains("Hello <script>alert(1)</script>,");
    assertThat(r.subject()).isEqualTo("How are things, <script>alert(1)</script>?");
  }

  @Test
  void aMissingValue_isAnError_notABlank() {
    MessageTemplates t = MessageTemplates.load(Optional.empty());
    Map<String, Object> c = context("Ada", true);
    c.remove("rep_name");
    assertThatThrownBy(() -> t.render("lapsing-check-in", c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message 'lapsing-check-in'")
        .hasMessageContaining("rep_name");
    assertThatThrownBy(() -> t.render("nope", c))
        .hasMessageContaining("no message template 'nope'");
  }

  @Test
  void homeTemplates_replaceAndAdd() throws Exception {
    Files.writeString(
        dir.resolve("lapsing-check-in.subject.mustache"), "Checking in, {{first_name}}");
    Files.writeString(dir.resolve("thanks.subject.mustache"), "Thank you, {{first_name}}");
    Files.writeString(dir.resolve("thanks.txt.mustache"), "Thanks. {{unsubscribe_url}}");
    Files.writeString(dir.resolve("thanks.html.mustache"), "<p>Thanks.</p>");
    MessageTemplates t = MessageTemplates.load(Optional.of(dir));
    assertThat(t.render("lapsing-check-in", context("Ada", false)).subject())
        .isEqualTo("Checking in, Ada");
    assertThat(t.names()).contains("thanks", "dormant-win-back");
    assertThat(t.render("thanks", context("Bo", false)).subject()).isEqualTo("Thank you, Bo");
  }

  @Test
  void badTemplates_areRefusedTogether_andNothingLoads() throws Exception {
    Files.writeString(
        dir.resolve("lapsing-check-in.html.mustache"), "<p>Hi</p>\n<p>{{{first_name}}}</p>");
    Files.writeString(dir.resolve("dormant-win-back.txt.mustache"), "Hello {{frist_name}}");
    Files.writeString(dir.resolve("birthday-card.subject.mustache"), "Happy\n{{first_name}}");
    Files.writeString(dir.resolve("half.subject.mustache"), "Only a subject");
    Files.writeString(dir.resolve("Bad Name.txt.mustache"), "x");
    Files.writeString(dir.resolve("exit-survey.txt.mustache"), "{{#offer}}unclosed");
    assertThatThrownBy(() -> MessageTemplates.load(Optional.of(dir)))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(
                        p -> assertThat(p).contains("lapsing-check-in.html.mustache:2: '{{{'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("dormant-win-back.txt.mustache")
                                .contains("frist_name"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains(
                                    "birthday-card.subject.mustache: the subject must be one line"))
                    .anySatisfy(p -> assertThat(p).contains("half.txt.mustache: missing"))
                    .anySatisfy(p -> assertThat(p).contains("half.html.mustache: missing"))
                    .anySatisfy(
                        p -> assertThat(p).contains("Bad Name.txt.mustache: not a template name"))
                    .anySatisfy(p -> assertThat(p).contains("exit-survey.txt.mustache")));
    Files.writeString(dir.resolve("x.html.mustache"), "{{&name}} {{=<% %>=}} {{> other}}");
    assertThatThrownBy(() -> MessageTemplates.load(Optional.of(dir)))
        .hasMessageContaining("x.html.mustache:1: '{{&' is not allowed");
  }
}
