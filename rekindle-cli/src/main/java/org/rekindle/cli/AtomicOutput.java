package org.rekindle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file the command writes goes to a hidden temporary file beside its target and is moved into
 * place when complete, so a failed run never leaves a partial file.
 */
final class AtomicOutput {
  private AtomicOutput() {}

  static Path tempFor(Path target) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      Files.createDirectories(dir);
      // hidden, and ending in the target's own name so its extension (.gz) still means something
      return Files.createTempFile(dir, ".tmp-", "-" + abs.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write next to " + target + ": " + e.getMessage(), e);
    }
  }

  static void move(Path tmp, Path target) {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      discard(tmp);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  static void discard(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // best effort: the temporary file is hidden and named after the target
    }
  }
}
