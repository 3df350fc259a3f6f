package org.rekindle.store.outreach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.core.playbook.AccountKind;
import org.rekindle.core.playbook.Channel;
import org.rekindle.core.playbook.Condition;
import org.rekindle.core.playbook.ContactPolicy;
import org.rekindle.core.playbook.CustomerFacts;
import org.rekindle.core.playbook.CustomerState;
import org.rekindle.core.playbook.Playbook;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.playbook.Step;
import org.rekindle.core.playbook.StopWhen;
import org.rekindle.core.playbook.Trigger;
import org.rekindle.core.policy.ContactLedger;
import org.rekindle.core.score.Durations;
import org.rekindle.store.AdvisoryLock;
import org.rekindle.store.CopyIn;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.survey.SurveyAnswers;

/**
 * Makes a day's plan from the playbooks: starts playbooks whose trigger fired, holds out the
 * persistent random share of each, walks every due run through its steps and puts each email,
 * letter and call through the contact policy (consent and suppression, frequency caps, quiet hours,
 * call capacity, offer budget), spending the budgets on the most value at risk first. Every
 * decision is recorded with its reason. A dry run does all of it in a transaction it rolls back, so
 * it shows exactly what the real plan would do.
 *
 * <p>Queued emails and letters go to the outbox and call tasks to the reps, each under a dedupe key
 * (customer, playbook, step, cycle): planning the same day twice queues nothing new.
 */
public final class Planner {
  /**
   * How many days back a state entered or a lost span reached still starts a playbook: a plan
   * missed for a few days catches up, but a first plan does not write to everyone who went quiet
   * years ago.
   */
  public static final int CATCH_UP_DAYS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REPLIED = Set.of("reached", "will_order", "reason_for_leaving");

  private final Store store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Planner(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * One decision of a plan.
   *
   * @param step the step's index, or -1 for a decision about the whole run
   * @param action start, email, letter, call, offer or survey
   * @param decision started, held_out, stopped, completed, queued, issued, skipped or deferred
   */
  public record Decision(
      String customerId,
      String playbook,
      LocalDate cycle,
      int step,
      String action,
      String decision,
      String reason) {}

  /**
   * A plan made (or, when {@code applied} is false, what one would be).
   *
   * @param run the daily run whose scores it used
   * @param decisions every decision, in the order made
   * @param notForThem triggers that fired for customers the playbook's {@code when} excludes
   */
  public record Plan(
      LocalDate asOf,
      LocalDate run,
      boolean applied,
      List<Decision> decisions,
      int notForThem,
      Map<String, Integer> counts) {

    /** How many decisions of this kind (e.g. "queued email", "skipped call"). */
    public int count(String decision, String action) {
      return counts.getOrDefault(decision + " " + action, 0);
    }
  }

  /**
   * Plans the day {@code asOf} with the scores of the latest daily run on or before it.
   *
   * @param apply false for a dry run, which changes nothing
   * @throws StoreException when no daily run has completed by then, or a run or plan is in progress
   */
  public Plan plan(Playbooks books, LocalDate asOf, boolean apply, Consumer<String> progress) {
    return AdvisoryLock.holding(
        store,
        AdvisoryLock.RUN,
        "a rekindle run or plan is in progress on " + store.describe() + "; wait for it to finish",
        () ->
            store
                .jdbi()
                .withHandle(
                    h -> {
                      h.begin();
                      try {
                        Plan plan = new Work(h, books, asOf, apply, progress).plan();
                        if (apply) {
                          h.commit();
                        } else {
                          h.rollback();
                        }
                        return plan;
                      } catch (RuntimeException e) {
                        h.rollback();
                        throw e;
                      }
                    }));
  }

  /** A run through a playbook, as the plan moves it on. */
  private static final class Enrollment {
    final long id;
    final long customer;
    final Playbook playbook;
    final LocalDate cycle;
    final LocalDate startedOn;
    int nextStep;
    @Nullable LocalDate nextDue;
    @Nullable Long offerId;
    String status = "active";
    @Nullable String endReason;

    /** What started a run this plan starts; null for a run stored by an earlier plan. */
    @Nullable String trigger;

    Enrollment(
        long id,
        long customer,
        Playbook playbook,
        LocalDate cycle,
        LocalDate startedOn,
        int nextStep,
        @Nullable Long offerId) {
      this.id = id;
      this.customer = customer;
      this.playbook = playbook;
      this.cycle = cycle;
      this.startedOn = startedOn;
      this.nextStep = nextStep;
      this.offerId = offerId;
    }
  }

  /**
   * A customer a playbook's trigger fired for.
   *
   * @param might false when their scores already show they cannot meet the playbook's condition
   */
  private record Fired(long customer, LocalDate cycle, String note, boolean might) {}

  private record Touch(long customer, @Nullable Channel channel, LocalDate on) {}

  /** One plan's state. */
  private final class Work {
    private final Handle h;
    private final Playbooks books;
    private final LocalDate asOf;
    private final boolean apply;
    private final Consumer<String> progress;
    private final Instant now;

    /**
     * The day the plan's offers are made (the clock's, in UTC): they are issued now, whatever day
     * is planned, so the offer budget counts them, and the offers already made, by the day they
     * were issued. A catch-up of missed days therefore spends one budget, not one per day.
     */
    private final LocalDate offerDay;

    private final List<Decision> decisions = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<Long, Prospect> prospects = new HashMap<>();
    private final Offers offers;
    private final String domain;

    /** The internal ids of the customers of {@link #decisions}, in the same order. */
    private final List<Long> decided = new ArrayList<>();

    private final Offers.Batch offerBatch;

    /** The values of the offers the runs carry, for their messages, by offer id. */
    private final Map<Long, Map<String, Object>> offerValues = new HashMap<>();

    /**
     * The offers made by earlier plans that expired before the touch carrying them could go (held
     * by an open service case or a cap), with the day they expired.
     */
    private final Map<Long, LocalDate> expiredOffers = new HashMap<>();

    private final PreparedBatch callRows;

    /**
     * The customers with an open service-recovery case, and the oldest such case: they get no sales
     * offer until it is closed. Few, so read once per plan.
     */
    private Map<Long, Long> openCases = Map.of();

    private int calls;
    private int notForThem;
    private long runId;
    private LocalDate runDay = LocalDate.MIN;
    private String currency = "USD";

    Work(Handle h, Playbooks books, LocalDate asOf, boolean apply, Consumer<String> progress) {
      this.h = h;
      this.books = books;
      this.asOf = asOf;
      this.apply = apply;
      this.progress = progress;
      this.now = clock.instant();
      this.offerDay = now.atOffset(ZoneOffset.UTC).toLocalDate();
      this.offers = new Offers(store.jdbi(), clock);
      String from = books.business().fromEmail();
      this.domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
      this.offerBatch = offers.batch(h);
      this.callRows =
          h.prepareBatch(
              "INSERT INTO call_tasks (dedupe_key, enrollment_id, customer_id, playbook, step,"
                  + " cycle, assigned_to, phone, due_on, value_at_risk, talking_points, offer_id)"
                  + " VALUES (:key, :enrollment, :customer, :playbook, :step, :cycle, :rep,"
                  + " :phone, :due, :var, :points, :offer) ON CONFLICT (dedupe_key) DO NOTHING");
    }

    Plan plan() {
      Map.Entry<Long, LocalDate> run =
          h.select(
                  "SELECT id, as_of FROM runs WHERE status = 'completed' AND as_of <= ?"
                      + " ORDER BY as_of DESC LIMIT 1",
                  asOf)
              .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDate.class)))
              .findOne()
              .orElseThrow(
                  () ->
                      new StoreException(
                          "no daily run has completed on or before "
                              + asOf
                              + "; a plan uses a run's scores: run `rekindle run` first"));
      runId = run.getKey();
      runDay = run.getValue();
      currency =
          h.select("SELECT currency FROM orders LIMIT 1")
              .mapTo(String.class)
              .findOne()
              .orElse("USD");

      progress.accept("finding whom the playbooks start for");
      Map<Playbook, List<Fired>> fired = new LinkedHashMap<>();
      Set<Long> ids = new HashSet<>();
      for (Playbook p : books.enabledByPriority()) {
        List<Fired> f = fired(p);
        fired.put(p, f);
        for (Fired x : f) {
          if (x.might()) {
            ids.add(x.customer());
          }
        }
      }
      List<Enrollment> due = dueEnrollments();
      for (Enrollment e : due) {
        ids.add(e.customer);
      }
      progress.accept("reading " + ids.size() + " customers");
      loadProspects(ids);
      openCases = openCases();

      progress.accept("starting the playbooks");
      List<Enrollment> started = new ArrayList<>();
      for (Map.Entry<Playbook, List<Fired>> entry : fired.entrySet()) {
        start(entry.getKey(), entry.getValue(), due, started);
      }
      Set<Long> walked = new HashSet<>();
      for (Enrollment e : due) {
        walked.add(e.customer);
      }

      progress.accept("reading what the contact policy counts");
      ContactLedger ledger = ledger(walked);
      Map<String, Integer> priority = new HashMap<>();
      for (Playbook p : books.playbooks()) {
        priority.put(p.id(), p.priority());
      }
      due.sort(
          Comparator.comparingDouble((Enrollment e) -> -prospectOf(e.customer).rank())
              .thenComparingLong(e -> e.customer)
              .thenComparing(e -> -priority.getOrDefault(e.playbook.id(), 0)));
      Map<Long, String> stops = stops(due);
      loadOfferValues(due);
      progress.accept("walking " + due.size() + " playbook runs through the contact policy");
      Outbox outbox = new Outbox(h);
      for (Enrollment e : due) {
        walk(e, stops, ledger, outbox);
      }
      progress.accept("writing the offers");
      // offers first: the messages, calls and runs name them
      offerBatch.write();
      progress.accept("writing " + started.size() + " new playbook runs");
      insertRuns(started);
      progress.accept("queuing " + outbox.size() + " emails and letters");
      outbox.flush();
      if (calls > 0) {
        progress.accept("writing " + calls + " call tasks");
        callRows.execute();
      }
      // the runs earlier plans stored; those this plan started were written whole above
      progress.accept("moving on the runs already under way");
      saveEnrollments(due.stream().filter(e -> e.trigger == null).toList());
      progress.accept("recording " + decisions.size() + " decisions");
      writeDecisions();
      return new Plan(asOf, runDay, apply, List.copyOf(decisions), notForThem, Map.copyOf(counts));
    }

    private Map<Long, Long> openCases() {
      Map<Long, Long> open = new HashMap<>();
      h.createQuery(
              "SELECT customer_id, min(id) FROM cases WHERE closed_at IS NULL GROUP BY customer_id")
          .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
          .forEach(e -> open.put(e.getKey(), e.getValue()));
      return open;
    }

    /** Why no sales offer may go to the customer now, or empty when it may. */
    private Optional<String> offerPaused(Prospect who) {
      Long open = openCases.get(who.id());
      return open == null
          ? Optional.empty()
          : Optional.of("open service case #" + open + ": no sales offers until it is closed");
    }

    // ---- triggers

    private List<Fired> fired(Playbook p) {
      // not while a run is under way, nor again for the same occurrence; nor on the day a run
      // ended: triggers are read before the runs are walked, so the first plan of the day saw
      // that run still active, and a second plan of the day must start nothing the first did not
      String notEnrolled =
          " AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.customer_id = x.customer_id"
              + " AND e.playbook = :playbook AND (e.cycle = x.cycle OR e.status = 'active'"
              + " OR e.ended_on = :asOf))";
      String sql;
      Trigger t = p.trigger();
      if (t instanceof Trigger.EnteredState s) {
        sql =
            "SELECT x.customer_id, x.cycle, 'entered "
                + s.state().label()
                + " on ' || x.cycle"
                + " FROM (SELECT customer_id, since AS cycle FROM lifecycle_states"
                + " WHERE state = '"
                + s.state().label()
                + "' AND since <= :asOf"
                + " AND since > :asOf - "
                + CATCH_UP_DAYS
                + ") x WHERE true";
      } else if (t instanceof Trigger.LostFor l) {
        sql =
            "SELECT x.customer_id, x.cycle, 'lost since ' || x.cycle || ', "
                + l.days()
                + " days or more' FROM (SELECT customer_id, since AS cycle FROM lifecycle_states"
                + " WHERE state = 'lost' AND since + "
                + l.days()
                + " <= :asOf"
                + " AND since + "
                + l.days()
                + " > :asOf - "
                + CATCH_UP_DAYS
                + ") x WHERE true";
      } else if (t instanceof Trigger.AccountNoticeDue) {
        sql =
            "SELECT x.customer_id, x.cycle, 'the account goes dormant on ' || x.cycle"
                + " FROM (SELECT customer_id, dormant_on AS cycle FROM account_dormancy"
                + " WHERE status = 'open' AND notice_due <= :asOf AND dormant_on > :asOf) x"
                + " WHERE true";
      } else if (t instanceof Trigger.NoContactFor n) {
        sql =
            "SELECT x.customer_id, x.cycle, 'no contact for "
                + n.days()
                + " days'"
                + " FROM (SELECT c.id AS customer_id, CAST(:asOf AS date) AS cycle"
                + " FROM customers c WHERE true"
                + (n.segment().isPresent() ? " AND c.segment = :segment" : "")
                + (n.tag().isPresent() ? " AND :tag = ANY (c.tags)" : "")
                + " AND NOT EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = c.id"
                + " AND ct.contacted_on > :asOf - "
                + n.days()
                + ")"
                + " AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.customer_id = c.id"
                + " AND e.playbook = :playbook AND e.started_on > :asOf - "
                + n.days()
                + ")"
                + ") x WHERE true";
      } else if (t instanceof Trigger.Birthday b) {
        sql = anniversary("birthday", "birthday", b.daysBefore());
      } else if (t instanceof Trigger.CustomerSinceAnniversary a) {
        sql = anniversary("customer_since", "customer-since anniversary", a.daysBefore());
      } else {
        throw new IllegalStateException("unknown trigger " + t);
      }
      sql += notEnrolled;
      String might = prefilter(p.condition());
      if (!might.equals("true")) {
        // whom the condition's comparisons of scores rule out is known without reading them
        sql =
            "SELECT f.*, coalesce("
                + might
                + ", false) FROM ("
                + sql
                + ") f LEFT JOIN scores s ON s.run_id = :run AND s.customer_id = f.customer_id";
      }
      boolean tested = !might.equals("true");
      var query = h.createQuery(sql).bind("asOf", asOf).bind("playbook", p.id());
      if (tested) {
        query.bind("run", runId);
      }
      if (t instanceof Trigger.NoContactFor n) {
        n.segment().ifPresent(s -> query.bind("segment", s));
        n.tag().ifPresent(s -> query.bind("tag", s));
      }
      return query
          .map(
              (rs, ctx) ->
                  new Fired(
                      rs.getLong(1),
                      rs.getObject(2, LocalDate.class),
                      rs.getString(3),
                      !tested || rs.getBoolean(4)))
          .list();
    }

    /**
     * A test in SQL, on the customer's scores (table {@code s}), that every customer meeting the
     * condition passes: its comparisons of scores, where nothing around them can make them not
     * count; "true" when none can be written so. It only spares reading customers who cannot meet
     * the condition: the condition itself is still tested on everyone read.
     */
    private static String prefilter(Condition c) {
      if (c instanceof Condition.Compare k && Double.isFinite(k.value())) {
        String column =
            switch (k.field()) {
              case VALUE_AT_RISK -> "s.value_at_risk";
              case CLV -> "s.clv";
              case P_ALIVE -> "s.p_alive";
              case OVERDUE_RATIO -> "s.overdue_ratio";
              case DAYS_SINCE_LAST -> "s.days_since_last";
            };
        String operator = k.operator() == Condition.Operator.NE ? "<>" : k.operator().symbol();
        // an unknown score (NULL) fails the test, as it fails the condition
        return "("
            + column
            + " "
            + operator
            + " CAST('"
            + Double.toString(k.value())
            + "' AS double precision))";
      }
      if (c instanceof Condition.All all) {
        List<String> parts = new ArrayList<>();
        for (Condition part : all.conditions()) {
          String sql = prefilter(part);
          if (!sql.equals("true")) {
            parts.add(sql);
          }
        }
        return parts.isEmpty() ? "true" : "(" + String.join(" AND ", parts) + ")";
      }
      if (c instanceof Condition.Any any && !any.conditions().isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (Condition part : any.conditions()) {
          String sql = prefilter(part);
          if (sql.equals("true")) {
            return "true";
          }
          parts.add(sql);
        }
        return "(" + String.join(" OR ", parts) + ")";
      }
      return "true";
    }

    /**
     * A cheap first test of a date column: its month and day are among those of the days from the
     * plan's day to {@code daysBefore} days later (29 February too when the 28th is, as it falls
     * then in other years), so the anniversary's date arithmetic runs only on those rows.
     */
    private String sameDays(String column, int daysBefore) {
      if (daysBefore >= 365) {
        return "";
      }
      int from = monthDay(asOf);
      int to = monthDay(asOf.plusDays(daysBefore));
      if (to == 228) {
        to = 229;
      }
      String md = "(date_part('month', " + column + ") * 100 + date_part('day', " + column + "))";
      return from <= to
          ? " AND " + md + " BETWEEN " + from + " AND " + to
          : " AND (" + md + " >= " + from + " OR " + md + " <= " + to + ")";
    }

    private static int monthDay(LocalDate d) {
      return d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    /** The next anniversary of a date column, on or after the plan's day, within the lead. */
    private String anniversary(String column, String what, int daysBefore) {
      // age() counts whole years; the anniversary this year is the date plus them (29 February
      // falls on the 28th in other years), the next one a year on unless it is today
      String years = "date_part('year', age(CAST(:asOf AS date), " + column + "))::int";
      String last = "(" + column + " + " + years + " * interval '1 year')::date";
      String next =
          "CASE WHEN "
              + last
              + " = :asOf THEN "
              + last
              + " ELSE ("
              + column
              + " + ("
              + years
              + " + 1) * interval '1 year')::date END";
      return "SELECT x.customer_id, x.cycle, '"
          + what
          + " on ' || x.cycle FROM (SELECT id AS"
          + " customer_id, "
          + next
          + " AS cycle FROM customers WHERE "
          + column
          + " IS NOT NULL"
          + " AND "
          + column
          + " <= :asOf"
          + sameDays(column, daysBefore)
          + ") x WHERE x.cycle - CAST(:asOf AS date) BETWEEN 0 AND "
          + daysBefore
          + (column.equals("customer_since")
              ? " AND x.cycle > (SELECT customer_since FROM customers WHERE id = x.customer_id)"
              : "");
    }

    // ---- customers

    private CustomerFacts facts(ResultSet rs) throws SQLException {
      Set<Channel> consents = EnumSet.noneOf(Channel.class);
      if (rs.getBoolean("consent_email")) {
        consents.add(Channel.EMAIL);
      }
      if (rs.getBoolean("consent_letter")) {
        consents.add(Channel.LETTER);
      }
      if (rs.getBoolean("consent_phone")) {
        consents.add(Channel.PHONE);
      }
      if (rs.getBoolean("consent_sms")) {
        consents.add(Channel.SMS);
      }
      Array tagArray = rs.getArray("tags");
      Set<String> tags = tagArray == null ? Set.of() : Set.of((String[]) tagArray.getArray());
      return new CustomerFacts(
          number(rs, "value_at_risk"),
          number(rs, "clv"),
          number(rs, "p_alive"),
          number(rs, "overdue_ratio"),
          number(rs, "days_since_last"),
          Optional.ofNullable(rs.getString("segment")),
          tags,
          Optional.ofNullable(rs.getString("owner_rep")),
          "credit_account".equals(rs.getString("account_kind"))
              ? AccountKind.CREDIT_ACCOUNT
              : AccountKind.CONSUMER,
          Optional.ofNullable(rs.getString("state")).flatMap(CustomerState::ofLabel),
          consents);
    }

    /**
     * What a plan needs of the customers a trigger fired for (and might be meant for) or a run is
     * due for: their record, their latest scores, what stands against reaching them.
     */
    private void loadProspects(Set<Long> ids) {
      if (ids.isEmpty()) {
        return;
      }
      h.createQuery(
              "SELECT c.id, c.external_id, c.name, c.email, c.phone, c.address_line1,"
                  + " c.address_line2, c.city, c.region, c.postal_code, c.country, c.time_zone,"
                  + " c.owner_rep, c.segment, c.tags, c.account_kind, c.consent_email,"
                  + " c.consent_letter, c.consent_phone, c.consent_sms, s.value_at_risk, s.clv,"
                  + " s.p_alive, s.overdue_ratio, s.days_since_last, s.monetary,"
                  + " s.usual_gap_days, ls.state, ad.dormant_on,"
                  + " (SELECT max(o.order_date) FROM orders o WHERE o.customer_id = c.id"
                  + " AND o.order_date <= :asOf) AS last_order,"
                  + " (SELECT reason FROM suppressions x WHERE x.channel = 'email'"
                  + " AND x.lifted_at IS NULL AND x.address = lower(btrim(c.email))) AS sup_email,"
                  + " (SELECT reason FROM suppressions x WHERE x.channel = 'phone'"
                  + " AND x.lifted_at IS NULL AND x.address = (CASE WHEN btrim(c.phone) LIKE '+%'"
                  + " THEN '+' ELSE '' END) || regexp_replace(c.phone, '[^0-9]', '', 'g'))"
                  + " AS sup_phone"
                  + " FROM unnest(:ids) AS x(id) JOIN customers c ON c.id = x.id"
                  + " LEFT JOIN scores s ON s.run_id = :run AND s.customer_id = c.id"
                  + " LEFT JOIN lifecycle_states ls ON ls.customer_id = c.id"
                  + " LEFT JOIN account_dormancy ad ON ad.customer_id = c.id")
          .bind("asOf", asOf)
          .bind("run", runId)
          .bind("ids", sorted(ids))
          .map((rs, ctx) -> prospect(rs))
          .forEach(p -> prospects.put(p.id(), p));
    }

    private Prospect prospect(ResultSet rs) throws SQLException {
      Optional<ZoneId> zone = Optional.empty();
      String zoneId = rs.getString("time_zone");
      if (zoneId != null) {
        try {
          zone = Optional.of(ZoneId.of(zoneId));
        } catch (DateTimeException e) {
          // the import checks zones; an unreadable one falls back to the policy's
        }
      }
      return new Prospect(
          rs.getLong("id"),
          rs.getString("external_id"),
          Optional.ofNullable(blankToNull(rs.getString("name"))),
          Optional.ofNullable(blankToNull(rs.getString("email"))).map(String::strip),
          Optional.ofNullable(blankToNull(rs.getString("phone"))).map(String::strip),
          postal(rs),
          zone,
          Optional.ofNullable(rs.getObject("last_order", LocalDate.class)),
          Optional.ofNullable(rs.getObject("dormant_on", LocalDate.class)),
          Optional.ofNullable(rs.getString("sup_email")),
          Optional.ofNullable(rs.getString("sup_phone")),
          number(rs, "monetary"),
          number(rs, "usual_gap_days"),
          facts(rs));
    }

    /** Street, town line and country; empty without a street and a city. */
    private List<String> postal(ResultSet rs) throws SQLException {
      String line1 = blankToNull(rs.getString("address_line1"));
      String city = blankToNull(rs.getString("city"));
      String code = blankToNull(rs.getString("postal_code"));
      if (line1 == null || city == null) {
        return List.of();
      }
      List<String> lines = new ArrayList<>();
      lines.add(line1.strip());
      String line2 = blankToNull(rs.getString("address_line2"));
      if (line2 != null) {
        lines.add(line2.strip());
      }
      String region = blankToNull(rs.getString("region"));
      StringBuilder place = new StringBuilder();
      for (String part : new String[] {code, city, region}) {
        if (part != null) {
          place.append(place.length() == 0 ? "" : " ").append(part.strip());
        }
      }
      lines.add(place.toString());
      String country = blankToNull(rs.getString("country"));
      if (country != null) {
        lines.add(country.strip());
      }
      return List.copyOf(lines);
    }

    private Prospect prospectOf(long customer) {
      Prospect p = prospects.get(customer);
      if (p == null) {
        throw new IllegalStateException("customer " + customer + " was not loaded");
      }
      return p;
    }

    // ---- starting playbooks

    /**
     * Starts the playbook for the customers it fired for and is meant for: each is held out or not
     * as their persistent assignment says (drawn now for those who have none), and gets a run.
     * Set-based: one statement reads the assignments, one writes the new ones, one the runs.
     */
    private void start(
        Playbook p, List<Fired> fired, List<Enrollment> due, List<Enrollment> started) {
      List<Fired> meant = new ArrayList<>(fired.size());
      for (Fired f : fired) {
        if (f.might() && p.condition().test(prospectOf(f.customer()).facts())) {
          meant.add(f);
        } else {
          notForThem++;
        }
      }
      if (meant.isEmpty()) {
        return;
      }
      double share = p.holdout();
      Map<Long, Boolean> out = heldOut(meant, p, share);
      String why =
          "; held out at random, as "
              + percent(share)
              + " of this playbook's customers are, to measure what it changes";
      // the runs are written when the plan is, with where they got to: their ids now, for the
      // messages and calls that name them
      List<Long> ids =
          h.select(
                  "SELECT nextval(pg_get_serial_sequence('enrollments', 'id'))"
                      + " FROM generate_series(1, ?)",
                  meant.size())
              .mapTo(Long.class)
              .list();
      for (int i = 0; i < meant.size(); i++) {
        Fired f = meant.get(i);
        Prospect who = prospectOf(f.customer());
        Enrollment run = new Enrollment(ids.get(i), f.customer(), p, f.cycle(), asOf, 0, null);
        run.trigger = f.note();
        started.add(run);
        if (Boolean.TRUE.equals(out.get(f.customer()))) {
          run.status = "held_out";
          run.endReason = "held out";
          decide(who, p, f.cycle(), -1, "start", "held_out", f.note() + why);
        } else {
          run.nextDue = asOf;
          decide(who, p, f.cycle(), -1, "start", "started", f.note());
          due.add(run);
        }
      }
    }

    /** The runs this plan started (held out ones too), as they stand after it. */
    private void insertRuns(List<Enrollment> started) {
      if (started.isEmpty()) {
        return;
      }
      // in customer order, as the decisions
      started.sort(Comparator.comparingLong(e -> e.customer));
      int n = started.size();
      Long[] id = new Long[n];
      Long[] customer = new Long[n];
      String[] playbook = new String[n];
      LocalDate[] cycle = new LocalDate[n];
      String[] trigger = new String[n];
      String[] status = new String[n];
      Integer[] step = new Integer[n];
      LocalDate[] nextDue = new LocalDate[n];
      Long[] offer = new Long[n];
      String[] reason = new String[n];
      for (int i = 0; i < n; i++) {
        Enrollment e = started.get(i);
        boolean active = e.status.equals("active");
        id[i] = e.id;
        customer[i] = e.customer;
        playbook[i] = e.playbook.id();
        cycle[i] = e.cycle;
        trigger[i] = e.trigger;
        status[i] = e.status;
        step[i] = e.nextStep;
        nextDue[i] = active ? e.nextDue : null;
        offer[i] = e.offerId;
        reason[i] = e.endReason;
      }
      h.createUpdate(
              "INSERT INTO enrollments (id, customer_id, playbook, cycle, trigger, started_on,"
                  + " status, next_step, next_due, offer_id, ended_on, end_reason)"
                  + " OVERRIDING SYSTEM VALUE SELECT x.id, x.customer, x.playbook, x.cycle,"
                  + " x.trigger, :on, x.status, x.step, x.due, x.offer,"
                  + " CASE WHEN x.status = 'active' THEN NULL ELSE CAST(:on AS date) END,"
                  + " x.reason FROM unnest(:id, :customer, :playbook, :cycle, :trigger, :status,"
                  + " :step, :due, :offer, :reason) AS x(id, customer, playbook, cycle, trigger,"
                  + " status, step, due, offer, reason)")
          .bind("on", asOf)
          .bind("id", id)
          .bind("customer", customer)
          .bind("playbook", playbook)
          .bind("cycle", cycle)
          .bind("trigger", trigger)
          .bind("status", status)
          .bind("step", step)
          .bind("due", nextDue)
          .bind("offer", offer)
          .bind("reason", reason)
          .execute();
    }

    /**
     * The customers' persistent assignments for this playbook (held out or not), drawn and kept for
     * those who have none yet.
     */
    private Map<Long, Boolean> heldOut(List<Fired> meant, Playbook p, double share) {
      Map<Long, Boolean> out = new HashMap<>(meant.size() * 2);
      Long[] customers = meant.stream().map(Fired::customer).toArray(Long[]::new);
      h.createQuery(
              "SELECT k.customer_id, k.held_out FROM playbook_holdout k"
                  + " JOIN unnest(:customers) AS x(customer) ON x.customer = k.customer_id"
                  + " WHERE k.playbook = :playbook")
          .bind("customers", customers)
          .bind("playbook", p.id())
          .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBoolean(2)))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      List<Long> drawn = new ArrayList<>();
      List<Double> draws = new ArrayList<>();
      List<Boolean> held = new ArrayList<>();
      for (Long c : customers) {
        if (!out.containsKey(c)) {
          double draw = random.nextDouble();
          out.put(c, draw < share);
          drawn.add(c);
          draws.add(draw);
          held.add(draw < share);
        }
      }
      if (!drawn.isEmpty()) {
        h.createUpdate(
                "INSERT INTO playbook_holdout (customer_id, playbook, held_out, draw, share,"
                    + " assigned_on) SELECT x.customer, :playbook, x.held, x.draw, :share, :on"
                    + " FROM unnest(:customers, :held, :draws) AS x(customer, held, draw)")
            .bind("customers", drawn.toArray(Long[]::new))
            .bind("held", held.toArray(Boolean[]::new))
            .bind("draws", draws.toArray(Double[]::new))
            .bind("playbook", p.id())
            .bind("share", share)
            .bind("on", asOf)
            .execute();
      }
      return out;
    }

    private List<Enrollment> dueEnrollments() {
      List<Enrollment> due = new ArrayList<>();
      List<long[]> orphans = new ArrayList<>();
      h.createQuery(
              "SELECT id, customer_id, playbook, cycle, started_on, next_step, offer_id"
                  + " FROM enrollments WHERE status = 'active' AND next_due <= :asOf")
          .bind("asOf", asOf)
          .map(
              (rs, ctx) -> {
                Optional<Playbook> p = books.find(rs.getString("playbook"));
                long offer = rs.getLong("offer_id");
                Long offerId = rs.wasNull() ? null : offer;
                if (p.isEmpty()) {
                  orphans.add(new long[] {rs.getLong("id")});
                  return null;
                }
                if (!p.get().enabled()) {
                  return null;
                }
                return new Enrollment(
                    rs.getLong("id"),
                    rs.getLong("customer_id"),
                    p.get(),
                    rs.getObject("cycle", LocalDate.class),
                    rs.getObject("started_on", LocalDate.class),
                    rs.getInt("next_step"),
                    offerId);
              })
          .forEach(
              e -> {
                if (e != null) {
                  due.add(e);
                }
              });
      for (long[] orphan : orphans) {
        h.createUpdate(
                "UPDATE enrollments SET status = 'stopped', ended_on = :on, end_reason ="
                    + " 'its playbook is no longer in rekindle.yaml' WHERE id = :id")
            .bind("on", asOf)
            .bind("id", orphan[0])
            .execute();
      }
      return due;
    }

    /** Why each due run stops before its next step (ordered, replied), by enrollment id. */
    private Map<Long, String> stops(List<Enrollment> due) {
      Map<Long, String> stops = new HashMap<>();
      if (due.isEmpty()) {
        return stops;
      }
      // the runs as the plan holds them: those it starts are not stored yet
      Long[] ids = due.stream().map(e -> e.id).toArray(Long[]::new);
      Long[] customers = due.stream().map(e -> e.customer).toArray(Long[]::new);
      LocalDate[] started = due.stream().map(e -> e.startedOn).toArray(LocalDate[]::new);
      Map<Long, Enrollment> byId = new HashMap<>(due.size() * 2);
      for (Enrollment e : due) {
        byId.put(e.id, e);
      }
      h.createQuery(
              "SELECT e.id,"
                  + " (SELECT min(o.order_date) FROM orders o WHERE o.customer_id = e.customer_id"
                  + " AND o.order_date > e.started_on AND o.order_date <= :asOf) AS ordered,"
                  + " (SELECT min(t.logged_at) FROM call_tasks t WHERE t.customer_id ="
                  + " e.customer_id AND t.status = 'done' AND t.outcome IN ("
                  + String.join(", ", REPLIED.stream().sorted().map(r -> "'" + r + "'").toList())
                  + ") AND t.logged_at >= e.started_on) AS called,"
                  + " (SELECT min(c.contacted_on) FROM contacts c WHERE c.customer_id ="
                  + " e.customer_id AND c.source IN ('reply', '"
                  + SurveyAnswers.CONTACT_SOURCE
                  + "') AND c.contacted_on >= e.started_on)"
                  + " AS replied"
                  + " FROM unnest(:ids, :customers, :started) AS e(id, customer_id, started_on)")
          .bind("asOf", asOf)
          .bind("ids", ids)
          .bind("customers", customers)
          .bind("started", started)
          .map(
              (rs, ctx) -> {
                long id = rs.getLong("id");
                LocalDate ordered = rs.getObject("ordered", LocalDate.class);
                Timestamp called = rs.getTimestamp("called");
                LocalDate replied = rs.getObject("replied", LocalDate.class);
                return new Object[] {id, ordered, called, replied};
              })
          .forEach(
              row -> {
                long id = (Long) row[0];
                Enrollment e = Objects.requireNonNull(byId.get(id), "a run asked about");
                Set<StopWhen> when = e.playbook.stopWhen();
                if (when.contains(StopWhen.ORDERED) && row[1] != null) {
                  stops.put(id, "ordered on " + row[1]);
                } else if (when.contains(StopWhen.REPLIED) && row[2] != null) {
                  stops.put(
                      id,
                      "replied: a call was answered on "
                          + ((Timestamp) row[2])
                              .toInstant()
                              .atOffset(ZoneOffset.UTC)
                              .toLocalDate());
                } else if (when.contains(StopWhen.REPLIED) && row[3] != null) {
                  stops.put(id, "replied on " + row[3]);
                }
              });
      return stops;
    }

    // ---- the contact policy's memory

    private ContactLedger ledger(Set<Long> ids) {
      ContactPolicy policy = books.policy();
      ContactLedger ledger = new ContactLedger(policy, asOf);
      int span = 1;
      for (ContactPolicy.Cap cap : policy.caps()) {
        span = Math.max(span, cap.perDays());
      }
      long[] array = ids.stream().mapToLong(Long::longValue).toArray();
      h.createQuery(
              "WITH x AS (SELECT unnest(:ids) AS id)"
                  + " SELECT t.customer_id, t.channel, t.contacted_on FROM x JOIN contacts t"
                  + " ON t.customer_id = x.id WHERE t.contacted_on > :asOf - :span"
                  + " AND t.contacted_on < :asOf + :span"
                  + " UNION ALL SELECT t.customer_id, t.channel, t.queued_on FROM x JOIN outbox t"
                  + " ON t.customer_id = x.id WHERE t.status IN ('queued', 'claimed',"
                  + " 'sending', 'retry', 'uncertain') AND t.queued_on > :asOf - :span"
                  + " UNION ALL SELECT t.customer_id, 'call', t.due_on FROM x JOIN call_tasks t"
                  + " ON t.customer_id = x.id WHERE t.status = 'open'"
                  + " AND t.due_on > :asOf - :span")
          .bind("ids", array)
          .bind("asOf", asOf)
          .bind("span", span)
          .map(
              (rs, ctx) ->
                  new Touch(
                      rs.getLong(1), channel(rs.getString(2)), rs.getObject(3, LocalDate.class)))
          .forEach(t -> ledger.touched(t.customer(), t.channel(), t.on()));
      h.createQuery(
              "SELECT coalesce(assigned_to, ''), count(*) FROM call_tasks WHERE due_on = :asOf"
                  + " GROUP BY 1")
          .bind("asOf", asOf)
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
          .forEach(
              e -> {
                for (int i = 0; i < e.getValue(); i++) {
                  ledger.callAssigned(e.getKey());
                }
              });
      policy
          .offerBudget()
          .ifPresent(
              budget ->
                  h.createQuery(
                          "SELECT budget_cost, issued_at FROM offers WHERE budget_cost IS NOT NULL"
                              + " AND status <> 'void' AND issued_at >= :from AND issued_at < :to")
                      .bind(
                          "from",
                          offerDay.minusDays(budget.perDays() - 1L).atStartOfDay(ZoneOffset.UTC))
                      .bind("to", offerDay.plusDays(budget.perDays()).atStartOfDay(ZoneOffset.UTC))
                      .map(
                          (rs, ctx) ->
                              Map.entry(
                                  rs.getBigDecimal(1),
                                  rs.getObject(2, OffsetDateTime.class)
                                      .withOffsetSameInstant(ZoneOffset.UTC)
                                      .toLocalDate()))
                      .forEach(e -> ledger.offerMade(e.getKey(), e.getValue())));
      return ledger;
    }

    private @Nullable Channel channel(String stored) {
      return switch (stored) {
        case "email" -> Channel.EMAIL;
        case "letter" -> Channel.LETTER;
        case "call" -> Channel.PHONE;
        case "sms" -> Channel.SMS;
        default -> null;
      };
    }

    // ---- walking a run through its steps

    private void walk(Enrollment e, Map<Long, String> stops, ContactLedger ledger, Outbox outbox) {
      Prospect who = prospectOf(e.customer);
      Playbook p = e.playbook;
      String stop = stops.get(e.id);
      if (stop != null) {
        end(e, "stopped", stop);
        decide(who, p, e.cycle, -1, "start", "stopped", stop);
        return;
      }
      List<Step> steps = p.steps();
      while (e.nextStep < steps.size()) {
        int index = e.nextStep;
        Step step = steps.get(index);
        if (step instanceof Step.Wait w) {
          e.nextStep++;
          e.nextDue = asOf.plusDays(w.days());
          return;
        }
        boolean done;
        if (step instanceof Step.Offer o) {
          done = offer(e, who, index, o, ledger);
        } else if (step instanceof Step.Email m) {
          done = email(e, who, index, "email", m.template(), m.subject(), ledger, outbox);
        } else if (step instanceof Step.SurveyLink s) {
          done =
              s.channel() == Channel.EMAIL
                  ? email(e, who, index, "survey", s.template(), null, ledger, outbox)
                  : letter(e, who, index, "survey", s.template(), ledger, outbox);
        } else if (step instanceof Step.Letter l) {
          done = letter(e, who, index, "letter", l.template(), ledger, outbox);
        } else if (step instanceof Step.CallTask c) {
          done = call(e, who, index, c, ledger);
        } else {
          throw new IllegalStateException("unknown step " + step);
        }
        if (!done) {
          e.nextDue = asOf.plusDays(1);
          return;
        }
        e.nextStep++;
      }
      end(e, "completed", "every step done");
      decide(who, p, e.cycle, -1, "start", "completed", "every step done");
    }

    private void end(Enrollment e, String status, String reason) {
      e.status = status;
      e.endReason = reason;
      e.nextDue = null;
    }

    /** Why the customer cannot be reached on a channel, or empty when they can. */
    private Optional<String> unreachable(Prospect who, Channel channel) {
      switch (channel) {
        case EMAIL:
          if (!who.facts().consents().contains(Channel.EMAIL)) {
            return Optional.of("no consent to email");
          }
          if (who.email().isEmpty()) {
            return Optional.of("no email address");
          }
          return who.suppressedEmail().map(r -> "email address suppressed: " + r);
        case LETTER:
          if (!who.facts().consents().contains(Channel.LETTER)) {
            return Optional.of("no consent to letters");
          }
          return who.postal().isEmpty()
              ? Optional.of("no postal address (a street and a city)")
              : Optional.empty();
        case PHONE:
          if (!who.facts().consents().contains(Channel.PHONE)) {
            return Optional.of("no consent to calls");
          }
          if (who.phone().isEmpty()) {
            return Optional.of("no phone number");
          }
          return who.suppressedPhone().map(r -> "phone number suppressed: " + r);
        default:
          return Optional.of("no " + channel.label() + " steps");
      }
    }

    private static @Nullable Channel channelOf(Step step) {
      if (step instanceof Step.Email) {
        return Channel.EMAIL;
      }
      if (step instanceof Step.Letter) {
        return Channel.LETTER;
      }
      if (step instanceof Step.CallTask) {
        return Channel.PHONE;
      }
      if (step instanceof Step.SurveyLink s) {
        return s.channel();
      }
      return null;
    }

    /**
     * Issues the offer, unless no later step can tell the customer of it (then it is skipped) or it
     * is over budget (then it waits for a day with room).
     */
    private boolean offer(
        Enrollment e, Prospect who, int index, Step.Offer o, ContactLedger ledger) {
      Offer terms =
          switch (o.offerKind()) {
            case PERCENT -> Offer.percent(o.value(), Optional.empty());
            case AMOUNT ->
                Offer.amount(
                    o.value(),
                    o.currency().map(java.util.Currency::getCurrencyCode).orElse(currency),
                    Optional.empty());
            case FREE_SERVICE ->
                Offer.freeService(
                    "a free service",
                    o.value(),
                    o.currency().map(java.util.Currency::getCurrencyCode).orElse(currency));
          };
      BigDecimal cost =
          switch (o.offerKind()) {
            case PERCENT ->
                BigDecimal.valueOf(
                        Double.isFinite(who.monetary()) ? Math.max(who.monetary(), 0) : 0)
                    .multiply(o.value())
                    .divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
            case AMOUNT, FREE_SERVICE -> o.value();
          };
      List<String> why = new ArrayList<>();
      List<Step> steps = e.playbook.steps();
      for (Step later : steps.subList(index + 1, steps.size())) {
        Channel c = channelOf(later);
        if (c != null) {
          Optional<String> no = unreachable(who, c);
          if (no.isEmpty()) {
            why.clear();
            break;
          }
          if (!why.contains(no.get())) {
            why.add(no.get());
          }
        }
      }
      if (!why.isEmpty()) {
        decide(
            who,
            e.playbook,
            e.cycle,
            index,
            "offer",
            "skipped",
            "no later step can tell them of it: " + String.join("; ", why));
        return true;
      }
      // an unhappy customer gets their complaint answered before any sales offer; the run waits
      Optional<String> paused = offerPaused(who);
      if (paused.isPresent()) {
        decide(who, e.playbook, e.cycle, index, "offer", "deferred", paused.get());
        return false;
      }
      Optional<String> refused = ledger.offerRefusal(cost, offerDay);
      if (refused.isPresent()) {
        decide(who, e.playbook, e.cycle, index, "offer", "deferred", refused.get());
        return false;
      }
      Instant expires = now.plus(Duration.ofDays(o.expiresInDays()));
      Offers.Issued made =
          offerBatch.add(
              who.id(),
              terms,
              now,
              expires,
              new Offers.IssueOptions(false, Optional.of(e.playbook.id()), Optional.of("" + index)),
              Optional.of(cost));
      ledger.offerMade(cost, offerDay);
      e.offerId = made.id();
      LocalDate expiresOn = expires.atOffset(ZoneOffset.UTC).toLocalDate();
      offerValues.put(made.id(), offerValues(made.code(), terms, expiresOn));
      decide(
          who,
          e.playbook,
          e.cycle,
          index,
          "offer",
          "issued",
          terms.describe() + ", code " + made.code().grouped() + ", expires " + expiresOn);
      return true;
    }

    /**
     * The contact policy before a touch: null when it may go; true when it is skipped (consent,
     * address, suppression: the run moves on), false when it is deferred (a cap, or an offer the
     * touch carries while the customer has an open service case: tried again the next day). Either
     * decision is recorded.
     */
    private @Nullable Boolean gate(
        Enrollment e,
        Prospect who,
        int index,
        String action,
        Channel channel,
        ContactLedger ledger) {
      Optional<String> why = unreachable(who, channel);
      if (why.isPresent()) {
        decide(who, e.playbook, e.cycle, index, action, "skipped", why.get());
        return true;
      }
      if (e.offerId != null && expiredOffers.containsKey(e.offerId)) {
        decide(
            who,
            e.playbook,
            e.cycle,
            index,
            action,
            "skipped",
            "the offer it would carry expired on "
                + expiredOffers.get(e.offerId)
                + " while the touch was held");
        return true;
      }
      if (e.offerId != null) {
        Optional<String> paused = offerPaused(who);
        if (paused.isPresent()) {
          decide(who, e.playbook, e.cycle, index, action, "deferred", paused.get());
          return false;
        }
      }
      Optional<String> capped = ledger.capRefusal(who.id(), channel);
      if (capped.isPresent()) {
        decide(who, e.playbook, e.cycle, index, action, "deferred", capped.get());
        return false;
      }
      return null;
    }

    private boolean email(
        Enrollment e,
        Prospect who,
        int index,
        String action,
        String template,
        @Nullable String subject,
        ContactLedger ledger,
        Outbox outbox) {
      Boolean refused = gate(e, who, index, action, Channel.EMAIL, ledger);
      if (refused != null) {
        return refused;
      }
      ZoneId zone = who.zone().orElse(books.policy().defaultZone());
      Instant start = asOf.atStartOfDay(zone).toInstant();
      Instant base = now.isAfter(start) ? now : start;
      Instant notBefore =
          books.policy().quietHours().map(q -> q.nextAllowed(base, zone)).orElse(base);
      String key = dedupeKey(e, index);
      String address = who.email().orElseThrow().toLowerCase(Locale.ROOT);
      outbox.add(
          new Outbox.Row(
              key,
              e.id,
              who.id(),
              e.playbook.id(),
              index,
              e.cycle,
              "email",
              template,
              subject,
              address,
              who.name().orElse(""),
              vars(e, who),
              e.offerId,
              messageId(key),
              asOf,
              notBefore));
      ledger.touched(who.id(), Channel.EMAIL, asOf);
      decide(
          who,
          e.playbook,
          e.cycle,
          index,
          action,
          "queued",
          "email to "
              + address
              + (notBefore.isAfter(base)
                  ? ", after quiet hours: " + notBefore.atZone(zone).toLocalDateTime() + " " + zone
                  : ""));
      return true;
    }

    private boolean letter(
        Enrollment e,
        Prospect who,
        int index,
        String action,
        String template,
        ContactLedger ledger,
        Outbox outbox) {
      Boolean refused = gate(e, who, index, action, Channel.LETTER, ledger);
      if (refused != null) {
        return refused;
      }
      outbox.add(
          new Outbox.Row(
              dedupeKey(e, index),
              e.id,
              who.id(),
              e.playbook.id(),
              index,
              e.cycle,
              "letter",
              template,
              null,
              String.join("\n", who.postal()),
              who.name().orElse(who.externalId()),
              vars(e, who),
              e.offerId,
              null,
              asOf,
              now));
      ledger.touched(who.id(), Channel.LETTER, asOf);
      decide(who, e.playbook, e.cycle, index, action, "queued", "letter to print");
      return true;
    }

    private boolean call(
        Enrollment e, Prospect who, int index, Step.CallTask c, ContactLedger ledger) {
      Boolean refused = gate(e, who, index, "call", Channel.PHONE, ledger);
      if (refused != null) {
        return refused;
      }
      String rep = c.assignTo() == Step.Assignee.OWNER_REP ? who.facts().ownerRep().orElse("") : "";
      Optional<String> full = ledger.callRefusal(rep);
      if (full.isPresent()) {
        decide(who, e.playbook, e.cycle, index, "call", "deferred", full.get());
        return false;
      }
      callRows
          .bind("key", dedupeKey(e, index))
          .bind("enrollment", e.id)
          .bind("customer", who.id())
          .bind("playbook", e.playbook.id())
          .bind("step", index)
          .bind("cycle", e.cycle)
          .bind("rep", rep.isEmpty() ? null : rep)
          .bind("phone", who.phone().orElseThrow())
          .bind("due", asOf)
          .bind("var", finite(who.facts().valueAtRisk()))
          .bind("points", c.talkingPoints().orElse(null))
          .bind("offer", e.offerId)
          .add();
      calls++;
      ledger.touched(who.id(), Channel.PHONE, asOf);
      ledger.callAssigned(rep);
      decide(
          who,
          e.playbook,
          e.cycle,
          index,
          "call",
          "queued",
          "call task for " + (rep.isEmpty() ? "the pool" : rep));
      return true;
    }

    /** The values of the customer's message, fixed when it is queued. */
    private String vars(Enrollment e, Prospect who) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("first_name", who.firstName());
      v.put("name", who.name().orElse(""));
      v.put("rep_name", who.facts().ownerRep().orElse(""));
      v.put("last_order_date", who.lastOrder().map(LocalDate::toString).orElse(""));
      v.put(
          "rhythm",
          Double.isFinite(who.usualGapDays()) && who.usualGapDays() > 0
              ? "about " + Durations.every(who.usualGapDays())
              : "");
      v.put("dormant_on", who.dormantOn().map(LocalDate::toString).orElse(""));
      if (e.offerId != null) {
        Map<String, Object> offer = offerValues.get(e.offerId);
        if (offer != null) {
          v.put("offer", offer);
        }
      }
      v.putIfAbsent("offer", false);
      try {
        return JSON.writeValueAsString(v);
      } catch (JsonProcessingException ex) {
        throw new StoreException("could not write a message's values", ex);
      }
    }

    /** An offer's values in a message: its code, its terms in words, its last day. */
    private Map<String, Object> offerValues(OfferCode code, Offer terms, LocalDate expiresOn) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("code", code.grouped());
      o.put("value", terms.describe());
      o.put("expires_on", expiresOn.toString());
      return o;
    }

    /** The values of the offers that earlier plans made for the runs due today. */
    private void loadOfferValues(List<Enrollment> due) {
      Long[] ids = due.stream().map(e -> e.offerId).filter(Objects::nonNull).toArray(Long[]::new);
      if (ids.length == 0) {
        return;
      }
      h.createQuery(
              "SELECT f.id, f.code, f.kind, f.value, f.currency, f.description, f.service_cost,"
                  + " f.expires_at FROM unnest(:ids) AS x(id) JOIN offers f ON f.id = x.id")
          .bind("ids", ids)
          .map(
              (rs, ctx) -> {
                String kind = rs.getString("kind");
                Offer terms =
                    switch (kind) {
                      case "percent" -> Offer.percent(rs.getBigDecimal("value"), Optional.empty());
                      case "amount" ->
                          Offer.amount(
                              rs.getBigDecimal("value"),
                              rs.getString("currency"),
                              Optional.empty());
                      default ->
                          Offer.freeService(
                              rs.getString("description"),
                              rs.getBigDecimal("service_cost"),
                              rs.getString("currency"));
                    };
                OffsetDateTime expiresAt = rs.getObject("expires_at", OffsetDateTime.class);
                LocalDate expiresOn = expiresAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                if (!expiresAt.toInstant().isAfter(now)) {
                  expiredOffers.put(rs.getLong("id"), expiresOn);
                }
                return Map.entry(
                    rs.getLong("id"),
                    offerValues(OfferCode.of(rs.getString("code")), terms, expiresOn));
              })
          .forEach(e -> offerValues.put(e.getKey(), e.getValue()));
    }

    private String dedupeKey(Enrollment e, int index) {
      return e.customer + ":" + e.playbook.id() + ":" + index + ":" + e.cycle;
    }

    /** The Message-ID of the outbox row with this key: the same key, the same id. */
    private String messageId(String key) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16) + ".rekindle@" + domain;
      } catch (NoSuchAlgorithmException ex) {
        throw new IllegalStateException("SHA-256 is part of every Java", ex);
      }
    }

    /** Where every walked run now stands, in one statement. */
    private void saveEnrollments(List<Enrollment> due) {
      if (due.isEmpty()) {
        return;
      }
      int n = due.size();
      Long[] ids = new Long[n];
      Integer[] steps = new Integer[n];
      LocalDate[] nextDue = new LocalDate[n];
      Long[] offer = new Long[n];
      String[] status = new String[n];
      String[] reason = new String[n];
      for (int i = 0; i < n; i++) {
        Enrollment e = due.get(i);
        boolean active = e.status.equals("active");
        ids[i] = e.id;
        steps[i] = e.nextStep;
        nextDue[i] = active ? e.nextDue : null;
        offer[i] = e.offerId;
        status[i] = e.status;
        reason[i] = e.endReason;
      }
      h.createUpdate(
              "UPDATE enrollments e SET next_step = x.step, next_due = x.due, offer_id = x.offer,"
                  + " status = x.status, ended_on = CASE WHEN x.status = 'active' THEN NULL"
                  + " ELSE CAST(:on AS date) END, end_reason = x.reason"
                  + " FROM unnest(:ids, :steps, :due, :offer, :status, :reason)"
                  + " AS x(id, step, due, offer, status, reason) WHERE e.id = x.id")
          .bind("on", asOf)
          .bind("ids", ids)
          .bind("steps", steps)
          .bind("due", nextDue)
          .bind("offer", offer)
          .bind("status", status)
          .bind("reason", reason)
          .execute();
    }

    private void decide(
        Prospect who,
        Playbook p,
        LocalDate cycle,
        int step,
        String action,
        String decision,
        String reason) {
      decisions.add(new Decision(who.externalId(), p.id(), cycle, step, action, decision, reason));
      decided.add(who.id());
      counts.merge(decision + " " + action, 1, Integer::sum);
    }

    /**
     * Every decision into {@code plan_decisions}, by one COPY, customer by customer (each
     * customer's in the order made): the foreign key's checks then read the customers in order,
     * which spares a third of the time of the COPY at a hundred thousand decisions.
     */
    private void writeDecisions() {
      if (decisions.isEmpty()) {
        return;
      }
      Integer[] order = new Integer[decisions.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingLong(decided::get));
      String day = asOf.toString();
      CopyIn.csv(
          h,
          "plan_decisions (planned_on, customer_id, playbook, cycle, step, action, decision,"
              + " reason)",
          out -> {
            try {
              for (int i : order) {
                Decision d = decisions.get(i);
                out.write(day);
                out.write(',');
                out.write(Long.toString(decided.get(i)));
                out.write(',');
                CopyIn.quoted(out, d.playbook());
                out.write(',');
                out.write(d.cycle().toString());
                out.write(',');
                // an unquoted empty field is NULL: a decision about the whole run
                out.write(d.step() < 0 ? "" : Integer.toString(d.step()));
                out.write(',');
                out.write(d.action());
                out.write(',');
                out.write(d.decision());
                out.write(',');
                CopyIn.quoted(out, d.reason());
                out.write('\n');
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return null;
          });
    }
  }

  /** The ids in order, for a join that reads the table in its index's order. */
  private static long[] sorted(Set<Long> ids) {
    long[] array = ids.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(array);
    return array;
  }

  private static double number(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static @Nullable Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String percent(double share) {
    return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
  }
}
