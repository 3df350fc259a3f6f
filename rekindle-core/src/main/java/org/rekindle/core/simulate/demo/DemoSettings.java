package org.rekindle.core.simulate.demo;

import java.time.LocalDate;
import java.util.Objects;
import org.rekindle.core.RekindleException;

/**
 * What sample business to draw: how many accounts, the last day of its three years of orders, and
 * the seed. The same settings give the same business, byte for byte.
 *
 * @param customers how many accounts, from {@value #MIN_CUSTOMERS} (so every kind of buyer is
 *     there) to {@value #MAX_CUSTOMERS}
 * @param asOf the last day with orders ("today" of the business)
 * @param seed the random seed
 */
public record DemoSettings(int customers, LocalDate asOf, long seed) {
  /** The fewest accounts a demo business has: every kind of buyer needs a few. */
  public static final int MIN_CUSTOMERS = 20;

  /** The most: a demo to look at, not a benchmark ({@code rekindle generate} is for scale). */
  public static final int MAX_CUSTOMERS = 100_000;

  /** How many years of orders the business has. */
  public static final int YEARS = 3;

  public DemoSettings {
    Objects.requireNonNull(asOf, "asOf");
    if (customers < MIN_CUSTOMERS || customers > MAX_CUSTOMERS) {
      throw new RekindleException(
          "a demo business has from "
              + MIN_CUSTOMERS
              + " to "
              + MAX_CUSTOMERS
              + " accounts, not "
              + customers);
    }
    if (asOf.getYear() < 1900 || asOf.getYear() > 9000) {
      throw new RekindleException("the demo's last day must be between 1900 and 9000: " + asOf);
    }
  }

  /** The first day orders can fall on: {@value #YEARS} years before {@link #asOf}, plus a day. */
  public LocalDate firstDay() {
    return asOf.minusYears(YEARS).plusDays(1);
  }

  /** How many sales reps own the accounts: one per 500 accounts, from 3 to 5. */
  public int reps() {
    return Math.max(3, Math.min(5, customers / 500));
  }
}
