package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.core.feedback.ShareAlert;
import org.rekindle.core.feedback.ShareAlerts;
import org.rekindle.core.feedback.Theme;
import org.rekindle.core.feedback.ThemeReport;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.reasons.ComeBackCounts;
import org.rekindle.store.reasons.Period;
import org.rekindle.store.reasons.ReasonAlerts;
import org.rekindle.store.reasons.ReasonCounts;
import org.rekindle.store.reasons.ReasonPatterns;
import org.rekindle.store.reasons.ReasonReport;
import org.rekindle.store.reasons.TextThemes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rekindle reasons}: why customers say they left, counted, over time, and in their words.
 */
@Command(
    name = "reasons",
    mixinStandardHelpOptions = true,
    description = {
      "Why ex-customers say they left, from their exit-survey answers (the survey page a win-back"
          + " email links to, and the answers a rep records from a call):",
      "",
      "  Why they left: how many gave each reason (price, service or staff, product quality,"
          + " delivery, moved or closed, found another supplier, no longer needed, just forgot,"
          + " other) and its share of the answers that gave one; answers without a reason are"
          + " counted apart.",
      "  Over time: each reason's share per month (or week, with --by week).",
      "  By segment / rep / state: the leading reasons for each segment, rep and lifecycle"
          + " state, as the customer's record stood when they answered.",
      "  Would they come back: yes, maybe and no for each reason.",
      "  What they said: their comments grouped into themes (words and phrases they share,"
          + " weighed by TF-IDF; no language model), each with its share and typical quotes."
          + " --include-feedback adds the text of negative feedback (rating 2 or less, or"
          + " flagged).",
      "  What would bring them back: the answers to that question, grouped the same way.",
      "  Alerts: for the latest complete month (or week) before --until, each reason whose"
          + " share rose significantly above its rate over the up to 6 periods before it"
          + " (Fisher's exact test, one-sided, p < 0.01; a period needs 30 answers giving a"
          + " reason to be tested). Alerts ignore --since: they look back from --until.",
      "",
      "Days are counted in the business's time zone (rekindle.yaml contact_policy.time_zone)."
          + " The themes are made from the latest"
          + " 50,000 texts of each question (--max-texts); the output says when there were more.",
      ""
    })
final class ReasonsCommand implements Callable<Integer> {
  /** Periods per block of the over-time table, so that it fits a terminal. */
  private static final int PERIODS_PER_BLOCK = 6;

  /** Segments, reps and states listed in the table; the CSV and JSON have all. */
  private static final int GROUPS_SHOWN = 15;

  /** The longest quote printed in the table; the CSV and JSON have them whole. */
  private static final int QUOTE_WIDTH = 100;

  private static final String NO_REASON = "no reason given";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "Count the answers given on or after this day. Default: every answer.")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "DATE",
      description =
          "Count the answers given on or before this day; the alerts test the latest month (or"
              + " week) complete by then. Default: today.")
  @Nullable String until;

  @Option(
      names = "--by",
      paramLabel = "month|week",
      defaultValue = "month",
      description =
          "The periods of 'Over time' and of the alerts: calendar months, or weeks from Monday."
              + " Default: month.")
  String by = "month";

  @Option(
      names = "--format",
      paramLabel = "table|csv|json",
      defaultValue = "table",
      description =
          "Output format. table: for reading; csv: one row per number (columns section, group,"
              + " item, count, total, percent, detail, quote_1 to quote_3), for a spreadsheet;"
              + " json: the whole report. Default: table.")
  String format = "table";

  @Option(
      names = "--include-feedback",
      description =
          "Group the text of negative feedback (rating 2 or less, or flagged, received in the"
              + " dates) with the survey comments under 'What they said': complaints are reasons"
              + " too. It does not change the counts of reasons.")
  boolean includeFeedback;

  @Option(
      names = "--max-texts",
      paramLabel = "N",
      defaultValue = "50000",
      description =
          "Group at most the latest N texts of each question into themes. Default: 50000.")
  int maxTexts = ReasonPatterns.DEFAULT_TEXT_CAP;

  @Option(names = "--progress", description = "Progress on stderr even when it is not a terminal.")
  boolean progress;

  @Override
  public Integer call() throws Exception {
    String fmt = TableCsvJson.of(format);
    Period period;
    try {
      period = Period.parse(by);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--by: " + e.getMessage());
    }
    if (maxTexts < 1) {
      throw new UsageException("--max-texts must be 1 or more, not " + maxTexts);
    }
    ZoneId zone = ServiceRecoveryConfig.of(store.homeDir()).zone();
    Optional<LocalDate> from = Optional.ofNullable(since).map(s -> DateOption.parse("--since", s));
    LocalDate to = until == null ? LocalDate.now(zone) : DateOption.parse("--until", until);
    if (from.isPresent() && from.get().isAfter(to)) {
      throw new UsageException(
          "--since " + from.get() + " is after --until " + to + ": no day is in between");
    }
    ReasonPatterns.Options options =
        new ReasonPatterns.Options(from, to, period, includeFeedback, zone, maxTexts);
    Progress steps = Progress.create(progress);
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      ReasonReport r = new ReasonPatterns(s.jdbi()).report(options, steps::stage);
      switch (fmt) {
        case "csv" -> {
          if (r.isEmpty()) {
            spec.commandLine().getErr().println("rekindle: " + nothing(r));
          }
          csv(out, r);
        }
        case "json" -> json(out, r);
        default -> table(out, r);
      }
    }
    return 0;
  }

  // ---- table ----------------------------------------------------------------------------------

  private static void table(PrintWriter out, ReasonReport r) {
    if (r.isEmpty()) {
      out.println(nothing(r));
      return;
    }
    Period by = r.options().by();
    ReasonCounts t = r.total();
    out.printf(
        Locale.ROOT,
        "%s from %s to %s.%n%n",
        count(r.answers(), "exit-survey answer"),
        r.from(),
        r.options().until());

    if (r.answers() > 0) {
      whyTheyLeft(out, t);
      overTime(out, r, by);
      groups(out, "By segment", r.bySegment());
      groups(out, "By rep", r.byRep());
      groups(out, "By lifecycle state (when they answered)", r.byState());
      comeBack(out, r);
    } else {
      out.println(
          "No exit-survey answer in these dates; the themes below are of negative feedback.");
      out.println();
    }
    themes(out, "What they said", "comment", r.said(), r.options().includeFeedback());
    themes(out, "What would bring them back", "answer", r.bringBack(), false);
    alerts(out, r.alerts(), by);
  }

  /** Why there is nothing to show, and how answers arrive. */
  static String nothing(ReasonReport r) {
    String how =
        " Answers arrive from the exit-survey page (the link in a win-back email: the customer"
            + " picks why they left, says whether they would come back, and writes what would"
            + " bring them back) and from calls, when a rep records a customer's answers with"
            + " the call's outcome.";
    if (r.allAnswers() == 0) {
      return "No exit-survey answers yet, so there is nothing to count." + how;
    }
    return String.format(
        Locale.ROOT,
        "No exit-survey answers %s (%s in all, outside these dates: try another --since or"
            + " --until).",
        r.options().since().isPresent()
            ? "from " + r.options().since().get() + " to " + r.options().until()
            : "up to " + r.options().until(),
        count(r.allAnswers(), "answer"));
  }

  private static void whyTheyLeft(PrintWriter out, ReasonCounts t) {
    out.printf(
        Locale.ROOT,
        "Why they left (shares of the %s that gave a reason)%n",
        count(t.withReason(), "answer"));
    out.printf(Locale.ROOT, "  %-24s %8s %7s%n", "reason", "answers", "share");
    for (LeavingReason reason : LeavingReason.values()) {
      out.printf(
          Locale.ROOT,
          "  %-24s %,8d %7s%n",
          reason.words(),
          t.count(reason),
          percent(t.share(reason)));
    }
    out.printf(Locale.ROOT, "  %-24s %,8d %7s%n%n", NO_REASON, t.noReason(), "-");
  }

  private static void overTime(PrintWriter out, ReasonReport r, Period by) {
    List<ReasonCounts> periods = r.overTime();
    out.printf(
        Locale.ROOT,
        "Over time (each reason's share of the answers giving one, per %s)%n",
        by.word());
    for (int from = 0; from < periods.size(); from += PERIODS_PER_BLOCK) {
      List<ReasonCounts> block =
          periods.subList(from, Math.min(periods.size(), from + PERIODS_PER_BLOCK));
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-24s", "reason"));
      for (ReasonCounts p : block) {
        head.append(String.format(Locale.ROOT, " %10s", p.group()));
      }
      out.println(head);
      for (LeavingReason reason : LeavingReason.values()) {
        StringBuilder line =
            new StringBuilder(String.format(Locale.ROOT, "  %-24s", reason.words()));
        for (ReasonCounts p : block) {
          line.append(
              String.format(
                  Locale.ROOT, " %10s", p.withReason() == 0 ? "-" : percent(p.share(reason))));
        }
        out.println(line);
      }
      StringBuilder given =
          new StringBuilder(String.format(Locale.ROOT, "  %-24s", "gave a reason"));
      StringBuilder none = new StringBuilder(String.format(Locale.ROOT, "  %-24s", NO_REASON));
      for (ReasonCounts p : block) {
        given.append(String.format(Locale.ROOT, " %,10d", p.withReason()));
        none.append(String.format(Locale.ROOT, " %,10d", p.noReason()));
      }
      out.println(given);
      out.println(none);
      out.println();
    }
    LocalDate until = r.options().until();
    if (!r.periods().isEmpty()) {
      LocalDate last = r.periods().get(r.periods().size() - 1);
      if (by.next(last).isAfter(until.plusDays(1))) {
        out.printf(Locale.ROOT, "  %s is not over: counted up to %s.%n%n", by.key(last), until);
      }
    }
  }

  private static void groups(PrintWriter out, String title, List<ReasonCounts> groups) {
    out.println(title);
    int shown = Math.min(GROUPS_SHOWN, groups.size());
    for (ReasonCounts g : groups.subList(0, shown)) {
      out.printf(
          Locale.ROOT,
          "  %-20s %s: %s%n",
          Cells.shorten(Cells.terminal(g.group()), 20),
          count(g.answers(), "answer"),
          leading(g));
    }
    if (groups.size() > shown) {
      out.printf(
          Locale.ROOT,
          "  and %d more (all of them with --format csv or json)%n",
          groups.size() - shown);
    }
    out.println();
  }

  /** The three leading reasons with their shares, in words. */
  private static String leading(ReasonCounts g) {
    List<LeavingReason> ranked = g.ranked();
    if (ranked.isEmpty()) {
      return NO_REASON;
    }
    List<String> parts = new ArrayList<>();
    for (LeavingReason reason : ranked.subList(0, Math.min(3, ranked.size()))) {
      parts.add(reason.words() + " " + percent(g.share(reason)));
    }
    if (ranked.size() > 3) {
      parts.add("…");
    }
    return String.join(", ", parts);
  }

  private static void comeBack(PrintWriter out, ReasonReport r) {
    out.println("Would they come back");
    out.printf(
        Locale.ROOT,
        "  %-24s %8s %7s %7s %7s %9s%n",
        "reason",
        "answers",
        "yes",
        "maybe",
        "no",
        "not said");
    long[] sum = new long[5];
    for (ComeBackCounts c : r.comeBack()) {
      if (c.answers() == 0) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-24s %,8d %7s %7s %7s %,9d%n",
          c.reason().map(LeavingReason::words).orElse(NO_REASON),
          c.answers(),
          ofAnswered(c.yes(), c),
          ofAnswered(c.maybe(), c),
          ofAnswered(c.no(), c),
          c.notAnswered());
      sum[0] += c.answers();
      sum[1] += c.yes();
      sum[2] += c.maybe();
      sum[3] += c.no();
      sum[4] += c.notAnswered();
    }
    ComeBackCounts all = new ComeBackCounts(Optional.empty(), sum[1], sum[2], sum[3], sum[4]);
    out.printf(
        Locale.ROOT,
        "  %-24s %,8d %7s %7s %7s %,9d%n",
        "all",
        sum[0],
        ofAnswered(sum[1], all),
        ofAnswered(sum[2], all),
        ofAnswered(sum[3], all),
        sum[4]);
    out.println("  (yes, maybe and no are shares of those who said)");
    out.println();
  }

  private static String ofAnswered(long n, ComeBackCounts c) {
    return c.answered() == 0 ? "-" : percent((double) n / c.answered());
  }

  private static void themes(
      PrintWriter out, String title, String what, TextThemes t, boolean withFeedback) {
    ThemeReport report = t.themes();
    if (report.answers() == 0) {
      out.printf(Locale.ROOT, "%s: nothing written in these dates.%n%n", title);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s (%s%s%s)%n",
        title,
        count(report.answers(), what),
        withFeedback ? " and negative feedback" : "",
        t.capped()
            ? String.format(
                Locale.ROOT, "; the latest %,d of %,d were grouped", t.grouped(), t.texts())
            : "");
    if (report.themes().isEmpty()) {
      out.println("  no theme shared by enough of them; some of them:");
    }
    for (Theme theme : report.themes()) {
      out.printf(
          Locale.ROOT,
          "  %-36s %5s  (%,d)%n",
          Cells.shorten(theme.label(), 36),
          percent(theme.share()),
          theme.answers());
      quotes(out, theme);
    }
    Theme other = report.other();
    if (other.answers() > 0) {
      out.printf(
          Locale.ROOT,
          "  %-36s %5s  (%,d)%n",
          report.themes().isEmpty() ? "all" : "other (no common theme)",
          percent(other.share()),
          other.answers());
      if (report.themes().isEmpty()) {
        quotes(out, other);
      }
    }
    out.println();
  }

  private static void quotes(PrintWriter out, Theme theme) {
    for (String q : theme.examples()) {
      out.println("      \"" + Cells.shorten(Cells.terminal(q), QUOTE_WIDTH) + "\"");
    }
  }

  private static void alerts(PrintWriter out, ReasonAlerts a, Period by) {
    if (a.period().isEmpty()) {
      out.println("Alerts: none (no answers yet).");
      return;
    }
    String name = by.name(a.period().get());
    out.printf(Locale.ROOT, "Alerts (%s, the latest complete %s)%n", name, by.word());
    if (a.answers() < ShareAlerts.DEFAULT_MIN_TOTAL) {
      out.printf(
          Locale.ROOT,
          "  %s gave a reason in %s; at least %d are needed to tell a rise from chance.%n",
          count(a.answers(), "answer"),
          name,
          ShareAlerts.DEFAULT_MIN_TOTAL);
      return;
    }
    if (a.trailingPeriods() == 0) {
      out.printf(Locale.ROOT, "  no earlier %s has answers to compare %s with.%n", by.word(), name);
      return;
    }
    List<ShareAlert> raised = a.raised();
    for (ShareAlert alert : raised) {
      out.println("  ! " + inWords(alert));
    }
    out.printf(
        Locale.ROOT,
        "  %s (%s: %s giving a reason, against the %s before it).%n",
        raised.isEmpty()
            ? "No reason's share rose significantly"
            : "No other reason rose significantly",
        name,
        count(a.answers(), "answer"),
        a.trailingPeriods() == 1 ? by.word() : a.trailingPeriods() + " " + by.word() + "s");
  }

  /** The alert's finding with the reason in words instead of its label. */
  static String inWords(ShareAlert a) {
    String why = a.why();
    String label = a.reason().label();
    return why.startsWith(label) ? a.reason().words() + why.substring(label.length()) : why;
  }

  // ---- csv ------------------------------------------------------------------------------------

  private static void csv(PrintWriter out, ReasonReport r) {
    out.println("section,group,item,count,total,percent,detail,quote_1,quote_2,quote_3");
    ReasonCounts t = r.total();
    if (r.answers() > 0) {
      reasonRows(out, "why", t);
      for (ReasonCounts p : r.overTime()) {
        reasonRows(out, "over_time", p);
      }
      for (ReasonCounts g : r.bySegment()) {
        reasonRows(out, "segment", g);
      }
      for (ReasonCounts g : r.byRep()) {
        reasonRows(out, "rep", g);
      }
      for (ReasonCounts g : r.byState()) {
        reasonRows(out, "state", g);
      }
      for (ComeBackCounts c : r.comeBack()) {
        if (c.answers() == 0) {
          continue;
        }
        String reason = c.reason().map(LeavingReason::words).orElse(NO_REASON);
        row(out, "come_back", reason, "yes", c.yes(), c.answered(), "", List.of());
        row(out, "come_back", reason, "maybe", c.maybe(), c.answered(), "", List.of());
        row(out, "come_back", reason, "no", c.no(), c.answered(), "", List.of());
        row(out, "come_back", reason, "not said", c.notAnswered(), -1, "", List.of());
      }
    }
    themeRows(out, "said", r.said());
    themeRows(out, "bring_back", r.bringBack());
    ReasonAlerts a = r.alerts();
    if (a.period().isPresent()) {
      String period = r.options().by().key(a.period().get());
      for (ShareAlert c : a.checks()) {
        row(
            out,
            "alert",
            period,
            c.reason().words(),
            c.current().count(),
            c.current().total(),
            (c.alert() ? "ALERT: " : "") + inWords(c),
            List.of());
      }
    }
    out.flush();
  }

  private static void reasonRows(PrintWriter out, String section, ReasonCounts g) {
    long total = g.withReason();
    for (LeavingReason reason : LeavingReason.values()) {
      row(out, section, g.group(), reason.words(), g.count(reason), total, "", List.of());
    }
    row(out, section, g.group(), NO_REASON, g.noReason(), -1, "not in the shares", List.of());
  }

  private static void themeRows(PrintWriter out, String section, TextThemes t) {
    ThemeReport report = t.themes();
    String note =
        t.capped()
            ? String.format(Locale.ROOT, "the latest %d of %d texts", t.grouped(), t.texts())
            : "";
    for (Theme theme : report.themes()) {
      row(
          out,
          section,
          "",
          theme.label(),
          theme.answers(),
          report.answers(),
          note,
          theme.examples());
    }
    if (report.other().answers() > 0) {
      row(
          out,
          section,
          "",
          "other",
          report.other().answers(),
          report.answers(),
          note,
          report.other().examples());
    }
  }

  /** One CSV row; every text cell through {@link Cells#csv}; a total below 0 means no percent. */
  private static void row(
      PrintWriter out,
      String section,
      String group,
      String item,
      long count,
      long total,
      String detail,
      List<String> quotes) {
    StringBuilder b = new StringBuilder();
    b.append(section).append(',').append(Cells.csv(group)).append(',').append(Cells.csv(item));
    b.append(',').append(count).append(',');
    b.append(total < 0 ? "" : Long.toString(total)).append(',');
    if (total > 0) {
      b.append(String.format(Locale.ROOT, "%.1f", 100.0 * count / total));
    }
    b.append(',').append(Cells.csv(detail));
    for (int i = 0; i < 3; i++) {
      b.append(',').append(Cells.csv(i < quotes.size() ? quotes.get(i) : ""));
    }
    out.println(b);
  }

  // ---- json -----------------------------------------------------------------------------------

  private static void json(PrintWriter out, ReasonReport r) throws Exception {
    ObjectMapper mapper = Json.indented();
    ObjectNode root = mapper.createObjectNode();
    ReasonPatterns.Options o = r.options();
    root.put("since", o.since().map(Object::toString).orElse(null));
    root.put("until", o.until().toString());
    root.put("by", o.by().word());
    root.put("zone", o.zone().getId());
    root.put("answers", r.answers());
    root.put("allAnswers", r.allAnswers());
    if (r.isEmpty()) {
      root.put("message", nothing(r));
    }
    reasonsNode(root.putObject("reasons"), r.total());
    ArrayNode overTime = root.putArray("overTime");
    for (int i = 0; i < r.overTime().size(); i++) {
      ObjectNode n = overTime.addObject();
      n.put("period", r.overTime().get(i).group());
      n.put("start", r.periods().get(i).toString());
      reasonsNode(n, r.overTime().get(i));
    }
    groupsNode(root.putArray("bySegment"), "segment", r.bySegment());
    groupsNode(root.putArray("byRep"), "rep", r.byRep());
    groupsNode(root.putArray("byState"), "state", r.byState());
    ArrayNode comeBack = root.putArray("comeBack");
    for (ComeBackCounts c : r.comeBack()) {
      ObjectNode n = comeBack.addObject();
      n.put("reason", c.reason().map(LeavingReason::label).orElse(null));
      n.put("words", c.reason().map(LeavingReason::words).orElse(NO_REASON));
      n.put("answers", c.answers());
      n.put("yes", c.yes());
      n.put("maybe", c.maybe());
      n.put("no", c.no());
      n.put("notAnswered", c.notAnswered());
    }
    themesNode(root.putObject("said"), r.said(), o.includeFeedback());
    themesNode(root.putObject("bringBack"), r.bringBack(), false);
    ObjectNode alerts = root.putObject("alerts");
    ReasonAlerts a = r.alerts();
    alerts.put("period", a.period().map(p -> o.by().key(p)).orElse(null));
    alerts.put("answers", a.answers());
    alerts.put("trailingPeriods", a.trailingPeriods());
    ArrayNode checks = alerts.putArray("checks");
    for (ShareAlert c : a.checks()) {
      ObjectNode n = checks.addObject();
      n.put("reason", c.reason().label());
      n.put("words", c.reason().words());
      n.put("alert", c.alert());
      n.put("count", c.current().count());
      n.put("total", c.current().total());
      n.put("share", c.currentShare());
      n.put("trailingCount", c.trailing().count());
      n.put("trailingTotal", c.trailing().total());
      n.put("trailingShare", c.trailingShare());
      n.put("pValue", c.pValue());
      n.put("why", inWords(c));
    }
    out.println(mapper.writeValueAsString(root));
  }

  private static void reasonsNode(ObjectNode n, ReasonCounts g) {
    n.put("answers", g.answers());
    n.put("withReason", g.withReason());
    n.put("noReason", g.noReason());
    ArrayNode list = n.putArray("reasons");
    for (LeavingReason reason : LeavingReason.values()) {
      ObjectNode x = list.addObject();
      x.put("reason", reason.label());
      x.put("words", reason.words());
      x.put("answers", g.count(reason));
      x.put("share", g.share(reason));
    }
  }

  private static void groupsNode(ArrayNode array, String key, List<ReasonCounts> groups) {
    for (ReasonCounts g : groups) {
      ObjectNode n = array.addObject();
      n.put(key, g.group());
      reasonsNode(n, g);
    }
  }

  private static void themesNode(ObjectNode n, TextThemes t, boolean withFeedback) {
    n.put("texts", t.texts());
    n.put("grouped", t.themes().answers());
    n.put("capped", t.capped());
    n.put("includesFeedback", withFeedback);
    ArrayNode themes = n.putArray("themes");
    for (Theme theme : t.themes().themes()) {
      themeNode(themes.addObject(), theme);
    }
    themeNode(n.putObject("other"), t.themes().other());
  }

  private static void themeNode(ObjectNode n, Theme theme) {
    n.put("label", theme.label());
    n.put("answers", theme.answers());
    n.put("share", theme.share());
    ArrayNode quotes = n.putArray("quotes");
    theme.examples().forEach(quotes::add);
  }

  // ---- words ----------------------------------------------------------------------------------

  /** A share as a whole percentage; "<1%" for a share that is not zero but rounds to it. */
  static String percent(double share) {
    if (share > 0 && share < 0.005) {
      return "<1%";
    }
    return Math.round(100 * share) + "%";
  }

  private static String count(long n, String what) {
    return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
  }
}
