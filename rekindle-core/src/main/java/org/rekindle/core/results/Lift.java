package org.rekindle.core.results;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Did a playbook bring back customers who would not have come back anyway? The contacted group's
 * reactivation rate minus the holdout group's, with Newcombe's 95% interval ({@link
 * Proportions#newcombe}).
 *
 * <p><b>Enough data.</b> A difference is reported only when each group has at least {@value
 * #MIN_CUSTOMERS} customers and each of the four cells of the two-by-two table (came back or stayed
 * away, contacted or holdout) has at least {@value #MIN_PER_CELL} customers. The second part is the
 * familiar rule of thumb for two-by-two tables (Cochran 1954, Biometrics 10:417-451: expected
 * counts of at least 5), applied to the observed counts; the first keeps a handful of customers
 * from passing it by luck. Newcombe's interval itself stays valid on smaller counts, but an
 * interval of, say, -0.2 to 0.6 printed to four places reads as a result when it is not one; below
 * these counts the answer is "not enough data yet" with the reason in words.
 *
 * @param contacted the customers the playbook contacted
 * @param holdout the customers held back from it
 */
public record Lift(Group contacted, Group holdout) {
  /** Fewest customers in each group before a difference is reported. */
  public static final int MIN_CUSTOMERS = 30;

  /** Fewest customers in each cell (came back or not, in each group) before one is reported. */
  public static final int MIN_PER_CELL = 5;

  /** The lift of {@code contactedReactivated} of {@code contacted} over the holdout's. */
  public static Lift of(
      long contacted, long contactedReactivated, long holdout, long holdoutReactivated) {
    return new Lift(
        new Group(contacted, contactedReactivated), new Group(holdout, holdoutReactivated));
  }

  /** The contacted group's reactivation rate; empty when it has no customers. */
  public OptionalDouble contactedRate() {
    return contacted.rate();
  }

  /** The holdout group's reactivation rate; empty when it has no customers. */
  public OptionalDouble holdoutRate() {
    return holdout.rate();
  }

  /** Why there is not enough data yet, in words; empty when there is enough. */
  public Optional<String> notEnoughData() {
    return shortfall(contacted, "contacted").or(() -> shortfall(holdout, "holdout"));
  }

  /**
   * The contacted rate minus the holdout rate with its 95% interval; empty when there is {@link
   * #notEnoughData() not enough data}.
   */
  public Optional<Difference> difference() {
    if (notEnoughData().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        Proportions.newcombe(
            contacted.reactivated(), contacted.customers(),
            holdout.reactivated(), holdout.customers()));
  }

  /** Whether the interval excludes zero; never when there is not enough data. */
  public boolean significant() {
    return difference().map(Difference::significant).orElse(false);
  }

  /** The answer in one word. */
  public Verdict verdict() {
    Optional<Difference> d = difference();
    if (d.isEmpty()) {
      return Verdict.NOT_ENOUGH_DATA;
    }
    Interval i = d.get().interval();
    if (i.lower() > 0) {
      return Verdict.MORE_CAME_BACK;
    }
    if (i.upper() < 0) {
      return Verdict.FEWER_CAME_BACK;
    }
    return Verdict.NO_CLEAR_DIFFERENCE;
  }

  private static Optional<String> shortfall(Group g, String name) {
    if (g.customers() < MIN_CUSTOMERS) {
      return Optional.of(
          "not enough data yet: the "
              + name
              + " group has "
              + customers(g.customers())
              + ", and at least "
              + MIN_CUSTOMERS
              + " are needed");
    }
    if (g.reactivated() < MIN_PER_CELL) {
      return Optional.of(
          "not enough data yet: "
              + customers(g.reactivated())
              + " in the "
              + name
              + " group came back, and at least "
              + MIN_PER_CELL
              + " are needed");
    }
    if (g.stayedAway() < MIN_PER_CELL) {
      return Optional.of(
          "not enough data yet: "
              + customers(g.stayedAway())
              + " in the "
              + name
              + " group stayed away, and at least "
              + MIN_PER_CELL
              + " are needed");
    }
    return Optional.empty();
  }

  private static String customers(long n) {
    return n == 1 ? "1 customer" : n + " customers";
  }
}
