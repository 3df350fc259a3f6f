package org.rekindle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.InputException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every {@code rekindle import} of a file takes: the file and how strictly to read it. */
final class ImportFileOptions {
  @Parameters(paramLabel = "FILE", description = "The file (CSV, .gz too).")
  @Nullable Path file;

  @Option(
      names = "--columns",
      paramLabel = "field=column,...",
      description = "Column names, when they are not found by their usual names.")
  @Nullable String columns;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description = "Date pattern (java.time, e.g. dd/MM/yyyy) when dates are not ISO.")
  @Nullable String dateFormat;

  @Option(
      names = "--max-rejects",
      paramLabel = "FRACTION",
      defaultValue = "0.01",
      description =
          "Refuse the whole file when more than this share of its rows is bad. Default: 0.01.")
  double maxRejects = 0.01;

  @Option(names = "--progress", description = "Progress on stderr even when it is not a terminal.")
  boolean progress;

  /** The file, checked to exist; the rejects share, checked. */
  Path source() {
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new UsageException("--max-rejects must be a fraction between 0 and 1: " + maxRejects);
    }
    return requireFile(file);
  }

  /**
   * An input file of any command, which must exist: a missing one is bad input (exit 3), like a
   * broken one.
   */
  static Path requireFile(@Nullable Path file) {
    if (file == null) {
      throw new UsageException("a FILE is needed");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException("no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new InputException("cannot read " + file);
    }
    return file;
  }
}
