package org.rekindle.store.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.rekindle.core.score.LifecycleRules;
import org.rekindle.core.score.ModelComparison;
import org.rekindle.core.score.Scorer;
import org.rekindle.core.score.ScoringOptions;
import org.rekindle.core.score.ScoringResult;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.model.FitOptions;
import org.rekindle.model.GammaGammaModel;
import org.rekindle.model.ModelKind;
import org.rekindle.store.AdvisoryLock;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.feedback.Cases;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.results.Outcomes;
import org.rekindle.store.results.Results;

/**
 * The daily run: summaries from the stored orders as of a date, the model refitted or reused, every
 * customer scored, and the lifecycle moved on with every change recorded and every comeback written
 * to the recoveries ledger.
 *
 * <p>Everything a run writes — the fit, the run, the scores, the states, the transitions, the
 * recoveries — is written in one transaction at its end: a run killed midway leaves the previous
 * complete state as it was, and the next run does the whole work. A run for a date that already has
 * a completed run changes nothing. Only one run at a time (an advisory lock).
 *
 * <h2>Lifecycle</h2>
 *
 * <ul>
 *   <li><b>new</b>: a customer whose only purchase day is within {@link Options#newDays} of the
 *       as-of date: too early to judge a rhythm.
 *   <li><b>reactivated</b>: a customer who was lapsing, dormant or lost after the previous run and
 *       has ordered since; a recovery is recorded with the first such order, the state they came
 *       back from and their value at risk in the previous run.
 *   <li>otherwise <b>active</b>, <b>lapsing</b>, <b>dormant</b> or <b>lost</b> by the score's
 *       lifecycle rules (P(alive) and how overdue they are against their own rhythm).
 * </ul>
 */
public final class DailyRun {
  /**
   * The unit of the summaries the run fits and scores: recency, age and the model's rates are in
   * weeks. A P(alive) recomputed from a stored fit must use it too.
   */
  public static final Period PERIOD = Period.WEEK;

  static final long LOCK = AdvisoryLock.RUN;

  /**
   * How runs decide.
   *
   * @param rules the lifecycle thresholds
   * @param newDays a one-time buyer this recent is "new"
   * @param refitAfterDays refit when the last fit is older than this
   * @param materialChange refit when customers or repeat purchases changed by more than this share
   *     since the last fit
   * @param horizonDays horizon of the expected purchases
   * @param annualDiscountRate discount rate of the lifetime value
   * @param holdoutDays length of the holdout a refit checks the models on
   * @param dormancy when B2B credit accounts go dormant and when their notice is due
   * @param escalateTo who a service case whose first contact is late goes to (rekindle.yaml's
   *     {@code service_recovery.manager})
   */
  public record Options(
      LifecycleRules rules,
      int newDays,
      int refitAfterDays,
      double materialChange,
      double horizonDays,
      double annualDiscountRate,
      int holdoutDays,
      AccountDormancy.Policy dormancy,
      String escalateTo) {
    public Options {
      Objects.requireNonNull(rules, "rules");
      Objects.requireNonNull(dormancy, "dormancy");
      if (escalateTo.isBlank()) {
        throw new IllegalArgumentException("a late service case must escalate to someone");
      }
      if (newDays < 0 || refitAfterDays < 0 || !(materialChange >= 0)) {
        throw new IllegalArgumentException("run settings must not be negative");
      }
      if (holdoutDays < 1) {
        throw new IllegalArgumentException("the holdout must be at least a day: " + holdoutDays);
      }
    }

    /**
     * Default rules; new for 30 days; refit after 30 days or a 10% change; a year; 10%; a 26-week
     * holdout; the default account-dormancy policy; late service cases to "manager".
     */
    public static Options defaults() {
      return new Options(
          LifecycleRules.defaults(),
          30,
          30,
          0.10,
          365,
          0.10,
          182,
          AccountDormancy.Policy.defaults(),
          "manager");
    }

    /** These options with other lifecycle thresholds. */
    public Options withRules(LifecycleRules rules) {
      return new Options(
          rules,
          newDays,
          refitAfterDays,
          materialChange,
          horizonDays,
          annualDiscountRate,
          holdoutDays,
          dormancy,
          escalateTo);
    }

    /** These options with late service cases escalated to {@code manager}. */
    public Options withEscalateTo(String manager) {
      return new Options(
          rules,
          newDays,
          refitAfterDays,
          materialChange,
          horizonDays,
          annualDiscountRate,
          holdoutDays,
          dormancy,
          manager.strip());
    }

    /** These options with another account-dormancy policy. */
    public Options withDormancy(AccountDormancy.Policy dormancy) {
      return new Options(
          rules,
          newDays,
          refitAfterDays,
          materialChange,
          horizonDays,
          annualDiscountRate,
          holdoutDays,
          dormancy,
          escalateTo);
    }
  }

  /**
   * What a run did.
   *
   * @param runId the run
   * @param asOf its date
   * @param alreadyDone true when a completed run for the date existed and nothing was changed
   * @param fitDecision why the model was refitted or reused, in words
   * @param customers customers scored
   * @param states customers per lifecycle state after the run
   * @param transitions lifecycle changes recorded
   * @param recoveries comebacks recorded
   * @param accounts what happened to the B2B credit accounts (nothing when already done)
   * @param holdout what the holdout check before a refit found, in a sentence; empty when the fit
   *     was reused or the run was already done
   * @param offers offers redeemed by the orders and expired (nothing when already done)
   * @param casesEscalated service cases escalated because their first contact was late (none when
   *     already done)
   */
  public record Outcome(
      long runId,
      LocalDate asOf,
      boolean alreadyDone,
      String fitDecision,
      long customers,
      Map<String, Long> states,
      long transitions,
      long recoveries,
      AccountDormancy.Counts accounts,
      Optional<String> holdout,
      OfferCounts offers,
      int casesEscalated) {

    Outcome withOffers(OfferCounts counts, int escalated) {
      return new Outcome(
          runId,
          asOf,
          alreadyDone,
          fitDecision,
          customers,
          states,
          transitions,
          recoveries,
          accounts,
          holdout,
          counts,
          escalated);
    }
  }

  private DailyRun() {}

  /**
   * Runs for {@code asOf}.
   *
   * @param stage told the name of each stage as it starts
   * @throws StoreException if another run is in progress, a later run exists, or there are no
   *     orders
   */
  public static Outcome run(Store store, LocalDate asOf, Options options, Consumer<String> stage) {
    return locked(store, () -> timed(store, asOf, options, stage));
  }

  /**
   * Replays history: runs for {@code from}, every {@code everyDays} days after it, and {@code to},
   * in order, under one lock so no other run can slip in between. Dates that already have a
   * completed run are left as they are.
   *
   * @param stage told the date and the name of each stage as it starts
   * @param done told each run's outcome as it finishes
   * @return the outcomes, in date order
   * @throws StoreException as {@link #run}, or when the range is empty or the step not positive
   */
  public static List<Outcome> backfill(
      Store store,
      LocalDate from,
      LocalDate to,
      int everyDays,
      Options options,
      BiConsumer<LocalDate, String> stage,
      Consumer<Outcome> done) {
    List<LocalDate> dates = backfillDates(from, to, everyDays);
    return locked(
        store,
        () -> {
          List<Outcome> outcomes = new ArrayList<>();
          for (LocalDate day : dates) {
            Outcome o = timed(store, day, options, name -> stage.accept(day, name));
            outcomes.add(o);
            done.accept(o);
          }
          return outcomes;
        });
  }

  /** {@code from}, every {@code everyDays} after it, and {@code to}. */
  static List<LocalDate> backfillDates(LocalDate from, LocalDate to, int everyDays) {
    if (to.isBefore(from)) {
      throw new StoreException("the backfill ends (" + to + ") before it starts (" + from + ")");
    }
    if (everyDays < 1) {
      throw new StoreException("the backfill step must be at least one day: " + everyDays);
    }
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(everyDays)) {
      dates.add(d);
    }
    dates.add(to);
    return dates;
  }

  /**
   * {@link #runLocked}, keeping where its time went in the run row: each stage (recording's steps
   * are already there) and the total, written after the run's commit so that they include it.
   */
  private static Outcome timed(
      Store store, LocalDate asOf, Options options, Consumer<String> stage) {
    long started = System.nanoTime();
    StepTimes stages = new StepTimes();
    Outcome outcome =
        runLocked(
            store,
            asOf,
            options,
            name -> {
              stages.start(name);
              stage.accept(name);
            });
    stages.stop();
    if (!outcome.alreadyDone()) {
      store
          .jdbi()
          .useHandle(
              h ->
                  h.createUpdate(
                          "UPDATE runs SET timings = timings || CAST(:stages AS jsonb)"
                              + " || jsonb_build_object('total', CAST(:total AS bigint))"
                              + " WHERE id = :run")
                      .bind("stages", stages.json(""))
                      .bind("total", (System.nanoTime() - started) / 1_000_000)
                      .bind("run", outcome.runId())
                      .execute());
    }
    return outcome;
  }

  private static <T> T locked(Store store, Supplier<T> work) {
    return AdvisoryLock.holding(
        store,
        LOCK,
        "another rekindle run is in progress on " + store.describe() + "; wait for it to finish",
        work);
  }

  private static Outcome runLocked(
      Store store, LocalDate asOf, Options options, Consumer<String> stage) {
    Optional<Long> done =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT id FROM runs WHERE as_of = ? AND status = 'completed'", asOf)
                        .mapTo(Long.class)
                        .findOne());
    if (done.isPresent()) {
      return store
          .jdbi()
          .withHandle(
              h ->
                  describe(
                      h,
                      done.get(),
                      asOf,
                      true,
                      0,
                      0,
                      AccountDormancy.Counts.NONE,
                      Optional.empty()));
    }
    Optional<LocalDate> later =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT max(as_of) FROM runs WHERE as_of > ?", asOf)
                        .mapTo(LocalDate.class)
                        .findOne());
    if (later.isPresent()) {
      throw new StoreException(
          "runs go forward in time: there is already a run as of "
              + later.get()
              + ", after "
              + asOf);
    }

    stage.accept("summarising");
    Summarizer orders = StoredSummaries.collect(store.jdbi());
    Summaries summaries =
        orders.summarize(SummaryOptions.defaults().withAsOf(asOf).withPeriod(PERIOD));
    long repeat = summaries.totalFrequency();
    long customers = summaries.customers().size();

    stage.accept("fitting");
    Optional<LastFit> last = store.jdbi().withHandle(DailyRun::lastFit);
    String decision = decide(last, asOf, customers, repeat, options);
    boolean refit = last.isEmpty() || !decision.startsWith("reusing");
    Optional<HoldoutCheck> check = Optional.empty();
    if (refit) {
      stage.accept("checking the models on a holdout");
      check =
          Optional.of(HoldoutCheck.run(orders, asOf, options.holdoutDays(), autoOptions(options)));
    }
    Optional<HoldoutCheck> checked = check;
    ScoringOptions scoring =
        new ScoringOptions(
            refit ? check.flatMap(HoldoutCheck::chosen) : Optional.of(last.get().kind()),
            refit ? Optional.empty() : Optional.of(last.get().params()),
            refit ? Optional.empty() : last.get().spend(),
            options.horizonDays(),
            options.annualDiscountRate(),
            options.rules(),
            FitOptions.defaults());
    stage.accept("scoring");
    ScoringResult result = Scorer.score(summaries, scoring);

    stage.accept("recording");
    Outcome recorded =
        store
            .jdbi()
            .inTransaction(
                h -> record(h, asOf, options, checked, decision, last, result, customers, repeat));

    // The run replaced a million rows or so in these tables; until autovacuum's analyze gets to
    // them the planner's statistics still describe the previous run (no scores for this one, say),
    // and the plan made right after the run (`rekindle send`) would join as if this run had none.
    // About a second on a million customers.
    stage.accept("statistics");
    store.jdbi().useHandle(h -> h.execute("ANALYZE scores, lifecycle_states, account_dormancy"));

    // offers used by the orders up to the end of the day, and offers past their expiry. Not in the
    // run's transaction: both are set-based catch-ups, so a run that dies here loses nothing the
    // next one will not do.
    stage.accept("offers");
    Offers offers = new Offers(store.jdbi(), Clock.systemUTC());
    Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Offers.OrderRedemptions redeemed = offers.redeemFromOrders(end);
    int expired = offers.expire(end);

    // service cases whose first contact is late go to the manager, once each; by the clock, not
    // the run's date: an SLA is hours of real time
    stage.accept("service cases");
    int escalated = new Cases(store.jdbi(), Clock.systemUTC()).escalate(options.escalateTo());

    // what came of the enrollments whose default window closed by the run's day, kept so that
    // `rekindle results` reads them instead of joining every window with the orders again
    stage.accept("outcomes of closed windows");
    Outcomes.keep(store.jdbi(), Results.DEFAULT_WINDOW_DAYS, asOf);
    return recorded.withOffers(
        new OfferCounts(redeemed.byCode(), redeemed.inWindow(), expired), escalated);
  }

  /**
   * What a run did to the offers.
   *
   * @param byCode redeemed by an order carrying their code
   * @param inWindow redeemed by any order in their window
   * @param expired past their expiry, unused
   */
  public record OfferCounts(int byCode, int inWindow, int expired) {
    static final OfferCounts NONE = new OfferCounts(0, 0, 0);
  }

  private static ScoringOptions autoOptions(Options options) {
    return new ScoringOptions(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        options.horizonDays(),
        options.annualDiscountRate(),
        options.rules(),
        FitOptions.defaults());
  }

  /** The fit a run would reuse. */
  private record LastFit(
      long id,
      LocalDate asOf,
      ModelKind kind,
      double[] params,
      Optional<GammaGammaModel> spend,
      long customers,
      long repeat) {}

  private static Optional<LastFit> lastFit(Handle h) {
    return h.createQuery(
            "SELECT id, as_of, model, (data_fingerprint->>'customers')::bigint,"
                + " (data_fingerprint->>'repeat_purchases')::bigint FROM model_fits"
                + " ORDER BY id DESC LIMIT 1")
        .map(
            (rs, ctx) -> {
              long id = rs.getLong(1);
              ModelKind kind = ModelKind.fromId(rs.getString(3));
              Map<String, Double> p = numbers(h, id, "params");
              double[] params = new double[kind.parameterNames().size()];
              for (int i = 0; i < params.length; i++) {
                params[i] = Objects.requireNonNull(p.get(kind.parameterNames().get(i)));
              }
              Map<String, Double> s = numbers(h, id, "spend_params");
              Optional<GammaGammaModel> spend =
                  s.isEmpty()
                      ? Optional.empty()
                      : Optional.of(
                          new GammaGammaModel(
                              Objects.requireNonNull(s.get("p")),
                              Objects.requireNonNull(s.get("q")),
                              Objects.requireNonNull(s.get("gamma"))));
              return new LastFit(
                  id,
                  rs.getObject(2, LocalDate.class),
                  kind,
                  params,
                  spend,
                  rs.getLong(4),
                  rs.getLong(5));
            })
        .findOne();
  }

  private static Map<String, Double> numbers(Handle h, long fitId, String column) {
    Map<String, Double> m = new LinkedHashMap<>();
    h.createQuery(
            "SELECT key, value::float8 FROM model_fits, jsonb_each_text(coalesce("
                + column
                + ", '{}'::jsonb)) WHERE id = ?")
        .bind(0, fitId)
        .map((rs, ctx) -> m.put(rs.getString(1), rs.getDouble(2)))
        .list();
    return m;
  }

  /** Why the model is refitted or reused, in words; a reuse starts with "reusing". */
  static String decide(
      Optional<LastFit> last, LocalDate asOf, long customers, long repeat, Options options) {
    if (last.isEmpty()) {
      return "first fit";
    }
    LastFit f = last.get();
    long age = ChronoUnit.DAYS.between(f.asOf(), asOf);
    if (age > options.refitAfterDays()) {
      return "refit: the last fit (as of " + f.asOf() + ") is " + age + " days old";
    }
    double customerChange = change(f.customers(), customers);
    double repeatChange = change(f.repeat(), repeat);
    if (customerChange > options.materialChange() || repeatChange > options.materialChange()) {
      return String.format(
          Locale.ROOT,
          "refit: since the last fit (as of %s) customers changed by %.1f%% and repeat purchases"
              + " by %.1f%%",
          f.asOf(),
          100 * customerChange,
          100 * repeatChange);
    }
    return String.format(
        Locale.ROOT,
        "reusing the fit of %s: customers changed by %.1f%% and repeat purchases by %.1f%%, both"
            + " within %.0f%%, and it is %d days old",
        f.asOf(),
        100 * customerChange,
        100 * repeatChange,
        100 * options.materialChange(),
        age);
  }

  private static double change(long before, long now) {
    return before == 0 ? (now == 0 ? 0 : 1) : Math.abs(now - before) / (double) before;
  }

  private static Outcome record(
      Handle h,
      LocalDate asOf,
      Options options,
      Optional<HoldoutCheck> check,
      String decision,
      Optional<LastFit> last,
      ScoringResult result,
      long customers,
      long repeat) {
    StepTimes steps = new StepTimes();
    steps.start("fit and run rows");
    h.execute("SET LOCAL work_mem = '256MB'");
    long fitId;
    if (check.isPresent()) {
      fitId =
          h.createUpdate(
                  "INSERT INTO model_fits (as_of, model, params, standard_errors, log_likelihood,"
                      + " converged, spend_params, diagnostics, data_fingerprint) VALUES (:asOf,"
                      + " :model, CAST(:params AS jsonb), CAST(:se AS jsonb), :ll, :converged,"
                      + " CAST(:spend AS jsonb), CAST(:diagnostics AS jsonb),"
                      + " CAST(:fingerprint AS jsonb))")
              .bind("diagnostics", diagnostics(result, check.get()))
              .bind("asOf", asOf)
              .bind("model", result.chosen().model().kind().id())
              .bind("params", json(result.chosen().model().params()))
              .bind("se", result.chosen().standardErrors().map(DailyRun::json).orElse(null))
              .bind("ll", result.chosen().logLikelihood())
              .bind("converged", result.chosen().converged())
              .bind(
                  "spend",
                  result
                      .spend()
                      .map(
                          s ->
                              json(
                                  Map.of(
                                      "p", s.model().p(),
                                      "q", s.model().q(),
                                      "gamma", s.model().gamma())))
                      .orElse(null))
              .bind(
                  "fingerprint",
                  "{\"customers\": " + customers + ", \"repeat_purchases\": " + repeat + "}")
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
    } else {
      fitId = last.orElseThrow().id();
    }
    long runId =
        h.createUpdate(
                "INSERT INTO runs (as_of, status, finished_at, fit_id, fit_decision, customers)"
                    + " VALUES (:asOf, 'completed', now(), :fit, :decision, :customers)")
            .bind("asOf", asOf)
            .bind("fit", fitId)
            .bind("decision", decision)
            .bind("customers", customers)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();

    steps.start("scores staged");
    h.execute(
        "CREATE TEMP TABLE scores_stage (customer_id bigint, frequency int, recency float8,"
            + " age float8, monetary float8, p_alive float8, expected_purchases float8,"
            + " expected_spend float8, clv float8, value_at_risk float8, days_since_last float8,"
            + " usual_gap_days float8, overdue_ratio float8, lifecycle text, is_new boolean,"
            + " reason text) ON COMMIT DROP");
    ScoreRows.copy(h, result.scores(), options.rules(), options.newDays());
    h.execute("ANALYZE scores_stage");
    steps.start("next states");
    // the previous complete run, for comebacks since then
    Optional<LocalDate> previous =
        h.select("SELECT max(as_of) FROM runs WHERE as_of < ? AND status = 'completed'", asOf)
            .mapTo(LocalDate.class)
            .findOne();
    // comebacks are orders after the previous run; without one there is nothing to come back from.
    // Each customer's first order since then comes from one pass over the orders, where looking
    // it up customer by customer took a million index probes (2 to 7 s for a million customers).
    String firstOrders =
        previous.isEmpty()
            ? "SELECT NULL::bigint AS customer_id, NULL::bigint AS first_order,"
                + " NULL::date AS first_date WHERE false"
            : "SELECT DISTINCT ON (customer_id) customer_id, id AS first_order,"
                + " order_date AS first_date FROM orders WHERE amount >= 0"
                + " AND order_date > :since AND order_date <= :asOf"
                + " ORDER BY customer_id, order_date, id";
    h.createUpdate(
            "CREATE TEMP TABLE next_states ON COMMIT DROP AS"
                + " SELECT s.customer_id, ls.state AS from_state, s.p_alive, s.overdue_ratio,"
                + " s.value_at_risk,"
                + " CASE WHEN s.is_new THEN 'new'"
                + " WHEN ls.state IN ('lapsing', 'dormant', 'lost') AND o.first_order IS NOT NULL"
                + " THEN 'reactivated' ELSE s.lifecycle END AS to_state,"
                + " CASE WHEN s.is_new THEN 'first order within the last "
                + options.newDays()
                + " days'"
                + " WHEN ls.state IN ('lapsing', 'dormant', 'lost') AND o.first_order IS NOT NULL"
                + " THEN 'ordered on ' || o.first_date || ' after being ' || ls.state"
                + " ELSE s.reason END AS reason,"
                + " o.first_order, o.first_date"
                + " FROM scores_stage s"
                + " LEFT JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
                + " LEFT JOIN ("
                + firstOrders
                + ") o ON o.customer_id = s.customer_id")
        .bindMap(previous.isEmpty() ? Map.of() : Map.of("since", previous.get(), "asOf", asOf))
        .execute();
    steps.start("scores");
    // with the state the run gives each customer, which the dashboard's list is filtered by (V12)
    h.createUpdate(
            "INSERT INTO scores (run_id, customer_id, frequency, recency, age, monetary, p_alive,"
                + " expected_purchases, expected_spend, clv, value_at_risk, days_since_last,"
                + " usual_gap_days, overdue_ratio, lifecycle, state)"
                + " SELECT :run, s.customer_id, s.frequency, s.recency, s.age, s.monetary,"
                + " s.p_alive, s.expected_purchases, s.expected_spend, s.clv, s.value_at_risk,"
                + " s.days_since_last, s.usual_gap_days, s.overdue_ratio, s.lifecycle, n.to_state"
                + " FROM scores_stage s JOIN next_states n ON n.customer_id = s.customer_id")
        .bind("run", runId)
        .execute();
    steps.start("transitions");
    long transitions =
        h.createUpdate(
                "INSERT INTO lifecycle_transitions (customer_id, from_state, to_state, on_date,"
                    + " run_id, p_alive, overdue_ratio, value_at_risk, reason)"
                    + " SELECT customer_id, from_state, to_state, :asOf, :run, p_alive,"
                    + " overdue_ratio, value_at_risk, reason FROM next_states"
                    + " WHERE from_state IS DISTINCT FROM to_state")
            .bind("asOf", asOf)
            .bind("run", runId)
            .execute();
    steps.start("recoveries");
    long recoveries = 0;
    if (previous.isPresent()) {
      recoveries =
          h.createUpdate(
                  "INSERT INTO recoveries (customer_id, order_id, recovered_on, from_state,"
                      + " value_at_risk, run_id)"
                      + " SELECT n.customer_id, n.first_order, n.first_date, n.from_state,"
                      + " ps.value_at_risk, :run FROM next_states n"
                      + " LEFT JOIN runs pr ON pr.as_of = :previous AND pr.status = 'completed'"
                      + " LEFT JOIN scores ps ON ps.run_id = pr.id"
                      + " AND ps.customer_id = n.customer_id"
                      + " WHERE n.to_state = 'reactivated'"
                      + " AND n.from_state IS DISTINCT FROM 'reactivated'"
                      + " ON CONFLICT (order_id) DO NOTHING")
              .bind("run", runId)
              .bind("previous", previous.get())
              .execute();
    }
    steps.start("states");
    // a customer without a state yet (no from_state) gets a plain insert: an upsert costs a
    // speculative insertion a row, a fifth of a first run's states. Only runs write states, one
    // at a time, so no state can appear in between; if one did, the run would fail, not mix.
    h.createUpdate(
            "INSERT INTO lifecycle_states (customer_id, state, since, run_id)"
                + " SELECT customer_id, to_state, :asOf, :run FROM next_states"
                + " WHERE from_state IS NULL")
        .bind("asOf", asOf)
        .bind("run", runId)
        .execute();
    h.createUpdate(
            "INSERT INTO lifecycle_states (customer_id, state, since, run_id)"
                + " SELECT customer_id, to_state, :asOf, :run FROM next_states"
                + " WHERE from_state IS NOT NULL"
                + " ON CONFLICT (customer_id) DO UPDATE SET state = EXCLUDED.state,"
                + " since = CASE WHEN lifecycle_states.state = EXCLUDED.state"
                + " THEN lifecycle_states.since ELSE EXCLUDED.since END,"
                + " run_id = EXCLUDED.run_id")
        .bind("asOf", asOf)
        .bind("run", runId)
        .execute();
    steps.start("accounts");
    AccountDormancy.Counts accounts = AccountDormancy.apply(h, asOf, runId, options.dormancy());
    steps.stop();
    h.createUpdate("UPDATE runs SET timings = CAST(:timings AS jsonb) WHERE id = :run")
        .bind("timings", steps.json("recording."))
        .bind("run", runId)
        .execute();
    return describe(
        h, runId, asOf, false, transitions, recoveries, accounts, check.map(HoldoutCheck::words));
  }

  /** The models compared on all the data and the holdout check, as the fit's diagnostics. */
  private static String diagnostics(ScoringResult result, HoldoutCheck check) {
    StringBuilder models = new StringBuilder();
    for (ModelComparison m : result.comparison()) {
      models
          .append(models.length() == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"model\": \"%s\", \"log_likelihood\": %s, \"bic\": %s, \"converged\": %b}",
                  m.fit().model().kind().id(),
                  HoldoutCheck.number(m.fit().logLikelihood()),
                  HoldoutCheck.number(m.fit().bic()),
                  m.fit().converged()));
    }
    return "{\"models\": [" + models + "], " + check.holdoutJson() + "}";
  }

  private static Outcome describe(
      Handle h,
      long runId,
      LocalDate asOf,
      boolean alreadyDone,
      long transitions,
      long recov,
      AccountDormancy.Counts accounts,
      Optional<String> holdout) {
    Map<String, Long> states = new LinkedHashMap<>();
    for (String s : List.of("new", "active", "lapsing", "dormant", "lost", "reactivated")) {
      states.put(s, 0L);
    }
    h.createQuery("SELECT state, count(*) FROM lifecycle_states GROUP BY state")
        .map((rs, ctx) -> states.put(rs.getString(1), rs.getLong(2)))
        .list();
    // the run row keeps its decision and its count: no need to count a million scores again
    return h.select("SELECT fit_decision, customers FROM runs WHERE id = ?", runId)
        .map(
            (rs, ctx) ->
                new Outcome(
                    runId,
                    asOf,
                    alreadyDone,
                    rs.getString(1),
                    rs.getLong(2),
                    states,
                    transitions,
                    recov,
                    accounts,
                    holdout,
                    OfferCounts.NONE,
                    0))
        .one();
  }

  private static String json(Map<String, Double> values) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Double> e : values.entrySet()) {
      b.append(b.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ");
      b.append(HoldoutCheck.number(e.getValue()));
    }
    return b.append('}').toString();
  }
}
