package org.rekindle.store.survey;

import java.util.Locale;

/** Would the customer come back: the values of {@code survey_answers.come_back}. */
public enum ComeBack {
  YES,
  MAYBE,
  NO;

  /** As stored and typed: {@code maybe}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code yes}, {@code maybe} or {@code no}, in any case.
   *
   * @throws IllegalArgumentException naming the three when the text is none of them
   */
  public static ComeBack parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (ComeBack c : values()) {
      if (c.name().equals(t)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "would they come back must be yes, maybe or no, not '" + text + "'");
  }
}
