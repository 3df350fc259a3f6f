package org.rekindle.core.score;

import java.util.Locale;

/**
 * Spans of days said the way people say them, in the unit that suits their size: days under two
 * weeks, weeks under 13 weeks, months under two years, years after that. Only ASCII, so a terminal
 * in any locale and any message shows it as written.
 */
public final class Durations {
  private static final double DAYS_PER_MONTH = 365.25 / 12;
  private static final double DAYS_PER_YEAR = 365.25;

  private Durations() {}

  /** A number of days in a natural unit: "5 days", "3 weeks", "9 months", "2.5 years". */
  public static String duration(double days) {
    Quantity q = quantity(days);
    return q.count() + " " + q.unit() + (q.count().equals("1") ? "" : "s");
  }

  /** "every day", "every 3 weeks", "every 9 months". */
  public static String every(double days) {
    Quantity q = quantity(days);
    return q.count().equals("1") ? "every " + q.unit() : "every " + duration(days);
  }

  /** "today", "1 day ago", "7 months ago". */
  public static String ago(double days) {
    return Math.round(days) == 0 ? "today" : duration(days) + " ago";
  }

  private record Quantity(String count, String unit) {}

  private static Quantity quantity(double days) {
    long d = Math.round(Math.max(days, 0));
    if (d < 14) {
      return new Quantity(Long.toString(d), "day");
    }
    if (d < 91) {
      return new Quantity(Long.toString(Math.round(days / 7)), "week");
    }
    if (d < 730) {
      return new Quantity(Long.toString(Math.round(days / DAYS_PER_MONTH)), "month");
    }
    double years = Math.round(days / DAYS_PER_YEAR * 10) / 10.0;
    String count =
        years == Math.rint(years)
            ? Long.toString((long) years)
            : String.format(Locale.ROOT, "%.1f", years);
    return new Quantity(count, "year");
  }
}
