package org.rekindle.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rekindle.core.playbook.Channel;
import org.rekindle.core.playbook.ContactPolicy;
import org.rekindle.core.playbook.ContactPolicy.QuietHours;

class ContactLedgerTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  private static ContactPolicy policy(List<ContactPolicy.Cap> caps) {
    return new ContactPolicy(
        caps,
        Optional.empty(),
        OptionalInt.of(2),
        Optional.of(new ContactPolicy.OfferBudget(new BigDecimal("100"), 30)),
        ZoneId.of("UTC"));
  }

  @Test
  void emailCap_countsOnlyEmailsInsideTheSpan() {
    ContactLedger ledger =
        new ContactLedger(policy(List.of(new ContactPolicy.Cap(Set.of(Channel.EMAIL), 1, 7))), DAY);
    ledger.touched(1, Channel.EMAIL, DAY.minusDays(7));
    ledger.touched(1, Channel.LETTER, DAY.minusDays(1));

    assertThat(ledger.capRefusal(1, Channel.EMAIL)).isEmpty();

    ledger.touched(1, Channel.EMAIL, DAY.minusDays(6));
    assertThat(ledger.capRefusal(1, Channel.EMAIL))
        .contains("frequency cap: at most 1 email per 7 days");
    assertThat(ledger.capRefusal(1, Channel.LETTER)).isEmpty();
    assertThat(ledger.capRefusal(2, Channel.EMAIL)).isEmpty();
  }

  @Test
  void allChannelCap_countsEveryTouch_andAPlannedTouchAhead() {
    ContactLedger ledger =
        new ContactLedger(policy(List.of(new ContactPolicy.Cap(Set.of(), 2, 30))), DAY);
    ledger.touched(1, Channel.PHONE, DAY.minusDays(20));
    assertThat(ledger.capRefusal(1, Channel.LETTER)).isEmpty();
    // a touch queued for a later day shares a 30-day span with today
    ledger.touched(1, Channel.EMAIL, DAY.plusDays(5));
    assertThat(ledger.capRefusal(1, Channel.LETTER))
        .contains("frequency cap: at most 2 touches per 30 days");
  }

  @Test
  void zeroCap_refusesEverything() {
    ContactLedger ledger =
        new ContactLedger(policy(List.of(new ContactPolicy.Cap(Set.of(Channel.PHONE), 0, 1))), DAY);
    assertThat(ledger.capRefusal(5, Channel.PHONE)).isPresent();
    assertThat(ledger.capRefusal(5, Channel.EMAIL)).isEmpty();
  }

  @Test
  void callCapacity_isPerRep() {
    ContactLedger ledger = new ContactLedger(policy(List.of()), DAY);
    ledger.callAssigned("ann");
    ledger.callAssigned("ann");

    assertThat(ledger.callRefusal("ann")).contains("call capacity: ann has 2 calls today already");
    assertThat(ledger.callRefusal("bob")).isEmpty();
    assertThat(ledger.callRefusal("")).isEmpty();
  }

  @Test
  void offerBudget_countsTheSpanOnly() {
    ContactLedger ledger = new ContactLedger(policy(List.of()), DAY);
    ledger.offerMade(new BigDecimal("70"), DAY.minusDays(30));
    ledger.offerMade(new BigDecimal("60"), DAY.minusDays(29));

    assertThat(ledger.offerRefusal(new BigDecimal("40"), DAY)).isEmpty();
    assertThat(ledger.offerRefusal(new BigDecimal("40.01"), DAY))
        .contains("offer budget: 100 per 30 days would be exceeded");
  }

  @Test
  void offerBudget_countsOffersALaterDayAlreadyMade() {
    // a plan replayed for an earlier day shares a span with what a later plan spent
    ContactLedger ledger = new ContactLedger(policy(List.of()), DAY);
    ledger.offerMade(new BigDecimal("90"), DAY.plusDays(29));

    assertThat(ledger.offerRefusal(new BigDecimal("10"), DAY)).isEmpty();
    assertThat(ledger.offerRefusal(new BigDecimal("10.01"), DAY)).isPresent();
    assertThat(ledger.offerRefusal(new BigDecimal("100"), DAY.minusDays(1))).isEmpty();
  }

  @Test
  void quietHours_acrossMidnightAndDaysOff() {
    QuietHours quiet =
        new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0), Set.of(DayOfWeek.SUNDAY));
    ZoneId chicago = ZoneId.of("America/Chicago");
    // Friday 2026-03-13 21:00 in Chicago: quiet until Saturday 08:00
    Instant friNight = Instant.parse("2026-03-14T02:00:00Z");
    assertThat(quiet.nextAllowed(friNight, chicago).atZone(chicago).toLocalDateTime())
        .isEqualTo(LocalDate.of(2026, 3, 14).atTime(8, 0));
    // Saturday 22:00: Sunday is off, so Monday 08:00
    Instant satNight = Instant.parse("2026-03-15T03:00:00Z");
    assertThat(quiet.nextAllowed(satNight, chicago).atZone(chicago).toLocalDateTime())
        .isEqualTo(LocalDate.of(2026, 3, 16).atTime(8, 0));
    // Monday noon is fine as it is
    Instant monNoon = Instant.parse("2026-03-16T17:00:00Z");
    assertThat(quiet.nextAllowed(monNoon, chicago)).isEqualTo(monNoon);
  }

  @Test
  void quietHours_endingInTheSpringForwardGap_endWhenTheClockJumps() {
    // New York, 8 March 2026: at 02:00 the clocks go to 03:00, so 02:30 never comes
    QuietHours quiet = new QuietHours(LocalTime.MIDNIGHT, LocalTime.of(2, 30), Set.of());
    ZoneId newYork = ZoneId.of("America/New_York");
    Instant halfPastMidnight = Instant.parse("2026-03-08T05:30:00Z");

    assertThat(quiet.nextAllowed(halfPastMidnight, newYork))
        .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
  }

  @Test
  void quietHours_leftWhenTheClockIsPutBack() {
    // New York, 1 November 2026: at 02:00 the clocks go back to 01:00, before the quiet 01:30
    QuietHours quiet = new QuietHours(LocalTime.of(1, 30), LocalTime.of(6, 0), Set.of());
    ZoneId newYork = ZoneId.of("America/New_York");
    Instant quarterToTwo = Instant.parse("2026-11-01T05:45:00Z");

    assertThat(quiet.nextAllowed(quarterToTwo, newYork))
        .isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    // the second time 01:45 comes, the quiet span lasts until 06:00
    assertThat(quiet.nextAllowed(Instant.parse("2026-11-01T06:45:00Z"), newYork))
        .isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
  }

  @Test
  void quietHours_sameStartAndEnd_meansOnlyDaysOff() {
    QuietHours quiet = new QuietHours(LocalTime.NOON, LocalTime.NOON, Set.of(DayOfWeek.MONDAY));
    Instant tuesday = Instant.parse("2026-03-17T23:00:00Z");
    assertThat(quiet.nextAllowed(tuesday, ZoneId.of("UTC"))).isEqualTo(tuesday);
    Instant monday = Instant.parse("2026-03-16T10:00:00Z");
    assertThat(quiet.nextAllowed(monday, ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2026-03-17T00:00:00Z"));
  }
}
