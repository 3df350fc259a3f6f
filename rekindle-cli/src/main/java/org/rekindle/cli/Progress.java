package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.ProgressListener;

/**
 * Progress on stderr: a bar while reading (by bytes), then one line per stage. Silent when stderr
 * is not a terminal, unless asked with {@code --progress}.
 */
final class Progress {
  private final boolean enabled;
  private final PrintStream err = System.err;
  private @Nullable ProgressBar bar;

  private Progress(boolean enabled) {
    this.enabled = enabled;
  }

  static Progress create(boolean forced) {
    return new Progress(forced || System.console() != null);
  }

  ProgressListener reading(Path file) {
    if (!enabled) {
      return ProgressListener.NONE;
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName("reading " + file.getFileName())
            .setInitialMax(Math.max(1, size))
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" MB", 1 << 20)
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .build();
    ProgressBar b = bar;
    return (read, total) -> b.stepTo(Math.min(read, b.getMax()));
  }

  void stage(String name) {
    if (enabled) {
      err.println(name + "...");
    }
  }

  void done() {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.close();
      bar = null;
    }
  }
}
