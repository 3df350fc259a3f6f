package org.rekindle.core.feedback;

import java.util.List;
import java.util.Objects;

/**
 * One theme among free-text answers.
 *
 * @param label the theme in a few words: its top phrases joined by " / ", or "other"
 * @param phrases the top phrases, as tokenised (lower case, plurals stripped); empty for "other"
 * @param answers how many answers fall in the theme
 * @param share the answers' share of all non-blank answers, in [0, 1]
 * @param examples up to three quotes, the original text of the answers most typical of the theme
 */
public record Theme(
    String label, List<String> phrases, int answers, double share, List<String> examples) {
  public Theme {
    Objects.requireNonNull(label, "label");
    phrases = List.copyOf(phrases);
    examples = List.copyOf(examples);
    if (answers < 0) {
      throw new IllegalArgumentException("a theme's answer count must not be negative: " + answers);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("a theme's share must be in [0, 1]: " + share);
    }
    if (examples.size() > 3) {
      throw new IllegalArgumentException("a theme has at most 3 examples: " + examples.size());
    }
  }
}
