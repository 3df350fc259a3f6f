package org.rekindle.store.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.playbook.Channel;
import org.rekindle.core.playbook.ContactPolicy;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.run.DailyRun;

/**
 * Random histories planned for several days in a row on a real PostgreSQL: customers with random
 * consents, addresses (some written in odd case or with spaces, some shared), suppressions,
 * lifecycle states entered lately and past contacts; random playbooks with random holdouts, steps
 * and contact policies; consents and suppressions changing between the days; the clock either on
 * the day planned or days later (a catch-up). Whatever the history:
 *
 * <ul>
 *   <li>nothing is queued for a customer who, when the plan was made, had no consent on the
 *       channel, no address for it, or a suppressed address;
 *   <li>a customer held out of a playbook gets nothing from it: no message, call or offer;
 *   <li>no cap is broken: in every window of every cap, what the plans queued is at most what the
 *       contacts left room for (nothing, when the contacts alone already fill it);
 *   <li>the offers made in any span of the budget's days cost at most the budget;
 *   <li>planning a day again adds nothing;
 *   <li>every message and call queued, and every offer made, has its decision.
 * </ul>
 *
 * One database for the class (the CDNOW sample and one daily run); each try clears the outreach
 * tables and rewrites the first customers. Suppressions are never deleted, so every try uses
 * addresses of its own.
 */
class PlannerPropertyTest {
  static final Path CDNOW = Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();
  static final LocalDate RUN = LocalDate.of(1997, 10, 14);
  static final int CUSTOMERS = 24;
  static final String[] STATES = {"lapsing", "dormant", "lost", "active", "reactivated"};
  static final String[] ZONES = {"", "America/Chicago", "Asia/Tokyo", "Europe/Berlin"};

  static Path home;
  static Store store;
  static List<Long> ids;

  /** The try under way, part of its addresses. */
  static int tryNumber;

  @BeforeContainer
  static void open() throws IOException {
    home = Files.createTempDirectory("planner-properties");
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(CDNOW.resolve("cdnow_sample.csv"));
    DailyRun.run(store, RUN, DailyRun.Options.defaults(), s -> {});
    ids =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT id FROM customers ORDER BY id LIMIT ?", CUSTOMERS)
                        .mapTo(Long.class)
                        .list());
  }

  @AfterContainer
  static void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---- the history

  /**
   * One of the first customers as the try writes them.
   *
   * @param consents bit 0 to email, 1 to letters, 2 to calls
   * @param extras bit 0 has a postal address; 1 is in the segment {@code key}; 2 shares the
   *     previous customer's email address
   * @param suppressed bit 0 the email address, 1 the phone number
   * @param emailForm 0 none, 1 as is, 2 in capitals, 3 with spaces around
   * @param phoneForm 0 none, 1 {@code +1 555 01nn}, 2 {@code (555) 01-nn}, 3 {@code +1-555-01nn}
   * @param since the day the state was entered, from the run's day (negative: before it)
   */
  record Customer(
      int consents,
      int extras,
      int suppressed,
      int emailForm,
      int phoneForm,
      String rep,
      String zone,
      String state,
      int since) {
    boolean consents(int bit) {
      return (consents & (1 << bit)) != 0;
    }

    boolean has(int bit) {
      return (extras & (1 << bit)) != 0;
    }

    boolean suppressed(int bit) {
      return (suppressed & (1 << bit)) != 0;
    }
  }

  /** A contact made before the plans: a visit, a call, a letter, an email, a text. */
  record Contact(int customer, String channel, int daysBefore) {}

  /**
   * A change between two plans, on the morning of {@code day} (1 is the first day planned).
   *
   * @param kind 0–2 consent to email, letters, calls turned over; 3 the email address suppressed, 4
   *     the phone number; 5 the customer enters lapsing that day
   */
  record Change(int day, int customer, int kind) {}

  /** A random playbook, written as it would be in rekindle.yaml. */
  record Book(
      String trigger,
      String when,
      List<String> steps,
      String holdout,
      int priority,
      String stopWhen) {}

  /**
   * The days planned, one after the other from the day after the run.
   *
   * @param catchUp whether every plan is made days after the last day planned, else on its day
   * @param hour the hour of the day (UTC) the plans are made at
   */
  record Schedule(int days, boolean catchUp, int hour, List<Change> changes) {}

  record History(
      List<Customer> customers,
      List<Contact> contacts,
      List<ContactPolicy.Cap> caps,
      String quietHours,
      int calls,
      String budget,
      List<Book> books,
      Schedule schedule) {

    String yaml() {
      StringBuilder y = new StringBuilder();
      y.append("business: {name: Prop Shop, from_email: shop@prop.example}\n");
      y.append("contact_policy:\n  caps: [");
      for (int i = 0; i < caps.size(); i++) {
        ContactPolicy.Cap c = caps.get(i);
        y.append(i == 0 ? "" : ", ")
            .append("{at_most: ")
            .append(c.atMost())
            .append(", per_days: ")
            .append(c.perDays());
        if (!c.channels().isEmpty()) {
          y.append(", channels: [")
              .append(
                  String.join(", ", c.channels().stream().sorted().map(Channel::label).toList()))
              .append("]");
        }
        y.append("}");
      }
      y.append("]\n  quiet_hours: ").append(quietHours).append("\n");
      if (calls >= 0) {
        y.append("  calls_per_rep_per_day: ").append(calls).append("\n");
      }
      if (!budget.isEmpty()) {
        y.append("  offer_budget: ").append(budget).append("\n");
      }
      y.append("playbooks:\n");
      for (int i = 0; i < books.size(); i++) {
        Book b = books.get(i);
        y.append("  - id: p").append(i).append("\n");
        y.append("    trigger: ").append(b.trigger()).append("\n");
        if (!b.when().isEmpty()) {
          y.append("    when: ").append(b.when()).append("\n");
        }
        y.append("    holdout: ").append(b.holdout()).append("\n");
        y.append("    priority: ").append(b.priority()).append("\n");
        y.append("    stop_when: ").append(b.stopWhen()).append("\n");
        y.append("    steps:\n");
        for (String s : b.steps()) {
          y.append("      - ").append(s).append("\n");
        }
      }
      return y.toString();
    }
  }

  @Provide
  Arbitrary<History> histories() {
    // most customers reachable one way or another, or most plans would only skip
    Arbitrary<Customer> customer =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just(7)),
                    Tuple.of(2, Arbitraries.integers().between(0, 7))),
                Arbitraries.integers().between(0, 7),
                Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.just(0)),
                    Tuple.of(1, Arbitraries.integers().between(1, 3))),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of("", "ann", "bob"),
                Arbitraries.of(ZONES),
                Combinators.combine(Arbitraries.of(STATES), Arbitraries.integers().between(-12, 3))
                    .as(Map::entry))
            .as(
                (consents, extras, suppressed, emailForm, phoneForm, rep, zone, state) ->
                    new Customer(
                        consents,
                        extras,
                        suppressed,
                        emailForm,
                        phoneForm,
                        rep,
                        zone,
                        state.getKey(),
                        state.getValue()));
    Arbitrary<Contact> contact =
        Combinators.combine(
                Arbitraries.integers().between(0, CUSTOMERS - 1),
                Arbitraries.of("email", "letter", "call", "sms", "visit"),
                Arbitraries.integers().between(0, 12))
            .as(Contact::new);
    Arbitrary<ContactPolicy.Cap> cap =
        Combinators.combine(
                Arbitraries.of(Channel.EMAIL, Channel.LETTER, Channel.PHONE).set().ofMaxSize(3),
                // a cap of 0 shuts its channels: now and then only, or little would be queued
                Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(0)),
                    Tuple.of(6, Arbitraries.integers().between(1, 2))),
                Arbitraries.integers().between(1, 7))
            .as(ContactPolicy.Cap::new);
    Arbitrary<String> step =
        Arbitraries.of(
            "email: {template: check-in, subject: \"Hello\"}",
            "letter: {template: win-back}",
            "call: {assign: owner_rep}",
            "call: {assign: pool}",
            "offer: {kind: percent, value: 15, expires_in_days: 14}",
            "offer: {kind: amount, value: 20, expires_in_days: 30}",
            "survey: {template: exit-survey}",
            "survey: {template: exit-survey, channel: letter}",
            "wait: 1",
            "wait: 2");
    Arbitrary<Book> book =
        Combinators.combine(
                Arbitraries.of(
                    "{type: entered_state, state: lapsing}",
                    "{type: entered_state, state: dormant}",
                    "{type: entered_state, state: lost}",
                    "{type: entered_state, state: reactivated}",
                    "{type: no_contact_for, days: 3, segment: key}",
                    "{type: no_contact_for, days: 10, segment: key}",
                    "{type: lost_for, days: 2}"),
                Arbitraries.of(
                    "",
                    "",
                    "{value_at_risk: \">= 5\"}",
                    "{p_alive: \"< 0.6\", any: [{value_at_risk: \"> 1\"}, {consent_email: true}]}",
                    "{not: {value_at_risk: \">= 50\"}}"),
                step.list().ofMinSize(1).ofMaxSize(5).map(PlannerPropertyTest::valid),
                Arbitraries.of("0", "0.1", "0.25", "0.5"),
                Arbitraries.integers().between(-2, 2),
                Arbitraries.of("[ordered, replied]", "[]", "[ordered]"))
            .as(Book::new);
    Arbitrary<Change> change =
        Combinators.combine(
                Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(0, CUSTOMERS - 1),
                Arbitraries.integers().between(0, 5))
            .as(Change::new);
    return Combinators.combine(
            customer.list().ofSize(CUSTOMERS),
            contact.list().ofMaxSize(20),
            cap.list().ofMaxSize(3),
            Arbitraries.of(
                "false",
                "{from: '20:00', to: '08:00'}",
                "{from: '09:00', to: '17:00', days_off: [saturday, sunday]}"),
            Arbitraries.integers().between(-1, 3),
            Arbitraries.of(
                "",
                "{amount: 0.01, per_days: 1}",
                "{amount: 40, per_days: 2}",
                "{amount: 100, per_days: 5}"),
            book.list().ofMinSize(1).ofMaxSize(4),
            Combinators.combine(
                    Arbitraries.integers().between(2, 5),
                    Arbitraries.of(false, true),
                    Arbitraries.integers().between(0, 23),
                    change.list().ofMaxSize(12))
                .as(Schedule::new))
        .as(History::new);
  }

  /** Steps the loader takes: no wait at the end, every offer told by a later step. */
  private static List<String> valid(List<String> steps) {
    List<String> out = new ArrayList<>(steps);
    boolean untold = false;
    for (String s : out) {
      if (s.startsWith("offer")) {
        untold = true;
      } else if (!s.startsWith("wait")) {
        untold = false;
      }
    }
    if (untold || out.get(out.size() - 1).startsWith("wait")) {
      out.add("email: {template: check-in, subject: \"Hello\"}");
    }
    return List.copyOf(out);
  }

  // ---- writing the history

  private static String email(int n, int form) {
    String a = "c" + n + ".t" + tryNumber + "@mail.example";
    return switch (form) {
      case 2 -> a.toUpperCase(Locale.ROOT);
      case 3 -> "  " + a + " ";
      default -> a;
    };
  }

  private static @Nullable String phone(int n, int form) {
    String nn = String.format(Locale.ROOT, "%02d", n);
    return switch (form) {
      case 1 -> "+1 555 01" + nn;
      case 2 -> "(555) 01-" + nn;
      case 3 -> "+1-555-01" + nn;
      default -> null;
    };
  }

  private static void write(History history) {
    store
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "TRUNCATE plan_decisions, outbox, call_tasks, enrollments, playbook_holdout,"
                      + " contacts, offers RESTART IDENTITY CASCADE");
              h.execute("UPDATE lifecycle_states SET state = 'active', since = '1997-01-01'");
              h.execute(
                  "UPDATE account_dormancy SET notice_due = '2099-01-01', dormant_on ="
                      + " '2099-02-01'");
              h.execute("UPDATE customers SET segment = NULL");
              ConsentLog.attribute(h, ConsentLog.Source.STAFF, "property", "");
              Suppressions suppressions = new Suppressions(store.jdbi());
              String previous = null;
              for (int i = 0; i < CUSTOMERS; i++) {
                Customer c = history.customers().get(i);
                String mail =
                    c.emailForm() == 0
                        ? null
                        : c.has(2) && previous != null
                            ? previous.toUpperCase(Locale.ROOT)
                            : email(i, c.emailForm());
                previous = mail == null ? previous : mail.strip();
                String phone = phone(i, c.phoneForm());
                h.createUpdate(
                        "UPDATE customers SET email = :email, phone = :phone, address_line1 ="
                            + " :line1, city = :city, owner_rep = :rep, segment = :segment,"
                            + " time_zone = :zone, consent_email = :ce, consent_letter = :cl,"
                            + " consent_phone = :cp WHERE id = :id")
                    .bind("email", mail)
                    .bind("phone", phone)
                    .bind("line1", c.has(0) ? i + " Main St" : null)
                    .bind("city", c.has(0) ? "Springfield" : null)
                    .bind("rep", c.rep().isEmpty() ? null : c.rep())
                    .bind("segment", c.has(1) ? "key" : null)
                    .bind("zone", c.zone().isEmpty() ? null : c.zone())
                    .bind("ce", c.consents(0))
                    .bind("cl", c.consents(1))
                    .bind("cp", c.consents(2))
                    .bind("id", ids.get(i))
                    .execute();
                h.execute(
                    "UPDATE lifecycle_states SET state = ?, since = ? WHERE customer_id = ?",
                    c.state(),
                    RUN.plusDays(c.since()),
                    ids.get(i));
                if (c.suppressed(0) && mail != null) {
                  suppressions.suppress(
                      ConsentLog.Channel.EMAIL,
                      mail,
                      Suppressions.Reason.BOUNCED,
                      ConsentLog.Source.BOUNCE,
                      "property",
                      "");
                }
                if (c.suppressed(1) && phone != null) {
                  suppressions.suppress(
                      ConsentLog.Channel.PHONE,
                      phone,
                      Suppressions.Reason.DO_NOT_CONTACT,
                      ConsentLog.Source.STAFF,
                      "property",
                      "");
                }
              }
              for (Contact c : history.contacts()) {
                h.execute(
                    "INSERT INTO contacts (customer_id, contacted_on, channel, source) VALUES (?,"
                        + " ?, ?, 'property')",
                    ids.get(c.customer()),
                    RUN.minusDays(c.daysBefore()),
                    c.channel());
              }
            });
  }

  private static void change(Change c, LocalDate day) {
    long id = ids.get(c.customer());
    store
        .jdbi()
        .useHandle(
            h -> {
              ConsentLog.attribute(h, ConsentLog.Source.STAFF, "property", "");
              switch (c.kind()) {
                case 0 ->
                    h.execute(
                        "UPDATE customers SET consent_email = NOT consent_email WHERE id = ?", id);
                case 1 ->
                    h.execute(
                        "UPDATE customers SET consent_letter = NOT consent_letter WHERE id = ?",
                        id);
                case 2 ->
                    h.execute(
                        "UPDATE customers SET consent_phone = NOT consent_phone WHERE id = ?", id);
                case 3, 4 -> {
                  String column = c.kind() == 3 ? "email" : "phone";
                  Optional<String> address =
                      h.select("SELECT " + column + " FROM customers WHERE id = ?", id)
                          .mapTo(String.class)
                          .findOne();
                  if (address.isPresent() && !address.get().isBlank()) {
                    new Suppressions(store.jdbi())
                        .suppress(
                            c.kind() == 3 ? ConsentLog.Channel.EMAIL : ConsentLog.Channel.PHONE,
                            address.get(),
                            Suppressions.Reason.DO_NOT_CONTACT,
                            ConsentLog.Source.STAFF,
                            "property",
                            "");
                  }
                }
                default ->
                    h.execute(
                        "UPDATE lifecycle_states SET state = 'lapsing', since = ? WHERE customer_id"
                            + " = ?",
                        day,
                        id);
              }
            });
  }

  // ---- what the customers allowed when a plan was made

  /** Where a customer could be reached when a plan was made, read apart from the planner. */
  record Reach(Set<Channel> channels, @Nullable String email) {}

  private static Map<Long, Reach> reach() {
    return store
        .jdbi()
        .withHandle(
            h -> {
              Set<String> suppressed = new HashSet<>();
              h.select("SELECT channel || ' ' || address FROM suppressions WHERE lifted_at IS NULL")
                  .mapTo(String.class)
                  .forEach(suppressed::add);
              Map<Long, Reach> reach = new HashMap<>();
              h.select(
                      "SELECT id, email, phone, address_line1, city, consent_email,"
                          + " consent_letter, consent_phone FROM customers WHERE id = ANY (?)",
                      (Object) ids.stream().mapToLong(Long::longValue).toArray())
                  .map(
                      (rs, ctx) -> {
                        Set<Channel> ok = EnumSet.noneOf(Channel.class);
                        String mail = rs.getString("email");
                        String normal =
                            mail == null || mail.isBlank()
                                ? null
                                : Suppressions.normalise(ConsentLog.Channel.EMAIL, mail);
                        if (rs.getBoolean("consent_email")
                            && normal != null
                            && !suppressed.contains("email " + normal)) {
                          ok.add(Channel.EMAIL);
                        }
                        if (rs.getBoolean("consent_letter")
                            && rs.getString("address_line1") != null
                            && rs.getString("city") != null) {
                          ok.add(Channel.LETTER);
                        }
                        String phone = rs.getString("phone");
                        if (rs.getBoolean("consent_phone")
                            && phone != null
                            && !suppressed.contains(
                                "phone "
                                    + Suppressions.normalise(ConsentLog.Channel.PHONE, phone))) {
                          ok.add(Channel.PHONE);
                        }
                        return Map.entry(rs.getLong("id"), new Reach(ok, normal));
                      })
                  .forEach(e -> reach.put(e.getKey(), e.getValue()));
              return reach;
            });
  }

  private static Map<String, Long> counts(Handle h) {
    Map<String, Long> n = new HashMap<>();
    for (String table :
        List.of(
            "outbox",
            "call_tasks",
            "offers",
            "enrollments",
            "plan_decisions",
            "playbook_holdout")) {
      n.put(table, h.select("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
    return n;
  }

  // ---- the property

  // each try plans on the database: few tries, all of them random histories (the edge cases,
  // such as every customer alike, teach little here), and no shrinking (a failing history is
  // printed whole)
  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.OFF)
  void plans_neverReachWhomTheyMayNot_neverBreakACap_andAreIdempotent(
      @ForAll("histories") History history) {
    tryNumber++;
    write(history);
    Playbooks books = PlaybookLoader.parse(history.yaml(), "property.yaml");
    LocalDate last = RUN.plusDays(history.schedule().days());
    int queued = 0;
    int deferred = 0;
    for (int d = 1; d <= history.schedule().days(); d++) {
      LocalDate day = RUN.plusDays(d);
      for (Change c : history.schedule().changes()) {
        if (c.day() == d) {
          change(c, day);
        }
      }
      Instant now =
          (history.schedule().catchUp() ? last.plusDays(3) : day)
              .atTime(history.schedule().hour(), 17)
              .toInstant(ZoneOffset.UTC);
      Planner planner = new Planner(store, Clock.fixed(now, ZoneOffset.UTC));
      Map<Long, Reach> reach = reach();

      Planner.Plan plan = planner.plan(books, day, true, s -> {});
      queued +=
          plan.count("queued", "email")
              + plan.count("queued", "letter")
              + plan.count("queued", "call")
              + plan.count("queued", "survey");
      deferred +=
          (int) plan.decisions().stream().filter(x -> x.decision().equals("deferred")).count();

      store
          .jdbi()
          .useHandle(
              h -> {
                h.select(
                        "SELECT customer_id, channel, address FROM outbox WHERE queued_on = ?", day)
                    .map((rs, ctx) -> List.of(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .forEach(
                        row -> {
                          Reach r = reach.get((Long) row.get(0));
                          Channel channel =
                              row.get(1).equals("email") ? Channel.EMAIL : Channel.LETTER;
                          assertThat(r.channels())
                              .as("reach of %s when %s was queued on %s", row.get(0), channel, day)
                              .contains(channel);
                          if (channel == Channel.EMAIL) {
                            assertThat(row.get(2)).isEqualTo(r.email());
                          }
                        });
                h.select("SELECT customer_id FROM call_tasks WHERE due_on = ?", day)
                    .mapTo(Long.class)
                    .forEach(
                        id ->
                            assertThat(reach.get(id).channels())
                                .as("reach of %s when a call was queued on %s", id, day)
                                .contains(Channel.PHONE));
              });

      // the same day planned again: nothing new, not even a decision
      Map<String, Long> before = store.jdbi().withHandle(PlannerPropertyTest::counts);
      Planner.Plan again = planner.plan(books, day, true, s -> {});
      assertThat(again.decisions()).as("planned again on %s", day).isEmpty();
      assertThat(store.jdbi().withHandle(PlannerPropertyTest::counts)).isEqualTo(before);
    }

    store.jdbi().useHandle(h -> checkHoldout(h));
    store.jdbi().useHandle(h -> checkDecisions(h));
    store.jdbi().useHandle(h -> checkCaps(h, books.policy()));
    store.jdbi().useHandle(h -> checkBudget(h, books.policy()));

    long heldOut =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT count(*) FROM playbook_holdout WHERE held_out")
                        .mapTo(Long.class)
                        .one());
    Statistics.label("queued").collect(queued > 0);
    Statistics.label("held out").collect(heldOut > 0);
    Statistics.label("deferred").collect(deferred > 0);
    // the generator's own checks, on 40 random tries: bounds several standard deviations below the
    // shares seen, so a run fails for a generator gone wrong, not for an unlucky seed (60% for
    // "queued" once failed at 57.5%)
    Statistics.label("queued").coverage(c -> c.check(true).percentage(p -> p > 35));
    Statistics.label("held out").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("deferred").coverage(c -> c.check(true).percentage(p -> p > 20));
  }

  private static void checkHoldout(Handle h) {
    for (String table : List.of("outbox", "call_tasks", "offers")) {
      assertThat(
              h.select(
                      "SELECT count(*) FROM "
                          + table
                          + " t JOIN playbook_holdout p ON p.customer_id = t.customer_id"
                          + " AND p.playbook = t.playbook AND p.held_out")
                  .mapTo(Long.class)
                  .one())
          .as("%s rows for customers held out of the playbook", table)
          .isZero();
    }
    assertThat(
            h.select(
                    "SELECT count(*) FROM enrollments e JOIN playbook_holdout p ON p.customer_id ="
                        + " e.customer_id AND p.playbook = e.playbook"
                        + " WHERE p.held_out <> (e.status = 'held_out')")
                .mapTo(Long.class)
                .one())
        .as("enrollments that disagree with the holdout")
        .isZero();
  }

  private static void checkDecisions(Handle h) {
    assertThat(
            h.select(
                    "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM plan_decisions"
                        + " d WHERE d.customer_id = o.customer_id AND d.playbook = o.playbook"
                        + " AND d.cycle = o.cycle AND d.step = o.step AND d.planned_on ="
                        + " o.queued_on AND d.decision = 'queued'"
                        + " AND d.action IN ('email', 'letter', 'survey'))")
                .mapTo(Long.class)
                .one())
        .as("outbox rows without their decision")
        .isZero();
    assertThat(
            h.select(
                    "SELECT count(*) FROM call_tasks t WHERE NOT EXISTS (SELECT 1 FROM"
                        + " plan_decisions d WHERE d.customer_id = t.customer_id AND d.playbook ="
                        + " t.playbook AND d.cycle = t.cycle AND d.step = t.step AND d.planned_on"
                        + " = t.due_on AND d.decision = 'queued' AND d.action = 'call')")
                .mapTo(Long.class)
                .one())
        .as("call tasks without their decision")
        .isZero();
    assertThat(
            h.select(
                    "SELECT count(*) FROM offers f WHERE NOT EXISTS (SELECT 1 FROM plan_decisions"
                        + " d WHERE d.customer_id = f.customer_id AND d.playbook = f.playbook"
                        + " AND d.step::text = f.step AND d.decision = 'issued'"
                        + " AND d.action = 'offer')")
                .mapTo(Long.class)
                .one())
        .as("offers without their decision")
        .isZero();
    // and no decision says queued or issued for a row that is not there
    long queued =
        h.select("SELECT count(*) FROM plan_decisions WHERE decision = 'queued'")
            .mapTo(Long.class)
            .one();
    long rows =
        h.select("SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM call_tasks)")
            .mapTo(Long.class)
            .one();
    assertThat(queued).as("queued decisions against rows queued").isEqualTo(rows);
    assertThat(
            h.select("SELECT count(*) FROM plan_decisions WHERE decision = 'issued'")
                .mapTo(Long.class)
                .one())
        .isEqualTo(h.select("SELECT count(*) FROM offers").mapTo(Long.class).one());
  }

  /** A touch for the caps: a customer, a channel (null for a visit or the like) and a day. */
  record Touch(long customer, @Nullable Channel channel, LocalDate on) {}

  private static @Nullable Channel channel(String stored) {
    return switch (stored) {
      case "email" -> Channel.EMAIL;
      case "letter" -> Channel.LETTER;
      case "call" -> Channel.PHONE;
      case "sms" -> Channel.SMS;
      default -> null;
    };
  }

  private static void checkCaps(Handle h, ContactPolicy policy) {
    List<Touch> past =
        h.select("SELECT customer_id, channel, contacted_on FROM contacts")
            .map(
                (rs, ctx) ->
                    new Touch(
                        rs.getLong(1), channel(rs.getString(2)), rs.getObject(3, LocalDate.class)))
            .list();
    List<Touch> planned =
        h.select(
                "SELECT customer_id, channel, queued_on FROM outbox UNION ALL"
                    + " SELECT customer_id, 'call', due_on FROM call_tasks")
            .map(
                (rs, ctx) ->
                    new Touch(
                        rs.getLong(1), channel(rs.getString(2)), rs.getObject(3, LocalDate.class)))
            .list();
    for (ContactPolicy.Cap cap : policy.caps()) {
      for (long id : ids) {
        for (LocalDate from = RUN.minusDays(20); !from.isAfter(RUN.plusDays(6)); ) {
          LocalDate to = from.plusDays(cap.perDays() - 1L);
          long before = count(past, id, cap, from, to);
          long added = count(planned, id, cap, from, to);
          assertThat(added)
              .as("touches queued for %d from %s to %s under %s", id, from, to, cap.describe())
              .isLessThanOrEqualTo(Math.max(0, cap.atMost() - before));
          from = from.plusDays(1);
        }
      }
    }
  }

  private static long count(
      List<Touch> touches, long id, ContactPolicy.Cap cap, LocalDate from, LocalDate to) {
    return touches.stream()
        .filter(t -> t.customer() == id)
        .filter(t -> t.channel() == null ? cap.channels().isEmpty() : cap.covers(t.channel()))
        .filter(t -> !t.on().isBefore(from) && !t.on().isAfter(to))
        .count();
  }

  private static void checkBudget(Handle h, ContactPolicy policy) {
    if (policy.offerBudget().isEmpty()) {
      return;
    }
    ContactPolicy.OfferBudget budget = policy.offerBudget().get();
    Map<LocalDate, BigDecimal> byDay = new HashMap<>();
    h.select("SELECT budget_cost, issued_at FROM offers")
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getObject(2, OffsetDateTime.class)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDate(),
                    rs.getBigDecimal(1)))
        .forEach(e -> byDay.merge(e.getKey(), e.getValue(), BigDecimal::add));
    for (LocalDate from = RUN.minusDays(10); !from.isAfter(RUN.plusDays(12)); ) {
      BigDecimal sum = BigDecimal.ZERO;
      for (int i = 0; i < budget.perDays(); i++) {
        sum = sum.add(byDay.getOrDefault(from.plusDays(i), BigDecimal.ZERO));
      }
      assertThat(sum)
          .as("offers made in the %d days from %s", budget.perDays(), from)
          .isLessThanOrEqualTo(budget.amount());
      from = from.plusDays(1);
    }
  }
}
