package org.rekindle.web.overview;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rekindle.store.query.Trends;
import org.rekindle.web.results.ResultsCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the overview's figures and this month's and this year's results as soon as a new run is
 * there, on a thread of its own, so that the first manager to open the overview after a run does
 * not wait for them (about 20 s on a million customers on a busy machine, docs/web.md). It looks
 * for a new run when the server starts and then every {@link #EVERY}; a failure is logged and tried
 * again at the next look.
 */
final class Warmer {
  private static final Logger LOG = LoggerFactory.getLogger(Warmer.class);

  /** How often it looks for a new run. */
  static final Duration EVERY = Duration.ofMinutes(1);

  private final OverviewPage overview;
  private final ResultsCache results;
  private final Trends trends;
  private Optional<Long> warmed = Optional.empty();
  private Optional<ScheduledExecutorService> thread = Optional.empty();

  Warmer(OverviewPage overview, ResultsCache results, Trends trends) {
    this.overview = overview;
    this.results = results;
    this.trends = trends;
  }

  synchronized void start() {
    if (thread.isPresent()) {
      return;
    }
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread th = new Thread(r, "overview-warmer");
              th.setDaemon(true);
              return th;
            });
    t.scheduleWithFixedDelay(this::look, 0, EVERY.toSeconds(), TimeUnit.SECONDS);
    thread = Optional.of(t);
  }

  /** Stops looking; a read under way is given a few seconds to finish. */
  synchronized void stop() {
    thread.ifPresent(
        t -> {
          t.shutdownNow();
          try {
            if (!t.awaitTermination(10, TimeUnit.SECONDS)) {
              LOG.warn("the overview's figures were still being read when the server stopped");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    thread = Optional.empty();
  }

  private void look() {
    try {
      Optional<Trends.Run> run = trends.latestRun();
      if (run.isEmpty() || run.map(Trends.Run::id).equals(warmed)) {
        return;
      }
      long started = System.nanoTime();
      overview.figures(run.get());
      results.get(ResultsCache.Span.MONTH);
      results.get(ResultsCache.Span.YEAR);
      warmed = run.map(Trends.Run::id);
      LOG.info(
          "the overview of the run of {} was read in {} ms",
          run.get().asOf(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      if (!Thread.currentThread().isInterrupted()) {
        LOG.warn("reading the overview's figures failed; trying again in {}", EVERY, e);
      }
    }
  }
}
