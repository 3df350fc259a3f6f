package org.rekindle.cli;

/** Cells of CSV the commands print, safe to open in a spreadsheet. */
final class Cells {
  private Cells() {}

  /**
   * RFC 4180 quoting, and a leading {@code = + - @} neutralised with an apostrophe so that a
   * spreadsheet shows the text instead of running it as a formula.
   */
  static String csv(String text) {
    String t = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    return "\"" + t.replace("\"", "\"\"") + "\"";
  }
}
