package org.rekindle.core.simulate.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.rekindle.model.simulate.RandomVariates;

/**
 * Draws the sample business of {@code rekindle demo} from {@link DemoSettings}: the same settings
 * give the same business, account for account and cent for cent.
 *
 * <p>Each account gets a {@link BuyerKind} by the kinds' shares, and a pace of its own (a Gamma(6,
 * 6) multiplier, mean 1, of the kind's mean gap). Gaps between its orders are Gamma with the kind's
 * shape around that mean, so a contractor's orders come months apart and a key account's a week.
 * About half the accounts were customers before the three years began (their first order in the
 * window falls somewhere in their first gap); the others joined on a day drawn uniformly over the
 * three years, with their first order that day. Then the account's {@link Fate}:
 *
 * <ul>
 *   <li>{@code STEADY}: keeps its rhythm to the end;
 *   <li>{@code SLOWED}: from a day in the second half of its history, its gaps triple;
 *   <li>{@code LEFT}: stops on a day drawn over its history (a third of the homeowners who leave do
 *       so after their very first order);
 *   <li>{@code CAME_BACK}: pauses for three to six of its usual gaps, then buys again; for a third
 *       of them the return falls in the last week, so the last daily run sees them come back.
 * </ul>
 *
 * <p>Amounts: each account has its own mean, the kind's mean times Gamma(4, 4); each order is Gamma
 * with the kind's shape around it, at least $5. Feedback: about one account in twelve leaves a
 * review or remark after one of its orders, those who left more often and more harshly; and a few
 * accounts who ordered in the last month complained since, so service cases are open on the last
 * day.
 */
public final class DemoGenerator {
  private static final BigDecimal MIN_AMOUNT = new BigDecimal("5.00");

  private static final String[] PRAISE = {
    "Delivered the lumber a day early, as promised.",
    "Counter staff knew exactly which fittings I needed.",
    "Good prices on drywall and the yard loaded my truck fast.",
    "Always in stock, always on time. Thanks to the whole team.",
    "My rep sorted out a special order in two days.",
    "Friendly help picking the right deck screws."
  };
  private static final String[] MIXED = {
    "Good prices. Parking is tight.",
    "Fine, but the invoice came late again.",
    "Delivery window was four hours wide; the materials were right though.",
    "Decent selection, long line at the counter on Saturday."
  };
  private static final String[] COMPLAINTS = {
    "Waited forty minutes at the counter and nobody helped me.",
    "Fittings arrived damaged and the return took weeks.",
    "Second wrong invoice this quarter.",
    "Delivery was two days late and the crew sat idle.",
    "Charged for a pallet of shingles we never received.",
    "Our credit limit was cut without a word from anyone.",
    "Half the order was backordered and nobody told us.",
    "Rude answer on the phone when I asked about a refund."
  };
  private static final String[] CALL_BACK = {
    "Wants a call back about a disputed invoice.",
    "Unhappy with the new delivery fees; asked for the manager.",
    "Says a competitor quoted 10% less; wants to talk."
  };

  private DemoGenerator() {}

  /** The business the settings describe. */
  public static DemoBusiness generate(DemoSettings settings) {
    SplittableRandom root = new SplittableRandom(settings.seed());
    List<String> reps = Names.REPS.subList(0, settings.reps());
    LocalDate first = settings.firstDay();
    LocalDate last = settings.asOf();
    int span = (int) ChronoUnit.DAYS.between(first, last) + 1;
    List<DemoCustomer> customers = new ArrayList<>(settings.customers());
    List<Drawn> orders = new ArrayList<>();
    List<DemoFeedback> feedback = new ArrayList<>();
    int phones = 0;
    for (int i = 0; i < settings.customers(); i++) {
      // one stream per account, split in order: the same account whatever the others drew
      SplittableRandom rng = root.split();
      String id = Integer.toString(10_001 + i);
      BuyerKind kind = kind(rng);
      Fate fate = fate(rng, kind);
      double meanGap = kind.meanGapDays() * RandomVariates.gamma(rng, 6, 6);
      boolean before = rng.nextDouble() < (kind == BuyerKind.HOMEOWNER ? 0.4 : 0.6);
      LocalDate since;
      int start;
      if (before) {
        since = first.minusDays(30 + rng.nextInt(10 * 365));
        start = rng.nextInt(Math.max(1, Math.min(span - 1, (int) Math.round(meanGap))));
      } else {
        start = rng.nextInt(span);
        since = first.plusDays(start);
      }
      List<Integer> days = orderDays(rng, kind, fate, meanGap, start, span);
      double accountMean = kind.meanSpend() * RandomVariates.gamma(rng, 4, 4);
      for (int d : days) {
        double amount =
            RandomVariates.gamma(rng, kind.spendShape(), kind.spendShape() / accountMean);
        BigDecimal a = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).max(MIN_AMOUNT);
        orders.add(new Drawn(id, first.plusDays(d), a));
      }

      boolean company = kind != BuyerKind.HOMEOWNER;
      String name = company ? Names.company(rng, kind) : Names.person(rng);
      Optional<String> email =
          rng.nextDouble() < (company ? 0.95 : 0.75)
              ? Optional.of(Names.email(name, id, company))
              : Optional.empty();
      Optional<String> phone =
          company || rng.nextDouble() < 0.35
              ? Optional.of(Names.phone(phones++))
              : Optional.empty();
      String[] address = Names.address(rng);
      Optional<LocalDate> birthday =
          rng.nextDouble() < (company ? 0.15 : 0.55)
              ? Optional.of(LocalDate.of(1950 + rng.nextInt(50), 1, 1).plusDays(rng.nextInt(365)))
              : Optional.empty();
      Optional<String> rep =
          company ? Optional.of(reps.get(rng.nextInt(reps.size()))) : Optional.empty();
      List<String> tags = new ArrayList<>();
      if (company) {
        String trade = Names.trade(name);
        if (!trade.isEmpty()) {
          tags.add(trade);
        }
        if (rng.nextDouble() < 0.05) {
          tags.add("do-not-discount");
        }
      } else if (rng.nextDouble() < 0.3) {
        tags.add("diy");
      }
      boolean consentEmail = email.isPresent() && rng.nextDouble() < 0.9;
      boolean consentLetter = rng.nextDouble() < 0.85;
      boolean consentPhone = phone.isPresent() && rng.nextDouble() < (company ? 0.95 : 0.5);
      customers.add(
          new DemoCustomer(
              id,
              kind,
              fate,
              name,
              email,
              phone,
              address[0],
              address[1],
              address[2],
              birthday,
              since,
              rep,
              tags,
              consentEmail,
              consentLetter,
              consentPhone));

      feedback(rng, id, fate, days, first, span).ifPresent(feedback::add);
    }
    recentComplaints(root.split(), orders, feedback, settings);

    orders.sort(Comparator.comparing(Drawn::date).thenComparing(Drawn::customerId));
    List<DemoOrder> numbered = new ArrayList<>(orders.size());
    for (int n = 0; n < orders.size(); n++) {
      Drawn o = orders.get(n);
      numbered.add(
          new DemoOrder(
              String.format(Locale.ROOT, "SO-%06d", n + 1), o.customerId(), o.date(), o.amount()));
    }
    feedback.sort(Comparator.comparing(DemoFeedback::date).thenComparing(DemoFeedback::id));
    return new DemoBusiness(settings, reps, customers, numbered, feedback);
  }

  /** An order before it is numbered. */
  private record Drawn(String customerId, LocalDate date, BigDecimal amount) {}

  private static BuyerKind kind(SplittableRandom rng) {
    double u = rng.nextDouble();
    double sum = 0;
    for (BuyerKind k : BuyerKind.values()) {
      sum += k.share();
      if (u < sum) {
        return k;
      }
    }
    return BuyerKind.HOMEOWNER;
  }

  private static Fate fate(SplittableRandom rng, BuyerKind kind) {
    double u = rng.nextDouble();
    if (kind == BuyerKind.HOMEOWNER) {
      return u < 0.45
          ? Fate.STEADY
          : u < 0.53 ? Fate.SLOWED : u < 0.93 ? Fate.LEFT : Fate.CAME_BACK;
    }
    return u < 0.58 ? Fate.STEADY : u < 0.72 ? Fate.SLOWED : u < 0.90 ? Fate.LEFT : Fate.CAME_BACK;
  }

  /**
   * The days (from the first day of the window, 0-based, below {@code span}) of an account's
   * orders, ascending, at least one.
   */
  static List<Integer> orderDays(
      SplittableRandom rng, BuyerKind kind, Fate fate, double meanGap, int start, int span) {
    int remaining = span - start;
    int stop = span;
    int slowFrom = span;
    int pauseAt = span;
    int returnOn = span;
    switch (fate) {
      case STEADY -> {}
      case SLOWED -> slowFrom = start + remaining / 2 + rng.nextInt(Math.max(1, remaining / 2));
      case LEFT -> {
        boolean once = kind == BuyerKind.HOMEOWNER && rng.nextInt(3) == 0;
        stop = once ? start + 1 : start + 1 + rng.nextInt(Math.max(1, remaining));
      }
      case CAME_BACK -> {
        int pause = (int) Math.round(meanGap * (3 + 3 * rng.nextDouble()));
        pause = Math.min(pause, (int) (remaining * 0.8));
        if (rng.nextInt(3) == 0) {
          returnOn = span - 1 - rng.nextInt(7);
          pauseAt = Math.max(start + 1, returnOn - pause);
        } else {
          pauseAt = start + 1 + rng.nextInt(Math.max(1, remaining - pause));
          returnOn = pauseAt + pause;
        }
      }
    }
    List<Integer> days = new ArrayList<>();
    double t = start;
    boolean paused = false;
    while (t < stop && t < span) {
      int day = (int) t;
      if (days.isEmpty() || day > days.get(days.size() - 1)) {
        days.add(day);
      }
      double gap =
          Math.max(1, RandomVariates.gamma(rng, kind.gapShape(), kind.gapShape() / meanGap));
      if (t >= slowFrom) {
        gap *= 3;
      }
      t += gap;
      if (!paused && t >= pauseAt) {
        paused = true;
        t = Math.max(t, returnOn);
      }
    }
    return days;
  }

  /** A review or remark after one of the account's orders, for about one account in twelve. */
  private static Optional<DemoFeedback> feedback(
      SplittableRandom rng, String id, Fate fate, List<Integer> days, LocalDate first, int span) {
    boolean unhappy = fate == Fate.LEFT || fate == Fate.SLOWED;
    if (rng.nextDouble() >= (unhappy ? 0.14 : 0.06)) {
      return Optional.empty();
    }
    int after = days.get(rng.nextInt(days.size()));
    LocalDate on = first.plusDays(Math.min(span - 1, after + rng.nextInt(4)));
    double u = rng.nextDouble();
    int rating =
        unhappy
            ? (u < 0.45 ? 1 + rng.nextInt(2) : 3 + rng.nextInt(3))
            : u < 0.1 ? 2 : u < 0.25 ? 3 : 4 + rng.nextInt(2);
    String fid = "fb-" + id;
    if (rating <= 2 && rng.nextInt(4) == 0) {
      return Optional.of(
          new DemoFeedback(id, fid, "phone", OptionalInt.empty(), pick(rng, CALL_BACK), on, true));
    }
    String text =
        rating <= 2 ? pick(rng, COMPLAINTS) : rating == 3 ? pick(rng, MIXED) : pick(rng, PRAISE);
    String source = rng.nextInt(3) == 0 ? "counter" : "reviews.example";
    return Optional.of(new DemoFeedback(id, fid, source, OptionalInt.of(rating), text, on, false));
  }

  /**
   * Complaints in the last two weeks from a few accounts that ordered in the last month and left no
   * feedback yet: about one in two hundred accounts, at least three.
   */
  private static void recentComplaints(
      SplittableRandom rng,
      List<Drawn> orders,
      List<DemoFeedback> feedback,
      DemoSettings settings) {
    LocalDate last = settings.asOf();
    Set<String> had = new HashSet<>();
    for (DemoFeedback f : feedback) {
      had.add(f.customerId());
    }
    TreeMap<String, LocalDate> recent = new TreeMap<>();
    for (Drawn o : orders) {
      if (!o.date().isBefore(last.minusDays(30)) && !had.contains(o.customerId())) {
        recent.merge(o.customerId(), o.date(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<String> ids = new ArrayList<>(recent.keySet());
    int n = Math.min(ids.size(), Math.max(3, settings.customers() / 200));
    for (int k = 0; k < n; k++) {
      String id = ids.remove(rng.nextInt(ids.size()));
      LocalDate ordered = Objects.requireNonNull(recent.get(id));
      LocalDate on = ordered.plusDays(1 + rng.nextInt(3));
      if (on.isBefore(last.minusDays(13))) {
        on = last.minusDays(rng.nextInt(14));
      }
      if (on.isAfter(last)) {
        on = last;
      }
      boolean call = rng.nextInt(4) == 0;
      feedback.add(
          new DemoFeedback(
              id,
              "fb-" + id,
              call ? "phone" : "reviews.example",
              call ? OptionalInt.empty() : OptionalInt.of(1 + rng.nextInt(2)),
              call ? pick(rng, CALL_BACK) : pick(rng, COMPLAINTS),
              on,
              call));
    }
  }

  private static String pick(SplittableRandom rng, String[] from) {
    return from[rng.nextInt(from.length)];
  }
}
