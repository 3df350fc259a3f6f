package org.rekindle.outreach.letter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The mail-merge CSV beside a batch's PDF: one row per letter with its id, the recipient's address
 * in fields, the template, where it is in the PDF and its text as printed. RFC 4180: comma
 * separated, CRLF after every row, a field quoted (quotes doubled) when it holds a comma, a quote
 * or a line break. UTF-8 with a byte-order mark, which spreadsheet programs need to read it as
 * UTF-8.
 *
 * <p>A cell that begins with {@code =}, {@code +}, {@code -} or {@code @} (or a tab or carriage
 * return, which some programs skip first) gets a leading apostrophe, so that a spreadsheet shows
 * the text instead of running it as a formula (OWASP, "CSV Injection"): a customer named {@code
 * =HYPERLINK("x")} stays a name.
 */
final class MailMergeCsv {
  static final List<String> HEADER =
      List.of(
          "id",
          "name",
          "line1",
          "line2",
          "city",
          "region",
          "postal_code",
          "country",
          "template",
          "first_page",
          "pages",
          "body");

  private MailMergeCsv() {}

  static void write(List<LetterPdf.Prepared> letters, int[] firstPages, Writer out)
      throws IOException {
    out.write('\uFEFF');
    row(out, HEADER);
    for (int i = 0; i < letters.size(); i++) {
      LetterPdf.Prepared p = letters.get(i);
      Recipient r = p.letter().recipient();
      row(
          out,
          List.of(
              p.letter().id(),
              r.name(),
              r.line1(),
              r.line2().orElse(""),
              r.city(),
              r.region().orElse(""),
              r.postalCode().orElse(""),
              r.country().orElse(""),
              p.letter().template(),
              Integer.toString(firstPages[i]),
              Integer.toString(p.pages()),
              p.body()));
    }
  }

  private static void row(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells.get(i)));
    }
    out.write("\r\n");
  }

  /** One cell, neutralised and quoted as needed. */
  static String cell(String text) {
    String t = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    if (t.indexOf(',') < 0 && t.indexOf('"') < 0 && t.indexOf('\n') < 0 && t.indexOf('\r') < 0) {
      return t;
    }
    return '"' + t.replace("\"", "\"\"") + '"';
  }
}
