package org.rekindle.web.api;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/** Rows written as CSV for the importers, which read exactly what {@code rekindle import} reads. */
final class Csv {
  private Csv() {}

  static void row(Writer out, List<Optional<String>> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      if (cells.get(i).isPresent()) {
        cell(out, cells.get(i).get());
      }
    }
    out.write('\n');
  }

  /** A cell, quoted when it holds a delimiter, a quote or a line break (RFC 4180). */
  static void cell(Writer out, String value) throws IOException {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';' || c == '\t';
    }
    if (!quote) {
      out.write(value);
      return;
    }
    out.write('"');
    out.write(value.replace("\"", "\"\""));
    out.write('"');
  }
}
