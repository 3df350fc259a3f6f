package org.rekindle.store.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.survey.InvalidAnswerException.Field;

/**
 * Survey answers kept on a real PostgreSQL: one per customer and source, a resubmission updates.
 */
class SurveyAnswersTest {
  static final Instant FIRST = Instant.parse("2026-03-02T10:00:00Z");
  static final Instant LATER = Instant.parse("2026-03-05T18:30:00Z");

  @TempDir static Path home;
  static Store store;
  static SurveyAnswers answers;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    answers = new SurveyAnswers(store.jdbi());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  /** A customer with a segment and rep, in a lifecycle state; returns the internal id. */
  private static long customer(String id, String state) {
    return store
        .jdbi()
        .withHandle(
            h -> {
              long c =
                  h.createQuery(
                          "INSERT INTO customers (external_id, name, segment, owner_rep)"
                              + " VALUES (?, 'Name', 'contractors', 'maria') RETURNING id")
                      .bind(0, id)
                      .mapTo(Long.class)
                      .one();
              h.execute(
                  "INSERT INTO lifecycle_states (customer_id, state, since) VALUES (?, ?,"
                      + " '2026-01-01')",
                  c,
                  state);
              return c;
            });
  }

  private static long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  private static void execute(String sql, Object... args) {
    store.jdbi().useHandle(h -> h.execute(sql, args));
  }

  @Test
  void answer_keepsItWithTheCustomerAsTheyStoodAndRecordsTheReply() {
    long c = customer("lost-1", "lost");
    SurveyAnswer given = SurveyAnswer.of("price", "maybe", " a better price ", "too dear");

    StoredAnswer kept = answers.answer(c, given, FIRST);

    assertThat(kept.customer()).isEqualTo(c);
    assertThat(kept.customerId()).isEqualTo("lost-1");
    assertThat(kept.source()).isEqualTo(SurveyAnswers.Source.SURVEY);
    assertThat(kept.answer().reason()).contains(LeavingReason.PRICE);
    assertThat(kept.answer().comeBack()).contains(ComeBack.MAYBE);
    assertThat(kept.answer().bringBack()).contains("a better price");
    assertThat(kept.answer().comment()).contains("too dear");
    assertThat(kept.lifecycleState()).contains("lost");
    assertThat(kept.segment()).contains("contractors");
    assertThat(kept.ownerRep()).contains("maria");
    assertThat(kept.callTaskId()).isEmpty();
    assertThat(kept.recordedBy()).isEmpty();
    assertThat(kept.answeredAt()).isEqualTo(FIRST);
    assertThat(kept.updatedAt()).isEqualTo(FIRST);
    assertThat(kept.revisions()).isZero();
    assertThat(answers.find(c, SurveyAnswers.Source.SURVEY)).contains(kept);
    assertThat(answers.find(c, SurveyAnswers.Source.CALL)).isEmpty();
    // the reply the planner counts for stop_when: replied, on a channel no cap counts
    assertThat(
            count(
                "SELECT count(*) FROM contacts WHERE customer_id = ? AND source = 'survey'"
                    + " AND channel = 'other' AND contacted_on = '2026-03-02'"
                    + " AND note = 'answered the exit survey: price, would come back: maybe'",
                c))
        .isEqualTo(1);
  }

  @Test
  void answer_again_replacesItCountsTheRevisionAndKeepsWhenFirstGiven() {
    long c = customer("lost-2", "lapsing");
    answers.answer(c, SurveyAnswer.of("service", "no", null, "rude on the phone"), FIRST);
    // the customer moved on meanwhile: the snapshot follows the latest answer
    execute("UPDATE lifecycle_states SET state = 'lost' WHERE customer_id = ?", c);
    execute("UPDATE customers SET segment = 'shops', owner_rep = 'tom' WHERE id = ?", c);

    StoredAnswer again = answers.answer(c, SurveyAnswer.of("forgot", "yes", null, null), LATER);
    answers.answer(c, SurveyAnswer.of("forgot", "yes", null, null), LATER.plusSeconds(60));

    StoredAnswer last = answers.find(c, SurveyAnswers.Source.SURVEY).orElseThrow();
    assertThat(again.id()).isEqualTo(last.id());
    assertThat(last.answer().reason()).contains(LeavingReason.FORGOT);
    assertThat(last.answer().comeBack()).contains(ComeBack.YES);
    assertThat(last.answer().comment()).as("a question left out now is cleared").isEmpty();
    assertThat(last.answeredAt()).isEqualTo(FIRST);
    assertThat(last.updatedAt()).isEqualTo(LATER.plusSeconds(60));
    assertThat(last.revisions()).isEqualTo(2);
    assertThat(last.lifecycleState()).contains("lost");
    assertThat(last.segment()).contains("shops");
    assertThat(last.ownerRep()).contains("tom");
    assertThat(count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c)).isEqualTo(1);
    // one reply a day: the first day's and the later day's
    assertThat(
            count("SELECT count(*) FROM contacts WHERE customer_id = ? AND source = 'survey'", c))
        .isEqualTo(2);
  }

  @Test
  void recordFromCall_keepsTheCallAndTheRepBesideTheSurveyAnswer() {
    long c = customer("called", "dormant");
    long task =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "INSERT INTO call_tasks (dedupe_key, customer_id, playbook, step,"
                                + " cycle, phone, due_on) VALUES ('k-called', ?, 'p', 1,"
                                + " '2026-03-01', '+1 555 0100', '2026-03-01') RETURNING id")
                        .bind(0, c)
                        .mapTo(Long.class)
                        .one());
    answers.answer(c, SurveyAnswer.of("delivery", null, null, null), FIRST);

    StoredAnswer kept =
        answers.recordFromCall(
            c,
            task,
            " maria ",
            new SurveyAnswer(
                Optional.of(LeavingReason.COMPETITOR),
                Optional.of(ComeBack.NO),
                Optional.empty(),
                Optional.of("went to the big box store")),
            LATER);

    assertThat(kept.source()).isEqualTo(SurveyAnswers.Source.CALL);
    assertThat(kept.callTaskId()).contains(task);
    assertThat(kept.recordedBy()).contains("maria");
    assertThat(kept.lifecycleState()).contains("dormant");
    // the two sources are two answers
    assertThat(answers.find(c, SurveyAnswers.Source.SURVEY).orElseThrow().answer().reason())
        .contains(LeavingReason.DELIVERY);
    assertThat(count("SELECT count(*) FROM survey_answers WHERE customer_id = ?", c)).isEqualTo(2);
    // the call's own log is its contact: recording the answer adds none
    assertThat(
            count(
                "SELECT count(*) FROM contacts WHERE customer_id = ? AND contacted_on ="
                    + " '2026-03-05'",
                c))
        .isZero();
  }

  @Test
  void answer_unknownCustomer_isRefusedAndNothingKept() {
    long before = count("SELECT count(*) FROM contacts");

    assertThatThrownBy(
            () -> answers.answer(987_654L, SurveyAnswer.of("price", null, null, null), FIRST))
        .isInstanceOf(SurveyAnswers.UnknownCustomerException.class)
        .hasMessageContaining("987654");
    assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(before);
    assertThat(answers.customerExists(987_654L)).isFalse();
  }

  @Test
  void of_readsTheFormsWords() {
    SurveyAnswer a = SurveyAnswer.of("Moved or closed", " MAYBE ", "", "   ");

    assertThat(a.reason()).contains(LeavingReason.MOVED_OR_CLOSED);
    assertThat(a.comeBack()).contains(ComeBack.MAYBE);
    assertThat(a.bringBack()).isEmpty();
    assertThat(a.comment()).isEmpty();
  }

  @Test
  void answer_aNulInTheText_isDroppedAndTheRestKept() {
    long c = customer("lost-nul", "lost");

    answers.answer(c, SurveyAnswer.of("price", null, "\u0000", "too\u0000 dear"), FIRST);

    StoredAnswer kept = answers.find(c, SurveyAnswers.Source.SURVEY).orElseThrow();
    assertThat(kept.answer().comment()).contains("too dear");
    assertThat(kept.answer().bringBack()).isEmpty();
  }

  @Test
  void of_nothingAnswered_isRefused() {
    assertThatThrownBy(() -> SurveyAnswer.of(null, " ", "", null))
        .isInstanceOfSatisfying(
            InvalidAnswerException.class,
            e ->
                assertThat(e.problems())
                    .extracting(InvalidAnswerException.Problem::field)
                    .containsExactly(Field.ANSWER))
        .hasMessage("please answer at least one of the questions");
  }

  @Test
  void of_badChoicesAndTooLongTexts_areEachNamed() {
    String tooLong = "é".repeat(SurveyAnswer.MAX_TEXT + 1);
    String longest = "😀".repeat(SurveyAnswer.MAX_TEXT); // code points, not UTF-16 units

    assertThatThrownBy(() -> SurveyAnswer.of("cheaper elsewhere", "perhaps", tooLong, "ok"))
        .isInstanceOfSatisfying(
            InvalidAnswerException.class,
            e ->
                assertThat(e.problems())
                    .extracting(InvalidAnswerException.Problem::field)
                    .containsExactly(Field.REASON, Field.COME_BACK, Field.BRING_BACK))
        .hasMessageContaining("please choose one of the reasons listed")
        .hasMessageContaining("please choose yes, maybe or no")
        .hasMessageContaining("2001 characters long; please shorten it to at most 2000");
    assertThatThrownBy(() -> SurveyAnswer.of(null, null, null, tooLong))
        .isInstanceOf(InvalidAnswerException.class)
        .hasMessageContaining("what you wrote about why you left is 2001 characters long");
    assertThat(SurveyAnswer.of(null, null, longest, null).bringBack()).contains(longest);
  }

  @Test
  void comeBack_parse_namesTheChoices() {
    assertThat(ComeBack.parse(" No ")).isEqualTo(ComeBack.NO);
    assertThatThrownBy(() -> ComeBack.parse("sure"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("would they come back must be yes, maybe or no, not 'sure'");
  }
}
