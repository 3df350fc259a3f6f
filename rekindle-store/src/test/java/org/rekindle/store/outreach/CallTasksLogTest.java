package org.rekindle.store.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.outreach.CallFixtures.count;
import static org.rekindle.store.outreach.CallFixtures.customer;
import static org.rekindle.store.outreach.CallFixtures.execute;
import static org.rekindle.store.outreach.CallFixtures.task;
import static org.rekindle.store.outreach.CallFixtures.text;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.ConsentLog.Channel;
import org.rekindle.store.consent.ConsentLog.Source;
import org.rekindle.store.consent.Suppressions;
import org.rekindle.store.outreach.CallTasks.Outcome;
import org.rekindle.store.survey.ComeBack;
import org.rekindle.store.survey.StoredAnswer;
import org.rekindle.store.survey.SurveyAnswer;
import org.rekindle.store.survey.SurveyAnswers;

/**
 * Logging calls: once however many try, and what each outcome does. Each test has customers of its
 * own.
 */
class CallTasksLogTest {
  static final Instant AT = Instant.parse("1997-10-15T14:00:00Z");
  static final LocalDate DAY = LocalDate.of(1997, 10, 15);

  @TempDir static Path home;
  static Store store;
  static CallTasks calls;
  static Suppressions suppressions;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    calls = new CallTasks(store.jdbi());
    suppressions = new Suppressions(store.jdbi());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static String status(long task) {
    return text(store, "SELECT status FROM call_tasks WHERE id = ?", task);
  }

  @Test
  void log_reached_closesTheTaskAndRecordsTheCall() {
    customer(store, "reached", "Rita Reached", "rita@mail.example", "+1 555 0301");
    long id = task("reached").playbook("dormant-win-back", 3).insert(store);
    // late in the evening in New York is the next day in UTC
    Instant evening = OffsetDateTime.parse("1997-10-15T23:30:00-05:00").toInstant();

    CallLogged logged =
        calls.log(id, Outcome.REACHED, Optional.of(" will order in spring "), " maria ", evening);

    assertThat(logged.taskId()).isEqualTo(id);
    assertThat(logged.customerId()).isEqualTo("reached");
    assertThat(logged.outcome()).isEqualTo(Outcome.REACHED);
    assertThat(logged.note()).contains("will order in spring");
    assertThat(logged.by()).isEqualTo("maria");
    assertThat(logged.at()).isEqualTo(evening);
    assertThat(logged.suppressed()).isEmpty();
    assertThat(logged.consentWithdrawn()).isFalse();
    assertThat(
            text(
                store,
                "SELECT concat_ws('|', status, outcome, outcome_note, logged_by,"
                    + " logged_at AT TIME ZONE 'UTC')"
                    + " FROM call_tasks WHERE id = ?",
                id))
        .isEqualTo("done|reached|will order in spring|maria|1997-10-16 04:30:00");
    assertThat(
            text(
                store,
                "SELECT concat_ws('|', id, contacted_on, channel, source, note, playbook, step)"
                    + " FROM contacts WHERE call_task_id = ?",
                id))
        .isEqualTo(
            logged.contactId()
                + "|1997-10-16|call|outreach|reached: will order in spring|dormant-win-back|3");
    assertThat(suppressions.find(Channel.PHONE, "+15550301")).isEmpty();
  }

  @Test
  void log_twice_theSecondIsToldWhoWhenAndWhat() {
    customer(store, "twice", "Tess Twice", null, "+1 555 0302");
    long id = task("twice").insert(store);
    calls.log(id, Outcome.WILL_ORDER, Optional.of("call back in May"), "maria", AT);

    assertThatThrownBy(
            () -> calls.log(id, Outcome.VOICEMAIL, Optional.empty(), "tom", AT.plusSeconds(60)))
        .isInstanceOfSatisfying(
            CallTasks.AlreadyLoggedException.class,
            e -> {
              assertThat(e.taskId()).isEqualTo(id);
              assertThat(e.by()).isEqualTo("maria");
              assertThat(e.at()).isEqualTo(AT);
              assertThat(e.outcome()).isEqualTo(Outcome.WILL_ORDER);
            })
        .hasMessage(
            "call task "
                + id
                + " was already logged by maria at 1997-10-15T14:00:00Z: will-order (\"call back"
                + " in May\"); nothing was changed");
    assertThat(
            text(
                store,
                "SELECT concat_ws('|', outcome, logged_by) FROM call_tasks WHERE id = ?",
                id))
        .isEqualTo("will_order|maria");
    assertThat(count(store, "SELECT count(*) FROM contacts WHERE call_task_id = ?", id)).isOne();
  }

  @Test
  void log_twentyRepsAtOnce_logsOnce() throws Exception {
    int threads = 20;
    customer(store, "rush", "Rush Hour", null, "+1 555 0303");
    for (int round = 0; round < 3; round++) {
      long id = task("rush").insert(store);
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<CallLogged>> results = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          String rep = "rep-" + i;
          results.add(
              pool.submit(
                  () -> {
                    // a connection of its own, opened before the start
                    try (Connection c = store.dataSource().getConnection()) {
                      CallTasks mine = new CallTasks(Jdbi.create(c));
                      ready.countDown();
                      start.await();
                      return mine.log(id, Outcome.REACHED, Optional.of(rep), rep, AT);
                    }
                  }));
        }
        assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<CallLogged> logged = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (Future<CallLogged> r : results) {
          try {
            logged.add(r.get(60, TimeUnit.SECONDS));
          } catch (ExecutionException e) {
            refused.add(e.getCause());
          }
        }
        assertThat(logged).hasSize(1);
        String winner = logged.get(0).by();
        assertThat(refused)
            .hasSize(threads - 1)
            .allSatisfy(
                e ->
                    assertThat(e)
                        .isInstanceOf(CallTasks.AlreadyLoggedException.class)
                        .hasMessageContaining("already logged by " + winner));
        assertThat(text(store, "SELECT logged_by FROM call_tasks WHERE id = ?", id))
            .isEqualTo(winner);
        assertThat(count(store, "SELECT count(*) FROM contacts WHERE call_task_id = ?", id))
            .isOne();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void log_doNotContact_suppressesEveryAddressAsTheCustomersOwnWord() {
    customer(store, "dnc", "Ann Lee", "Ann@Mail.Example", "+1 555 0201");
    // planned with a number the record no longer has; and a second call of another playbook
    long id = task("dnc").phone("+1 555 0202").insert(store);
    long other = task("dnc").playbook("birthday-card", 0).insert(store);
    assertThat(calls.list(Optional.empty(), DAY, 100)).extracting(CallTask::id).contains(other);

    CallLogged logged =
        calls.log(id, Outcome.DO_NOT_CONTACT, Optional.of("no more calls please"), "maria", AT);

    assertThat(logged.consentWithdrawn()).isTrue();
    assertThat(logged.suppressed())
        .containsExactly(
            new CallLogged.Suppressed(Channel.PHONE, "+15550202", true),
            new CallLogged.Suppressed(Channel.PHONE, "+15550201", true),
            new CallLogged.Suppressed(Channel.EMAIL, "ann@mail.example", true),
            new CallLogged.Suppressed(Channel.LETTER, "1 dnc Street\n12345\nSpringfield", true));
    for (CallLogged.Suppressed s : logged.suppressed()) {
      Suppressions.Suppression standing = suppressions.find(s.channel(), s.address()).orElseThrow();
      assertThat(standing.reason()).isEqualTo("do_not_contact");
      assertThat(standing.source()).isEqualTo("customer");
      assertThat(standing.actor()).isEqualTo("maria");
      assertThat(standing.note())
          .contains("asked on a call, call task " + id + ": no more calls please");
    }
    assertThat(
            text(
                store,
                "SELECT concat_ws('|', consent_email, consent_letter, consent_phone, consent_sms)"
                    + " FROM customers WHERE external_id = 'dnc'"))
        .isEqualTo("f|f|f|f");
    // the customer's own "stop" on every channel, including those already off before the call
    assertThat(
            count(
                store,
                "SELECT count(*) FROM customers c, unnest(ARRAY['email', 'letter', 'phone', 'sms'])"
                    + " ch WHERE c.external_id = 'dnc' AND rekindle_customer_opted_out(c.id, ch)"))
        .isEqualTo(4);
    assertThat(
            text(
                store,
                "SELECT string_agg(DISTINCT actor || '/' || note, ',') FROM consent_events e"
                    + " JOIN customers c ON c.id = e.customer_id"
                    + " WHERE c.external_id = 'dnc' AND e.source = 'customer'"))
        .isEqualTo("maria/asked on a call, call task " + id + ": no more calls please");

    // staff can undo neither
    assertThatThrownBy(
            () -> suppressions.lift(Channel.EMAIL, "ann@mail.example", Source.STAFF, "tom", ""))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("only they can lift it");
    assertThatThrownBy(
            () ->
                execute(
                    store,
                    "UPDATE suppressions SET lifted_at = now(), lifted_by = 'tom',"
                        + " lift_source = 'staff' WHERE address = '+15550201'"))
        .hasMessageContaining("only the customer can lift");
    assertThatThrownBy(
            () -> ConsentLog.change(store, "dnc", Channel.PHONE, true, Source.STAFF, "tom", ""))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("only they can opt in again");
    execute(store, "UPDATE customers SET consent_email = true WHERE external_id = 'dnc'");
    assertThat(
            count(
                store,
                "SELECT count(*) FROM customers WHERE external_id = 'dnc' AND consent_email"))
        .isZero();
    // and nobody is asked to call them again
    assertThat(calls.list(Optional.empty(), DAY, 100))
        .extracting(CallTask::id)
        .doesNotContain(other);
    assertThat(status(other)).isEqualTo("open");
  }

  @Test
  void log_doNotContact_failingHalfway_changesNothing() {
    customer(store, "half", "Hal Way", "hal@mail.example", "+1 555 0204");
    long id = task("half").insert(store);
    execute(
        store,
        "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$"
            + " BEGIN RAISE EXCEPTION 'test: consent cannot change now'; END $$");
    execute(
        store,
        "CREATE TRIGGER test_refuse BEFORE UPDATE OF consent_email ON customers"
            + " FOR EACH ROW EXECUTE FUNCTION test_refuse()");
    try {
      // the suppressions are written before the consent fails: they go with the rest
      assertThatThrownBy(() -> calls.log(id, Outcome.DO_NOT_CONTACT, Optional.empty(), "maria", AT))
          .hasMessageContaining("test: consent cannot change now");
    } finally {
      execute(store, "DROP TRIGGER test_refuse ON customers");
      execute(store, "DROP FUNCTION test_refuse()");
    }
    assertThat(status(id)).isEqualTo("open");
    assertThat(count(store, "SELECT count(*) FROM contacts WHERE call_task_id = ?", id)).isZero();
    assertThat(suppressions.find(Channel.PHONE, "+15550204")).isEmpty();
    assertThat(suppressions.find(Channel.EMAIL, "hal@mail.example")).isEmpty();

    assertThat(calls.log(id, Outcome.DO_NOT_CONTACT, Optional.empty(), "maria", AT).suppressed())
        .hasSize(3);
  }

  @Test
  void log_wrongNumber_suppressesThatPhoneOnly() {
    customer(store, "wrong", "Wes Wrong", "wes@mail.example", "+1 555 0401");
    long id = task("wrong").insert(store);

    CallLogged logged =
        calls.log(id, Outcome.WRONG_NUMBER, Optional.of("a bakery answered"), "tom", AT);

    assertThat(logged.suppressed())
        .containsExactly(new CallLogged.Suppressed(Channel.PHONE, "+15550401", true));
    assertThat(logged.consentWithdrawn()).isFalse();
    Suppressions.Suppression s = suppressions.find(Channel.PHONE, "+1 555 0401").orElseThrow();
    assertThat(s.reason()).isEqualTo("wrong_number");
    assertThat(s.source()).isEqualTo("staff");
    assertThat(s.note()).contains("call task " + id + ": a bakery answered");
    assertThat(suppressions.find(Channel.EMAIL, "wes@mail.example")).isEmpty();
    assertThat(suppressions.find(Channel.LETTER, "1 wrong Street\n12345\nSpringfield")).isEmpty();
    assertThat(
            text(
                store,
                "SELECT concat_ws('|', consent_email, consent_letter)"
                    + " FROM customers WHERE external_id = 'wrong'"))
        .isEqualTo("t|t");
    assertThat(text(store, "SELECT outcome_note FROM call_tasks WHERE id = ?", id))
        .isEqualTo("a bakery answered");
    // the business's own finding: staff lift it once the number is checked
    suppressions.lift(Channel.PHONE, "+15550401", Source.STAFF, "tom", "new number checked");
  }

  @Test
  void log_reasonForLeaving_needsTheReason() {
    customer(store, "leaver", "Lee Ving", null, "+1 555 0501");
    long id = task("leaver").insert(store);

    for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of("  "))) {
      assertThatThrownBy(() -> calls.log(id, Outcome.REASON_FOR_LEAVING, none, "maria", AT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a reason for leaving needs the reason as its note");
    }
    assertThat(status(id)).isEqualTo("open");

    calls.log(id, Outcome.REASON_FOR_LEAVING, Optional.of("prices went up"), "maria", AT);
    assertThat(text(store, "SELECT outcome_note FROM call_tasks WHERE id = ?", id))
        .isEqualTo("prices went up");
    assertThat(text(store, "SELECT note FROM contacts WHERE call_task_id = ?", id))
        .isEqualTo("reason for leaving: prices went up");
  }

  @Test
  void log_reasonForLeaving_keepsTheSurveyAnswerFromTheCall() {
    customer(store, "leaver2", "Lea Ving", null, "+1 555 0502");
    long first = task("leaver2").insert(store);
    long second = task("leaver2").insert(store);

    CallLogged logged =
        calls.log(
            first,
            Outcome.REASON_FOR_LEAVING,
            Optional.of("Price: the big box store is cheaper"),
            "maria",
            AT);

    StoredAnswer kept = logged.surveyAnswer().orElseThrow();
    assertThat(kept.source()).isEqualTo(SurveyAnswers.Source.CALL);
    assertThat(kept.answer().reason()).contains(LeavingReason.PRICE);
    assertThat(kept.answer().comment()).contains("Price: the big box store is cheaper");
    assertThat(kept.callTaskId()).contains(first);
    assertThat(kept.recordedBy()).contains("maria");
    assertThat(kept.answeredAt()).isEqualTo(AT);

    // a later call replaces it: the reason and answers given, the note kept as the comment
    CallLogged again =
        calls.log(
            second,
            Outcome.REASON_FOR_LEAVING,
            Optional.of("moved to a competitor"),
            new CallTasks.Leaving(
                Optional.of(LeavingReason.COMPETITOR),
                Optional.of(ComeBack.MAYBE),
                Optional.of(" a delivery day that suits ")),
            "tom",
            AT.plusSeconds(3600));

    StoredAnswer replaced = again.surveyAnswer().orElseThrow();
    assertThat(replaced.id()).isEqualTo(kept.id());
    assertThat(replaced.answer().reason()).contains(LeavingReason.COMPETITOR);
    assertThat(replaced.answer().comeBack()).contains(ComeBack.MAYBE);
    assertThat(replaced.answer().bringBack()).contains("a delivery day that suits");
    assertThat(replaced.answer().comment()).contains("moved to a competitor");
    assertThat(replaced.callTaskId()).contains(second);
    assertThat(replaced.recordedBy()).contains("tom");
    assertThat(replaced.revisions()).isEqualTo(1);
    assertThat(replaced.answeredAt()).isEqualTo(AT);
    assertThat(
            count(
                store,
                "SELECT count(*) FROM survey_answers a JOIN customers c ON c.id = a.customer_id"
                    + " WHERE c.external_id = 'leaver2'"))
        .isEqualTo(1);
  }

  @Test
  void log_reasonForLeaving_aSentenceNamesNoReasonAndTheReasonAloneNeedsNoNote() {
    customer(store, "leaver3", "Leo Ving", null, "+1 555 0503");
    long sentence = task("leaver3").insert(store);
    long bare = task("leaver3").insert(store);

    // "moved" would be a guess: the note names no reason, and is kept as said
    StoredAnswer guessless =
        calls
            .log(
                sentence,
                Outcome.REASON_FOR_LEAVING,
                Optional.of("moved to a competitor"),
                "maria",
                AT)
            .surveyAnswer()
            .orElseThrow();
    assertThat(guessless.answer().reason()).isEmpty();
    assertThat(guessless.answer().comment()).contains("moved to a competitor");

    StoredAnswer reasonOnly =
        calls
            .log(
                bare,
                Outcome.REASON_FOR_LEAVING,
                Optional.empty(),
                new CallTasks.Leaving(
                    Optional.of(LeavingReason.NOT_NEEDED), Optional.empty(), Optional.empty()),
                "maria",
                AT)
            .surveyAnswer()
            .orElseThrow();
    assertThat(reasonOnly.answer().reason()).contains(LeavingReason.NOT_NEEDED);
    assertThat(reasonOnly.answer().comment()).isEmpty();
  }

  @Test
  void log_answersWithAnotherOutcome_orANoteTooLong_areRefusedAndNothingChanges() {
    customer(store, "leaver4", "Lou Ving", null, "+1 555 0504");
    long id = task("leaver4").insert(store);
    CallTasks.Leaving maybe =
        new CallTasks.Leaving(Optional.empty(), Optional.of(ComeBack.MAYBE), Optional.empty());

    assertThatThrownBy(
            () -> calls.log(id, Outcome.REACHED, Optional.of("hello"), maybe, "maria", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("go with the outcome reason-for-leaving, not reached");
    assertThatThrownBy(
            () ->
                calls.log(
                    id,
                    Outcome.REASON_FOR_LEAVING,
                    Optional.of("x".repeat(SurveyAnswer.MAX_TEXT + 1)),
                    "maria",
                    AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("please shorten it to at most 2000");
    assertThat(status(id)).isEqualTo("open");
    assertThat(
            count(
                store,
                "SELECT count(*) FROM survey_answers a JOIN customers c ON c.id = a.customer_id"
                    + " WHERE c.external_id = 'leaver4'"))
        .isZero();
  }

  @Test
  void log_reasonForLeaving_whenTheAnswerCannotBeKept_logsNothing() {
    customer(store, "leaver5", "Liv Ving", null, "+1 555 0505");
    long id = task("leaver5").insert(store);
    // the answer's insert fails inside the log's transaction: the task must stay open
    execute(
        store,
        "ALTER TABLE survey_answers ADD CONSTRAINT test_no_calls CHECK (source <> 'call') NOT VALID");
    try {
      assertThatThrownBy(
              () -> calls.log(id, Outcome.REASON_FOR_LEAVING, Optional.of("price"), "maria", AT))
          .isNotNull();
    } finally {
      execute(store, "ALTER TABLE survey_answers DROP CONSTRAINT test_no_calls");
    }
    assertThat(status(id)).isEqualTo("open");
    assertThat(count(store, "SELECT count(*) FROM contacts WHERE call_task_id = ?", id)).isZero();
  }

  @Test
  void log_everyOutcome_isOneTheTableTakes() {
    customer(store, "every", "Eve Ry", null, "+1 555 0601");
    for (Outcome o : Outcome.values()) {
      long id = task("every").insert(store);
      calls.log(id, o, Optional.of("noted"), "maria", AT);
      assertThat(text(store, "SELECT outcome FROM call_tasks WHERE id = ?", id)).isEqualTo(o.id());
    }
  }

  @Test
  void log_unknownOrCancelledTask_refused() {
    assertThatThrownBy(() -> calls.log(987654, Outcome.REACHED, Optional.empty(), "maria", AT))
        .isInstanceOfSatisfying(
            CallTasks.UnknownTaskException.class, e -> assertThat(e.taskId()).isEqualTo(987654))
        .hasMessageContaining("there is no call task 987654");

    customer(store, "cancelled", "Cass Elled", null, "+1 555 0701");
    long id = task("cancelled").insert(store);
    execute(store, "UPDATE call_tasks SET status = 'cancelled' WHERE id = ?", id);
    assertThatThrownBy(() -> calls.log(id, Outcome.REACHED, Optional.empty(), "maria", AT))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("call task " + id + " was cancelled")
        .hasMessageContaining("nothing to log");
    assertThat(count(store, "SELECT count(*) FROM contacts WHERE call_task_id = ?", id)).isZero();
  }

  @Test
  void outcome_parse_takesDashesOrUnderscores_andListsTheValidOnes() {
    assertThat(Outcome.parse("no-answer")).isEqualTo(Outcome.NO_ANSWER);
    assertThat(Outcome.parse(" Do_Not_Contact ")).isEqualTo(Outcome.DO_NOT_CONTACT);
    assertThat(Outcome.parse("WILL-ORDER")).isEqualTo(Outcome.WILL_ORDER);
    assertThatThrownBy(() -> Outcome.parse("hung up"))
        .hasMessage(
            "not a call outcome: 'hung up' (one of reached, voicemail, no-answer, wrong-number,"
                + " will-order, do-not-contact, reason-for-leaving)");
  }
}
