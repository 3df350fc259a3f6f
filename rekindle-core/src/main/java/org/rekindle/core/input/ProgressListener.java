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
}
