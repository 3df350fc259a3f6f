package org.rekindle.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {

  private static Playbooks parse(String yaml) {
    return PlaybookLoader.parse(yaml, "rekindle.yaml");
  }

  /** The problems of a bad file, as the user sees them. */
  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (PlaybookException e) {
      return e.problems().stream().map(PlaybookException.Problem::toString).toList();
    }
    throw new AssertionError("the file was accepted:\n" + yaml);
  }

  private static String one(String playbookBody) {
    return "playbooks:\n  - id: p\n" + playbookBody;
  }

  private static final String STEPS = "    steps:\n      - letter: {template: t}\n";

  @Test
  void loadDefault_hasTheSixDefaults() {
    Playbooks defaults = PlaybookLoader.loadDefault();

    assertThat(defaults.source()).isEqualTo("default-rekindle.yaml");
    assertThat(defaults.playbooks())
        .extracting(Playbook::id)
        .containsExactly(
            "lapsing-check-in",
            "dormant-win-back",
            "account-dormancy-notice",
            "key-account-check-in",
            "birthday-card",
            "lost-exit-survey");
    assertThat(defaults.settings()).isEqualTo(Playbooks.Settings.DEFAULT);
    assertThat(defaults.find("lapsing-check-in").orElseThrow().trigger())
        .isEqualTo(new Trigger.EnteredState(CustomerState.LAPSING));

    Playbook winBack = defaults.find("dormant-win-back").orElseThrow();
    assertThat(winBack.trigger()).isEqualTo(new Trigger.EnteredState(CustomerState.DORMANT));
    assertThat(winBack.steps().get(0))
        .isEqualTo(
            new Step.Offer(Step.OfferKind.PERCENT, new BigDecimal("15"), Optional.empty(), 30));
    assertThat(winBack.holdout()).isEqualTo(0.10);

    Playbook notice = defaults.find("account-dormancy-notice").orElseThrow();
    assertThat(notice.trigger()).isEqualTo(new Trigger.AccountNoticeDue());
    assertThat(notice.stopWhen()).containsExactly(StopWhen.ORDERED);
    assertThat(notice.holdout()).isZero();

    assertThat(defaults.find("key-account-check-in").orElseThrow().trigger())
        .isEqualTo(new Trigger.NoContactFor(30, Optional.of("key"), Optional.empty()));
    assertThat(defaults.find("birthday-card").orElseThrow().trigger())
        .isEqualTo(new Trigger.Birthday(7));
    assertThat(defaults.find("birthday-card").orElseThrow().stopWhen()).isEmpty();

    Playbook survey = defaults.find("lost-exit-survey").orElseThrow();
    assertThat(survey.trigger()).isEqualTo(new Trigger.LostFor(14));
    assertThat(survey.steps()).containsExactly(new Step.SurveyLink("exit-survey", Channel.EMAIL));
    assertThat(defaults.enabledByPriority())
        .extracting(Playbook::id)
        .startsWith("account-dormancy-notice", "dormant-win-back", "lapsing-check-in");
  }

  @Test
  void parse_everyTriggerKind() {
    String yaml =
        """
        playbooks:
          - {id: a, trigger: {type: entered_state, state: reactivated}, steps: [letter: {template: t}]}
          - {id: b, trigger: {type: account_notice_due}, steps: [letter: {template: t}]}
          - {id: c, trigger: {type: no_contact_for, days: 90, tag: vip}, steps: [letter: {template: t}]}
          - {id: d, trigger: {type: no_contact_for, days: 7}, steps: [letter: {template: t}]}
          - {id: e, trigger: {type: birthday}, steps: [letter: {template: t}]}
          - {id: f, trigger: {type: customer_since_anniversary, days_before: 3}, steps: [letter: {template: t}]}
          - {id: g, trigger: {type: lost_for, days: 0}, steps: [letter: {template: t}]}
        """;

    assertThat(parse(yaml).playbooks())
        .extracting(Playbook::trigger)
        .containsExactly(
            new Trigger.EnteredState(CustomerState.REACTIVATED),
            new Trigger.AccountNoticeDue(),
            new Trigger.NoContactFor(90, Optional.empty(), Optional.of("vip")),
            new Trigger.NoContactFor(7, Optional.empty(), Optional.empty()),
            new Trigger.Birthday(0),
            new Trigger.CustomerSinceAnniversary(3),
            new Trigger.LostFor(0));
  }

  @Test
  void parse_everyStepKindAndThePlaybookDefaults() {
    String yaml =
        """
        settings:
          holdout: 0.2
          stop_when: [replied]
        playbooks:
          - id: all-steps
            trigger: {type: entered_state, state: dormant}
            steps:
              - email: {template: e1, subject: "Hello, again"}
              - wait: 3
              - offer: {kind: amount, value: 25.50, currency: EUR, expires_in_days: 14}
              - offer: {kind: free_service, value: 80, expires_in_days: 60}
              - letter: {template: l1}
              - call:
              - call: {assign: pool, talking_points: Ask about the new site}
              - survey: {template: s1, channel: letter}
        """;

    Playbook playbook = parse(yaml).playbooks().get(0);

    assertThat(playbook.steps())
        .containsExactly(
            new Step.Email("e1", "Hello, again"),
            new Step.Wait(3),
            new Step.Offer(
                Step.OfferKind.AMOUNT,
                new BigDecimal("25.50"),
                Optional.of(Currency.getInstance("EUR")),
                14),
            new Step.Offer(Step.OfferKind.FREE_SERVICE, new BigDecimal("80"), Optional.empty(), 60),
            new Step.Letter("l1"),
            new Step.CallTask(Optional.empty(), Step.Assignee.OWNER_REP),
            new Step.CallTask(Optional.of("Ask about the new site"), Step.Assignee.POOL),
            new Step.SurveyLink("s1", Channel.LETTER));
    assertThat(playbook.name()).isEqualTo("all-steps");
    assertThat(playbook.enabled()).isTrue();
    assertThat(playbook.holdout()).isEqualTo(0.2);
    assertThat(playbook.stopWhen()).containsExactly(StopWhen.REPLIED);
    assertThat(playbook.priority()).isZero();
    assertThat(playbook.condition()).isEqualTo(Condition.ALWAYS);
  }

  @Test
  void parse_conditions() {
    String yaml =
        one(
            """
                trigger: {type: entered_state, state: lapsing}
                when:
                  value_at_risk: ">= 500"
                  p_alive: ["> 0.1", "< 0.5"]
                  segment: [key, wholesale]
                  account_kind: credit_account
                  tags_include: vip
                  not: {state: lost}
            """
                + STEPS);

    Condition condition = parse(yaml).playbooks().get(0).condition();

    assertThat(condition)
        .isEqualTo(
            new Condition.All(
                List.of(
                    new Condition.Compare(
                        Condition.NumberField.VALUE_AT_RISK, Condition.Operator.GE, 500),
                    new Condition.All(
                        List.of(
                            new Condition.Compare(
                                Condition.NumberField.P_ALIVE, Condition.Operator.GT, 0.1),
                            new Condition.Compare(
                                Condition.NumberField.P_ALIVE, Condition.Operator.LT, 0.5))),
                    new Condition.SegmentIn(Set.of("key", "wholesale")),
                    new Condition.AccountKindIn(Set.of(AccountKind.CREDIT_ACCOUNT)),
                    new Condition.TagsInclude(Set.of("vip")),
                    new Condition.Not(
                        new Condition.All(
                            List.of(new Condition.StateIn(Set.of(CustomerState.LOST))))))));
  }

  @Test
  void parse_unknownKey_namesItAndTheLikelyMeant() {
    assertThat(
            problems(
                """
                playbooks:
                  - id: p
                    tirgger: {type: account_notice_due}
                """
                    + STEPS))
        .containsExactly(
            "rekindle.yaml:2:5: a playbook needs 'trigger'",
            "rekindle.yaml:3:5: unknown key 'tirgger' in a playbook (did you mean 'trigger'?)");
  }

  @Test
  void parse_badStateName() {
    assertThat(problems(one("    trigger: {type: entered_state, state: lapsed}\n" + STEPS)))
        .containsExactly(
            "rekindle.yaml:3:43: bad state 'lapsed' (did you mean 'lapsing'?): expected one of"
                + " new, active, lapsing, dormant, lost, reactivated");
  }

  @Test
  void parse_negativeDays() {
    assertThat(problems(one("    trigger: {type: lost_for, days: -3}\n" + STEPS)))
        .containsExactly("rekindle.yaml:3:37: days must be at least 0, not -3");
  }

  @Test
  void parse_wrongType() {
    assertThat(
            problems(
                one(
                    "    enabled: yes please\n"
                        + "    trigger: {type: no_contact_for, days: thirty}\n"
                        + STEPS)))
        .containsExactly(
            "rekindle.yaml:3:14: enabled must be true or false, not 'yes please'",
            "rekindle.yaml:4:43: days must be a whole number, not 'thirty'");
  }

  @Test
  void parse_badOperator() {
    assertThat(
            problems(
                one(
                    "    trigger: {type: account_notice_due}\n"
                        + "    when: {value_at_risk: \"=> 500\"}\n"
                        + STEPS)))
        .containsExactly(
            "rekindle.yaml:4:27: bad comparison '=> 500' for value_at_risk: write an operator"
                + " (<, <=, >, >=, =, !=) and a number in quotes, e.g. value_at_risk: \">= 500\"");
  }

  @Test
  void parse_unknownConditionField() {
    assertThat(
            problems(
                one(
                    "    trigger: {type: account_notice_due}\n    when: {p_alvie: \"< 0.5\"}\n"
                        + STEPS)))
        .containsExactly(
            "rekindle.yaml:4:12: unknown key 'p_alvie' in 'when' (did you mean 'p_alive'?)");
  }

  @Test
  void parse_duplicateId() {
    String yaml =
        """
        playbooks:
          - {id: same, trigger: {type: account_notice_due}, steps: [letter: {template: t}]}
          - {id: same, trigger: {type: account_notice_due}, steps: [letter: {template: t}]}
        """;
    assertThat(problems(yaml))
        .containsExactly("rekindle.yaml:3:10: playbook id 'same' is used twice (first on line 2)");
  }

  @Test
  void parse_yamlSyntaxError() {
    assertThat(problems("playbooks:\n  - id: p\n   trigger: [\n"))
        .singleElement()
        .asString()
        .startsWith("rekindle.yaml:3:")
        .contains("YAML syntax: ");
  }

  @Test
  void parse_duplicateKey() {
    assertThat(problems(one("    trigger: {type: account_notice_due}\n    id: q\n" + STEPS)))
        .containsExactly(
            "rekindle.yaml:4:5: key 'id' appears twice in this mapping (first on line 2)");
  }

  @Test
  void parse_severalProblems_allReportedInFileOrder() {
    String yaml =
        """
        version: 2
        settings: {holdout: 0.9}
        playbooks:
          - id: Bad_Id
            trigger: {type: birthday, days_before: 400}
            steps:
              - email: {template: x}
              - offer: {kind: percent, value: 120, expires_in_days: 0}
              - wait: 5
          - id: ok
            trigger: {type: sometime}
            steps: []
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "rekindle.yaml:1:10: version must be at most 1, not 2",
            "rekindle.yaml:2:21: holdout must be between 0.0 and 0.5, not 0.9",
            "rekindle.yaml:4:9: bad id 'Bad_Id': use lower-case letters, digits and '-' (at most"
                + " 64), e.g. 'dormant-win-back'",
            "rekindle.yaml:5:44: days_before must be at most 365, not 400",
            "rekindle.yaml:7:16: an email step needs 'subject'",
            "rekindle.yaml:8:39: a percentage offer cannot exceed 100, not 120",
            "rekindle.yaml:8:61: expires_in_days must be at least 1, not 0",
            "rekindle.yaml:11:21: bad trigger type 'sometime': expected one of entered_state,"
                + " account_notice_due, no_contact_for, birthday, customer_since_anniversary,"
                + " lost_for",
            "rekindle.yaml:12:12: 'steps' is empty: a playbook needs at least one step");
  }

  @Test
  void parse_stepRules() {
    assertThat(
            problems(
                one(
                    """
                        trigger: {type: account_notice_due}
                        steps:
                          - offer: {kind: amount, value: 10, expires_in_days: 30}
                          - wait: 3
                    """)))
        .containsExactly(
            "rekindle.yaml:5:9: an offer needs an email, letter, call or survey after it to tell"
                + " the customer",
            "rekindle.yaml:6:9: a playbook cannot end with a wait: nothing follows it");
  }

  @Test
  void parse_emptyOrNotAMapping() {
    assertThat(problems(""))
        .containsExactly("rekindle.yaml:1:1: the file is empty: it needs a 'playbooks:' list");
    assertThat(problems("- a\n- b\n"))
        .containsExactly(
            "rekindle.yaml:1:1: the file must be a mapping of 'key: value' lines, not a list");
  }

  @Test
  void load_readsTheFileAndNamesItInProblems(@TempDir Path home) throws Exception {
    Path file = home.resolve("rekindle.yaml");
    Files.writeString(file, "playbooks:\n  - id: p\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PlaybookLoader.forHome(home))
        .isInstanceOf(PlaybookException.class)
        .hasMessageContaining("rekindle.yaml:2:5: a playbook needs 'trigger'");
  }

  @Test
  void forHome_fallsBackToTheDefault(@TempDir Path home) throws Exception {
    PlaybookLoader.Loaded loaded = PlaybookLoader.forHome(home);
    assertThat(loaded.file()).isEmpty();
    assertThat(loaded.playbooks().playbooks()).hasSize(6);

    Files.writeString(home.resolve("rekindle.yaml"), PlaybookLoader.defaultText());
    assertThat(PlaybookLoader.forHome(home).file()).contains(home.resolve("rekindle.yaml"));
  }

  @Test
  void closest_suggestsOnlyNearMisses() {
    assertThat(PlaybookReader.closest("tirgger", List.of("id", "trigger"))).isEqualTo("trigger");
    assertThat(PlaybookReader.closest("colour", List.of("id", "trigger"))).isEmpty();
  }
}
