package org.rekindle.core.bounce;

import java.util.List;
import java.util.Objects;

/**
 * What was read from a file (or a folder of messages): the reports, in file order, and what could
 * not be read.
 *
 * @param source the file or folder, as named to the reader
 * @param format how it was read, in words ("CSV", "delivery status notifications")
 * @param bounces the reports read
 * @param rejected the rows or messages that could not be read
 */
public record BounceFile(
    String source, String format, List<Bounce> bounces, List<Rejected> rejected) {
  public BounceFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    bounces = List.copyOf(bounces);
    rejected = List.copyOf(rejected);
  }

  /** Reports read and rejected together. */
  public int read() {
    return bounces.size() + rejected.size();
  }
}
