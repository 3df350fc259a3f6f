package org.rekindle.bench;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Told each stage as a timed computation starts it (its progress callback), keeps the time from
 * each stage to the next, one line per stage.
 */
final class StageTimes implements Consumer<String> {
  private final StringBuilder out = new StringBuilder();
  private long last = System.nanoTime();
  private String current;

  /** {@code first} names what runs before the computation reports its first stage. */
  StageTimes(String first) {
    this.current = first;
  }

  @Override
  public void accept(String stage) {
    long now = System.nanoTime();
    out.append(String.format(Locale.ROOT, "  %6.2f s  %s%n", (now - last) / 1e9, current));
    last = now;
    current = stage;
  }

  /** The stages reported so far, with their times. */
  String report() {
    return out.toString();
  }
}
