package org.rekindle.core.input;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What every reader's builder sets: the rejects limit, the rejects file and who hears of progress.
 * Validated as they are set.
 *
 * @param <B> the builder itself, so the setters chain
 */
public abstract class ReaderSettings<B extends ReaderSettings<B>> {
  double maxRejects = 0.01;
  Optional<Path> rejectsFile = Optional.empty();
  ProgressListener progress = ProgressListener.NONE;

  ReaderSettings() {}

  /** The settings as they stand, for a reader to keep. */
  record Limits(double maxRejects, Optional<Path> rejectsFile, ProgressListener progress) {}

  Limits limits() {
    return new Limits(maxRejects, rejectsFile, progress);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The largest share of rows that may be rejected, from 0 to 1. Default 0.01 (1%). */
  public B maxRejects(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "the maximum share of rejected rows must be between 0 and 1: " + share);
    }
    this.maxRejects = share;
    return self();
  }

  /** Where to write rejected rows as CSV ({@code line,reason,raw}). Default: not written. */
  public B rejectsFile(Path file) {
    this.rejectsFile = Optional.of(file);
    return self();
  }

  /** Told of progress about every megabyte. Default: nobody. */
  public B progress(ProgressListener listener) {
    this.progress = Objects.requireNonNull(listener, "listener");
    return self();
  }
}
