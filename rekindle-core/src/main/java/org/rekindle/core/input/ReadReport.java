package org.rekindle.core.input;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reader did with a file.
 *
 * @param source the file name
 * @param rows the data rows (the header and empty lines not counted)
 * @param accepted rows handed on
 * @param rejected rows set aside as rejects
 * @param rejectsFile where the rejects were written, if asked
 * @param settings the detected settings in words (delimiter, columns, date and number formats), to
 *     log once
 */
public record ReadReport(
    String source,
    long rows,
    long accepted,
    long rejected,
    Optional<Path> rejectsFile,
    String settings) {

  public ReadReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rejectsFile, "rejectsFile");
    Objects.requireNonNull(settings, "settings");
    if (rows < 0 || accepted < 0 || rejected < 0 || accepted + rejected != rows) {
      throw new IllegalArgumentException(
          "accepted (" + accepted + ") + rejected (" + rejected + ") must be rows (" + rows + ")");
    }
  }
}
