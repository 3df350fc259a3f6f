package org.rekindle.web.results;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.query.Trends;
import org.rekindle.store.results.Results;

/**
 * The results ({@link Results#compute}, what {@code rekindle results} shows) as of the latest
 * completed run, per period, kept until the next run: they take seconds on a million customers
 * (docs/benchmarks.md), far too long to compute on every request, and what they read — orders,
 * contacts and comebacks up to the run's day — changes little between runs. Shared by the overview
 * (recovered revenue this month and year) and the results page. One computation at a time: a second
 * request for the same period waits for the first and takes its answer.
 */
public final class ResultsCache {
  /** The periods the pages offer, each counted up to the as-of date. */
  public enum Span {
    MONTH("month", "This month"),
    QUARTER("90d", "Last 90 days"),
    YEAR("year", "This year"),
    ALL("all", "All time");

    private final String key;
    private final String label;

    Span(String key, String label) {
      this.key = key;
      this.label = label;
    }

    /** As in the address: {@code ?period=month}. */
    public String key() {
      return key;
    }

    /** As the selector shows it. */
    public String label() {
      return label;
    }

    /** The first day counted, for the as-of date; empty for all time. */
    public Optional<LocalDate> since(LocalDate asOf) {
      return switch (this) {
        case MONTH -> Optional.of(asOf.withDayOfMonth(1));
        case QUARTER -> Optional.of(asOf.minusDays(89));
        case YEAR -> Optional.of(asOf.withDayOfYear(1));
        case ALL -> Optional.empty();
      };
    }

    /**
     * From its key.
     *
     * @throws IllegalArgumentException naming the keys there are
     */
    public static Span parse(String key) {
      String k = key.strip().toLowerCase(Locale.ROOT);
      for (Span s : values()) {
        if (s.key.equals(k)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "the period must be month, 90d, year or all, not '" + key + "'");
    }
  }

  /**
   * Results as shown.
   *
   * @param run the run they are as of; empty when there is none yet (then as of today)
   */
  public record Shown(Optional<Trends.Run> run, Span span, Results.Report report) {}

  private static final int KEPT = 16;

  private final Jdbi jdbi;
  private final Playbooks books;
  private final Trends trends;
  private final Clock clock;
  private final Map<String, Shown> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
          return size() > KEPT;
        }
      };

  public ResultsCache(Jdbi jdbi, Playbooks books) {
    this(jdbi, books, Clock.systemUTC());
  }

  ResultsCache(Jdbi jdbi, Playbooks books, Clock clock) {
    this.jdbi = jdbi;
    this.books = books;
    this.trends = new Trends(jdbi);
    this.clock = clock;
  }

  /** The playbooks the results are named by. */
  public Playbooks books() {
    return books;
  }

  /** The results of a period as of the latest completed run (today, before the first run). */
  public Shown get(Span span) {
    Optional<Trends.Run> run = trends.latestRun();
    // before the first run, today in the business's zone, like `rekindle results`
    LocalDate asOf =
        run.map(Trends.Run::asOf).orElseGet(() -> LocalDate.now(clock.withZone(zone())));
    String key = run.map(r -> "run " + r.id()).orElse("day " + asOf) + " " + span.key();
    synchronized (kept) {
      Shown shown = kept.get(key);
      if (shown == null) {
        Results.Report report =
            Results.compute(
                jdbi,
                books,
                new Results.Options(
                    asOf,
                    span.since(asOf),
                    Results.DEFAULT_WINDOW_DAYS,
                    false,
                    Results.DEFAULT_RESAMPLES),
                stage -> {});
        shown = new Shown(run, span, report);
        kept.put(key, shown);
      }
      return shown;
    }
  }

  private ZoneId zone() {
    return books.policy().defaultZone();
  }
}
