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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /** One bad value in an otherwise good playbook (line 3 is the trigger, 4 the condition). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {type: entered_state}                          | {}                          | letter: {template: t}                                  | 3:14: an entered_state trigger needs 'state'
          {type: account_notice_due, days: 3}           | {}                          | letter: {template: t}                                  | 3:41: unknown key 'days' in an account_notice_due trigger (expected type)
          {type: no_contact_for, days: 0}                | {}                          | letter: {template: t}                                  | 3:43: days must be at least 1, not 0
          {type: no_contact_for, days: 30, segment: []}  | {}                          | letter: {template: t}                                  | 3:56: segment must be a text, not a list
          {type: lost_for, days: 2.5}                    | {}                          | letter: {template: t}                                  | 3:37: days must be a whole number, not '2.5'
          {type: account_notice_due}                     | {p_alive: "< 50"}           | letter: {template: t}                                  | 4:21: p_alive is a probability between 0 and 1, not 50
          {type: account_notice_due}                     | {clv: 500}                  | letter: {template: t}                                  | 4:17: bad comparison '500' for clv: write an operator (<, <=, >, >=, =, !=) and a number in quotes, e.g. clv: ">= 500"
          {type: account_notice_due}                     | {clv: [">= 1", "=< 9"]}     | letter: {template: t}                                  | 4:26: bad comparison '=< 9' for clv: write an operator (<, <=, >, >=, =, !=) and a number in quotes, e.g. clv: ">= 500"
          {type: account_notice_due}                     | {account_kind: business}    | letter: {template: t}                                  | 4:26: bad account_kind 'business': expected one of consumer, credit_account
          {type: account_notice_due}                     | {consent_email: yes}        | letter: {template: t}                                  | 4:27: consent_email must be true or false, not 'yes'
          {type: account_notice_due}                     | {any: []}                   | letter: {template: t}                                  | 4:17: 'any' is empty: list the conditions of which one must hold
          {type: account_notice_due}                     | {not: [{state: lost}]}      | letter: {template: t}                                  | 4:17: 'not' must be a mapping of 'key: value' lines, not a list
          {type: account_notice_due}                     | {}                          | letter: {template: ../etc/passwd}                      | 5:32: bad template name '../etc/passwd': use lower-case letters, digits, '-' and '_' (it names a file)
          {type: account_notice_due}                     | {}                          | emial: {template: t}                                   | 5:13: bad step 'emial' (did you mean 'email'?): expected one of email, letter, call, offer, survey, wait
          {type: account_notice_due}                     | {}                          | call: {assign: bob}                                    | 5:28: bad assign 'bob': expected one of owner_rep, pool
          {type: account_notice_due}                     | {}                          | survey: {template: s, channel: phone}                  | 5:44: bad channel 'phone': expected one of email, letter
          {type: account_notice_due}                     | {}                          | letter: t                                              | 5:21: a letter step needs its settings as a mapping, not 't'
          {type: account_notice_due}                     | {}                          | offer: {kind: percent, value: 10, currency: USD, expires_in_days: 9}, letter: {template: t} | 5:57: a percentage offer has no currency
          {type: account_notice_due}                     | {}                          | offer: {kind: amount, value: 10, currency: usd, expires_in_days: 9}, letter: {template: t}  | 5:56: bad currency 'usd': write its ISO 4217 code, e.g. USD
          {type: account_notice_due}                     | {}                          | offer: {kind: amount, value: -5, expires_in_days: 9}, letter: {template: t}                 | 5:42: an offer's value must be more than 0, not -5
          """)
  void parse_badValue_isReportedWhereItIs(
      String trigger, String when, String steps, String problem) {
    String yaml =
        "playbooks:\n  - id: p\n    trigger: "
            + trigger
            + "\n    when: "
            + when
            + "\n    steps: ["
            + steps
            + "]\n";
    assertThat(problems(yaml)).containsExactly("rekindle.yaml:" + problem);
  }

  @Test
  void parse_yamlWeHaveNoUseFor() {
    assertThat(problems("playbooks: []\nextra: &a 1\nmore: *a\n"))
        .containsExactly(
            "rekindle.yaml:2:1: unknown key 'extra' in the file (expected version, settings,"
                + " contact_policy, business, service_recovery, playbooks)",
            "rekindle.yaml:3:1: unknown key 'more' in the file (expected version, settings,"
                + " contact_policy, business, service_recovery, playbooks)",
            "rekindle.yaml:3:7: aliases ('*name') are not supported: write the value out");
    assertThat(problems("playbooks: []\n---\nplaybooks: []\n"))
        .containsExactly("rekindle.yaml:3:1: a second YAML document ('---'): write one only");
    assertThat(problems("settings: {stop_when: [ordered, bought]}\nplaybooks: []\n"))
        .containsExactly(
            "rekindle.yaml:1:33: bad stop_when 'bought': expected one of ordered, replied");
  }

  @Test
  void parse_noPlaybooks_isAnEmptyList() {
    assertThat(parse("playbooks: []\n").playbooks()).isEmpty();
  }

  @Test
  void load_notUtf8OrMissing(@TempDir Path dir) throws Exception {
    Path latin1 = dir.resolve("rekindle.yaml");
    Files.write(latin1, "playbooks: [] # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> PlaybookLoader.load(latin1))
        .isInstanceOf(PlaybookException.class)
        .hasMessage("rekindle.yaml:1:1: the file is not UTF-8 text");
    assertThatThrownBy(() -> PlaybookLoader.load(dir.resolve("nope.yaml")))
        .isExactlyInstanceOf(org.rekindle.core.RekindleException.class)
        .hasMessageStartingWith("cannot read " + dir.resolve("nope.yaml"));
  }

  @Test
  void closest_suggestsOnlyNearMisses() {
    assertThat(PlaybookReader.closest("tirgger", List.of("id", "trigger"))).isEqualTo("trigger");
    assertThat(PlaybookReader.closest("colour", List.of("id", "trigger"))).isEmpty();
  }
}
