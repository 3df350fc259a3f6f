package org.rekindle.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.rekindle.core.playbook.ContactPolicy.QuietHours;

/**
 * {@link QuietHours#nextAllowed} in every time zone, at random moments and, half of the time,
 * around a change of the zone's clock (a gap or an overlap) with the quiet span starting or ending
 * inside it: the answer is never quiet, never before the moment asked about, and no moment between
 * the two is allowed (checked minute by minute, the granularity of quiet hours).
 */
class QuietHoursPropertyTest {
  private static final long FROM = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();

  /** Zones whose clocks change in unusual ways: at midnight, by 30 minutes, a whole day. */
  private static final List<String> ODD =
      List.of(
          "America/New_York",
          "Europe/London",
          "Europe/Berlin",
          "Australia/Lord_Howe",
          "America/Havana",
          "America/Santiago",
          "America/Asuncion",
          "America/Sao_Paulo",
          "America/St_Johns",
          "Asia/Tehran",
          "Asia/Gaza",
          "Africa/Casablanca",
          "Pacific/Apia",
          "Pacific/Chatham");

  record Case(ZoneId zone, QuietHours quiet, Instant at, String kind) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<ZoneId> zone =
        Arbitraries.oneOf(
                Arbitraries.of(ODD),
                Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList()))
            .map(ZoneId::of);
    Arbitrary<Integer> minuteOfDay = Arbitraries.integers().between(0, 24 * 60 - 1);
    Arbitrary<Set<DayOfWeek>> daysOff = Arbitraries.of(DayOfWeek.class).set().ofMaxSize(6);
    Arbitrary<Long> second = Arbitraries.longs().between(FROM, TO);
    // where the moment asked about lies from a clock change, and where in it a quiet edge lies
    Arbitrary<Integer> shift = Arbitraries.integers().between(-36 * 60 * 60, 36 * 60 * 60);
    Arbitrary<Integer> edge = Arbitraries.integers().between(0, 3);
    return Combinators.combine(zone, minuteOfDay, minuteOfDay, daysOff, second, shift, edge)
        .as(QuietHoursPropertyTest::build);
  }

  /**
   * @param edge 0: a random moment; 1: near a clock change; 2: and the quiet span ends inside the
   *     change; 3: and it starts inside it
   */
  private static Case build(
      ZoneId zone, int from, int to, Set<DayOfWeek> daysOff, long second, int shift, int edge) {
    LocalTime start = LocalTime.MIN.plusMinutes(from);
    LocalTime end = LocalTime.MIN.plusMinutes(to);
    Instant at = Instant.ofEpochSecond(second);
    String kind = "random";
    ZoneOffsetTransition change = edge == 0 ? null : zone.getRules().nextTransition(at);
    if (change != null && change.getInstant().getEpochSecond() < TO) {
      at = change.getInstant().plusSeconds(shift);
      kind = change.isGap() ? "gap" : "overlap";
      LocalDateTime earlier =
          change.isGap() ? change.getDateTimeBefore() : change.getDateTimeAfter();
      long length = Math.abs(change.getDuration().toMinutes());
      LocalTime inside = earlier.toLocalTime().plusMinutes(Math.floorMod(shift, length + 1));
      if (edge == 2) {
        end = inside;
        kind += ", ends inside";
      } else if (edge == 3) {
        start = inside;
        kind += ", starts inside";
      }
    }
    return new Case(zone, new QuietHours(start, end, daysOff), at, kind);
  }

  private static boolean quiet(QuietHours q, Instant i, ZoneId zone) {
    return q.isQuiet(i.atZone(zone).toLocalDateTime());
  }

  @Property(tries = 3000)
  void nextAllowed_isTheFirstMomentThatIsNotQuiet(@ForAll("cases") Case c) {
    Instant next = c.quiet().nextAllowed(c.at(), c.zone());

    assertThat(next).as("%s", c).isAfterOrEqualTo(c.at());
    assertThat(quiet(c.quiet(), next, c.zone()))
        .as("%s gave %s, which is quiet", c, next.atZone(c.zone()))
        .isFalse();
    if (!next.equals(c.at())) {
      assertThat(quiet(c.quiet(), c.at(), c.zone())).as("%s moved although allowed", c).isTrue();
      // every whole minute between is quiet (quiet hours start and end on whole minutes)
      for (Instant m = c.at().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
          m.isBefore(next);
          m = m.plus(Duration.ofMinutes(1))) {
        assertThat(quiet(c.quiet(), m, c.zone()))
            .as("%s gave %s, but %s was allowed", c, next.atZone(c.zone()), m.atZone(c.zone()))
            .isTrue();
      }
    }
    Statistics.label("kind").collect(c.kind());
    Statistics.label("moved").collect(!next.equals(c.at()));
    Statistics.label("moved")
        .coverage(
            coverage -> {
              coverage.check(true).percentage(p -> p > 20);
              coverage.check(false).percentage(p -> p > 10);
            });
  }
}
