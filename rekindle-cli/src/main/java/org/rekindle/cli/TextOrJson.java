package org.rekindle.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --format text|json}: the option of the commands that print one document. */
final class TextOrJson {
  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output format. Default: text.")
  String format = "text";

  /** True for json, false for text; anything else is refused. */
  boolean json() {
    return switch (format.strip().toLowerCase(Locale.ROOT)) {
      case "json" -> true;
      case "text" -> false;
      default -> throw new UsageException("--format must be text or json, not '" + format + "'");
    };
  }
}
