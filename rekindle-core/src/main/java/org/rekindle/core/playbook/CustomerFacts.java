package org.rekindle.core.playbook;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a condition can look at for one customer: their latest scores (NaN when the run has none,
 * e.g. no spend model), their record, and their state. Built by whoever evaluates playbooks.
 *
 * @param consents the channels the customer consents to
 */
public record CustomerFacts(
    double valueAtRisk,
    double clv,
    double pAlive,
    double overdueRatio,
    double daysSinceLast,
    Optional<String> segment,
    Set<String> tags,
    Optional<String> ownerRep,
    AccountKind accountKind,
    Optional<CustomerState> state,
    Set<Channel> consents) {

  public CustomerFacts {
    Objects.requireNonNull(segment, "segment");
    tags = Set.copyOf(tags);
    Objects.requireNonNull(ownerRep, "ownerRep");
    Objects.requireNonNull(accountKind, "accountKind");
    Objects.requireNonNull(state, "state");
    consents = Set.copyOf(consents);
  }

  /** The value of a numeric field; NaN when unknown. */
  public double number(Condition.NumberField field) {
    return switch (field) {
      case VALUE_AT_RISK -> valueAtRisk;
      case CLV -> clv;
      case P_ALIVE -> pAlive;
      case OVERDUE_RATIO -> overdueRatio;
      case DAYS_SINCE_LAST -> daysSinceLast;
    };
  }
}
