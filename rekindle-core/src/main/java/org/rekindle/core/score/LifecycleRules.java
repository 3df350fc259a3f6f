package org.rekindle.core.score;

import org.rekindle.core.RekindleException;

/**
 * Thresholds that turn the scores into a lifecycle label. A customer is
 *
 * <ul>
 *   <li><b>lost</b> when P(alive) &lt; {@code lostBelow};
 *   <li><b>dormant</b> when P(alive) &lt; {@code dormantBelow}, or when the silence so far is at
 *       least {@code dormantOverdue} times their usual gap;
 *   <li><b>lapsing</b> when P(alive) &lt; {@code lapsingBelow}, or the silence is at least {@code
 *       lapsingOverdue} times their usual gap;
 *   <li><b>active</b> otherwise.
 * </ul>
 *
 * The overdue rules catch what a model can miss: BG/NBD, for one, holds a customer who never came
 * back as surely alive, yet a year of silence against a typical gap of a month is news.
 */
public record LifecycleRules(
    double lapsingBelow,
    double dormantBelow,
    double lostBelow,
    double lapsingOverdue,
    double dormantOverdue) {

  public LifecycleRules {
    if (!(0 <= lostBelow && lostBelow <= dormantBelow && dormantBelow <= lapsingBelow)
        || lapsingBelow > 1) {
      throw new RekindleException(
          "lifecycle thresholds must satisfy 0 <= lost <= dormant <= lapsing <= 1, got lost="
              + lostBelow
              + " dormant="
              + dormantBelow
              + " lapsing="
              + lapsingBelow);
    }
    if (!(lapsingOverdue > 0 && lapsingOverdue <= dormantOverdue)) {
      throw new RekindleException(
          "overdue thresholds must satisfy 0 < lapsing <= dormant, got lapsing="
              + lapsingOverdue
              + " dormant="
              + dormantOverdue);
    }
  }

  /** P(alive) 0.7 / 0.4 / 0.15; overdue 2x their gap is lapsing, 4x is dormant. */
  public static LifecycleRules defaults() {
    return new LifecycleRules(0.7, 0.4, 0.15, 2.0, 4.0);
  }

  /**
   * Parses {@code lapsing=0.7,dormant=0.4,lost=0.15,lapsing-overdue=2,dormant-overdue=4}; keys not
   * given keep their defaults.
   */
  public static LifecycleRules parse(String spec) {
    LifecycleRules d = defaults();
    double lapsing = d.lapsingBelow;
    double dormant = d.dormantBelow;
    double lost = d.lostBelow;
    double lapsingOver = d.lapsingOverdue;
    double dormantOver = d.dormantOverdue;
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new RekindleException("lifecycle threshold '" + part + "' is not key=value");
      }
      double v;
      try {
        v = Double.parseDouble(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new RekindleException("lifecycle threshold '" + part + "' is not a number", e);
      }
      switch (kv[0].trim()) {
        case "lapsing" -> lapsing = v;
        case "dormant" -> dormant = v;
        case "lost" -> lost = v;
        case "lapsing-overdue" -> lapsingOver = v;
        case "dormant-overdue" -> dormantOver = v;
        default ->
            throw new RekindleException(
                "unknown lifecycle threshold '"
                    + kv[0]
                    + "': expected lapsing, dormant, lost, lapsing-overdue, dormant-overdue");
      }
    }
    return new LifecycleRules(lapsing, dormant, lost, lapsingOver, dormantOver);
  }

  /** The label for a probability of being alive and an overdue ratio (NaN when unknown). */
  public Lifecycle classify(double pAlive, double overdueRatio) {
    if (pAlive < lostBelow) {
      return Lifecycle.LOST;
    }
    if (pAlive < dormantBelow || overdueRatio >= dormantOverdue) {
      return Lifecycle.DORMANT;
    }
    if (pAlive < lapsingBelow || overdueRatio >= lapsingOverdue) {
      return Lifecycle.LAPSING;
    }
    return Lifecycle.ACTIVE;
  }
}
