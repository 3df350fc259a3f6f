package org.rekindle.store.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Milliseconds per named step, in the order the steps ran, for the run row's {@code timings}: a run
 * that got slow says where. Each step lasts until the next starts or {@link #stop()}. Not
 * thread-safe.
 */
final class StepTimes {
  private final Map<String, Long> millis = new LinkedHashMap<>();
  private Optional<String> current = Optional.empty();
  private long started;

  /** Ends the current step, if any, and starts {@code name}. */
  void start(String name) {
    stop();
    current = Optional.of(name);
    started = System.nanoTime();
  }

  /** Ends the current step, if any. */
  void stop() {
    long now = System.nanoTime();
    current.ifPresent(name -> millis.merge(name, (now - started) / 1_000_000, Long::sum));
    current = Optional.empty();
  }

  /** The steps so far as a JSON object of milliseconds, each name prefixed with {@code prefix}. */
  String json(String prefix) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Long> e : millis.entrySet()) {
      b.append(b.length() > 1 ? ", " : "")
          .append('"')
          .append(prefix)
          .append(e.getKey())
          .append("\": ")
          .append(e.getValue());
    }
    return b.append('}').toString();
  }
}
