package org.rekindle.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionTest {

  /** A key account at risk: the facts every row of the table is tested against. */
  private static final CustomerFacts KEY_ACCOUNT =
      new CustomerFacts(
          750.0,
          1200.0,
          0.35,
          2.5,
          120,
          Optional.of("key"),
          Set.of("vip", "north"),
          Optional.of("alice"),
          AccountKind.CREDIT_ACCOUNT,
          Optional.of(CustomerState.LAPSING),
          EnumSet.of(Channel.EMAIL, Channel.PHONE));

  /** A one-time consumer with no scores yet, nothing known but the minimum. */
  private static final CustomerFacts UNKNOWN =
      new CustomerFacts(
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Optional.empty(),
          Set.of(),
          Optional.empty(),
          AccountKind.CONSUMER,
          Optional.empty(),
          Set.of());

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("{}", true, true),
        Arguments.of("{value_at_risk: \">= 500\"}", true, false),
        Arguments.of("{value_at_risk: \">= 750\"}", true, false),
        Arguments.of("{value_at_risk: \"> 750\"}", false, false),
        Arguments.of("{value_at_risk: \"< 500\"}", false, false),
        Arguments.of("{value_at_risk: \"!= 500\"}", true, false),
        Arguments.of("{clv: \"= 1200\"}", true, false),
        Arguments.of("{clv: \"<= 1199.99\"}", false, false),
        Arguments.of("{p_alive: \"< 0.5\"}", true, false),
        Arguments.of("{p_alive: [\">= 0.3\", \"< 0.4\"]}", true, false),
        Arguments.of("{p_alive: [\">= 0.4\", \"< 0.5\"]}", false, false),
        Arguments.of("{overdue_ratio: \">=2\"}", true, false),
        Arguments.of("{days_since_last: \"> 90\"}", true, false),
        Arguments.of("{segment: key}", true, false),
        Arguments.of("{segment: [wholesale, key]}", true, false),
        Arguments.of("{segment: wholesale}", false, false),
        Arguments.of("{owner_rep: alice}", true, false),
        Arguments.of("{owner_rep: [bob]}", false, false),
        Arguments.of("{tags_include: vip}", true, false),
        Arguments.of("{tags_include: [vip, north]}", true, false),
        Arguments.of("{tags_include: [vip, south]}", false, false),
        Arguments.of("{tags_exclude: south}", true, true),
        Arguments.of("{tags_exclude: [south, vip]}", false, true),
        Arguments.of("{account_kind: credit_account}", true, false),
        Arguments.of("{account_kind: consumer}", false, true),
        Arguments.of("{account_kind: [consumer, credit_account]}", true, true),
        Arguments.of("{state: lapsing}", true, false),
        Arguments.of("{state: [dormant, lost]}", false, false),
        Arguments.of("{consent_email: true}", true, false),
        Arguments.of("{consent_letter: true}", false, false),
        Arguments.of("{consent_letter: false}", true, true),
        Arguments.of("{consent_sms: false, consent_phone: true}", true, false),
        Arguments.of("{value_at_risk: \">= 500\", segment: wholesale}", false, false),
        Arguments.of("{any: [{segment: wholesale}, {tags_include: vip}]}", true, false),
        Arguments.of("{any: [{segment: wholesale}, {account_kind: consumer}]}", false, true),
        Arguments.of("{not: {segment: key}}", false, true),
        Arguments.of("{not: {value_at_risk: \">= 500\"}}", false, true),
        Arguments.of(
            "{any: [{not: {state: lapsing}}, {p_alive: \"> 0.9\"}], account_kind: credit_account}",
            false,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void test_table(String when, boolean keyAccount, boolean unknown) {
    Condition condition =
        PlaybookLoader.parse(
                "playbooks:\n  - id: p\n    trigger: {type: account_notice_due}\n    when: "
                    + when
                    + "\n    steps: [letter: {template: t}]\n",
                "rekindle.yaml")
            .playbooks()
            .get(0)
            .condition();

    assertThat(condition.test(KEY_ACCOUNT)).as("key account").isEqualTo(keyAccount);
    assertThat(condition.test(UNKNOWN)).as("unknown customer").isEqualTo(unknown);
  }
}
