package org.rekindle.store.outreach;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.NullMarked;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.core.offer.OfferKind;
import org.rekindle.store.StoreException;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;
import org.rekindle.store.query.Contacts;
import org.rekindle.store.query.CustomerProfile;
import org.rekindle.store.survey.ComeBack;
import org.rekindle.store.survey.StoredAnswer;
import org.rekindle.store.survey.SurveyAnswer;
import org.rekindle.store.survey.SurveyAnswers;

/**
 * The reps' calls ({@code call_tasks}, migration V6): the open ones with what to talk about, most
 * at stake first, and their outcomes logged once.
 *
 * <p>The planner makes the tasks; this class reads them and logs how each call went. Logging is one
 * conditional {@code UPDATE … WHERE status = 'open'}: of any number of reps logging the same task
 * at once, exactly one does, and the others are told who did, when and with what. Everything an
 * outcome does — the task closed, the {@code contacts} row, the suppressions and the consent of a
 * customer who asked not to be contacted — is one transaction: all of it or none.
 */
@NullMarked
public final class CallTasks {
  /** Where the {@code contacts} rows of logged calls come from. */
  public static final String SOURCE = "outreach";

  /** How many of the latest contacts the talking points show. */
  public static final int HISTORY = 5;

  /**
   * {@link Suppressions#normalise} for a phone number, in SQL: an optional {@code +} and the
   * digits. The list leaves out calls to a suppressed number with it.
   */
  private static final String NORMAL_PHONE =
      "(CASE WHEN t.phone ~ '^[[:space:]]*[+]' THEN '+' ELSE '' END"
          + " || regexp_replace(t.phone, '[^0-9]', '', 'g'))";

  /** How a call went; the values of {@code call_tasks.outcome}. */
  public enum Outcome {
    /** Spoke with the customer. */
    REACHED("spoke with the customer"),
    /** Left a message. */
    VOICEMAIL("left a voicemail"),
    /** Nobody answered. */
    NO_ANSWER("nobody answered"),
    /** The number is not the customer's: it is suppressed for calls. */
    WRONG_NUMBER("the number is not the customer's: it is suppressed for calls"),
    /** The customer said they will order. */
    WILL_ORDER("the customer said they will order"),
    /**
     * The customer asked not to be contacted: their phone, email and postal address are suppressed
     * and their consent withdrawn on every channel, as their own word, which only they can undo.
     */
    DO_NOT_CONTACT(
        "the customer asked not to be contacted: every address suppressed, every consent"
            + " withdrawn; only the customer can undo it"),
    /**
     * The customer said why they left: the note says it (required unless the reason is given), and
     * it is kept as their exit-survey answer from a call.
     */
    REASON_FOR_LEAVING(
        "the customer said why they left: the note says it, kept as their survey answer");

    private final String meaning;

    Outcome(String meaning) {
      this.meaning = meaning;
    }

    /** As stored: {@code no_answer}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** As typed and shown: {@code no-answer}. */
    public String label() {
      return id().replace('_', '-');
    }

    /** What the outcome means and does, in words. */
    public String meaning() {
      return meaning;
    }

    /** In a sentence: {@code no answer}. */
    String words() {
      return id().replace('_', ' ');
    }

    /** Reads {@code no-answer}, {@code no_answer}, {@code NO_ANSWER}, … */
    public static Outcome parse(String text) {
      String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Outcome o : values()) {
        if (o.name().equals(t)) {
          return o;
        }
      }
      throw new IllegalArgumentException(
          "not a call outcome: '"
              + text
              + "' (one of "
              + Arrays.stream(values()).map(Outcome::label).collect(Collectors.joining(", "))
              + ")");
    }
  }

  /** A task number no call task has. */
  public static final class UnknownTaskException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long taskId;

    UnknownTaskException(long taskId) {
      super(
          "there is no call task "
              + taskId
              + " ('rekindle calls' lists the open ones, each with its number)");
      this.taskId = taskId;
    }

    /** The number asked for. */
    public long taskId() {
      return taskId;
    }
  }

  /** A call task whose outcome was logged before: by whom, when, with what. */
  public static final class AlreadyLoggedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long taskId;
    private final Outcome outcome;
    private final String by;
    private final Instant at;

    AlreadyLoggedException(
        long taskId, Outcome outcome, Optional<String> note, String by, Instant at) {
      super(
          "call task "
              + taskId
              + " was already logged by "
              + by
              + " at "
              + at
              + ": "
              + outcome.label()
              + note.map(n -> " (\"" + n + "\")").orElse("")
              + "; nothing was changed");
      this.taskId = taskId;
      this.outcome = outcome;
      this.by = by;
      this.at = at;
    }

    public long taskId() {
      return taskId;
    }

    /** The outcome logged first. */
    public Outcome outcome() {
      return outcome;
    }

    /** Who logged it first. */
    public String by() {
      return by;
    }

    /** When. */
    public Instant at() {
      return at;
    }
  }

  /**
   * What a customer who said why they left answered beyond the rep's note, each part optional: the
   * exit survey's questions, asked on the phone.
   *
   * @param reason why they left; when absent, read from the note (see {@link #log(long, Outcome,
   *     Optional, Leaving, String, Instant)})
   * @param comeBack would they come back
   * @param bringBack what would bring them back
   */
  public record Leaving(
      Optional<LeavingReason> reason, Optional<ComeBack> comeBack, Optional<String> bringBack) {
    /** Nothing beyond the note. */
    public static final Leaving NOTE_ONLY =
        new Leaving(Optional.empty(), Optional.empty(), Optional.empty());

    public Leaving {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(comeBack, "comeBack");
      bringBack = bringBack.map(String::strip).filter(b -> !b.isEmpty());
    }
  }

  private final Jdbi jdbi;

  public CallTasks(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The open calls due on or before a day, most at stake first (by the value at risk they were
   * planned with; those without one last, then by due day). A call to a number suppressed since it
   * was planned is left out: nobody should dial it.
   *
   * @param rep only this rep's calls and the pool's (the rep's name as the tasks have it, which is
   *     the customers' owner rep); empty for every call
   * @param asOf the day: calls due by then, with talking points as of then
   * @param limit at most this many
   */
  public List<CallTask> list(Optional<String> rep, LocalDate asOf, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the limit must be at least 1: " + limit);
    }
    if (rep.isPresent() && rep.get().isBlank()) {
      throw new IllegalArgumentException("a rep's name must not be blank");
    }
    // one snapshot: a run or a plan finishing meanwhile cannot mix old and new numbers
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          Optional<Run> run =
              h.select(
                      "SELECT id, as_of FROM runs WHERE status = 'completed' AND as_of <= ?"
                          + " ORDER BY as_of DESC LIMIT 1",
                      asOf)
                  .map((rs, ctx) -> new Run(rs.getLong(1), rs.getObject(2, LocalDate.class)))
                  .findOne();
          List<Row> rows =
              h.createQuery(
                      "SELECT t.id, t.customer_id, c.external_id, t.playbook, t.step, t.due_on,"
                          + " t.assigned_to, t.phone, t.value_at_risk, t.talking_points,"
                          + " t.offer_id, c.name, c.phone, o.order_date, o.amount, o.currency,"
                          + " s.customer_id, s.usual_gap_days, s.value_at_risk, s.clv,"
                          + " l.to_state, l.on_date, s.frequency"
                          + " FROM call_tasks t JOIN customers c ON c.id = t.customer_id"
                          + " LEFT JOIN scores s ON s.run_id = :run AND s.customer_id = t.customer_id"
                          + " LEFT JOIN LATERAL (SELECT order_date, amount, currency FROM orders"
                          + "   WHERE customer_id = t.customer_id AND amount > 0"
                          + "   AND order_date <= :asOf"
                          + "   ORDER BY order_date DESC, ordered_at DESC, id DESC LIMIT 1) o"
                          + " ON true"
                          + " LEFT JOIN LATERAL (SELECT to_state, on_date FROM lifecycle_transitions"
                          + "   WHERE customer_id = t.customer_id AND on_date <= :asOf"
                          + "   ORDER BY on_date DESC, id DESC LIMIT 1) l ON true"
                          + " WHERE t.status = 'open' AND t.due_on <= :asOf"
                          + " AND (CAST(:rep AS text) IS NULL OR t.assigned_to = :rep"
                          + "      OR t.assigned_to IS NULL)"
                          + " AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.channel = 'phone'"
                          + "   AND x.lifted_at IS NULL AND x.address = "
                          + NORMAL_PHONE
                          + ")"
                          + " ORDER BY t.value_at_risk DESC NULLS LAST, t.due_on, t.id"
                          + " LIMIT :limit")
                  .bind("run", run.map(Run::id).orElse(-1L))
                  .bind("asOf", asOf)
                  .bind("rep", rep.map(String::strip).orElse(null))
                  .bind("limit", limit)
                  .map((rs, ctx) -> row(rs, run))
                  .list();
          if (rows.isEmpty()) {
            return List.of();
          }
          Set<Long> customers = new LinkedHashSet<>();
          Map<Long, String> externalIds = new HashMap<>();
          for (Row r : rows) {
            customers.add(r.customer());
            externalIds.put(r.customer(), r.customerId());
          }
          Map<Long, List<HeldOffer>> offers = offers(h, customers, asOf);
          Map<Long, List<Contacts.Contact>> history = history(h, customers, externalIds, asOf);
          List<CallTask> tasks = new ArrayList<>();
          for (Row r : rows) {
            List<CallTalkingPoints.OpenOffer> open = new ArrayList<>();
            for (HeldOffer f : offers.getOrDefault(r.customer(), List.of())) {
              open.add(
                  new CallTalkingPoints.OpenOffer(
                      f.code(), f.terms(), f.expiresAt(), r.offer().equals(Optional.of(f.id()))));
            }
            tasks.add(
                new CallTask(
                    r.id(),
                    r.customerId(),
                    r.playbook(),
                    r.step(),
                    r.dueOn(),
                    r.assignedTo(),
                    r.phone(),
                    r.valueAtRisk(),
                    new CallTalkingPoints(
                        r.text(),
                        r.name(),
                        r.phoneOnRecord(),
                        r.lastOrder(),
                        r.scores(),
                        r.lifecycle(),
                        open,
                        history.getOrDefault(r.customer(), List.of()))));
          }
          return tasks;
        });
  }

  /**
   * Whose a call task is and where it stands: for a page that lets a rep log only their own calls
   * and the pool's.
   *
   * @param rep the rep it is assigned to; empty for the pool, whose calls any rep may make
   * @param status {@code open}, {@code done} or {@code cancelled}
   */
  public record Assignment(long taskId, String customerId, Optional<String> rep, String status) {
    public Assignment {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(rep, "rep");
      Objects.requireNonNull(status, "status");
    }

    /** Whether the call is the pool's, for any rep to make. */
    public boolean pool() {
      return rep.isEmpty();
    }
  }

  /** Whose a task is; empty when no task has the number. */
  public Optional<Assignment> assignment(long taskId) {
    return jdbi.withHandle(
        h ->
            h.select(
                    "SELECT t.id, c.external_id, t.assigned_to, t.status FROM call_tasks t"
                        + " JOIN customers c ON c.id = t.customer_id WHERE t.id = ?",
                    taskId)
                .map(
                    (rs, ctx) ->
                        new Assignment(
                            rs.getLong(1), rs.getString(2), text(rs, 3), rs.getString(4)))
                .findOne());
  }

  /**
   * Logs how a call went, once.
   *
   * <ul>
   *   <li>Every outcome closes the task (status {@code done}, with the outcome, the note, who and
   *       when) and records the call in {@code contacts} (channel {@code call}, source {@value
   *       #SOURCE}, on the day of {@code at} in UTC, with the playbook, step and task).
   *   <li>{@link Outcome#WRONG_NUMBER} suppresses the task's number for calls ({@code
   *       wrong_number}, by staff, which staff may lift once the number is checked).
   *   <li>{@link Outcome#DO_NOT_CONTACT} suppresses the customer's phone numbers, email and postal
   *       address ({@code do_not_contact}, source customer) and withdraws their consent on every
   *       channel as their own word: only the customer can undo either.
   *   <li>{@link Outcome#REASON_FOR_LEAVING} needs the reason as its note (or as {@code leaving}'s
   *       reason), and also keeps the customer's exit-survey answer from a call ({@code
   *       survey_answers}, source {@code call}, with the task and the rep; {@link SurveyAnswers}):
   *       the note is its comment; the reason is {@code leaving}'s, else the note's when {@link
   *       LeavingReason#parse} reads the whole note or the part before its first colon ({@code
   *       price: found it cheaper elsewhere}), else none; would they come back and what would bring
   *       them back are {@code leaving}'s. An answer from an earlier call is replaced.
   * </ul>
   *
   * @param note what the rep noted; kept with the task and the contact when not blank
   * @param leaving for a reason for leaving, what the customer answered beyond the note; {@link
   *     Leaving#NOTE_ONLY} for any other outcome
   * @param actor who logs it
   * @param at when; the contact is recorded on its day in UTC
   * @throws IllegalArgumentException for a reason for leaving without a note or a reason, a note
   *     too long to keep as a survey answer ({@link SurveyAnswer#MAX_TEXT}), or answers for another
   *     outcome
   * @throws UnknownTaskException when no task has the number
   * @throws AlreadyLoggedException when the task was logged before, by this or another rep; nothing
   *     is changed
   * @throws StoreException when the task was cancelled
   */
  public CallLogged log(
      long taskId,
      Outcome outcome,
      Optional<String> note,
      Leaving leaving,
      String actor,
      Instant at) {
    Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
    Optional<SurveyAnswer> answer = Optional.empty();
    if (outcome == Outcome.REASON_FOR_LEAVING) {
      if (text.isEmpty() && leaving.reason().isEmpty()) {
        throw new IllegalArgumentException(
            "a reason for leaving needs the reason as its note (or as the leaving reason): what"
                + " made the customer leave, in their words");
      }
      answer =
          Optional.of(
              new SurveyAnswer(
                  leaving.reason().or(() -> text.flatMap(CallTasks::reasonIn)),
                  leaving.comeBack(),
                  leaving.bringBack(),
                  text));
    } else if (!leaving.equals(Leaving.NOTE_ONLY)) {
      throw new IllegalArgumentException(
          "why they left, would they come back and what would bring them back go with the"
              + " outcome reason-for-leaving, not "
              + outcome.label());
    }
    Optional<SurveyAnswer> survey = answer;
    String by = actor.isBlank() ? "unknown" : actor.strip();
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    return jdbi.inTransaction(
        h -> {
          // the one statement that decides: of any number of attempts, one finds the task open
          Optional<Claimed> claimed =
              h.createQuery(
                      "UPDATE call_tasks SET status = 'done', outcome = :outcome,"
                          + " outcome_note = :note, logged_by = :by, logged_at = :at"
                          + " WHERE id = :id AND status = 'open'"
                          + " RETURNING customer_id, playbook, step, phone,"
                          + " (SELECT c.external_id FROM customers c WHERE c.id = call_tasks.customer_id)")
                  .bind("outcome", outcome.id())
                  .bind("note", text.orElse(null))
                  .bind("by", by)
                  .bind("at", when)
                  .bind("id", taskId)
                  .map(
                      (rs, ctx) ->
                          new Claimed(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getInt(3),
                              rs.getString(4),
                              rs.getString(5)))
                  .findOne();
          if (claimed.isEmpty()) {
            throw whyNot(h, taskId);
          }
          Claimed task = claimed.get();
          long contact =
              h.createUpdate(
                      "INSERT INTO contacts (customer_id, contacted_on, channel, source, note,"
                          + " playbook, step, call_task_id)"
                          + " VALUES (:customer, :on, 'call', :source, :note, :playbook, :step,"
                          + " :task)")
                  .bind("customer", task.customer())
                  .bind("on", LocalDate.ofInstant(at, ZoneOffset.UTC))
                  .bind("source", SOURCE)
                  .bind("note", outcome.words() + text.map(n -> ": " + n).orElse(""))
                  .bind("playbook", task.playbook())
                  .bind("step", task.step())
                  .bind("task", taskId)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          // SurveyAnswers, like Suppressions below, joins this transaction through the Jdbi
          Optional<StoredAnswer> kept =
              survey.map(
                  a -> new SurveyAnswers(jdbi).recordFromCall(task.customer(), taskId, by, a, at));
          List<CallLogged.Suppressed> suppressed = new ArrayList<>();
          boolean withdrawn = false;
          String why = "call task " + taskId + text.map(n -> ": " + n).orElse("");
          // Suppressions works through this Jdbi, whose handle scope hands it this transaction's
          // handle: its rows commit or roll back with the task's
          Suppressions suppressions = new Suppressions(jdbi);
          if (outcome == Outcome.WRONG_NUMBER) {
            suppress(
                suppressions,
                suppressed,
                ConsentLog.Channel.PHONE,
                task.phone(),
                Suppressions.Reason.WRONG_NUMBER,
                ConsentLog.Source.STAFF,
                by,
                why);
          } else if (outcome == Outcome.DO_NOT_CONTACT) {
            doNotContact(h, suppressions, suppressed, task, by, "asked on a call, " + why);
            withdrawn = true;
          }
          return new CallLogged(
              taskId,
              task.customerId(),
              outcome,
              text,
              by,
              at,
              contact,
              suppressed,
              withdrawn,
              kept);
        });
  }

  /**
   * Logs how a call went, once, with nothing beyond the note: {@link #log(long, Outcome, Optional,
   * Leaving, String, Instant)} with {@link Leaving#NOTE_ONLY}.
   */
  public CallLogged log(
      long taskId, Outcome outcome, Optional<String> note, String actor, Instant at) {
    return log(taskId, outcome, note, Leaving.NOTE_ONLY, actor, at);
  }

  /**
   * The leaving reason a rep's note names: the whole note, or the part before its first colon, as
   * {@link LeavingReason#parse} reads it. A note that is a sentence names none: guessing from its
   * words would count "moved to a competitor" as moved.
   */
  static Optional<LeavingReason> reasonIn(String note) {
    int colon = note.indexOf(':');
    for (String candidate : colon < 0 ? List.of(note) : List.of(note, note.substring(0, colon))) {
      try {
        return Optional.of(LeavingReason.parse(candidate));
      } catch (IllegalArgumentException e) {
        // not a reason's name: try the next, else none
      }
    }
    return Optional.empty();
  }

  /** Why a task was not open to log: unknown, logged before, or cancelled. */
  private static StoreException whyNot(Handle h, long taskId) {
    Optional<StoreException> known =
        h.select(
                "SELECT status, outcome, outcome_note, logged_by, logged_at FROM call_tasks"
                    + " WHERE id = ?",
                taskId)
            .map(
                (rs, ctx) -> {
                  String status = rs.getString(1);
                  Optional<String> by = Optional.ofNullable(rs.getString(4));
                  Optional<Instant> at =
                      Optional.ofNullable(rs.getObject(5, OffsetDateTime.class))
                          .map(OffsetDateTime::toInstant);
                  if (status.equals("done")) {
                    return (StoreException)
                        new AlreadyLoggedException(
                            taskId,
                            Outcome.parse(rs.getString(2)),
                            Optional.ofNullable(rs.getString(3)),
                            by.orElse("unknown"),
                            at.orElseThrow());
                  }
                  return new StoreException(
                      "call task "
                          + taskId
                          + " was "
                          + status
                          + by.map(b -> " by " + b).orElse("")
                          + at.map(a -> " at " + a).orElse("")
                          + ": it is not to be made, and there is nothing to log");
                })
            .findOne();
    return known.orElseGet(() -> new UnknownTaskException(taskId));
  }

  /**
   * The customer asked not to be contacted: every address of theirs suppressed and their consent
   * withdrawn on every channel, both as the customer's own word (source customer), which the
   * database lets only the customer undo (migrations V4, V7).
   */
  private static void doNotContact(
      Handle h,
      Suppressions suppressions,
      List<CallLogged.Suppressed> suppressed,
      Claimed task,
      String by,
      String why) {
    Person p =
        h.select(
                "SELECT phone, email, address_line1, address_line2, city, region, postal_code,"
                    + " country FROM customers WHERE id = ? FOR UPDATE",
                task.customer())
            .map(
                (rs, ctx) ->
                    new Person(
                        text(rs, 1),
                        text(rs, 2),
                        new CustomerProfile.Address(
                            text(rs, 3),
                            text(rs, 4),
                            text(rs, 5),
                            text(rs, 6),
                            text(rs, 7),
                            text(rs, 8))))
            .one();
    Suppressions.Reason dnc = Suppressions.Reason.DO_NOT_CONTACT;
    ConsentLog.Source customer = ConsentLog.Source.CUSTOMER;
    suppress(
        suppressions, suppressed, ConsentLog.Channel.PHONE, task.phone(), dnc, customer, by, why);
    if (p.phone().isPresent()) {
      suppress(
          suppressions,
          suppressed,
          ConsentLog.Channel.PHONE,
          p.phone().get(),
          dnc,
          customer,
          by,
          why);
    }
    if (p.email().isPresent()) {
      suppress(
          suppressions,
          suppressed,
          ConsentLog.Channel.EMAIL,
          p.email().get(),
          dnc,
          customer,
          by,
          why);
    }
    List<String> lines = p.address().parts();
    if (!lines.isEmpty()) {
      suppress(
          suppressions,
          suppressed,
          ConsentLog.Channel.LETTER,
          String.join("\n", lines),
          dnc,
          customer,
          by,
          why);
    }
    ConsentLog.attribute(h, customer, by, why);
    // A channel already off gets the customer's "stop" too: the guard of V4 keeps a channel off
    // only after the customer's own latest word on it was a withdrawal, and an UPDATE that changes
    // nothing logs nothing. The source, actor and note are the ones just attributed.
    h.execute(
        "INSERT INTO consent_events (customer_id, channel, granted, source, actor, note)"
            + " SELECT c.id, k.channel, false, rekindle_consent_source(), rekindle_consent_actor(),"
            + " nullif(current_setting('rekindle.consent_note', true), '')"
            + " FROM customers c CROSS JOIN LATERAL (VALUES ('email', c.consent_email),"
            + " ('letter', c.consent_letter), ('phone', c.consent_phone), ('sms', c.consent_sms))"
            + " k (channel, granted)"
            + " WHERE c.id = ? AND NOT k.granted",
        task.customer());
    // the channels still on: the log trigger records each change
    h.execute(
        "UPDATE customers SET consent_email = false, consent_letter = false,"
            + " consent_phone = false, consent_sms = false, updated_at = now()"
            + " WHERE id = ? AND (consent_email OR consent_letter OR consent_phone OR consent_sms)",
        task.customer());
  }

  private static void suppress(
      Suppressions suppressions,
      List<CallLogged.Suppressed> done,
      ConsentLog.Channel channel,
      String address,
      Suppressions.Reason reason,
      ConsentLog.Source source,
      String by,
      String note) {
    String normal = Suppressions.normalise(channel, address);
    if (normal.isEmpty()
        || done.stream().anyMatch(s -> s.channel() == channel && s.address().equals(normal))) {
      return;
    }
    boolean added = suppressions.suppress(channel, address, reason, source, by, note);
    done.add(new CallLogged.Suppressed(channel, normal, added));
  }

  private static Map<Long, List<HeldOffer>> offers(Handle h, Set<Long> customers, LocalDate asOf) {
    Map<Long, List<HeldOffer>> held = new HashMap<>();
    h.createQuery(
            "SELECT customer_id, id, code, kind, value, currency, description, service_cost,"
                + " expires_at FROM offers"
                + " WHERE customer_id IN (<customers>) AND status = 'issued'"
                + " AND issued_at < :dayEnd AND expires_at > :dayStart"
                + " ORDER BY expires_at, id")
        .bindList("customers", List.copyOf(customers))
        .bind("dayStart", asOf.atStartOfDay().atOffset(ZoneOffset.UTC))
        .bind("dayEnd", asOf.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
        .map(
            (rs, ctx) -> {
              OfferKind kind = OfferKind.parse(rs.getString(4));
              // a free service's value is its nominal cost, as Offers reads it
              BigDecimal value =
                  kind == OfferKind.FREE_SERVICE ? rs.getBigDecimal(8) : rs.getBigDecimal(5);
              return new HeldOffer(
                  rs.getLong(1),
                  rs.getLong(2),
                  OfferCode.of(rs.getString(3)),
                  new Offer(kind, value, text(rs, 6), text(rs, 7)),
                  rs.getObject(9, OffsetDateTime.class).toInstant());
            })
        .forEach(f -> held.computeIfAbsent(f.customer(), k -> new ArrayList<>()).add(f));
    return held;
  }

  private static Map<Long, List<Contacts.Contact>> history(
      Handle h, Set<Long> customers, Map<Long, String> externalIds, LocalDate asOf) {
    Map<Long, List<Contacts.Contact>> history = new HashMap<>();
    h.createQuery(
            "SELECT customer_id, id, contacted_on, channel, source, note FROM ("
                + " SELECT k.*, row_number() OVER (PARTITION BY customer_id"
                + "   ORDER BY contacted_on DESC, id DESC) AS n"
                + " FROM contacts k WHERE customer_id IN (<customers>) AND contacted_on <= :asOf"
                + ") latest WHERE n <= :n ORDER BY customer_id, n")
        .bindList("customers", List.copyOf(customers))
        .bind("asOf", asOf)
        .bind("n", HISTORY)
        .map(
            (rs, ctx) -> {
              long customer = rs.getLong(1);
              return Map.entry(
                  customer,
                  new Contacts.Contact(
                      rs.getLong(2),
                      externalIds.getOrDefault(customer, ""),
                      rs.getObject(3, LocalDate.class),
                      Contacts.Channel.parse(rs.getString(4)),
                      rs.getString(5),
                      text(rs, 6)));
            })
        .forEach(
            e -> history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return history;
  }

  private static Row row(ResultSet rs, Optional<Run> run) throws SQLException {
    Optional<CallTalkingPoints.LastOrder> lastOrder =
        rs.getObject(14) == null
            ? Optional.empty()
            : Optional.of(
                new CallTalkingPoints.LastOrder(
                    rs.getObject(14, LocalDate.class), rs.getBigDecimal(15), rs.getString(16)));
    Optional<CallTalkingPoints.Scores> scores =
        rs.getObject(17) == null || run.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new CallTalkingPoints.Scores(
                    run.get().asOf(),
                    rs.getInt(23),
                    number(rs, 18),
                    number(rs, 19),
                    number(rs, 20)));
    Optional<CallTalkingPoints.Lifecycle> lifecycle =
        rs.getObject(21) == null
            ? Optional.empty()
            : Optional.of(
                new CallTalkingPoints.Lifecycle(
                    rs.getString(21), rs.getObject(22, LocalDate.class)));
    return new Row(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getObject(6, LocalDate.class),
        text(rs, 7),
        rs.getString(8),
        number(rs, 9),
        text(rs, 10).filter(t -> !t.isBlank()),
        Optional.ofNullable(rs.getObject(11, Long.class)),
        text(rs, 12),
        text(rs, 13).filter(t -> !t.isBlank()),
        lastOrder,
        scores,
        lifecycle);
  }

  private static Optional<String> text(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  private static Optional<Double> number(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, Double.class)).filter(Double::isFinite);
  }

  private record Run(long id, LocalDate asOf) {}

  /** A task's row with the customer's facts, before the offers and history join it. */
  private record Row(
      long id,
      long customer,
      String customerId,
      String playbook,
      int step,
      LocalDate dueOn,
      Optional<String> assignedTo,
      String phone,
      Optional<Double> valueAtRisk,
      Optional<String> text,
      Optional<Long> offer,
      Optional<String> name,
      Optional<String> phoneOnRecord,
      Optional<CallTalkingPoints.LastOrder> lastOrder,
      Optional<CallTalkingPoints.Scores> scores,
      Optional<CallTalkingPoints.Lifecycle> lifecycle) {}

  private record HeldOffer(
      long customer, long id, OfferCode code, Offer terms, Instant expiresAt) {}

  /** The task a log closed. */
  private record Claimed(
      long customer, String playbook, int step, String phone, String customerId) {}

  /** Where the customer can be reached. */
  private record Person(
      Optional<String> phone, Optional<String> email, CustomerProfile.Address address) {}
}
