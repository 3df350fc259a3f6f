package org.rekindle.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LiftTest {
  @Test
  void difference_enoughData_isNewcombesInterval() {
    Lift lift = Lift.of(2_000, 300, 500, 50);
    assertThat(lift.notEnoughData()).isEmpty();
    assertThat(lift.contactedRate()).hasValue(0.15);
    assertThat(lift.holdoutRate()).hasValue(0.10);
    Difference d = lift.difference().orElseThrow();
    assertThat(d.estimate()).isCloseTo(0.05, within(1e-12));
    assertThat(d).isEqualTo(Proportions.newcombe(300, 2_000, 50, 500));
    assertThat(lift.significant()).isEqualTo(d.significant());
    assertThat(lift.verdict()).isEqualTo(Verdict.MORE_CAME_BACK);
  }

  @Test
  void verdict_followsTheInterval() {
    // Newcombe (1998a) example (a), 56/70 against 48/80: 0.0524 to 0.3339.
    assertThat(Lift.of(70, 56, 80, 48).verdict()).isEqualTo(Verdict.MORE_CAME_BACK);
    assertThat(Lift.of(80, 48, 70, 56).verdict()).isEqualTo(Verdict.FEWER_CAME_BACK);
    assertThat(Lift.of(80, 48, 70, 56).significant()).isTrue();
    Lift same = Lift.of(100, 20, 100, 21);
    assertThat(same.verdict()).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
    assertThat(same.significant()).isFalse();
  }

  @Test
  void notEnoughData_tooFewCustomers_saysWhichGroup() {
    Lift lift = Lift.of(500, 100, 29, 10);
    assertThat(lift.notEnoughData())
        .hasValue(
            "not enough data yet: the holdout group has 29 customers, and at least 30 are needed");
    assertThat(lift.difference()).isEmpty();
    assertThat(lift.significant()).isFalse();
    assertThat(lift.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(lift.holdoutRate()).isPresent(); // the raw rates are still there to look at
    assertThat(Lift.of(0, 0, 500, 10).notEnoughData())
        .hasValue(
            "not enough data yet: the contacted group has 0 customers, and at least 30 are needed");
    assertThat(Lift.of(0, 0, 500, 10).contactedRate()).isEmpty();
  }

  @Test
  void notEnoughData_tooFewInACell_saysWhichCell() {
    assertThat(Lift.of(1_000, 4, 1_000, 100).notEnoughData())
        .hasValue(
            "not enough data yet: 4 customers in the contacted group came back, and at least 5 are"
                + " needed");
    assertThat(Lift.of(1_000, 100, 1_000, 996).notEnoughData())
        .hasValue(
            "not enough data yet: 4 customers in the holdout group stayed away, and at least 5 are"
                + " needed");
    assertThat(Lift.of(1_000, 100, 1_000, 1).notEnoughData())
        .hasValue(
            "not enough data yet: 1 customer in the holdout group came back, and at least 5 are"
                + " needed");
    // Exactly at the minimum is enough.
    assertThat(Lift.of(30, 5, 30, 25).notEnoughData()).isEmpty();
  }

  @Test
  void group_badCounts_areRefusedWithTheRule() {
    assertThatThrownBy(() -> new Group(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customers must not be negative");
    assertThatThrownBy(() -> new Group(10, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("came back must not be negative");
    assertThatThrownBy(() -> Lift.of(10, 11, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more customers came back (11) than were in the group (10)");
  }

  @Test
  void interval_badEnds_areRefused() {
    assertThatThrownBy(() -> new Interval(0.2, 0.1))
        .hasMessageContaining("lower end must not be above its upper end");
    assertThatThrownBy(() -> new Interval(Double.NaN, 0.1)).hasMessageContaining("finite ends");
    assertThat(new Interval(-0.1, 0.2).negate()).isEqualTo(new Interval(-0.2, 0.1));
  }
}
