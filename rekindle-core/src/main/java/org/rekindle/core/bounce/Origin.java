package org.rekindle.core.bounce;

import java.util.Objects;

/**
 * Where in its file a report was found: a CSV line (1-based, the header is line 1) or a message
 * (1-based, in file order) of a mailbox.
 *
 * @param file the file, as named to the reader
 * @param unit what {@code number} counts
 * @param number the line or message number, from 1
 */
public record Origin(String file, Unit unit, long number) {
  /** What an origin's number counts. */
  public enum Unit {
    LINE,
    MESSAGE
  }

  public Origin {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(unit, "unit");
    if (number < 1) {
      throw new IllegalArgumentException("a line or message number starts at 1: " + number);
    }
  }

  /** A CSV line. */
  public static Origin line(String file, long line) {
    return new Origin(file, Unit.LINE, line);
  }

  /** A message of a mailbox, or the one message of an {@code .eml} file. */
  public static Origin message(String file, long message) {
    return new Origin(file, Unit.MESSAGE, message);
  }

  /** {@code bounces.csv line 4}, {@code returns.mbox message 2}. */
  @Override
  public String toString() {
    return file + (unit == Unit.LINE ? " line " : " message ") + number;
  }
}
