package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --format table|csv|json} and its shorthand {@code --json}: the output options of the
 * access commands' lists (users, API keys, the audit log).
 */
final class ListFormat {
  @Option(
      names = "--format",
      paramLabel = "table|csv|json",
      defaultValue = "table",
      description = "Output format. Default: table.")
  String format = "table";

  @Option(names = "--json", description = "The same as --format json.")
  boolean json;

  /** "table", "csv" or "json"; a --format other than json together with --json is refused. */
  String of() {
    String fmt = TableCsvJson.of(format);
    if (json && !fmt.equals("json") && !fmt.equals("table")) {
      throw new UsageException("--json and --format " + format + " ask for different formats");
    }
    return json ? "json" : fmt;
  }

  /** One line of a table, without the blanks a last empty column would leave at its end. */
  static void row(PrintWriter out, String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args).stripTrailing());
  }
}
