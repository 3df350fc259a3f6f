package org.rekindle.core.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Channel;
import org.rekindle.core.playbook.ContactPolicy;
import org.rekindle.core.playbook.ContactPolicy.Cap;

/**
 * Counts touches, call tasks and offer spend while a plan is made, and says whether one more would
 * break the policy. Fed first with what already happened (the contacts, the queued and sent
 * messages, the open call tasks, the offers made), then asked about each candidate in the order the
 * budgets are to be spent in (highest value at risk first); every accepted candidate is added
 * before the next is asked about, so no cap or budget is ever exceeded by the plan.
 */
public final class ContactLedger {
  private final ContactPolicy policy;
  private final LocalDate asOf;
  private final Map<Long, List<Touch>> touches = new HashMap<>();
  private final Map<String, Integer> callsToday = new HashMap<>();

  /** What the offers made cost, by the day they were made. */
  private final NavigableMap<LocalDate, BigDecimal> spent = new TreeMap<>();

  /** A touch; a null channel is one no cap names (a visit), counted by caps on every channel. */
  private record Touch(@Nullable Channel channel, LocalDate on) {}

  public ContactLedger(ContactPolicy policy, LocalDate asOf) {
    this.policy = policy;
    this.asOf = asOf;
  }

  /**
   * Records a touch of a customer on a channel on a day (past or planned); {@code null} for a touch
   * on no channel a cap can name (a visit), which only caps on every channel count.
   */
  public void touched(long customer, @Nullable Channel channel, LocalDate on) {
    touches.computeIfAbsent(customer, c -> new ArrayList<>(2)).add(new Touch(channel, on));
  }

  /** Records a call task given to a rep ("" for the pool) on the plan's day. */
  public void callAssigned(String rep) {
    callsToday.merge(rep, 1, Integer::sum);
  }

  /** Records what an offer made on a day may cost. */
  public void offerMade(BigDecimal cost, LocalDate on) {
    spent.merge(on, cost, BigDecimal::add);
  }

  /**
   * Why a touch of this customer on this channel on the plan's day would break a cap, or empty when
   * it would not. Every span that contains the plan's day is checked, including spans that reach
   * into days after it (a touch planned ahead counts too).
   */
  public Optional<String> capRefusal(long customer, Channel channel) {
    List<Touch> mine = touches.getOrDefault(customer, List.of());
    for (Cap cap : policy.caps()) {
      if (!cap.covers(channel)) {
        continue;
      }
      // every window of perDays days that contains asOf: starts from asOf-perDays+1 to asOf
      for (int start = -cap.perDays() + 1; start <= 0; start++) {
        LocalDate from = asOf.plusDays(start);
        LocalDate to = from.plusDays(cap.perDays() - 1);
        int count = 1;
        for (Touch t : mine) {
          Channel c = t.channel();
          if ((c == null ? cap.channels().isEmpty() : cap.covers(c))
              && !t.on().isBefore(from)
              && !t.on().isAfter(to)) {
            count++;
          }
        }
        if (count > cap.atMost()) {
          return Optional.of("frequency cap: at most " + cap.describe());
        }
      }
    }
    return Optional.empty();
  }

  /** Why one more call task for this rep ("" for the pool) today would be over capacity. */
  public Optional<String> callRefusal(String rep) {
    if (policy.callsPerRepPerDay().isEmpty()) {
      return Optional.empty();
    }
    int capacity = policy.callsPerRepPerDay().getAsInt();
    int given = callsToday.getOrDefault(rep, 0);
    return given < capacity
        ? Optional.empty()
        : Optional.of(
            "call capacity: "
                + (rep.isEmpty() ? "the pool" : rep)
                + " has "
                + capacity
                + " calls today already");
  }

  /**
   * Why an offer made on {@code on} that may cost this much would break the offer budget, or empty
   * when it would not. Every span of the budget's days that contains {@code on} is checked,
   * including spans that reach into later days: a plan replayed for an earlier day must not spend
   * what a later day's plan already spent.
   */
  public Optional<String> offerRefusal(BigDecimal cost, LocalDate on) {
    if (policy.offerBudget().isEmpty()) {
      return Optional.empty();
    }
    ContactPolicy.OfferBudget budget = policy.offerBudget().get();
    int days = budget.perDays();
    // the span starting days-1 days before the offer, then each later start, one day at a time
    LocalDate first = on.minusDays(days - 1L);
    BigDecimal window = BigDecimal.ZERO;
    for (BigDecimal s : spent.subMap(first, true, on, true).values()) {
      window = window.add(s);
    }
    BigDecimal most = window;
    for (int shift = 1; shift < days; shift++) {
      window =
          window
              .subtract(spent.getOrDefault(first.plusDays(shift - 1L), BigDecimal.ZERO))
              .add(spent.getOrDefault(on.plusDays(shift), BigDecimal.ZERO));
      most = most.max(window);
    }
    return most.add(cost).compareTo(budget.amount()) <= 0
        ? Optional.empty()
        : Optional.of(
            "offer budget: "
                + budget.amount().stripTrailingZeros().toPlainString()
                + " per "
                + days
                + " days would be exceeded");
  }
}
