package org.rekindle.core.playbook;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The rules every touch passes before it is queued (the {@code contact_policy} section of
 * rekindle.yaml), after consent and suppression, which the store checks.
 *
 * @param caps how many touches a customer may get in a span of days; every cap must hold
 * @param quietHours when no email goes out, in the customer's time zone
 * @param callsPerRepPerDay how many call tasks one rep (or the pool) is given a day
 * @param offerBudget how much the offers made in a span of days may cost at most
 * @param defaultZone the time zone of customers without one
 */
public record ContactPolicy(
    List<Cap> caps,
    Optional<QuietHours> quietHours,
    OptionalInt callsPerRepPerDay,
    Optional<OfferBudget> offerBudget,
    ZoneId defaultZone) {

  /**
   * The policy when rekindle.yaml says nothing: one email a week, two touches a month, no email
   * between 20:00 and 08:00 or on Sundays, 25 calls per rep a day, no offer budget.
   */
  public static final ContactPolicy DEFAULT =
      new ContactPolicy(
          List.of(new Cap(Set.of(Channel.EMAIL), 1, 7), new Cap(Set.of(), 2, 30)),
          Optional.of(
              new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0), Set.of(DayOfWeek.SUNDAY))),
          OptionalInt.of(25),
          Optional.empty(),
          ZoneId.of("UTC"));

  public ContactPolicy {
    caps = List.copyOf(caps);
    Objects.requireNonNull(quietHours, "quietHours");
    Objects.requireNonNull(callsPerRepPerDay, "callsPerRepPerDay");
    if (callsPerRepPerDay.isPresent() && callsPerRepPerDay.getAsInt() < 0) {
      throw new IllegalArgumentException("calls per rep per day cannot be negative");
    }
    Objects.requireNonNull(offerBudget, "offerBudget");
    Objects.requireNonNull(defaultZone, "defaultZone");
  }

  /**
   * At most {@code atMost} touches on {@code channels} (every channel when empty) in any {@code
   * perDays} consecutive days.
   */
  public record Cap(Set<Channel> channels, int atMost, int perDays) {
    public Cap {
      channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
      if (atMost < 0) {
        throw new IllegalArgumentException("a cap cannot be negative");
      }
      if (perDays < 1) {
        throw new IllegalArgumentException("a cap's span is at least 1 day");
      }
    }

    /** Whether a touch on this channel counts against the cap. */
    public boolean covers(Channel channel) {
      return channels.isEmpty() || channels.contains(channel);
    }

    /** The cap in words, for decisions: "1 email per 7 days". */
    public String describe() {
      String what =
          channels.isEmpty()
              ? (atMost == 1 ? "touch" : "touches")
              : String.join("/", channels.stream().sorted().map(Channel::label).toList());
      return atMost + " " + what + " per " + perDays + (perDays == 1 ? " day" : " days");
    }
  }

  /**
   * No email from {@code from} to {@code to} (a span that may cross midnight) nor on {@code
   * daysOff}, in the customer's local time. {@code from == to} means no nightly quiet span.
   */
  public record QuietHours(LocalTime from, LocalTime to, Set<DayOfWeek> daysOff) {
    public QuietHours {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      daysOff = daysOff.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(daysOff));
      if (daysOff.size() == 7) {
        throw new IllegalArgumentException("quiet days cannot be every day of the week");
      }
    }

    /** Whether this local time is quiet. */
    public boolean isQuiet(LocalDateTime local) {
      if (daysOff.contains(local.getDayOfWeek())) {
        return true;
      }
      LocalTime t = local.toLocalTime();
      if (from.equals(to)) {
        return false;
      }
      return from.isBefore(to)
          ? !t.isBefore(from) && t.isBefore(to)
          : !t.isBefore(from) || t.isBefore(to);
    }

    /** The first moment at or after {@code at} that is not quiet in {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
      ZonedDateTime local = at.atZone(zone);
      // at most a week of quiet days plus one night, and the clock's changes on the way: step to
      // each quiet span's end
      for (int i = 0; i < 32 && isQuiet(local.toLocalDateTime()); i++) {
        LocalDateTime l = local.toLocalDateTime();
        LocalDateTime next;
        if (daysOff.contains(l.getDayOfWeek())) {
          next = l.toLocalDate().plusDays(1).atStartOfDay();
        } else {
          LocalDate day =
              l.toLocalTime().isBefore(to) ? l.toLocalDate() : l.toLocalDate().plusDays(1);
          next = day.atTime(to);
        }
        ZonedDateTime end = firstAt(next, zone, local);
        // the clock may leave the quiet span before that by being put back (a nightly span left
        // for the hour before it): look again at every change of the clock on the way
        ZoneOffsetTransition change = zone.getRules().nextTransition(local.toInstant());
        local =
            change != null && change.getInstant().isBefore(end.toInstant())
                ? change.getInstant().atZone(zone)
                : end;
      }
      return local.toInstant();
    }

    /**
     * The first moment after {@code now} at which the clock in {@code zone} shows {@code time} or
     * later: when the clock jumps over it (spring forward), the moment of the jump, not the time an
     * hour on; when it shows it twice (fall back), the showing that is still to come.
     */
    private static ZonedDateTime firstAt(LocalDateTime time, ZoneId zone, ZonedDateTime now) {
      ZoneOffsetTransition change = zone.getRules().getTransition(time);
      if (change != null && change.isGap()) {
        return change.getInstant().atZone(zone);
      }
      ZonedDateTime at = ZonedDateTime.ofLocal(time, zone, now.getOffset());
      return at.isAfter(now) ? at : at.withLaterOffsetAtOverlap();
    }
  }

  /** Offers made in any {@code perDays} consecutive days may cost at most {@code amount}. */
  public record OfferBudget(BigDecimal amount, int perDays) {
    public OfferBudget {
      if (amount.signum() < 0) {
        throw new IllegalArgumentException("an offer budget cannot be negative");
      }
      if (perDays < 1) {
        throw new IllegalArgumentException("an offer budget's span is at least 1 day");
      }
    }
  }
}
