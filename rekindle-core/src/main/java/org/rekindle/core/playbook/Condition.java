package org.rekindle.core.playbook;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A playbook's {@code when:}: a fixed set of typed tests on {@link CustomerFacts}, combined with
 * and, or and not. There are no variables, loops or function calls, so evaluating one always ends
 * and can do nothing but answer yes or no.
 *
 * <p>An unknown value never satisfies a test: a customer without a value at risk is neither {@code
 * >= 500} nor {@code < 500}, and one without a segment is in no list of segments.
 */
public sealed interface Condition {

  /** The condition that always holds: a playbook without {@code when:}. */
  Condition ALWAYS = new All(List.of());

  /** Whether the customer meets this condition. */
  boolean test(CustomerFacts facts);

  /** The numeric fields a comparison can test. */
  enum NumberField {
    VALUE_AT_RISK,
    CLV,
    P_ALIVE,
    OVERDUE_RATIO,
    DAYS_SINCE_LAST;

    /** The key in {@code when:}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A comparison operator. */
  enum Operator {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("="),
    NE("!=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean holds(double left, double right) {
      if (Double.isNaN(left)) {
        return false;
      }
      return switch (this) {
        case LT -> left < right;
        case LE -> left <= right;
        case GT -> left > right;
        case GE -> left >= right;
        case EQ -> left == right;
        case NE -> left != right;
      };
    }
  }

  /** Every condition holds (true when there are none). */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return conditions.stream().allMatch(c -> c.test(facts));
    }
  }

  /** At least one condition holds. */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("'any' needs at least one condition");
      }
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return conditions.stream().anyMatch(c -> c.test(facts));
    }
  }

  /** The condition does not hold. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return !condition.test(facts);
    }
  }

  /** A numeric field compared with a number: {@code value_at_risk: ">= 500"}. */
  record Compare(NumberField field, Operator operator, double value) implements Condition {
    public Compare {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(operator, "operator");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a comparison needs a finite number");
      }
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return operator.holds(facts.number(field), value);
    }
  }

  /** The customer's segment is one of these. */
  record SegmentIn(Set<String> segments) implements Condition {
    public SegmentIn {
      segments = Set.copyOf(segments);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return facts.segment().filter(segments::contains).isPresent();
    }
  }

  /** The customer's owner rep is one of these. */
  record OwnerRepIn(Set<String> reps) implements Condition {
    public OwnerRepIn {
      reps = Set.copyOf(reps);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return facts.ownerRep().filter(reps::contains).isPresent();
    }
  }

  /** The customer has every one of these tags. */
  record TagsInclude(Set<String> tags) implements Condition {
    public TagsInclude {
      tags = Set.copyOf(tags);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return facts.tags().containsAll(tags);
    }
  }

  /** The customer has none of these tags. */
  record TagsExclude(Set<String> tags) implements Condition {
    public TagsExclude {
      tags = Set.copyOf(tags);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return tags.stream().noneMatch(facts.tags()::contains);
    }
  }

  /** The customer's account kind is one of these. */
  record AccountKindIn(Set<AccountKind> kinds) implements Condition {
    public AccountKindIn {
      kinds = Set.copyOf(kinds);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return kinds.contains(facts.accountKind());
    }
  }

  /** The customer's lifecycle state is one of these. */
  record StateIn(Set<CustomerState> states) implements Condition {
    public StateIn {
      states = Set.copyOf(states);
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return facts.state().filter(states::contains).isPresent();
    }
  }

  /** The customer's consent on a channel is as given: {@code consent_email: true}. */
  record Consent(Channel channel, boolean given) implements Condition {
    public Consent {
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public boolean test(CustomerFacts facts) {
      return facts.consents().contains(channel) == given;
    }
  }
}
