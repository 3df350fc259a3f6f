package org.rekindle.store.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.core.feedback.ShareAlert;
import org.rekindle.core.feedback.Theme;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * Reason patterns on a real PostgreSQL, the answers written with plain SQL as the survey page and
 * the call log would leave them.
 */
class ReasonPatternsTest {
  static final ZoneId UTC = ZoneOffset.UTC;
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final int CUSTOMERS = 1500;

  @TempDir static Path home;
  static Store store;
  int nextCustomer;
  final List<String> steps = new ArrayList<>();

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @BeforeEach
  void empty() {
    store
        .jdbi()
        .useHandle(
            h -> {
              h.execute("TRUNCATE survey_answers, feedback, customers RESTART IDENTITY CASCADE");
              h.execute(
                  "INSERT INTO customers (external_id) SELECT 'c' || g"
                      + " FROM generate_series(1, "
                      + CUSTOMERS
                      + ") g");
            });
    nextCustomer = 1;
  }

  /** n survey answers giving the reason (null: none) at the moment, each from a new customer. */
  void answers(int n, @Nullable String reason, String at) {
    answers(n, reason, at, null, null, null, null, null, null);
  }

  void answers(
      int n,
      @Nullable String reason,
      String at,
      @Nullable String comeBack,
      @Nullable String comment,
      @Nullable String bringBack,
      @Nullable String segment,
      @Nullable String rep,
      @Nullable String state) {
    int first = nextCustomer;
    nextCustomer += n;
    store
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO survey_answers (customer_id, source, reason, come_back,"
                            + " comment, bring_back, segment, owner_rep, lifecycle_state,"
                            + " answered_at)"
                            + " SELECT id, 'survey', :reason, :comeBack, :comment, :bringBack,"
                            + " :segment, :rep, :state, :at FROM customers"
                            + " WHERE id >= :first AND id < :end")
                    .bind("reason", reason)
                    .bind("comeBack", comeBack)
                    .bind("comment", comment)
                    .bind("bringBack", bringBack)
                    .bind("segment", segment)
                    .bind("rep", rep)
                    .bind("state", state)
                    .bind("at", OffsetDateTime.parse(at))
                    .bind("first", first)
                    .bind("end", first + n)
                    .execute());
  }

  ReasonReport report(@Nullable String since, String until, Period by, ZoneId zone) {
    return report(since, until, by, zone, false, ReasonPatterns.DEFAULT_TEXT_CAP);
  }

  ReasonReport report(
      @Nullable String since, String until, Period by, ZoneId zone, boolean feedback, int cap) {
    return new ReasonPatterns(store.jdbi())
        .report(
            new ReasonPatterns.Options(
                Optional.ofNullable(since).map(LocalDate::parse),
                LocalDate.parse(until),
                by,
                feedback,
                zone,
                cap),
            steps::add);
  }

  @Test
  void report_countsEveryReasonWithZerosAndSharesOfTheAnswersGivingOne() {
    answers(6, "price", "2026-11-03T10:00:00Z");
    answers(3, "service", "2026-11-04T10:00:00Z");
    answers(1, "moved_or_closed", "2026-11-05T10:00:00Z");
    answers(2, null, "2026-11-06T10:00:00Z", "maybe", null, null, null, null, null);

    ReasonReport r = report(null, "2026-11-30", Period.MONTH, UTC);

    ReasonCounts t = r.total();
    assertThat(t.counts()).hasSize(9).containsOnlyKeys(LeavingReason.values());
    assertThat(t.count(LeavingReason.PRICE)).isEqualTo(6);
    assertThat(t.count(LeavingReason.SERVICE)).isEqualTo(3);
    assertThat(t.count(LeavingReason.MOVED_OR_CLOSED)).isEqualTo(1);
    for (LeavingReason unused :
        List.of(
            LeavingReason.QUALITY,
            LeavingReason.DELIVERY,
            LeavingReason.COMPETITOR,
            LeavingReason.NOT_NEEDED,
            LeavingReason.FORGOT,
            LeavingReason.OTHER)) {
      assertThat(t.count(unused)).as(unused.label()).isZero();
      assertThat(t.share(unused)).isZero();
    }
    assertThat(t.noReason()).isEqualTo(2);
    assertThat(t.withReason()).isEqualTo(10);
    assertThat(r.answers()).isEqualTo(12);
    assertThat(r.allAnswers()).isEqualTo(12);
    assertThat(t.share(LeavingReason.PRICE)).isCloseTo(0.6, within(1e-12));
    assertThat(t.share(LeavingReason.SERVICE)).isCloseTo(0.3, within(1e-12));
    assertThat(t.ranked())
        .containsExactly(LeavingReason.PRICE, LeavingReason.SERVICE, LeavingReason.MOVED_OR_CLOSED);
    assertThat(r.isEmpty()).isFalse();
    assertThat(steps).contains("counting the answers", "checking for reasons on the rise");
  }

  @Test
  void overTime_monthsCutInTheBusinessZoneWithEmptyMonthsAsZeros() {
    // Berlin is UTC+1 in winter: 23:30 UTC on 31 October is half past midnight on 1 November
    answers(1, "price", "2026-10-31T22:59:59Z"); // 23:59:59 on 31 October in Berlin
    answers(2, "price", "2026-10-31T23:00:00Z"); // midnight, 1 November
    answers(3, "service", "2026-11-30T22:59:59Z"); // last second of November
    answers(4, "delivery", "2026-11-30T23:00:00Z"); // first of December
    answers(5, "forgot", "2026-08-15T12:00:00Z"); // then nothing in September

    ReasonReport r = report(null, "2026-12-31", Period.MONTH, BERLIN);

    assertThat(r.overTime())
        .extracting(ReasonCounts::group)
        .containsExactly("2026-08", "2026-09", "2026-10", "2026-11", "2026-12");
    assertThat(r.periods().get(0)).isEqualTo(LocalDate.of(2026, 8, 1));
    ReasonCounts aug = r.overTime().get(0);
    ReasonCounts sep = r.overTime().get(1);
    ReasonCounts oct = r.overTime().get(2);
    ReasonCounts nov = r.overTime().get(3);
    ReasonCounts dec = r.overTime().get(4);
    assertThat(aug.count(LeavingReason.FORGOT)).isEqualTo(5);
    assertThat(sep.answers()).isZero();
    assertThat(sep.counts()).hasSize(9);
    assertThat(oct.answers()).isEqualTo(1);
    assertThat(oct.count(LeavingReason.PRICE)).isEqualTo(1);
    assertThat(nov.answers()).isEqualTo(5);
    assertThat(nov.count(LeavingReason.PRICE)).isEqualTo(2);
    assertThat(nov.count(LeavingReason.SERVICE)).isEqualTo(3);
    assertThat(dec.answers()).isEqualTo(4);
    assertThat(dec.count(LeavingReason.DELIVERY)).isEqualTo(4);

    // the same answers in UTC: the October/November line moves
    ReasonReport utc = report(null, "2026-12-31", Period.MONTH, UTC);
    assertThat(utc.overTime().get(2).answers()).isEqualTo(3);
    assertThat(utc.overTime().get(3).answers()).isEqualTo(7);
    assertThat(utc.overTime().get(4).answers()).isZero();
  }

  @Test
  void overTime_weeksStartOnMonday_andDatesLimitTheAnswers() {
    answers(1, "price", "2026-11-01T12:00:00Z"); // Sunday
    answers(2, "price", "2026-11-02T00:00:00Z"); // Monday
    answers(3, "quality", "2026-11-08T23:59:59Z"); // Sunday
    answers(4, "quality", "2026-11-09T00:00:00Z"); // Monday
    answers(5, "other", "2026-11-20T00:00:00Z"); // after the end date

    ReasonReport r = report("2026-11-01", "2026-11-15", Period.WEEK, UTC);

    assertThat(r.overTime())
        .extracting(ReasonCounts::group)
        .containsExactly("2026-10-26", "2026-11-02", "2026-11-09");
    assertThat(r.overTime()).extracting(ReasonCounts::answers).containsExactly(1L, 5L, 4L);
    assertThat(r.answers()).isEqualTo(10);
    assertThat(r.allAnswers()).isEqualTo(15);

    ReasonReport later = report("2026-11-02", "2026-11-08", Period.WEEK, UTC);
    assertThat(later.answers()).isEqualTo(5);
    assertThat(later.overTime()).extracting(ReasonCounts::group).containsExactly("2026-11-02");
  }

  @Test
  void breakdowns_bySegmentRepAndState_asRecordedWithTheAnswer() {
    String at = "2026-11-10T09:00:00Z";
    answers(4, "price", at, null, null, null, "retail", "Maria", "lost");
    answers(1, "service", at, null, null, null, "retail", "Ahmed", "lapsing");
    answers(2, "service", at, null, null, null, "trade", "Maria", "lapsing");
    answers(3, null, at, "yes", null, null, null, null, null);

    ReasonReport r = report(null, "2026-11-30", Period.MONTH, UTC);

    assertThat(r.bySegment())
        .extracting(ReasonCounts::group)
        .containsExactly("retail", "(none)", "trade");
    ReasonCounts retail = r.bySegment().get(0);
    assertThat(retail.answers()).isEqualTo(5);
    assertThat(retail.count(LeavingReason.PRICE)).isEqualTo(4);
    assertThat(retail.share(LeavingReason.PRICE)).isCloseTo(0.8, within(1e-12));
    assertThat(r.bySegment().get(1).noReason()).isEqualTo(3);
    assertThat(r.bySegment().get(2).count(LeavingReason.SERVICE)).isEqualTo(2);

    assertThat(r.byRep())
        .extracting(ReasonCounts::group)
        .containsExactly("Maria", "(none)", "Ahmed");
    ReasonCounts maria = r.byRep().get(0);
    assertThat(maria.count(LeavingReason.PRICE)).isEqualTo(4);
    assertThat(maria.count(LeavingReason.SERVICE)).isEqualTo(2);
    assertThat(maria.share(LeavingReason.SERVICE)).isCloseTo(1.0 / 3, within(1e-12));

    assertThat(r.byState())
        .extracting(ReasonCounts::group)
        .containsExactly("lost", "(none)", "lapsing");
    assertThat(r.byState().get(2).count(LeavingReason.SERVICE)).isEqualTo(3);
  }

  @Test
  void comeBack_yesMaybeNoPerReason() {
    String at = "2026-11-10T09:00:00Z";
    answers(3, "price", at, "yes", null, null, null, null, null);
    answers(2, "price", at, "maybe", null, null, null, null, null);
    answers(1, "price", at, null, null, null, null, null, null);
    answers(4, "service", at, "no", null, null, null, null, null);
    answers(2, null, at, "yes", null, null, null, null, null);

    ReasonReport r = report(null, "2026-11-30", Period.MONTH, UTC);

    assertThat(r.comeBack()).hasSize(10);
    ComeBackCounts price = r.comeBack().get(LeavingReason.PRICE.ordinal());
    assertThat(price.reason()).contains(LeavingReason.PRICE);
    assertThat(List.of(price.yes(), price.maybe(), price.no(), price.notAnswered()))
        .containsExactly(3L, 2L, 0L, 1L);
    ComeBackCounts service = r.comeBack().get(LeavingReason.SERVICE.ordinal());
    assertThat(List.of(service.yes(), service.maybe(), service.no())).containsExactly(0L, 0L, 4L);
    assertThat(r.comeBack().get(LeavingReason.QUALITY.ordinal()).answers()).isZero();
    assertThat(r.comeBackWithoutReason()).hasValueSatisfying(c -> assertThat(c.yes()).isEqualTo(2));
  }

  @Test
  void themes_ofCommentsAndOfWhatWouldBringThemBack_apartWithQuotes() {
    String at = "2026-11-10T09:00:00Z";
    String[] rude = {
      "The staff were rude to me",
      "Rude staff at the counter",
      "staff rude and slow",
      "Rude staff, never again"
    };
    String[] price = {"Prices went up again", "prices too high", "the prices doubled", "Prices!"};
    for (String c : rude) {
      answers(1, "service", at, null, c, "a discount", null, null, null);
    }
    for (String c : price) {
      answers(1, "price", at, null, c, "free delivery", null, null, null);
    }
    answers(1, "other", at, null, "   ", null, null, null, null);

    ReasonReport r = report(null, "2026-11-30", Period.MONTH, UTC);

    assertThat(r.said().texts()).isEqualTo(8);
    assertThat(r.said().capped()).isFalse();
    assertThat(r.said().themes().answers()).isEqualTo(8);
    List<Theme> said = r.said().themes().themes();
    assertThat(said)
        .extracting(Theme::label)
        .anyMatch(l -> l.contains("staff") || l.contains("rude"));
    assertThat(said).extracting(Theme::label).anyMatch(l -> l.contains("price"));
    for (Theme t : said) {
      assertThat(t.examples()).hasSizeBetween(2, 3);
      assertThat(t.share()).isCloseTo(0.5, within(1e-12));
    }
    // each theme quotes its own answers
    for (Theme t : said) {
      List<String> own = List.of(t.label().contains("price") ? price : rude);
      assertThat(t.examples()).allMatch(own::contains);
    }

    List<Theme> back = r.bringBack().themes().themes();
    assertThat(back)
        .extracting(Theme::label)
        .hasSize(2)
        .contains("discount")
        .anyMatch(l -> l.contains("delivery"));
    assertThat(r.bringBack().texts()).isEqualTo(8);
  }

  @Test
  void themes_takeNegativeFeedbackOnlyWhenAsked_andTheLatestTextsUpToTheCap() {
    String at = "2026-11-10T09:00:00Z";
    for (int i = 0; i < 3; i++) {
      answers(
          1,
          "delivery",
          "2026-11-1" + i + "T09:00:00Z",
          null,
          "late delivery " + i,
          null,
          null,
          null,
          null);
    }
    store
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO feedback (customer_id, source, rating, text, received_on, flagged)"
                      + " VALUES (1, 'reviews', 1, 'mould on the bread', '2026-11-20', false),"
                      + " (2, 'reviews', 5, 'lovely bread', '2026-11-20', false),"
                      + " (3, 'phone', NULL, 'mould again', '2026-11-21', true),"
                      + " (4, 'reviews', 2, 'mould!', '2026-10-01', false)");
            });

    ReasonReport without = report("2026-11-01", "2026-11-30", Period.MONTH, UTC, false, 100);
    assertThat(without.said().texts()).isEqualTo(3);

    ReasonReport with = report("2026-11-01", "2026-11-30", Period.MONTH, UTC, true, 100);
    assertThat(with.said().texts()).isEqualTo(5);
    assertThat(with.said().themes().answers()).isEqualTo(5);
    // the negative feedback is counted with the comments, not as answers with a reason
    assertThat(with.answers()).isEqualTo(3);

    ReasonReport capped = report("2026-11-01", "2026-11-30", Period.MONTH, UTC, true, 2);
    assertThat(capped.said().capped()).isTrue();
    assertThat(capped.said().grouped()).isEqualTo(2);
    assertThat(capped.said().themes().answers()).isEqualTo(2);
    // the latest two: the feedback of the 21st and of the 20th (the 5-star one is not negative)
    List<String> quotes = new ArrayList<>(capped.said().themes().other().examples());
    capped.said().themes().themes().forEach(t -> quotes.addAll(t.examples()));
    assertThat(quotes).containsExactlyInAnyOrder("mould again", "mould on the bread");
    assertThat(at).isNotEmpty();
  }

  @Test
  void alerts_fireOnAPlantedJump() {
    // six months of 50 answers, 10% service; then November with 40% of 50
    for (int m = 5; m <= 10; m++) {
      String at = String.format("2026-%02d-15T12:00:00Z", m);
      answers(5, "service", at);
      answers(45, "price", at);
    }
    answers(20, "service", "2026-11-15T12:00:00Z");
    answers(30, "price", "2026-11-15T12:00:00Z");
    // December so far: not complete, not tested
    answers(10, "quality", "2026-12-02T12:00:00Z");

    ReasonReport r = report("2026-11-01", "2026-12-07", Period.MONTH, UTC);

    ReasonAlerts a = r.alerts();
    assertThat(a.period()).contains(LocalDate.of(2026, 11, 1));
    assertThat(a.answers()).isEqualTo(50);
    assertThat(a.trailingPeriods()).isEqualTo(6);
    assertThat(a.checks()).hasSize(9);
    assertThat(a.raised()).extracting(ShareAlert::reason).containsExactly(LeavingReason.SERVICE);
    ShareAlert service = a.raised().get(0);
    assertThat(service.current().count()).isEqualTo(20);
    assertThat(service.trailing().count()).isEqualTo(30);
    assertThat(service.trailing().total()).isEqualTo(300);
    assertThat(service.why())
        .contains("40% of 50 answers this month against 10% over the previous 6 months");
  }

  @Test
  void alerts_stayQuietOnAFlatSeries_andCompareOnlyWithMonthsThatHaveAnswers() {
    for (int m = 8; m <= 11; m++) {
      String at = String.format("2026-%02d-10T12:00:00Z", m);
      answers(6, "service", at);
      answers(54, "price", at);
    }

    ReasonReport r = report(null, "2026-11-30", Period.MONTH, UTC);

    assertThat(r.alerts().period()).contains(LocalDate.of(2026, 11, 1));
    assertThat(r.alerts().trailingPeriods()).isEqualTo(3);
    assertThat(r.alerts().raised()).isEmpty();
    assertThat(r.alerts().checks()).allMatch(c -> c.pValue() > 0.01);
  }

  @Test
  void alerts_needThirtyAnswers() {
    for (int m = 5; m <= 10; m++) {
      answers(20, "price", String.format("2026-%02d-15T12:00:00Z", m));
    }
    answers(20, "service", "2026-11-15T12:00:00Z");

    ReasonAlerts a = report(null, "2026-11-30", Period.MONTH, UTC).alerts();

    assertThat(a.raised()).isEmpty();
    assertThat(a.checks().get(LeavingReason.SERVICE.ordinal()).why())
        .contains("fewer than the 30 needed");
  }

  @Test
  void report_withNoAnswers_isEmpty() {
    ReasonReport r = report(null, "2026-11-30", Period.MONTH, UTC);

    assertThat(r.isEmpty()).isTrue();
    assertThat(r.allAnswers()).isZero();
    assertThat(r.overTime()).isEmpty();
    assertThat(r.bySegment()).isEmpty();
    assertThat(r.total().counts()).hasSize(9).allSatisfy((k, v) -> assertThat(v).isZero());
    assertThat(r.alerts().period()).isEmpty();
    assertThat(r.said().themes().answers()).isZero();

    answers(2, "price", "2025-01-10T12:00:00Z");
    ReasonReport later = report("2026-01-01", "2026-11-30", Period.MONTH, UTC);
    assertThat(later.isEmpty()).isTrue();
    assertThat(later.allAnswers()).isEqualTo(2);
  }

  @Test
  void options_refuseAStartAfterTheEndAndAnUnknownPeriod() {
    assertThatThrownBy(() -> report("2026-12-01", "2026-11-30", Period.MONTH, UTC))
        .hasMessageContaining("the start date 2026-12-01 is after the end date 2026-11-30");
    assertThatThrownBy(() -> Period.parse("day")).hasMessageContaining("month or week, not 'day'");
    assertThat(Period.parse(" Week ")).isEqualTo(Period.WEEK);
    assertThat(Period.MONTH.name(LocalDate.of(2026, 11, 1))).isEqualTo("November 2026");
    assertThat(Period.WEEK.name(LocalDate.of(2026, 11, 2))).isEqualTo("week of 2 Nov 2026");
    assertThat(Instant.parse("2026-01-01T00:00:00Z")).isNotNull();
  }
}
