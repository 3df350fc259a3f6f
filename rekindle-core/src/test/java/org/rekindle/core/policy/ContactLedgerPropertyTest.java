package org.rekindle.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Channel;
import org.rekindle.core.playbook.ContactPolicy;
import org.rekindle.core.playbook.ContactPolicy.Cap;

/**
 * Random histories through the ledger, asking it about candidates on random days in random order (a
 * plan replayed for an earlier day sees what later days queued), each accepted candidate recorded
 * before the next is asked about, as the planner does. Every answer is checked against a direct
 * count, and the final history against the policy.
 *
 * <p>When the given past already breaks a cap, the ledger cannot undo it; what it can promise is
 * that nothing it accepts lands in a window that was already full: in every window the accepted
 * touches number at most {@code max(0, atMost - past)}. When the past respects a cap this is the
 * cap itself.
 */
class ContactLedgerPropertyTest {
  private static final LocalDate BASE = LocalDate.of(2026, 3, 1);
  private static final Channel[] ASKED = {Channel.EMAIL, Channel.LETTER, Channel.PHONE};

  /** A touch of customer {@code who} on day {@code BASE + day}; a null channel is a visit. */
  record Touch(int who, @Nullable Channel channel, int day) {}

  /** A candidate, and the day of the plan that asks about it. */
  record Candidate(int who, Channel channel, int day) {}

  @Provide
  Arbitrary<List<Cap>> caps() {
    Arbitrary<Set<Channel>> channels =
        Arbitraries.of(ASKED).set().ofMaxSize(3).map(s -> s.isEmpty() ? Set.of() : s);
    return Combinators.combine(
            channels, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 10))
        .as(Cap::new)
        .list()
        .ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<Touch>> past() {
    Arbitrary<@Nullable Channel> channel =
        Arbitraries.of(Channel.EMAIL, Channel.LETTER, Channel.PHONE, Channel.SMS).injectNull(0.15);
    return Combinators.combine(
            Arbitraries.integers().between(0, 2), channel, Arbitraries.integers().between(-15, 8))
        .as(Touch::new)
        .list()
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<Candidate>> candidates() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.of(ASKED),
            Arbitraries.integers().between(0, 12))
        .as(Candidate::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  private static ContactPolicy policy(
      List<Cap> caps, OptionalInt calls, Optional<ContactPolicy.OfferBudget> budget) {
    return new ContactPolicy(caps, Optional.empty(), calls, budget, ZoneId.of("UTC"));
  }

  private static boolean counts(Cap cap, @Nullable Channel channel) {
    return channel == null ? cap.channels().isEmpty() : cap.covers(channel);
  }

  private static int inWindow(List<Touch> touches, int who, Cap cap, int from) {
    int n = 0;
    for (Touch t : touches) {
      if (t.who() == who
          && counts(cap, t.channel())
          && t.day() >= from
          && t.day() < from + cap.perDays()) {
        n++;
      }
    }
    return n;
  }

  /** Whether one more touch on this day fits every cap, counted directly. */
  private static boolean fits(List<Cap> caps, List<Touch> known, Candidate c) {
    for (Cap cap : caps) {
      if (!cap.covers(c.channel())) {
        continue;
      }
      for (int from = c.day() - cap.perDays() + 1; from <= c.day(); from++) {
        if (inWindow(known, c.who(), cap, from) + 1 > cap.atMost()) {
          return false;
        }
      }
    }
    return true;
  }

  @Property(tries = 2000)
  void capRefusal_acceptsExactlyWhatFits_andNoWindowOverfills(
      @ForAll("caps") List<Cap> caps,
      @ForAll("past") List<Touch> past,
      @ForAll("candidates") List<Candidate> candidates) {
    ContactPolicy policy = policy(caps, OptionalInt.empty(), Optional.empty());
    List<Touch> accepted = new ArrayList<>();
    ContactLedger ledger = null;
    int ledgerDay = Integer.MIN_VALUE;
    for (Candidate c : candidates) {
      // a plan of one day asks about many candidates on one ledger; another day starts afresh
      // from what is stored, as the planner does
      if (ledger == null || c.day() != ledgerDay) {
        ledger = new ContactLedger(policy, BASE.plusDays(c.day()));
        ledgerDay = c.day();
        for (Touch t : past) {
          ledger.touched(t.who(), t.channel(), BASE.plusDays(t.day()));
        }
        for (Touch t : accepted) {
          ledger.touched(t.who(), t.channel(), BASE.plusDays(t.day()));
        }
      }
      List<Touch> known = new ArrayList<>(past);
      known.addAll(accepted);
      Optional<String> refusal = ledger.capRefusal(c.who(), c.channel());

      assertThat(refusal.isEmpty())
          .as("%s with %s known", c, known)
          .isEqualTo(fits(caps, known, c));
      refusal.ifPresent(r -> assertThat(r).startsWith("frequency cap: at most "));
      Statistics.label("answer").collect(refusal.isEmpty() ? "accepted" : "refused");
      if (refusal.isEmpty()) {
        Touch t = new Touch(c.who(), c.channel(), c.day());
        accepted.add(t);
        ledger.touched(t.who(), t.channel(), BASE.plusDays(t.day()));
      }
    }

    for (Cap cap : caps) {
      for (int who = 0; who <= 2; who++) {
        for (int from = -15 - cap.perDays(); from <= 12; from++) {
          int before = inWindow(past, who, cap, from);
          int added = inWindow(accepted, who, cap, from);
          assertThat(added)
              .as("accepted for %d in the %d days from %d under %s", who, cap.perDays(), from, cap)
              .isLessThanOrEqualTo(Math.max(0, cap.atMost() - before));
        }
      }
    }
    Statistics.label("answer")
        .coverage(
            coverage -> {
              coverage.check("accepted").percentage(p -> p > 10);
              coverage.check("refused").percentage(p -> p > 10);
            });
  }

  @Property(tries = 1000)
  void callRefusal_givesEachRepUpToItsCapacity(
      @ForAll("capacity") OptionalInt capacity,
      @ForAll("reps") List<String> alreadyGiven,
      @ForAll("reps") List<String> asked) {
    ContactLedger ledger = new ContactLedger(policy(List.of(), capacity, Optional.empty()), BASE);
    Map<String, Integer> given = new HashMap<>();
    for (String rep : alreadyGiven) {
      ledger.callAssigned(rep);
      given.merge(rep, 1, Integer::sum);
    }
    Map<String, Integer> before = Map.copyOf(given);
    Map<String, Integer> accepted = new HashMap<>();
    for (String rep : asked) {
      Optional<String> refusal = ledger.callRefusal(rep);
      boolean room = capacity.isEmpty() || given.getOrDefault(rep, 0) < capacity.getAsInt();
      assertThat(refusal.isEmpty()).as("%s with %s given", rep, given).isEqualTo(room);
      Statistics.label("answer").collect(refusal.isEmpty() ? "accepted" : "refused");
      if (refusal.isEmpty()) {
        ledger.callAssigned(rep);
        given.merge(rep, 1, Integer::sum);
        accepted.merge(rep, 1, Integer::sum);
      }
    }
    if (capacity.isPresent()) {
      for (Map.Entry<String, Integer> e : accepted.entrySet()) {
        assertThat(e.getValue())
            .isLessThanOrEqualTo(
                Math.max(0, capacity.getAsInt() - before.getOrDefault(e.getKey(), 0)));
      }
    } else {
      assertThat(accepted.values().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(asked.size());
    }
    Statistics.label("answer")
        .coverage(
            coverage -> {
              coverage.check("accepted").percentage(p -> p > 10);
              coverage.check("refused").percentage(p -> p > 10);
            });
  }

  @Provide
  Arbitrary<OptionalInt> capacity() {
    // -1: no capacity set
    return Arbitraries.integers()
        .between(-1, 4)
        .map(i -> i < 0 ? OptionalInt.empty() : OptionalInt.of(i));
  }

  @Provide
  Arbitrary<List<String>> reps() {
    return Arbitraries.of("", "ann", "bob").list().ofMaxSize(12);
  }

  /** An offer of {@code cost} made (or asked about) on day {@code BASE + day}. */
  record Spend(BigDecimal cost, int day) {}

  @Provide
  Arbitrary<ContactPolicy.OfferBudget> budget() {
    return Combinators.combine(
            Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(2),
            Arbitraries.integers().between(1, 10))
        .as(ContactPolicy.OfferBudget::new);
  }

  @Provide
  Arbitrary<List<Spend>> spends() {
    return Combinators.combine(
            Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("40")).ofScale(2),
            Arbitraries.integers().between(-12, 12))
        .as(Spend::new)
        .list()
        .ofMaxSize(20);
  }

  private static BigDecimal spentIn(List<Spend> spends, int from, int days) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Spend s : spends) {
      if (s.day() >= from && s.day() < from + days) {
        sum = sum.add(s.cost());
      }
    }
    return sum;
  }

  @Property(tries = 2000)
  void offerRefusal_acceptsExactlyWhatFits_andNoSpanOverspends(
      @ForAll("budget") ContactPolicy.OfferBudget budget,
      @ForAll("spends") List<Spend> past,
      @ForAll("spends") List<Spend> asked) {
    ContactPolicy policy = policy(List.of(), OptionalInt.empty(), Optional.of(budget));
    List<Spend> accepted = new ArrayList<>();
    for (Spend c : asked) {
      ContactLedger ledger = new ContactLedger(policy, BASE.plusDays(c.day()));
      for (Spend s : past) {
        ledger.offerMade(s.cost(), BASE.plusDays(s.day()));
      }
      for (Spend s : accepted) {
        ledger.offerMade(s.cost(), BASE.plusDays(s.day()));
      }
      List<Spend> known = new ArrayList<>(past);
      known.addAll(accepted);
      boolean fits = true;
      for (int from = c.day() - budget.perDays() + 1; from <= c.day(); from++) {
        if (spentIn(known, from, budget.perDays()).add(c.cost()).compareTo(budget.amount()) > 0) {
          fits = false;
        }
      }
      Optional<String> refusal = ledger.offerRefusal(c.cost(), BASE.plusDays(c.day()));

      assertThat(refusal.isEmpty()).as("%s with %s known", c, known).isEqualTo(fits);
      Statistics.label("answer").collect(refusal.isEmpty() ? "accepted" : "refused");
      if (refusal.isEmpty()) {
        accepted.add(c);
      }
    }

    for (int from = -12 - budget.perDays(); from <= 12; from++) {
      BigDecimal before = spentIn(past, from, budget.perDays());
      BigDecimal added = spentIn(accepted, from, budget.perDays());
      BigDecimal room = budget.amount().subtract(before).max(BigDecimal.ZERO);
      assertThat(added).as("offers made in the span from day %d", from).isLessThanOrEqualTo(room);
    }
    Statistics.label("answer")
        .coverage(
            coverage -> {
              coverage.check("accepted").percentage(p -> p > 10);
              coverage.check("refused").percentage(p -> p > 10);
            });
  }
}
