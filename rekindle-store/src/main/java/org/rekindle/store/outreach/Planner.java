package org.rekindle.store.outreach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.playbook.AccountKind;
import org.rekindle.core.playbook.Channel;
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
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.StoredOffer;

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

  private record Fired(long customer, LocalDate cycle, String note) {}

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
    private PreparedBatch decisionRows;
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
      this.decisionRows =
          h.prepareBatch(
              "INSERT INTO plan_decisions (planned_on, customer_id, playbook, cycle, step, action,"
                  + " decision, reason) VALUES (:on, :customer, :playbook, :cycle, :step, :action,"
                  + " :decision, :reason)");
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
          ids.add(x.customer());
        }
      }
      List<Enrollment> due = dueEnrollments();
      for (Enrollment e : due) {
        ids.add(e.customer);
      }
      progress.accept("reading " + ids.size() + " customers");
      loadProspects(ids);

      for (Map.Entry<Playbook, List<Fired>> entry : fired.entrySet()) {
        start(entry.getKey(), entry.getValue(), due);
      }

      progress.accept("walking " + due.size() + " playbook runs through the contact policy");
      ContactLedger ledger = ledger(ids);
      Map<String, Integer> priority = new HashMap<>();
      for (Playbook p : books.playbooks()) {
        priority.put(p.id(), p.priority());
      }
      due.sort(
          Comparator.comparingDouble((Enrollment e) -> -prospectOf(e.customer).rank())
              .thenComparingLong(e -> e.customer)
              .thenComparing(e -> -priority.getOrDefault(e.playbook.id(), 0)));
      Map<Long, String> stops = stops(due);
      Outbox outbox = new Outbox(h);
      for (Enrollment e : due) {
        walk(e, stops, ledger, outbox);
      }
      outbox.flush();
      saveEnrollments(due);
      decisionRows.execute();
      return new Plan(asOf, runDay, apply, List.copyOf(decisions), notForThem, Map.copyOf(counts));
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
      var query = h.createQuery(sql + notEnrolled).bind("asOf", asOf).bind("playbook", p.id());
      if (t instanceof Trigger.NoContactFor n) {
        n.segment().ifPresent(s -> query.bind("segment", s));
        n.tag().ifPresent(s -> query.bind("tag", s));
      }
      return query
          .map(
              (rs, ctx) ->
                  new Fired(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
          .list();
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
          + " <= :asOf) x WHERE x.cycle - CAST(:asOf AS date) BETWEEN 0 AND "
          + daysBefore
          + (column.equals("customer_since")
              ? " AND x.cycle > (SELECT customer_since FROM customers WHERE id = x.customer_id)"
              : "");
    }

    // ---- customers

    private void loadProspects(Set<Long> ids) {
      if (ids.isEmpty()) {
        return;
      }
      long[] array = ids.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(array);
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
                  + " FROM customers c"
                  + " LEFT JOIN scores s ON s.run_id = :run AND s.customer_id = c.id"
                  + " LEFT JOIN lifecycle_states ls ON ls.customer_id = c.id"
                  + " LEFT JOIN account_dormancy ad ON ad.customer_id = c.id"
                  + " WHERE c.id = ANY (:ids)")
          .bind("asOf", asOf)
          .bind("run", runId)
          .bind("ids", array)
          .map((rs, ctx) -> prospect(rs))
          .forEach(p -> prospects.put(p.id(), p));
    }

    private Prospect prospect(ResultSet rs) throws SQLException {
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
      Optional<ZoneId> zone = Optional.empty();
      String zoneId = rs.getString("time_zone");
      if (zoneId != null) {
        try {
          zone = Optional.of(ZoneId.of(zoneId));
        } catch (DateTimeException e) {
          // the import checks zones; an unreadable one falls back to the policy's
        }
      }
      List<String> postal = postal(rs);
      CustomerFacts facts =
          new CustomerFacts(
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
      return new Prospect(
          rs.getLong("id"),
          rs.getString("external_id"),
          Optional.ofNullable(blankToNull(rs.getString("name"))),
          Optional.ofNullable(blankToNull(rs.getString("email"))).map(String::strip),
          Optional.ofNullable(blankToNull(rs.getString("phone"))).map(String::strip),
          postal,
          zone,
          Optional.ofNullable(rs.getObject("last_order", LocalDate.class)),
          Optional.ofNullable(rs.getObject("dormant_on", LocalDate.class)),
          Optional.ofNullable(rs.getString("sup_email")),
          Optional.ofNullable(rs.getString("sup_phone")),
          number(rs, "monetary"),
          number(rs, "usual_gap_days"),
          facts);
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

    private void start(Playbook p, List<Fired> fired, List<Enrollment> due) {
      double share = p.holdout();
      for (Fired f : fired) {
        Prospect who = prospectOf(f.customer());
        if (!p.condition().test(who.facts())) {
          notForThem++;
          continue;
        }
        boolean heldOut = heldOut(f.customer(), p, share);
        long id =
            h.createUpdate(
                    "INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on,"
                        + " status, next_due, ended_on, end_reason) VALUES (:customer, :playbook,"
                        + " :cycle, :trigger, :on, :status, :due, :ended, :reason)")
                .bind("customer", f.customer())
                .bind("playbook", p.id())
                .bind("cycle", f.cycle())
                .bind("trigger", f.note())
                .bind("on", asOf)
                .bind("status", heldOut ? "held_out" : "active")
                .bind("due", heldOut ? null : asOf)
                .bind("ended", heldOut ? asOf : null)
                .bind("reason", heldOut ? "held out" : null)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        if (heldOut) {
          decide(
              who,
              p,
              f.cycle(),
              -1,
              "start",
              "held_out",
              f.note()
                  + "; held out at random, as "
                  + percent(share)
                  + " of this playbook's customers are, to measure what it changes");
        } else {
          decide(who, p, f.cycle(), -1, "start", "started", f.note());
          due.add(new Enrollment(id, f.customer(), p, f.cycle(), asOf, 0, null));
        }
      }
    }

    /** The customer's persistent assignment for this playbook, drawn the first time. */
    private boolean heldOut(long customer, Playbook p, double share) {
      Optional<Boolean> known =
          h.select(
                  "SELECT held_out FROM playbook_holdout WHERE customer_id = ? AND playbook = ?",
                  customer,
                  p.id())
              .mapTo(Boolean.class)
              .findOne();
      if (known.isPresent()) {
        return known.get();
      }
      double draw = random.nextDouble();
      boolean out = draw < share;
      h.createUpdate(
              "INSERT INTO playbook_holdout (customer_id, playbook, held_out, draw, share,"
                  + " assigned_on) VALUES (?, ?, ?, ?, ?, ?)")
          .bind(0, customer)
          .bind(1, p.id())
          .bind(2, out)
          .bind(3, draw)
          .bind(4, share)
          .bind(5, asOf)
          .execute();
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
      long[] ids = due.stream().mapToLong(e -> e.id).toArray();
      h.createQuery(
              "SELECT e.id,"
                  + " (SELECT min(o.order_date) FROM orders o WHERE o.customer_id = e.customer_id"
                  + " AND o.order_date > e.started_on AND o.order_date <= :asOf) AS ordered,"
                  + " (SELECT min(t.logged_at) FROM call_tasks t WHERE t.customer_id ="
                  + " e.customer_id AND t.status = 'done' AND t.outcome IN ("
                  + String.join(", ", REPLIED.stream().sorted().map(r -> "'" + r + "'").toList())
                  + ") AND t.logged_at >= e.started_on) AS called,"
                  + " (SELECT min(c.contacted_on) FROM contacts c WHERE c.customer_id ="
                  + " e.customer_id AND c.source = 'reply' AND c.contacted_on >= e.started_on)"
                  + " AS replied"
                  + " FROM enrollments e WHERE e.id = ANY (:ids)")
          .bind("asOf", asOf)
          .bind("ids", ids)
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
                Enrollment e = due.stream().filter(x -> x.id == id).findFirst().orElseThrow();
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
              "SELECT customer_id, channel, contacted_on FROM contacts WHERE customer_id = ANY"
                  + " (:ids) AND contacted_on > :asOf - :span AND contacted_on < :asOf + :span"
                  + " UNION ALL SELECT customer_id, channel, queued_on FROM outbox"
                  + " WHERE customer_id = ANY (:ids) AND status IN ('queued', 'claimed',"
                  + " 'sending', 'retry', 'uncertain') AND queued_on > :asOf - :span"
                  + " UNION ALL SELECT customer_id, 'call', due_on FROM call_tasks"
                  + " WHERE customer_id = ANY (:ids) AND status = 'open'"
                  + " AND due_on > :asOf - :span")
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
                                  rs.getObject(2, java.time.OffsetDateTime.class)
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
      Optional<String> refused = ledger.offerRefusal(cost, offerDay);
      if (refused.isPresent()) {
        decide(who, e.playbook, e.cycle, index, "offer", "deferred", refused.get());
        return false;
      }
      StoredOffer made =
          offers.issue(
              h,
              who.id(),
              terms,
              now,
              now.plus(Duration.ofDays(o.expiresInDays())),
              new Offers.IssueOptions(false, Optional.of(e.playbook.id()), Optional.of("" + index)),
              Optional.of(cost));
      ledger.offerMade(cost, offerDay);
      e.offerId = made.id();
      decide(
          who,
          e.playbook,
          e.cycle,
          index,
          "offer",
          "issued",
          terms.describe()
              + ", code "
              + made.code().grouped()
              + ", expires "
              + made.expiresAt().atOffset(ZoneOffset.UTC).toLocalDate());
      return true;
    }

    /**
     * The contact policy before a touch: null when it may go; true when it is skipped (consent,
     * address, suppression: the run moves on), false when it is deferred (a cap: tried again the
     * next day). Either decision is recorded.
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
      h.createUpdate(
              "INSERT INTO call_tasks (dedupe_key, enrollment_id, customer_id, playbook, step,"
                  + " cycle, assigned_to, phone, due_on, value_at_risk, talking_points, offer_id)"
                  + " VALUES (:key, :enrollment, :customer, :playbook, :step, :cycle, :rep,"
                  + " :phone, :due, :var, :points, :offer) ON CONFLICT (dedupe_key) DO NOTHING")
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
          .execute();
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
        h.select(
                "SELECT code, kind, value, currency, description, service_cost, expires_at"
                    + " FROM offers WHERE id = ?",
                e.offerId)
            .map(
                (rs, ctx) -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put(
                      "code", org.rekindle.core.offer.OfferCode.of(rs.getString("code")).grouped());
                  String kind = rs.getString("kind");
                  Offer terms =
                      switch (kind) {
                        case "percent" ->
                            Offer.percent(rs.getBigDecimal("value"), Optional.empty());
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
                  o.put("value", terms.describe());
                  o.put(
                      "expires_on",
                      rs.getObject("expires_at", java.time.OffsetDateTime.class)
                          .withOffsetSameInstant(ZoneOffset.UTC)
                          .toLocalDate()
                          .toString());
                  return o;
                })
            .findOne()
            .ifPresent(o -> v.put("offer", o));
      }
      v.putIfAbsent("offer", false);
      try {
        return JSON.writeValueAsString(v);
      } catch (JsonProcessingException ex) {
        throw new StoreException("could not write a message's values", ex);
      }
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

    private void saveEnrollments(List<Enrollment> due) {
      PreparedBatch batch =
          h.prepareBatch(
              "UPDATE enrollments SET next_step = :step, next_due = :due, offer_id = :offer,"
                  + " status = :status, ended_on = :ended, end_reason = :reason WHERE id = :id");
      for (Enrollment e : due) {
        boolean active = e.status.equals("active");
        batch
            .bind("step", e.nextStep)
            .bind("due", active ? e.nextDue : null)
            .bind("offer", e.offerId)
            .bind("status", e.status)
            .bind("ended", active ? null : asOf)
            .bind("reason", e.endReason)
            .bind("id", e.id)
            .add();
      }
      if (!due.isEmpty()) {
        batch.execute();
      }
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
      counts.merge(decision + " " + action, 1, Integer::sum);
      decisionRows
          .bind("on", asOf)
          .bind("customer", who.id())
          .bind("playbook", p.id())
          .bind("cycle", cycle)
          .bind("step", step < 0 ? null : step)
          .bind("action", action)
          .bind("decision", decision)
          .bind("reason", reason)
          .add();
    }
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
