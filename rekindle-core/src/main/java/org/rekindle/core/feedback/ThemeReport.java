package org.rekindle.core.feedback;

import java.util.List;
import java.util.Objects;

/**
 * Free-text answers grouped into themes.
 *
 * @param answers the number of non-blank answers grouped (blank answers are not counted)
 * @param themes the themes, largest first (ties by label)
 * @param other the answers that fell in no theme, labelled "other"; zero answers when none
 */
public record ThemeReport(int answers, List<Theme> themes, Theme other) {
  public ThemeReport {
    themes = List.copyOf(themes);
    Objects.requireNonNull(other, "other");
    int sum = other.answers();
    for (Theme t : themes) {
      sum += t.answers();
    }
    if (sum != answers) {
      throw new IllegalArgumentException(
          "the themes and other must hold every answer once: " + sum + " != " + answers);
    }
  }
}
