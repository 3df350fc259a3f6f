package org.rekindle.store.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CasesTest extends FeedbackTestBase {
  private Cases cases;
  private Feedback feedback;

  @BeforeEach
  void services() {
    cases = new Cases(store.jdbi(), clock);
    feedback = new Feedback(store.jdbi(), clock, Duration.ofHours(24));
  }

  private long complaint(String customer) {
    return feedback
        .add(
            new Feedback.Entry(
                customer,
                "reviews.example",
                Optional.of(1),
                Optional.of("awful"),
                LocalDate.of(2026, 11, 1),
                false,
                Optional.empty()))
        .caseId()
        .orElseThrow();
  }

  @Test
  void contact_meetsTheSla_writesAContact_andIsNotEscalated() {
    long id = complaint("c1");
    clock.advance(Duration.ofHours(3));

    Cases.Contacted c = cases.contact(id, "Maria", Cases.Channel.CALL, Optional.of("apologised"));
    Cases.Contacted again = cases.contact(id, "Maria", Cases.Channel.EMAIL, Optional.empty());
    clock.advance(Duration.ofDays(2));
    int escalated = cases.escalate("Dana Hill");

    assertThat(c.first()).isTrue();
    assertThat(c.late()).isFalse();
    assertThat(again.first()).isFalse();
    assertThat(escalated).isZero();
    assertThat(
            count(
                "SELECT count(*) FROM contacts WHERE source = 'case' AND channel = 'call'"
                    + " AND contacted_on = '2026-11-02' AND note = 'case #1 (Maria): apologised'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(2);
    Cases.Detail d = cases.show(id);
    assertThat(d.summary().firstContactAt()).contains(START.plus(Duration.ofHours(3)));
    assertThat(d.summary().overdue()).isFalse();
    assertThat(d.actions())
        .extracting(Cases.Action::action, Cases.Action::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("opened", "rekindle"),
            org.assertj.core.groups.Tuple.tuple("contacted", "Maria"),
            org.assertj.core.groups.Tuple.tuple("contacted", "Maria"));
  }

  @Test
  void escalate_oncePerMissedSla_toTheManager() {
    long late = complaint("c1");
    clock.advance(Duration.ofHours(1));
    long onTime = complaint("c2");
    clock.advance(Duration.ofHours(23));

    // c1's first contact fell due just now; c2's is an hour away
    assertThat(cases.escalate("Dana Hill")).isEqualTo(1);
    assertThat(cases.escalate("Dana Hill")).isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(cases.escalate("  ")).isEqualTo(1);

    Cases.Case first = cases.show(late).summary();
    assertThat(first.escalatedTo()).contains("Dana Hill");
    assertThat(first.escalatedAt()).contains(START.plus(Duration.ofHours(24)));
    assertThat(first.overdue()).isTrue();
    assertThat(cases.show(onTime).summary().escalatedTo()).contains("manager");
    assertThat(cases.show(late).actions())
        .filteredOn(a -> a.action().equals("escalated"))
        .extracting(a -> a.note().orElseThrow())
        .containsExactly(
            "no first contact by 2026-11-03 09:00 UTC (Maria): escalated to Dana Hill");
    // a late first contact is said to be late, and ends the overdue mark
    Cases.Contacted c = cases.contact(late, "Maria", Cases.Channel.VISIT, Optional.empty());
    assertThat(c.late()).isTrue();
    assertThat(cases.show(late).summary().overdue()).isFalse();
  }

  @Test
  void closedAndClosedCases_refuseWhatMakesNoSense() {
    long id = complaint("c3");

    assertThatThrownBy(() -> cases.close(99, Cases.Outcome.RESOLVED, "Sam", Optional.empty()))
        .isInstanceOf(CaseException.class)
        .hasMessage("there is no case #99 ('rekindle cases' lists them, with their numbers)");
    assertThatThrownBy(() -> cases.reopen(id, "Sam", Optional.empty()))
        .hasMessage("case #1 is open: there is nothing to reopen");
    assertThatThrownBy(() -> cases.note(id, "Sam", "  "))
        .hasMessageContaining("a note needs some text");
    assertThatThrownBy(() -> cases.contact(id, " ", Cases.Channel.CALL, Optional.empty()))
        .hasMessageContaining("say who did it");

    cases.assign(id, "Tom", "Sam");
    assertThatThrownBy(() -> cases.assign(id, "Tom", "Sam"))
        .hasMessage("case #1 is already assigned to Tom");
    cases.close(id, Cases.Outcome.RESOLVED, "Tom", Optional.of("refund given"));
    assertThatThrownBy(() -> cases.close(id, Cases.Outcome.UNRESOLVED, "Tom", Optional.empty()))
        .hasMessage(
            "case #1 is already closed (resolved, 2026-11-02): reopen it first to close it"
                + " differently");
    assertThatThrownBy(() -> cases.contact(id, "Tom", Cases.Channel.CALL, Optional.empty()))
        .hasMessage(
            "case #1 is closed (resolved): reopen it first ('rekindle case reopen 1') to record a"
                + " contact");
    cases.note(id, "Tom", "customer sent thanks");
    cases.reopen(id, "Dana", Optional.of("complained again"));

    Cases.Detail d = cases.show(id);
    assertThat(d.summary().open()).isTrue();
    assertThat(d.summary().outcome()).isEmpty();
    assertThat(d.summary().assignedTo()).contains("Tom");
    assertThat(d.actions())
        .extracting(a -> a.action() + " by " + a.actor() + ": " + a.note().orElse(""))
        .containsExactly(
            "opened by rekindle: negative feedback #1 from reviews.example, rated 1 of 5;"
                + " assigned to the pool; first contact due within 1 day",
            "reassigned by Sam: from the pool to Tom",
            "closed by Tom: resolved: refund given",
            "note by Tom: customer sent thanks",
            "reopened by Dana: was resolved: complained again");
    assertThatThrownBy(() -> Cases.Outcome.parse("fixed"))
        .hasMessageContaining("resolved, unresolved, no_response or duplicate, not 'fixed'");
    assertThat(Cases.Outcome.parse("No-Response")).isEqualTo(Cases.Outcome.NO_RESPONSE);
  }

  @Test
  void list_openFirst_escalatedThenOverdueThenByDue_andByRep() {
    long a = complaint("c1"); // Maria, due START+24h
    clock.advance(Duration.ofHours(1));
    long b = complaint("c2"); // Tom, due START+25h
    clock.advance(Duration.ofHours(1));
    long c = complaint("c3"); // pool, due START+26h
    clock.advance(Duration.ofHours(1));
    long d = complaint("c1"); // Maria, due START+27h
    cases.close(a, Cases.Outcome.DUPLICATE, "Maria", Optional.empty());
    clock.advance(Duration.ofHours(22)); // START+25h: b is due now, escalated
    cases.escalate("Dana Hill");
    clock.advance(Duration.ofMinutes(90)); // c is now overdue too, not escalated yet

    List<Cases.Case> all = cases.list(false, Optional.empty());
    List<Cases.Case> open = cases.list(true, Optional.empty());
    List<Cases.Case> maria = cases.list(false, Optional.of("Maria"));

    assertThat(all).extracting(Cases.Case::id).containsExactly(b, c, d, a);
    assertThat(all).extracting(Cases.Case::overdue).containsExactly(true, true, false, false);
    assertThat(open).extracting(Cases.Case::id).containsExactly(b, c, d);
    assertThat(maria).extracting(Cases.Case::id).containsExactly(d, a);
  }
}
