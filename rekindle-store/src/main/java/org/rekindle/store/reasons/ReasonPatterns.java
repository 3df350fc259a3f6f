package org.rekindle.store.reasons;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.core.feedback.PeriodCount;
import org.rekindle.core.feedback.ShareAlert;
import org.rekindle.core.feedback.ShareAlerts;
import org.rekindle.core.feedback.Themes;
import org.rekindle.store.feedback.Feedback;

/**
 * Reads the exit-survey answers ({@code survey_answers}) into a {@link ReasonReport}: the reasons
 * counted in PostgreSQL in one pass (grouping sets: in all, per period, per segment, rep and
 * lifecycle state, and against would-they-come-back), the latest free texts grouped into themes,
 * and the latest complete period's shares tested against the periods before it.
 *
 * <p>An answer counts on the day it was given (its {@code answered_at}, in the zone asked for), and
 * with the segment, rep and lifecycle state the customer had then, as the answer recorded them.
 */
public final class ReasonPatterns {
  /** The most free texts grouped into themes per question, the latest first. */
  public static final int DEFAULT_TEXT_CAP = 50_000;

  /** The periods before the latest complete one that its shares are compared with. */
  public static final int TRAILING_PERIODS = 6;

  /** The group of the answers that recorded no segment, rep or lifecycle state. */
  public static final String NONE = "(none)";

  private final Jdbi jdbi;
  private final Themes themes;

  public ReasonPatterns(Jdbi jdbi) {
    this(jdbi, Themes.defaults());
  }

  public ReasonPatterns(Jdbi jdbi, Themes themes) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.themes = Objects.requireNonNull(themes, "themes");
  }

  /**
   * What to read.
   *
   * @param since the first day counted; empty for every answer up to {@code until}
   * @param until the last day counted (inclusive)
   * @param by months or weeks, over time and for the alerts
   * @param includeFeedback whether the text of negative feedback (rating 2 or less, or flagged)
   *     received in the dates joins the answers' comments in the themes of what they said
   * @param zone the business's zone: which day (and so which period) an answer falls in
   * @param textCap the most texts grouped per question, the latest first
   */
  public record Options(
      Optional<LocalDate> since,
      LocalDate until,
      Period by,
      boolean includeFeedback,
      ZoneId zone,
      int textCap) {
    public Options {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(zone, "zone");
      if (since.isPresent() && since.get().isAfter(until)) {
        throw new IllegalArgumentException(
            "the start date " + since.get() + " is after the end date " + until);
      }
      if (textCap < 1) {
        throw new IllegalArgumentException("the most texts grouped must be 1 or more: " + textCap);
      }
    }

    /** With the default cap on texts. */
    public static Options of(
        Optional<LocalDate> since,
        LocalDate until,
        Period by,
        boolean includeFeedback,
        ZoneId zone) {
      return new Options(since, until, by, includeFeedback, zone, DEFAULT_TEXT_CAP);
    }
  }

  /** Reads the report; each step is named on {@code progress} as it starts. */
  public ReasonReport report(Options o, Consumer<String> progress) {
    Optional<Instant> from = o.since().map(d -> start(d, o.zone()));
    Instant to = start(o.until().plusDays(1), o.zone());
    return jdbi.inTransaction(
        h -> {
          // enough memory for the six small hash tables of the grouping sets, which else are
          // made by sorting every answer on disk (3.4 s against 4.5 s on a million answers)
          h.execute("SET TRANSACTION READ ONLY");
          h.execute("SET LOCAL work_mem = '64MB'");
          progress.accept("counting the answers");
          long all = h.createQuery("SELECT count(*) FROM survey_answers").mapTo(Long.class).one();
          Optional<Instant> first =
              bindRange(
                      h.createQuery(
                          "SELECT min(answered_at) FROM survey_answers WHERE" + range(from)),
                      from,
                      to)
                  .mapTo(OffsetDateTime.class)
                  .findOne()
                  .map(OffsetDateTime::toInstant);
          List<LocalDate> starts = new ArrayList<>();
          if (first.isPresent()) {
            LocalDate day = LocalDate.ofInstant(first.get(), o.zone());
            if (o.since().isPresent() && o.since().get().isAfter(day)) {
              day = o.since().get();
            }
            for (LocalDate s = o.by().start(day); !s.isAfter(o.until()); s = o.by().next(s)) {
              starts.add(s);
            }
          }
          Counted counted = count(h, o, from, to, starts);

          progress.accept("grouping what they wrote into themes");
          TextThemes said = themes(h, o, from, to, "comment", o.includeFeedback());
          progress.accept("grouping what would bring them back into themes");
          TextThemes bringBack = themes(h, o, from, to, "bring_back", false);

          progress.accept("checking for reasons on the rise");
          ReasonAlerts alerts =
              all == 0 ? new ReasonAlerts(Optional.empty(), 0, 0, List.of()) : alerts(h, o, to);

          List<ReasonCounts> overTime = new ArrayList<>();
          for (int i = 0; i < starts.size(); i++) {
            overTime.add(counted.buckets.get(i).counts(o.by().key(starts.get(i))));
          }
          return new ReasonReport(
              o,
              all,
              counted.total.counts(""),
              overTime,
              starts,
              groups(counted.segments),
              groups(counted.reps),
              groups(counted.states),
              counted.comeBack(),
              said,
              bringBack,
              alerts);
        });
  }

  /** Counts per reason, and the answers without one at index 9. */
  private static final class Tally {
    private final long[] n = new long[LeavingReason.values().length + 1];

    void add(@Nullable LeavingReason reason, long count) {
      n[reason == null ? n.length - 1 : reason.ordinal()] += count;
    }

    ReasonCounts counts(String group) {
      Map<LeavingReason, Long> m = new EnumMap<>(LeavingReason.class);
      for (LeavingReason r : LeavingReason.values()) {
        m.put(r, n[r.ordinal()]);
      }
      return new ReasonCounts(group, m, n[n.length - 1]);
    }
  }

  /** What the grouping-sets query found. */
  private static final class Counted {
    final Tally total = new Tally();
    final List<Tally> buckets = new ArrayList<>();
    final Map<String, Tally> segments = new HashMap<>();
    final Map<String, Tally> reps = new HashMap<>();
    final Map<String, Tally> states = new HashMap<>();
    // per reason (index 9: none): yes, maybe, no, not answered
    final long[][] comeBack = new long[LeavingReason.values().length + 1][4];

    Counted(int periods) {
      for (int i = 0; i < periods; i++) {
        buckets.add(new Tally());
      }
    }

    List<ComeBackCounts> comeBack() {
      List<ComeBackCounts> out = new ArrayList<>();
      LeavingReason[] reasons = LeavingReason.values();
      for (int i = 0; i < comeBack.length; i++) {
        long[] c = comeBack[i];
        out.add(
            new ComeBackCounts(
                i < reasons.length ? Optional.of(reasons[i]) : Optional.empty(),
                c[0],
                c[1],
                c[2],
                c[3]));
      }
      return out;
    }
  }

  // GROUPING(bucket, segment, owner_rep, lifecycle_state, come_back): a bit set (first column
  // highest) for each column the row is NOT grouped by
  private static final int BY_REASON = 0b11111;
  private static final int BY_PERIOD = 0b01111;
  private static final int BY_SEGMENT = 0b10111;
  private static final int BY_REP = 0b11011;
  private static final int BY_STATE = 0b11101;
  private static final int BY_COME_BACK = 0b11110;

  private static Counted count(
      Handle h, Options o, Optional<Instant> from, Instant to, List<LocalDate> starts) {
    Counted c = new Counted(starts.size());
    if (starts.isEmpty()) {
      return c;
    }
    // Periods by the answer's moment against the periods' first instants, worked out in Java in
    // the business's zone (PostgreSQL's zone names and Java's need not agree). The cast of the
    // parameter is a sub-select so that it is made once, not once per answer (5 times slower on a
    // million answers).
    String sql =
        "SELECT GROUPING(bucket, segment, owner_rep, lifecycle_state, come_back),"
            + " bucket, segment, owner_rep, lifecycle_state, come_back, reason, count(*)"
            + " FROM (SELECT width_bucket(answered_at, (SELECT CAST(:starts AS timestamptz[]))) AS bucket,"
            + " segment, owner_rep, lifecycle_state, come_back, reason"
            + " FROM survey_answers WHERE"
            + range(from)
            + ") a GROUP BY GROUPING SETS ((reason), (bucket, reason), (segment, reason),"
            + " (owner_rep, reason), (lifecycle_state, reason), (come_back, reason))";
    bindRange(h.createQuery(sql), from, to)
        .bindArray("starts", String.class, instants(starts, o.zone()))
        .map(
            (rs, ctx) -> {
              int g = rs.getInt(1);
              LeavingReason reason = reason(rs.getString(7));
              long n = rs.getLong(8);
              switch (g) {
                case BY_REASON -> c.total.add(reason, n);
                case BY_PERIOD -> {
                  // 0 would be before the first period: the range keeps such answers out
                  int bucket = Math.max(rs.getInt(2), 1);
                  c.buckets.get(bucket - 1).add(reason, n);
                }
                case BY_SEGMENT -> group(c.segments, rs.getString(3)).add(reason, n);
                case BY_REP -> group(c.reps, rs.getString(4)).add(reason, n);
                case BY_STATE -> group(c.states, rs.getString(5)).add(reason, n);
                case BY_COME_BACK -> {
                  String answer = rs.getString(6);
                  int column =
                      answer == null
                          ? 3
                          : switch (answer) {
                            case "yes" -> 0;
                            case "maybe" -> 1;
                            default -> 2;
                          };
                  c.comeBack[reason == null ? c.comeBack.length - 1 : reason.ordinal()][column] +=
                      n;
                }
                default -> throw new IllegalStateException("unexpected grouping " + g);
              }
              return g;
            })
        .list();
    return c;
  }

  private static Tally group(Map<String, Tally> groups, @Nullable String name) {
    String key = name == null || name.isBlank() ? NONE : name;
    return groups.computeIfAbsent(key, k -> new Tally());
  }

  /** Most answers first, then by name. */
  private static List<ReasonCounts> groups(Map<String, Tally> groups) {
    List<ReasonCounts> out = new ArrayList<>();
    groups.forEach((name, t) -> out.add(t.counts(name)));
    out.sort(
        Comparator.comparingLong(ReasonCounts::answers)
            .reversed()
            .thenComparing(ReasonCounts::group));
    return out;
  }

  private static @Nullable LeavingReason reason(@Nullable String label) {
    return label == null ? null : LeavingReason.parse(label);
  }

  /**
   * The latest non-blank texts of one column grouped into themes; with {@code feedback}, the text
   * of negative feedback received in the dates as well.
   */
  private TextThemes themes(
      Handle h, Options o, Optional<Instant> from, Instant to, String column, boolean feedback) {
    String answers =
        "SELECT "
            + column
            + " AS t, answered_at AS at, 0 AS kind, id FROM survey_answers WHERE"
            + range(from)
            + " AND "
            + column
            + " ~ '\\S'";
    String complaints =
        " UNION ALL SELECT text, CAST(received_on AS timestamp) AT TIME ZONE 'UTC', 1, id"
            + " FROM feedback f WHERE "
            + Feedback.NEGATIVE
            + " AND text ~ '\\S'"
            + " AND received_on <= :untilDay"
            + (o.since().isPresent() ? " AND received_on >= :sinceDay" : "");
    String texts = answers + (feedback ? complaints : "");
    long count =
        days(bindRange(h.createQuery("SELECT count(*) FROM (" + texts + ") x"), from, to), o)
            .mapTo(Long.class)
            .one();
    List<String> latest =
        count == 0
            ? List.of()
            : days(
                    bindRange(
                        h.createQuery(
                            "SELECT t FROM ("
                                + texts
                                + ") x ORDER BY at DESC, kind, id DESC LIMIT :cap"),
                        from,
                        to),
                    o)
                .bind("cap", o.textCap())
                .mapTo(String.class)
                .list();
    return new TextThemes(themes.group(latest), count, o.textCap());
  }

  private static Query days(Query q, Options o) {
    q.bind("untilDay", o.until());
    o.since().ifPresent(d -> q.bind("sinceDay", d));
    return q;
  }

  /** The latest complete period before the end date against up to six before it. */
  private static ReasonAlerts alerts(Handle h, Options o, Instant to) {
    Period by = o.by();
    LocalDate latest = by.start(o.until());
    if (!by.next(latest).equals(o.until().plusDays(1))) {
      latest = by.previous(latest);
    }
    List<LocalDate> starts = new ArrayList<>();
    LocalDate s = latest;
    for (int i = 0; i <= TRAILING_PERIODS; i++) {
      starts.add(0, s);
      s = by.previous(s);
    }
    Instant from = start(starts.get(0), o.zone());
    Instant end = start(by.next(latest), o.zone());
    Tally[] tallies = new Tally[starts.size()];
    for (int i = 0; i < tallies.length; i++) {
      tallies[i] = new Tally();
    }
    bindRange(
            h.createQuery(
                "SELECT width_bucket(answered_at, (SELECT CAST(:starts AS timestamptz[]))), reason,"
                    + " count(*) FROM survey_answers WHERE"
                    + range(Optional.of(from))
                    + " GROUP BY 1, 2"),
            Optional.of(from),
            end)
        .bindArray("starts", String.class, instants(starts, o.zone()))
        .map(
            (rs, ctx) -> {
              tallies[Math.max(rs.getInt(1), 1) - 1].add(reason(rs.getString(2)), rs.getLong(3));
              return 0;
            })
        .list();
    List<ReasonCounts> periods = new ArrayList<>();
    for (int i = 0; i < tallies.length; i++) {
      periods.add(tallies[i].counts(by.key(starts.get(i))));
    }
    // compare with the periods from the first that has answers: a shop that started surveys
    // three months ago has three months to compare with, not six
    int firstWithAnswers = 0;
    while (firstWithAnswers < periods.size() - 1
        && periods.get(firstWithAnswers).withReason() == 0) {
      firstWithAnswers++;
    }
    ReasonCounts current = periods.get(periods.size() - 1);
    List<ReasonCounts> trailing = periods.subList(firstWithAnswers, periods.size() - 1);
    ShareAlerts test =
        new ShareAlerts(ShareAlerts.DEFAULT_LEVEL, ShareAlerts.DEFAULT_MIN_TOTAL, by.word());
    List<ShareAlert> checks = new ArrayList<>();
    for (LeavingReason r : LeavingReason.values()) {
      List<PeriodCount> before = new ArrayList<>();
      for (ReasonCounts p : trailing) {
        before.add(new PeriodCount(p.count(r), p.withReason()));
      }
      checks.add(test.check(r, new PeriodCount(current.count(r), current.withReason()), before));
    }
    return new ReasonAlerts(Optional.of(latest), current.withReason(), trailing.size(), checks);
  }

  private static String range(Optional<Instant> from) {
    return (from.isPresent() ? " answered_at >= :from AND" : "") + " answered_at < :to";
  }

  private static Query bindRange(Query q, Optional<Instant> from, Instant to) {
    from.ifPresent(f -> q.bind("from", f.atOffset(ZoneOffset.UTC)));
    return q.bind("to", to.atOffset(ZoneOffset.UTC));
  }

  private static List<String> instants(List<LocalDate> days, ZoneId zone) {
    List<String> out = new ArrayList<>(days.size());
    for (LocalDate d : days) {
      out.add(start(d, zone).toString());
    }
    return out;
  }

  private static Instant start(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }
}
