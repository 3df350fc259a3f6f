package org.rekindle.web.results;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.rekindle.core.results.Difference;
import org.rekindle.core.results.Lift;
import org.rekindle.web.Navigation;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.overview.Numbers;

/**
 * {@code /results}: what came back, for managers — the lift over the holdout per playbook and per
 * offer, the recovered revenue with the offers' cost, what was lost, the check-in coverage — over a
 * period chosen with {@code ?period=month|90d|year|all} (this year by default). The figures are
 * {@code rekindle results}' as of the latest run, kept until the next ({@link ResultsCache}).
 */
public final class ResultsPage {
  static final String PATH = "/results";

  private final ResultsCache results;
  private final Pages pages;

  public ResultsPage(ResultsCache results, Pages pages) {
    this.results = results;
    this.pages = pages;
  }

  /** Adds the route and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, this::show, Access.MANAGER);
    menu.add("Results", PATH, Access.MANAGER);
  }

  private void show(Context ctx) {
    ResultsCache.Span span;
    try {
      span =
          ResultsCache.Span.parse(
              Optional.ofNullable(ctx.queryParam("period")).orElse(ResultsCache.Span.YEAR.key()));
    } catch (IllegalArgumentException e) {
      pages.message(ctx, 400, "No such period", e.getMessage() + ".");
      return;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("shown", results.get(span));
    params.put("spans", ResultsCache.Span.values());
    pages.dashboard(ctx, 200, "results/results.jte", params);
  }

  /** "+4.8 points (95% CI +1.2 to +8.4): more came back than would have anyway". */
  public static String liftWords(Lift lift) {
    Optional<Difference> d = lift.difference();
    if (d.isEmpty()) {
      return lift.notEnoughData().orElse("not enough data yet");
    }
    Difference x = d.get();
    String verdict =
        switch (lift.verdict()) {
          case MORE_CAME_BACK -> "more came back than would have anyway";
          case FEWER_CAME_BACK -> "fewer came back than without it";
          case NO_CLEAR_DIFFERENCE -> "no clear difference";
          case NOT_ENOUGH_DATA -> "not enough data yet";
        };
    return Numbers.points(x.estimate())
        + " points (95% CI "
        + Numbers.points(x.interval().lower())
        + " to "
        + Numbers.points(x.interval().upper())
        + "): "
        + verdict;
  }

  /** A share, or "-" when the group is empty. */
  public static String rate(OptionalDouble share) {
    return share.isPresent() ? Numbers.percent(share.getAsDouble()) : "-";
  }

  /** "+12.50 (95% CI +3.10 to +20.00)", or "-" without enough data. */
  public static String difference(Optional<Difference> d) {
    return d.map(
            x ->
                Numbers.signedMoney(x.estimate())
                    + " (95% CI "
                    + Numbers.signedMoney(x.interval().lower())
                    + " to "
                    + Numbers.signedMoney(x.interval().upper())
                    + ")")
        .orElse("-");
  }
}
