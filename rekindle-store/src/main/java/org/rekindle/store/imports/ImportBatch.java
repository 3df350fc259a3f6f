package org.rekindle.store.imports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An import as recorded: the file, when, how it ended and its counts.
 *
 * @param kind customers, orders or feedback
 * @param fileName the file's path as the import saw it
 * @param status running, completed, refused (too many bad rows: nothing imported) or failed
 * @param message why it was refused or failed
 */
public record ImportBatch(
    long id,
    String kind,
    String fileName,
    Instant startedAt,
    Optional<Instant> finishedAt,
    String status,
    long rowsRead,
    long inserted,
    long updated,
    long unchanged,
    long rejected,
    long customersCreated,
    Optional<String> message) {

  public ImportBatch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }
}
