package org.rekindle.core.input;

/**
 * Told how far a reader has got, so a front end can draw a progress bar. Called on the reading
 * thread about every megabyte and once at the end; keep it cheap.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (bytesRead, totalBytes) -> {};

  /**
   * @param bytesRead bytes of the file read so far (compressed bytes for a gzip file)
   * @param totalBytes the file size, or -1 if unknown
   */
  void progress(long bytesRead, long totalBytes);

  /**
   * How many data rows have been read, and how many of them rejected, so far: called on the reading
   * thread every {@value #ROWS_STEP} rows and once when the last row is read. Does nothing unless
   * overridden (a terminal's bar shows bytes; a web page shows rows too).
   */
  default void rows(long read, long rejected) {}

  /** How many rows pass between two calls of {@link #rows}. */
  int ROWS_STEP = 10_000;
}
