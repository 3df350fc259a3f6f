package org.rekindle.store.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bounded reads of the dashboard's feedback page: the first open cases, counts, the latest. */
class OpenCasesTest extends FeedbackTestBase {
  @Test
  void firstOpen_isListsOrder_bounded_andTheCountsAreOfAll() {
    Feedback feedback = new Feedback(store.jdbi(), clock, Duration.ofHours(24));
    Cases cases = new Cases(store.jdbi(), clock);
    LocalDate day = LocalDate.of(2026, 11, 2);
    long a = open(feedback, "c1", day);
    clock.advance(Duration.ofHours(1));
    long b = open(feedback, "c2", day);
    clock.advance(Duration.ofHours(1));
    long c = open(feedback, "c3", day);
    cases.close(c, Cases.Outcome.RESOLVED, "mona", Optional.empty());
    // a is late (due 24 h after it opened), b too, and b is escalated: b, then a
    clock.advance(Duration.ofHours(30));
    assertThat(cases.escalate("manager")).isEqualTo(2);
    cases.contact(a, "maria", Cases.Channel.CALL, Optional.empty());
    Cases.OpenCounts counts = cases.countOpen();
    assertThat(counts).isEqualTo(new Cases.OpenCounts(2, 1, 2));
    List<Long> all = cases.list(true, Optional.empty()).stream().map(Cases.Case::id).toList();
    assertThat(cases.firstOpen(10).stream().map(Cases.Case::id).toList())
        .isEqualTo(all)
        .containsExactly(b, a);
    assertThat(cases.firstOpen(1)).extracting(Cases.Case::id).containsExactly(b);
    assertThatThrownBy(() -> cases.firstOpen(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void latest_isTheNewestFirst_bounded_andCountedSinceADay() {
    Feedback feedback = new Feedback(store.jdbi(), clock, Duration.ofHours(24));
    for (int i = 0; i < 5; i++) {
      feedback.add(
          new Feedback.Entry(
              "c" + (1 + i % 3),
              "review",
              Optional.of(i == 0 ? 1 : 4),
              Optional.of("note " + i),
              LocalDate.of(2026, 11, 1).plusDays(i),
              false,
              Optional.empty()));
    }
    List<Feedback.Stored> latest = Feedback.latest(store.jdbi(), 3);
    assertThat(latest)
        .extracting(s -> s.text().orElseThrow())
        .containsExactly("note 4", "note 3", "note 2");
    assertThat(Feedback.latest(store.jdbi(), 10))
        .hasSize(5)
        .last()
        .satisfies(
            s -> {
              assertThat(s.rating()).contains(1);
              assertThat(s.caseId()).isPresent();
            });
    assertThat(Feedback.countSince(store.jdbi(), LocalDate.of(2026, 11, 1)))
        .isEqualTo(new Feedback.Counts(5, 1));
    assertThat(Feedback.countSince(store.jdbi(), LocalDate.of(2026, 11, 4)))
        .isEqualTo(new Feedback.Counts(2, 0));
  }

  private static long open(Feedback feedback, String customer, LocalDate day) {
    return feedback
        .add(
            new Feedback.Entry(
                customer, "phone", Optional.of(1), Optional.empty(), day, false, Optional.empty()))
        .caseId()
        .orElseThrow();
  }
}
