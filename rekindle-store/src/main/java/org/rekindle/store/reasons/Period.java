package org.rekindle.store.reasons;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The periods answers are counted in over time: calendar months, or weeks from Monday. */
public enum Period {
  MONTH("month"),
  WEEK("week");

  private final String word;

  Period(String word) {
    this.word = word;
  }

  /** "month" or "week", as {@code --by} takes it and the alerts say it. */
  public String word() {
    return word;
  }

  /**
   * From {@code month} or {@code week} (case and spaces forgiven).
   *
   * @throws IllegalArgumentException naming the two when the text is neither
   */
  public static Period parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Period p : values()) {
      if (p.word.equals(t)) {
        return p;
      }
    }
    throw new IllegalArgumentException("the period must be month or week, not '" + text + "'");
  }

  /** The first day of the period holding the day: the 1st of its month, or its Monday. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case MONTH -> day.withDayOfMonth(1);
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    };
  }

  /** The first day of the next period, for a period starting on {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case MONTH -> start.plusMonths(1);
      case WEEK -> start.plusWeeks(1);
    };
  }

  /** The first day of the previous period, for a period starting on {@code start}. */
  public LocalDate previous(LocalDate start) {
    return switch (this) {
      case MONTH -> start.minusMonths(1);
      case WEEK -> start.minusWeeks(1);
    };
  }

  /** The period starting on {@code start} in words: "November 2026", "week of 2 Nov 2026". */
  public String name(LocalDate start) {
    return switch (this) {
      case MONTH ->
          start.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + start.getYear();
      case WEEK ->
          "week of "
              + start.getDayOfMonth()
              + " "
              + start.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
              + " "
              + start.getYear();
    };
  }

  /** The period starting on {@code start} in short: "2026-11", or the Monday "2026-11-02". */
  public String key(LocalDate start) {
    return switch (this) {
      case MONTH -> YearMonth.from(start).toString();
      case WEEK -> start.toString();
    };
  }
}
