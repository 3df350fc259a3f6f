package org.rekindle.web.overview;

import io.javalin.config.EventConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rekindle.store.Store;
import org.rekindle.store.query.BusinessReport;
import org.rekindle.store.query.Trends;
import org.rekindle.store.results.LedgerLine;
import org.rekindle.store.results.Results;
import org.rekindle.web.Navigation;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.results.ResultsCache;

/**
 * {@code /}: the business at a glance, for managers. Everything on it comes from what the daily
 * runs stored, read once per run and kept until the next ({@link Figures}): the lifecycle states
 * and the model are {@link BusinessReport}'s ({@code rekindle report}), the recovered revenue is
 * the results' ledger ({@code rekindle results --since}), the trends are {@link Trends}'.
 */
public final class OverviewPage {
  static final String PATH = "/";

  /** Weeks the trends go back. */
  public static final int WEEKS = 12;

  /** What one run's overview shows, apart from the results. */
  public record Figures(
      Trends.Run run,
      BusinessReport.Report report,
      List<Trends.WeekOfComebacks> comebacks,
      List<Trends.RunRisk> risk,
      Optional<Tracking> tracking,
      String noTracking) {}

  private final Trends trends;
  private final Store store;
  private final ResultsCache results;
  private final Pages pages;
  private final Object lock = new Object();
  private Optional<Figures> figures = Optional.empty();
  // a completed run's scores never change: its sums are kept for good (a few dozen at most)
  private final Map<Long, Trends.RunRisk> risks =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Trends.RunRisk> eldest) {
          return size() > 4 * WEEKS;
        }
      };

  public OverviewPage(Store store, ResultsCache results, Pages pages) {
    this.store = store;
    this.trends = new Trends(store.jdbi());
    this.results = results;
    this.pages = pages;
  }

  /** Adds the route and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, this::show, Access.MANAGER);
    menu.add("Overview", PATH, Access.MANAGER);
  }

  /**
   * Reads each new run's figures in the background while the server runs ({@link Warmer}), so the
   * first request after a run does not wait for them.
   */
  public void warmUp(EventConfig events) {
    Warmer warmer = new Warmer(this, results, trends);
    events.serverStarted(warmer::start);
    events.serverStopping(warmer::stop);
  }

  private void show(Context ctx) {
    Optional<Trends.Run> run = trends.latestRun();
    Map<String, Object> params = new HashMap<>();
    if (run.isEmpty()) {
      params.put("figures", Optional.empty());
      params.put("states", "");
      params.put("trend", "");
      params.put("tracking", "");
      params.put("month", Optional.empty());
      params.put("year", Optional.empty());
      pages.dashboard(ctx, 200, "overview/overview.jte", params);
      return;
    }
    Figures f = figures(run.get());
    params.put("figures", Optional.of(f));
    params.put("states", statesChart(f.report()));
    params.put("trend", trendChart(f));
    params.put("tracking", f.tracking().map(OverviewPage::trackingChart).orElse(""));
    params.put("month", Optional.of(recovered(results.get(ResultsCache.Span.MONTH).report())));
    params.put("year", Optional.of(recovered(results.get(ResultsCache.Span.YEAR).report())));
    pages.dashboard(ctx, 200, "overview/overview.jte", params);
  }

  /** The run's figures: read once per run, the first request after a run waits for them. */
  Figures figures(Trends.Run run) {
    synchronized (lock) {
      if (figures.isPresent() && figures.get().run().id() == run.id()) {
        return figures.get();
      }
      BusinessReport.Report report =
          BusinessReport.latest(store.jdbi(), 0)
              .orElseThrow(() -> new IllegalStateException("the run " + run.id() + " is gone"));
      List<Trends.RunRisk> risk = new ArrayList<>();
      for (Trends.Run r : trends.weeklyRuns(run.asOf(), WEEKS)) {
        Trends.RunRisk known = risks.get(r.id());
        if (known == null) {
          known = trends.risk(r);
          risks.put(r.id(), known);
        }
        risk.add(known);
      }
      Tracking.Result t = Tracking.of(trends, run, report.fit());
      Figures f =
          new Figures(
              run, report, trends.comebacksPerWeek(run.asOf(), WEEKS), risk, t.chart(), t.why());
      figures = Optional.of(f);
      return f;
    }
  }

  /**
   * Recovered revenue of a period: the revenue of every comeback in it (until the customer's next
   * comeback or the as-of date), whatever it is credited to, and the offers' cost.
   */
  public record Recovered(long comebacks, BigDecimal revenue, BigDecimal offerCost) {}

  static Recovered recovered(Results.Report r) {
    long comebacks = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    for (LedgerLine l : r.ledger()) {
      comebacks += l.comebacks();
      revenue = revenue.add(l.revenue());
      cost = cost.add(l.offerCost());
    }
    return new Recovered(comebacks, revenue, cost);
  }

  private static String statesChart(BusinessReport.Report report) {
    List<String> states = new ArrayList<>();
    List<Long> customers = new ArrayList<>();
    List<Double> value = new ArrayList<>();
    for (BusinessReport.StateLine s : report.states()) {
      states.add(s.state());
      customers.add(s.customers());
      value.add(s.valueAtRisk().orElse(0.0));
    }
    return new ChartData()
        .words("labels", states)
        .numbers("customers", customers)
        .numbers("valueAtRisk", value)
        .json();
  }

  private static String trendChart(Figures f) {
    List<String> weeks = new ArrayList<>();
    List<Long> comebacks = new ArrayList<>();
    for (Trends.WeekOfComebacks w : f.comebacks()) {
      weeks.add(w.monday().toString());
      comebacks.add(w.comebacks());
    }
    List<String> runs = new ArrayList<>();
    List<Double> value = new ArrayList<>();
    List<Long> atRisk = new ArrayList<>();
    for (Trends.RunRisk r : f.risk()) {
      runs.add(r.asOf().toString());
      value.add(r.valueAtRisk().orElse(Double.NaN));
      atRisk.add(r.atRisk());
    }
    return new ChartData()
        .words("weeks", weeks)
        .numbers("comebacks", comebacks)
        .words("runs", runs)
        .numbers("valueAtRisk", value)
        .numbers("atRisk", atRisk)
        .json();
  }

  private static String trackingChart(Tracking t) {
    return new ChartData()
        .words("weeks", t.weeks().stream().map(Object::toString).toList())
        .numbers("actual", t.actual())
        .numbers("expected", t.expected())
        .json();
  }
}
