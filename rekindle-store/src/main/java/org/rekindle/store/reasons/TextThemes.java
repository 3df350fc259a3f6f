package org.rekindle.store.reasons;

import java.util.Objects;
import org.rekindle.core.feedback.ThemeReport;

/**
 * Free-text answers to one question grouped into themes.
 *
 * @param themes the themes, from {@code Themes.defaults()}
 * @param texts how many non-blank texts there were in the dates asked for
 * @param cap the most texts read, the latest first
 */
public record TextThemes(ThemeReport themes, long texts, int cap) {
  public TextThemes {
    Objects.requireNonNull(themes, "themes");
    if (texts < 0 || cap < 1) {
      throw new IllegalArgumentException("texts " + texts + " and cap " + cap + " are impossible");
    }
  }

  /** Whether there were more texts than the cap, so only the latest were grouped. */
  public boolean capped() {
    return texts > cap;
  }

  /** How many texts were grouped. */
  public long grouped() {
    return Math.min(texts, cap);
  }
}
