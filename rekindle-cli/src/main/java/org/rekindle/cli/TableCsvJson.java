package org.rekindle.cli;

import java.util.Locale;

/**
 * {@code --format table|csv|json}, the option of the commands that print rows (each command keeps
 * its own description of what its csv holds); see {@link TextOrJson} for one document.
 */
final class TableCsvJson {
  private TableCsvJson() {}

  /** "table", "csv" or "json", whatever the case and spaces given; anything else is refused. */
  static String of(String format) {
    String fmt = format.strip().toLowerCase(Locale.ROOT);
    return switch (fmt) {
      case "table", "csv", "json" -> fmt;
      default ->
          throw new UsageException("--format must be table, csv or json, not '" + format + "'");
    };
  }
}
