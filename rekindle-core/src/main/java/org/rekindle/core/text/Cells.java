package org.rekindle.core.text;

/**
 * Text made safe for where it goes: cells of CSV a spreadsheet will open (the commands' exports and
 * the dashboard's downloads), text from outside printed on a terminal, text cut to a width.
 */
public final class Cells {
  private Cells() {}

  /**
   * RFC 4180 quoting, and a leading {@code = + - @}, tab or carriage return neutralised with an
   * apostrophe so that a spreadsheet shows the text instead of running it as a formula (OWASP's
   * list for CSV injection: a tab or CR can stand before the formula's sign).
   */
  public static String csv(String text) {
    String t = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    return "\"" + t.replace("\"", "\"\"") + "\"";
  }

  /**
   * Text someone outside wrote (a review, a survey answer), safe to print on a terminal: control
   * characters, escape sequences among them, become spaces.
   */
  public static String terminal(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    return b.toString();
  }

  /**
   * At most {@code width} characters, the last an ellipsis when the text was cut; never half a
   * surrogate pair.
   */
  public static String shorten(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    int end = width - 1;
    // never half a surrogate pair
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
