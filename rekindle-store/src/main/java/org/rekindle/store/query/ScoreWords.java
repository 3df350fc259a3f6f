package org.rekindle.store.query;

import static org.rekindle.core.score.Durations.ago;
import static org.rekindle.core.score.Durations.duration;
import static org.rekindle.core.score.Durations.every;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A customer's scores said in words a business owner reads at a glance: their rhythm and how late
 * they are against it, how likely they are still a customer, and what is at stake.
 *
 * <p>Durations are said as {@link org.rekindle.core.score.Durations} says them. {@code rekindle
 * customer} prints these words and the dashboard's customer page shows them.
 */
public final class ScoreWords {
  /** Silence from this many usual gaps on is "a little late". */
  public static final double LATE = 1.0;

  /** Silence from this many usual gaps on is "overdue"; the forgotten list starts here too. */
  public static final double OVERDUE = ForgottenCustomers.OVERDUE_RATIO;

  /** Silence from this many usual gaps on is "long overdue" (the dormant rule's default). */
  public static final double LONG_OVERDUE = 4.0;

  private ScoreWords() {}

  /**
   * A customer's scores in words, one sentence a line: their rhythm, how likely they are still
   * buying and what they are expected to buy, and their value when the orders have amounts.
   *
   * @param currency the code said after each amount, when known
   * @param horizonDays the horizon of the expected purchases (the daily run's)
   */
  public static List<String> words(
      CustomerProfile.Scores s, Optional<String> currency, double horizonDays) {
    List<String> lines = new ArrayList<>();
    lines.add(rhythm(s.repeatPurchases(), s.daysSinceLast(), s.usualGapDays(), s.overdueRatio()));
    lines.add(alive(s.pAlive()) + "; " + expected(s.expectedPurchases(), horizonDays));
    value(s.clv(), s.valueAtRisk(), currency).ifPresent(lines::add);
    return lines;
  }

  /**
   * The customer's rhythm and where they are in it.
   *
   * @param repeatPurchases purchase days after the first
   * @param daysSilent days since the last purchase
   * @param usualGapDays their mean gap; for a one-time buyer the typical gap of repeat buyers
   * @param overdueRatio silence ÷ usual gap
   */
  public static String rhythm(
      int repeatPurchases,
      double daysSilent,
      Optional<Double> usualGapDays,
      Optional<Double> overdueRatio) {
    if (repeatPurchases == 0) {
      String first = "one order so far, " + ago(daysSilent);
      if (usualGapDays.isEmpty() || overdueRatio.isEmpty() || overdueRatio.get() < LATE) {
        return first + " - too early to know a rhythm";
      }
      return first
          + " - no second order; repeat customers order about "
          + every(usualGapDays.get());
    }
    String gap = usualGapDays.map(g -> "orders about " + every(g)).orElse("orders now and then");
    if (overdueRatio.isEmpty()) {
      return gap + "; last order " + ago(daysSilent);
    }
    double r = overdueRatio.get();
    if (r < LATE) {
      return gap + "; last order " + ago(daysSilent) + " - on rhythm";
    }
    String times = String.format(Locale.ROOT, "%.1fx their usual gap", r);
    if (r < OVERDUE) {
      return gap + "; last order " + ago(daysSilent) + " - " + times + ", a little late";
    }
    return gap
        + "; silent for "
        + duration(daysSilent)
        + " - "
        + times
        + (r < LONG_OVERDUE ? ", overdue" : ", long overdue");
  }

  /** "P(alive) 0.31: probably lost". */
  public static String alive(double pAlive) {
    String verdict;
    if (pAlive < 0.15) {
      verdict = "almost certainly lost";
    } else if (pAlive < 0.4) {
      verdict = "probably lost";
    } else if (pAlive < 0.7) {
      verdict = "may be slipping away";
    } else if (pAlive < 0.9) {
      verdict = "probably still a customer";
    } else {
      verdict = "almost certainly still a customer";
    }
    return String.format(Locale.ROOT, "P(alive) %.2f: %s", pAlive, verdict);
  }

  /** "expected to order about 2.3 times in the next 12 months". */
  public static String expected(double purchases, double horizonDays) {
    String next = "in the next " + duration(horizonDays);
    if (purchases < 0.05) {
      return "not expected to order " + next;
    }
    String times = String.format(Locale.ROOT, "%.1f", purchases);
    return "expected to order about " + times + (times.equals("1.0") ? " time " : " times ") + next;
  }

  /**
   * "worth about 1,240 USD from here on; another 830 USD at stake if nobody acts": the discounted
   * value of what they will likely buy, and what they would be worth on top if they were surely
   * still buying. Empty without amounts.
   *
   * @param currency the code said after each amount, when known
   */
  public static Optional<String> value(
      Optional<Double> clv, Optional<Double> valueAtRisk, Optional<String> currency) {
    if (clv.isEmpty()) {
      return Optional.empty();
    }
    String unit = currency.map(c -> " " + c).orElse("");
    String worth =
        clv.get() < 0.5
            ? "worth next to nothing from here on"
            : "worth about " + money(clv.get()) + unit + " from here on";
    if (valueAtRisk.isEmpty() || valueAtRisk.get() < 0.005) {
      return Optional.of(worth + "; nothing more at stake");
    }
    return Optional.of(
        worth + "; another " + money(valueAtRisk.get()) + unit + " at stake if nobody acts");
  }

  /** An amount in words: whole units from 10 on ("1,240"), cents below ("3.27"). */
  public static String money(double amount) {
    return Math.abs(amount) >= 9.995
        ? String.format(Locale.ROOT, "%,.0f", amount)
        : String.format(Locale.ROOT, "%.2f", amount);
  }
}
