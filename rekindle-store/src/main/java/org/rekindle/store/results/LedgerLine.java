package org.rekindle.store.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * The comebacks credited to one playbook (or to contacts and offers outside the playbooks, or to
 * nothing), summed.
 *
 * @param key the playbook's id, {@link #OUTSIDE} or {@link #ON_THEIR_OWN}
 * @param comebacks the comebacks (a customer who came back twice counts twice)
 * @param byOffer of those, credited by the offer the order redeemed
 * @param byContact of those, credited by a contact in the window
 */
public record LedgerLine(
    String key,
    String name,
    long comebacks,
    long byOffer,
    long byContact,
    BigDecimal revenue,
    BigDecimal offerCost) {
  /** The line of comebacks credited to a contact or offer made outside the playbooks. */
  public static final String OUTSIDE = "(outside the playbooks)";

  /** The line of comebacks credited to nothing: they came back on their own. */
  public static final String ON_THEIR_OWN = "(came back on their own)";

  public LedgerLine {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(offerCost, "offerCost");
  }

  /** Revenue less the offers' cost. */
  public BigDecimal net() {
    return revenue.subtract(offerCost);
  }

  /** Net over cost; empty when the offers cost nothing ("no cost"), never a division by zero. */
  public Optional<BigDecimal> roi() {
    return offerCost.signum() == 0
        ? Optional.empty()
        : Optional.of(net().divide(offerCost, 4, RoundingMode.HALF_EVEN));
  }
}
