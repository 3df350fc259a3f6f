package org.rekindle.outreach.letter;

import java.util.Objects;
import java.util.Optional;

/** The checks every line of a letter's data passes: text that fits on one printed line. */
final class Text {
  private Text() {}

  /** {@code value}, stripped; refused when empty or holding a line break or other control. */
  static String line(String what, String value) {
    Objects.requireNonNull(value, what);
    String v = value.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw new IllegalArgumentException(
            what
                + " must be one line of text, without line breaks or control characters: '"
                + abbreviate(v)
                + "'");
      }
    }
    return v;
  }

  /** An optional line: a blank one counts as absent, any other is checked as {@link #line}. */
  static Optional<String> optionalLine(String what, Optional<String> value) {
    Objects.requireNonNull(value, what);
    return value.filter(v -> !v.isBlank()).map(v -> line(what, v));
  }

  static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
