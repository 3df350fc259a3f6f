package org.rekindle.outreach.letter;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.rekindle.outreach.template.MessageTemplates;
import org.rekindle.outreach.template.TemplateException;
import org.rekindle.outreach.template.internal.StrictMustache;

/**
 * The wording of printed letters, as templates the business can edit: one plain-text Mustache file
 * per letter, {@code NAME.letter.mustache}, beside the email templates and held to the same rules
 * ({@link MessageTemplates}): logic-less, no way to change the delimiters or pull in partials, the
 * values of {@link MessageTemplates#SAMPLE} and no others, every file checked when loaded and all
 * problems reported together. A file in the home's templates directory replaces the shipped letter
 * of the same name; a new name there adds a letter.
 *
 * <p>Values are printed as they are: a letter is drawn as text on paper, not read as markup, so
 * there is nothing to escape. A blank line starts a new paragraph; the other line breaks are kept
 * as written and a line too long for the page wraps, so write each paragraph on one line.
 */
public final class LetterTemplates {
  /** The letters shipped with Rekindle: those the default playbooks send. */
  public static final List<String> SHIPPED =
      List.of("dormant-win-back", "account-dormancy-notice", "birthday-card", "exit-survey");

  private static final String KIND = "letter";
  private static final String SUFFIX = "." + KIND + ".mustache";

  private final Map<String, Template> letters;

  private LetterTemplates(Map<String, Template> letters) {
    this.letters = letters;
  }

  /**
   * The shipped letters, with those in {@code dir} (when given and present) in their place.
   *
   * @throws TemplateException naming every file that cannot be used; then none is
   */
  public static LetterTemplates load(Optional<Path> dir) {
    Map<String, Map<String, String>> sources = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : SHIPPED) {
      sources
          .computeIfAbsent(name, n -> new LinkedHashMap<>())
          .put(KIND, StrictMustache.shipped(name + SUFFIX));
    }
    StrictMustache.readHome(dir, List.of(KIND), sources, problems);
    Map<String, Template> letters = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> m : sources.entrySet()) {
      String file = dir.map(d -> d.resolve(m.getKey()).toString()).orElse(m.getKey()) + SUFFIX;
      Template t = StrictMustache.compile(file, m.getValue().get(KIND), false, problems);
      if (t == null) {
        continue;
      }
      for (String out : StrictMustache.trial(file, t, MessageTemplates.SAMPLE, problems)) {
        if (out.isBlank()) {
          problems.add(file + ": the letter comes out empty");
          break;
        }
      }
      letters.put(m.getKey(), t);
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    return new LetterTemplates(letters);
  }

  /** The letters there are. */
  public Set<String> names() {
    return letters.keySet();
  }

  /**
   * The text of a letter: its body, from the salutation to the signature.
   *
   * @throws IllegalArgumentException for an unknown letter, or values without one the template
   *     shows
   */
  public String render(String name, Map<String, Object> values) {
    Template t = letters.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no letter template '" + name + "': " + names());
    }
    Objects.requireNonNull(values, "values");
    try {
      return t.execute(values);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("letter template '" + name + "': " + e.getMessage(), e);
    }
  }
}
