package org.rekindle.web.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.reasons.ReasonCounts;
import org.rekindle.store.reasons.ReasonReport;
import org.rekindle.web.overview.ChartData;

/** What the feedback page's template shows, in words and as chart data. */
public final class FeedbackView {
  private FeedbackView() {}

  /** The reasons' counts per month, one series per reason given at least once, for the chart. */
  static String reasonChart(ReasonReport r) {
    ChartData d = new ChartData();
    List<String> months = new ArrayList<>();
    for (ReasonCounts c : r.overTime()) {
      months.add(c.group());
    }
    d.words("months", months);
    List<String> reasons = new ArrayList<>();
    for (LeavingReason reason : r.total().ranked()) {
      reasons.add(reason.words());
      List<Long> counts = new ArrayList<>();
      for (ReasonCounts c : r.overTime()) {
        counts.add(c.count(reason));
      }
      d.numbers("r" + (reasons.size() - 1), counts);
    }
    d.words("reasons", reasons);
    return d.json();
  }

  /** A text cut to {@code max} characters, with an ellipsis when cut. */
  public static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1).stripTrailing() + "…";
  }

  /** "due in 3 h", "2 h late", for an open case's due time. */
  public static String due(Instant due, Instant now) {
    long minutes = Duration.between(now, due).toMinutes();
    String span = span(Math.abs(minutes));
    return minutes >= 0 ? "due in " + span : span + " late";
  }

  private static String span(long minutes) {
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 48 * 60) {
      return (minutes / 60) + " h";
    }
    return (minutes / (24 * 60)) + " days";
  }
}
