package org.rekindle.store.run;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.jdbi.v3.core.Handle;
import org.rekindle.core.score.CustomerScore;
import org.rekindle.core.score.Lifecycle;
import org.rekindle.core.score.LifecycleRules;

/**
 * A run's scores on their way into the database: one row per customer in the run's {@code
 * scores_stage}, with the customer's internal id, whether they are new, and the reason for their
 * model state in words.
 */
final class ScoreRows {
  private ScoreRows() {}

  /**
   * Loads the scores into {@code scores_stage} with their customers' ids: binary COPY, the numbers
   * as their bytes. A score whose customer is not stored is left out.
   */
  static void copy(Handle h, List<CustomerScore> scores, LifecycleRules lifecycle, int newDays) {
    Map<String, Long> ids = new HashMap<>(2 * scores.size());
    try (BinaryCopyOut customers =
        new BinaryCopyOut(h, "SELECT external_id, id FROM customers", "the customers")) {
      while (customers.next(2)) {
        ids.put(customers.text(), customers.int8());
      }
    }
    // a state's rule is the same for every customer in it
    Map<Lifecycle, String> rules = new EnumMap<>(Lifecycle.class);
    for (Lifecycle l : Lifecycle.values()) {
      rules.put(l, rule(l, lifecycle));
    }
    try (BinaryCopyIn out = new BinaryCopyIn(h, "scores_stage")) {
      for (CustomerScore s : scores) {
        Long id = ids.get(s.customerId());
        if (id != null) {
          writeScore(out, id, s, numbers(s) + rules.get(s.lifecycle()), newDays);
        }
      }
      out.finish();
    }
  }

  private static void writeScore(
      BinaryCopyIn out, long customerId, CustomerScore s, String reason, int newDays) {
    boolean isNew = s.frequency() == 0 && s.daysSinceLastPurchase() <= newDays;
    out.row(16).int8(customerId).int4(s.frequency());
    out.float8(s.recency()).float8(s.age()).float8(s.monetary()).float8(s.pAlive());
    out.float8(s.expectedPurchases());
    for (OptionalDouble v : List.of(s.expectedSpend(), s.clv(), s.valueAtRisk())) {
      if (v.isPresent()) {
        out.float8(v.getAsDouble());
      } else {
        out.nullField();
      }
    }
    out.float8(s.daysSinceLastPurchase());
    for (OptionalDouble v : List.of(s.usualGapDays(), s.overdueRatio())) {
      if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
        out.float8(v.getAsDouble());
      } else {
        out.nullField();
      }
    }
    out.text(s.lifecycle().label()).bool(isNew).text(reason);
  }

  /** The numbers behind a model state, in words. */
  static String reason(CustomerScore s, LifecycleRules rules) {
    return numbers(s) + rule(s.lifecycle(), rules);
  }

  /** P(alive) and the silence: "P(alive) 0.23, silent 123 days (4.5x their usual gap)". */
  private static String numbers(CustomerScore s) {
    StringBuilder b = new StringBuilder(64).append("P(alive) ");
    fixed(b, s.pAlive(), 2).append(", silent ");
    fixed(b, s.daysSinceLastPurchase(), 0).append(" days");
    if (s.overdueRatio().isPresent()) {
      fixed(b.append(" ("), s.overdueRatio().getAsDouble(), 1).append("x their usual gap)");
    }
    return b.toString();
  }

  private static final double[] SCALE = {1, 10, 100};

  /**
   * Appends {@code String.format(Locale.ROOT, "%.<decimals>f", x)}, for 0 to 2 decimals, without
   * the Formatter, which took two seconds for a million reasons, where the answer cannot depend on
   * how it rounds: x not negative, x * 10^decimals below 10^8 and more than 10^-6 from a tie. The
   * Formatter rounds half up the decimal digits of x, which are within an ulp of x (a few 10^-8
   * after scaling, at most); away from a tie that is rounding x to the nearest. Ties, large,
   * negative (-0.0 too) and non-finite numbers go to the Formatter.
   */
  static StringBuilder fixed(StringBuilder b, double x, int decimals) {
    double scaled = x * SCALE[decimals];
    double floor = Math.floor(scaled);
    double fraction = scaled - floor;
    if (!(Double.compare(x, 0.0) >= 0 && scaled < 1e8 && Math.abs(fraction - 0.5) > 1e-6)) {
      return b.append(String.format(Locale.ROOT, "%." + decimals + "f", x));
    }
    long units = (long) floor + (fraction > 0.5 ? 1 : 0);
    if (decimals == 0) {
      return b.append(units);
    }
    long scale = (long) SCALE[decimals];
    long part = units % scale;
    b.append(units / scale).append('.');
    for (long digit = scale / 10; digit > part && digit > 1; digit /= 10) {
      b.append('0');
    }
    return b.append(part);
  }

  /** The rule behind a state, the same for every customer in it. */
  private static String rule(Lifecycle l, LifecycleRules rules) {
    return switch (l) {
      case LOST -> String.format(Locale.ROOT, " (below %.2f)", rules.lostBelow());
      case DORMANT ->
          String.format(
              Locale.ROOT,
              " (dormant below %.2f or from %.0fx overdue)",
              rules.dormantBelow(),
              rules.dormantOverdue());
      case LAPSING ->
          String.format(
              Locale.ROOT,
              " (lapsing below %.2f or from %.0fx overdue)",
              rules.lapsingBelow(),
              rules.lapsingOverdue());
      case ACTIVE -> "";
    };
  }
}
