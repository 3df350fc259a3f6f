package org.rekindle.store.imports;

/**
 * A quarantined row of an import.
 *
 * @param file the file it came from
 * @param line its physical line (the header is line 1)
 * @param reason why it was refused
 * @param raw the row as it was
 */
public record RejectedRow(String file, long line, String reason, String raw) {}
