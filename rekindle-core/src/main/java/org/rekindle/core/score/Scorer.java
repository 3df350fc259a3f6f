package org.rekindle.core.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.rekindle.core.RekindleException;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Summaries;
import org.rekindle.model.FitResult;
import org.rekindle.model.GammaGammaModel;
import org.rekindle.model.ModelException;
import org.rekindle.model.ModelFitter;
import org.rekindle.model.ModelKind;
import org.rekindle.model.RfmData;
import org.rekindle.model.TransactionModel;

/**
 * From per-customer summaries to scores: fit (or take) a transaction model and a spend model, then
 * score every customer. Customers sharing (x, t_x, T) share the model work, which is computed once
 * per distinct row, in parallel.
 *
 * <p>Lifetime value is the discounted expected residual purchases times the expected spend per
 * purchase, with the annual rate d turned into a continuous rate per period, δ = ln(1 + d) ×
 * days-per-period / 365.25. Value at risk is what the customer would be worth if surely still
 * active minus what they are worth now: (DERT if alive − DERT) × spend.
 */
public final class Scorer {
  private Scorer() {}

  /** Scores with no progress reporting. */
  public static ScoringResult score(Summaries summaries, ScoringOptions options) {
    return score(summaries, options, stage -> {});
  }

  /**
   * @param stage told the name of each stage as it starts (for progress on a terminal)
   */
  public static ScoringResult score(
      Summaries summaries, ScoringOptions options, Consumer<String> stage) {
    List<CustomerSummary> customers = summaries.customers();
    if (customers.isEmpty()) {
      throw new RekindleException("there are no customers to score");
    }
    Map<String, Long> timings = new LinkedHashMap<>();
    long prepare = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    int n = customers.size();
    double periodDays = summaries.period().days();

    // one pass over the customers for everything the models take from them
    int[] cx = new int[n];
    double[] ctx = new double[n];
    double[] cage = new double[n];
    double[] spendZ = new double[n];
    boolean hasHoldout = summaries.holdoutLength().isPresent();
    double holdoutLength = summaries.holdoutLength().orElse(0);
    int[] actual = new int[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              CustomerSummary c = customers.get(i);
              cx[i] = c.frequency();
              ctx[i] = c.recency();
              cage[i] = c.age();
              spendZ[i] = c.monetary();
              if (hasHoldout && c.holdout().isPresent()) {
                actual[i] = c.holdout().get().purchases();
              }
            });
    double actualTotal = 0;
    for (int a : actual) {
      actualTotal += a;
    }

    // the spend model needs nothing from the transaction model: fit it on the side meanwhile
    CompletableFuture<SpendFit> spendWork =
        CompletableFuture.supplyAsync(() -> fitSpend(cx, spendZ, options), SPEND_FITTER);

    // distinct (x, t_x, T) rows and each customer's row
    int[] rowOf = new int[n];
    RfmData data;
    try {
      data = RfmData.of(cx, ctx, cage, rowOf);
    } catch (ModelException e) {
      spendWork.cancel(false);
      throw new RekindleException("the summaries cannot be modelled: " + e.getMessage(), e);
    }
    int m = data.size();

    // the "if alive" parts depend on (x, T) only, far fewer than the distinct rows
    AliveKeys aliveKeys = AliveKeys.of(data);
    int[] aliveOf = aliveKeys.keyOfRow;
    if (data.maxX() == 0) {
      warnings.add(
          "no customer has bought twice, so the models cannot tell a slow rhythm from customers"
              + " who left: the scores say little until repeat purchases appear");
    }

    // transaction model: given, named, or auto
    timings.put("prepare", (System.nanoTime() - prepare) / 1_000_000);
    stage.accept("fitting");
    List<ModelComparison> comparison = new ArrayList<>();
    // per fit, the per-row numbers its holdout comparison computed, for the chosen one's scores
    Map<FitResult, Judged> judged = new IdentityHashMap<>();
    BiFunction<FitResult, Long, ModelComparison> judge =
        (fit, ms) -> {
          Judged j =
              compare(fit, ms, hasHoldout, holdoutLength, data, aliveKeys, aliveOf, rowOf, actual);
          judged.put(fit, j);
          return j.comparison();
        };
    ModelComparison chosenComparison;
    FitResult chosen;
    boolean fitted;
    if (options.givenParams().isPresent()) {
      ModelKind kind = options.model().orElseThrow();
      TransactionModel model;
      try {
        model = kind.create(options.givenParams().get());
      } catch (ModelException e) {
        throw new RekindleException("bad model parameters: " + e.getMessage(), e);
      }
      chosen =
          new FitResult(
              model,
              false,
              0,
              model.logLikelihood(data),
              Optional.empty(),
              data.totalWeight(),
              List.of());
      fitted = false;
      chosenComparison = judge.apply(chosen, 0L);
      comparison.add(chosenComparison);
    } else {
      List<ModelKind> kinds = options.model().map(List::of).orElse(List.of(ModelKind.values()));
      for (ModelKind kind : kinds) {
        long t0 = System.nanoTime();
        FitResult fit;
        try {
          fit = ModelFitter.fit(kind, data, options.fit());
        } catch (ModelException e) {
          if (kinds.size() == 1) {
            throw new RekindleException(kind.displayName() + " could not be fitted: " + e, e);
          }
          warnings.add(kind.displayName() + " could not be fitted: " + e.getMessage());
          continue;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        timings.put("fit_" + kind.id(), ms);
        comparison.add(judge.apply(fit, ms));
      }
      if (comparison.isEmpty()) {
        throw new RekindleException("no model could be fitted: " + String.join("; ", warnings));
      }
      // a converged fit beats one that is not; then holdout error, or BIC without a holdout
      ModelComparison best = comparison.get(0);
      for (ModelComparison c : comparison) {
        if ((c.fit().converged() && !best.fit().converged())
            || (c.fit().converged() == best.fit().converged()
                && (hasHoldout
                    ? c.holdoutMae().getAsDouble() < best.holdoutMae().getAsDouble()
                    : c.fit().bic() < best.fit().bic()))) {
          best = c;
        }
      }
      chosenComparison = best;
      chosen = best.fit();
      fitted = true;
      for (ModelComparison c : comparison) {
        warnings.addAll(c.fit().warnings());
      }
    }
    TransactionModel model = chosen.model();

    // spend model
    stage.accept("spend");
    SpendFit spent = spendWork.join();
    warnings.addAll(spent.warnings());
    Optional<GammaGammaModel.Fit> spendFit = spent.fit();
    Optional<GammaGammaModel> spend = spent.model();
    double fallbackSpend = spent.fallback();
    timings.put("fit_spend", spent.millis());

    // per distinct row
    stage.accept("scoring");
    long t0 = System.nanoTime();
    double horizon = options.horizonDays() / periodDays;
    double delta = Math.log1p(options.annualDiscountRate()) * periodDays / 365.25;
    int na = aliveKeys.size();
    double[] expectedAlive = new double[na];
    double[] dertAlive = new double[na];
    boolean lifetimeValues = spend.isPresent();
    IntStream.range(0, na)
        .parallel()
        .forEach(
            a -> {
              int x = aliveKeys.x[a];
              double age = aliveKeys.age[a];
              expectedAlive[a] = model.expectedPurchasesIfAlive(horizon, x, age);
              if (lifetimeValues) {
                dertAlive[a] = model.discountedResidualPurchasesIfAlive(delta, x, age);
              }
            });
    // P(alive) and the holdout predictions were computed when the chosen fit was compared
    Judged chosenJudged = Objects.requireNonNull(judged.get(chosen));
    boolean known = chosenJudged.pAlive().length == m;
    double[] pAlive = known ? chosenJudged.pAlive() : new double[m];
    double[] holdoutPredicted = chosenJudged.predicted();
    double[] ll = new double[m];
    IntStream.range(0, m)
        .parallel()
        .forEach(
            k -> {
              if (!known) {
                pAlive[k] = model.probabilityAlive(data.x(k), data.tx(k), data.age(k));
              }
              ll[k] = model.logLikelihood(data.x(k), data.tx(k), data.age(k));
            });

    double typicalGap = typicalGapDays(customers, periodDays);
    Optional<GammaGammaModel> spendModel = spend;
    CustomerScore[] scored = new CustomerScore[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              // absent values are NaN here (see CustomerScore): no Optional per value
              CustomerSummary c = customers.get(i);
              int k = rowOf[i];
              double silence = (c.age() - c.recency()) * periodDays;
              double gap =
                  c.frequency() > 0 ? c.recency() * periodDays / c.frequency() : typicalGap;
              double overdue = gap > 0 ? silence / gap : Double.NaN;
              double spendPer = Double.NaN;
              double clv = Double.NaN;
              double var = Double.NaN;
              if (spendModel.isPresent()) {
                spendPer =
                    spendModel
                        .get()
                        .expectedSpend(c.frequency(), c.monetary())
                        .orElse(fallbackSpend);
                double ifAlive = dertAlive[aliveOf[k]];
                clv = pAlive[k] * ifAlive * spendPer;
                var = (1 - pAlive[k]) * ifAlive * spendPer;
              }
              scored[i] =
                  new CustomerScore(
                      c.customerId(),
                      c.frequency(),
                      c.recency(),
                      c.age(),
                      c.monetary(),
                      pAlive[k],
                      pAlive[k] * expectedAlive[aliveOf[k]],
                      spendPer,
                      clv,
                      var,
                      ll[k],
                      silence,
                      gap,
                      overdue,
                      options.rules().classify(pAlive[k], overdue),
                      hasHoldout ? actual[i] : -1,
                      hasHoldout ? holdoutPredicted[k] : Double.NaN);
            });
    List<CustomerScore> scores = List.of(scored);
    timings.put("score", (System.nanoTime() - t0) / 1_000_000);
    return new ScoringResult(
        chosen,
        fitted,
        comparison,
        spendFit,
        scores,
        hasHoldout ? OptionalDouble.of(actualTotal) : OptionalDouble.empty(),
        chosenComparison.holdoutPredicted(),
        chosenComparison.holdoutMae(),
        warnings,
        timings);
  }

  /**
   * A comparison and the per-row numbers behind it: P(alive) and the predicted holdout purchases
   * per distinct row (empty without a holdout).
   */
  private record Judged(ModelComparison comparison, double[] pAlive, double[] predicted) {}

  private static Judged compare(
      FitResult fit,
      long ms,
      boolean hasHoldout,
      double holdoutLength,
      RfmData rows,
      AliveKeys aliveKeys,
      int[] aliveOf,
      int[] rowOf,
      int[] actual) {
    if (!hasHoldout) {
      return new Judged(
          new ModelComparison(fit, OptionalDouble.empty(), OptionalDouble.empty(), ms),
          new double[0],
          new double[0]);
    }
    TransactionModel model = fit.model();
    double[] alive = new double[aliveKeys.size()];
    IntStream.range(0, alive.length)
        .parallel()
        .forEach(
            a -> {
              alive[a] =
                  model.expectedPurchasesIfAlive(holdoutLength, aliveKeys.x[a], aliveKeys.age[a]);
            });
    double[] pAlive = new double[aliveOf.length];
    double[] pred = new double[aliveOf.length];
    IntStream.range(0, pred.length)
        .parallel()
        .forEach(
            k -> {
              pAlive[k] = model.probabilityAlive(rows.x(k), rows.tx(k), rows.age(k));
              pred[k] = pAlive[k] * alive[aliveOf[k]];
            });
    double total = 0;
    double abs = 0;
    for (int i = 0; i < rowOf.length; i++) {
      total += pred[rowOf[i]];
      abs += Math.abs(pred[rowOf[i]] - actual[i]);
    }
    return new Judged(
        new ModelComparison(
            fit, OptionalDouble.of(total), OptionalDouble.of(abs / rowOf.length), ms),
        pAlive,
        pred);
  }

  /** Median of the repeat buyers' mean gaps, in days; NaN when nobody bought twice. */
  private static double typicalGapDays(List<CustomerSummary> customers, double periodDays) {
    double[] gaps = new double[customers.size()];
    int k = 0;
    for (CustomerSummary c : customers) {
      if (c.frequency() > 0 && c.recency() > 0) {
        gaps[k++] = c.recency() * periodDays / c.frequency();
      }
    }
    if (k == 0) {
      return Double.NaN;
    }
    double upper = select(gaps, k, k / 2);
    if (k % 2 == 1) {
      return upper;
    }
    // the lower middle is the largest value left of the upper one after the partition
    double lower = gaps[0];
    for (int i = 1; i < k / 2; i++) {
      lower = Math.max(lower, gaps[i]);
    }
    return 0.5 * (lower + upper);
  }

  /**
   * The k-th smallest of {@code a[0..n)} by quickselect (Hoare's FIND), partitioning in place: on
   * return every element left of k is at most a[k]. Linear on average, where sorting a million gaps
   * took a tenth of a second.
   */
  static double select(double[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[k];
  }

  /** Fallback spend when the Gamma-Gamma mean is infinite: the mean repeat spend observed. */
  private static double meanRepeatSpend(int[] xs, double[] zs) {
    double sum = 0;
    double count = 0;
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] > 0) {
        sum += zs[i] * xs[i];
        count += xs[i];
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  private static final Executor SPEND_FITTER =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(task, "rekindle-spend-fit");
            t.setDaemon(true);
            return t;
          });

  /** The spend model, or why there is none, and the fallback mean spend. */
  private record SpendFit(
      Optional<GammaGammaModel.Fit> fit,
      Optional<GammaGammaModel> model,
      double fallback,
      List<String> warnings,
      long millis) {}

  private static SpendFit fitSpend(int[] xs, double[] zs, ScoringOptions options) {
    long t0 = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    boolean hasAmounts = false;
    for (int i = 0; i < xs.length && !hasAmounts; i++) {
      hasAmounts = xs[i] > 0 && zs[i] > 0;
    }
    Optional<GammaGammaModel.Fit> spendFit = Optional.empty();
    Optional<GammaGammaModel> spend = options.givenSpend();
    if (spend.isEmpty() && hasAmounts) {
      try {
        GammaGammaModel.Fit f = GammaGammaModel.fit(xs, zs);
        spendFit = Optional.of(f);
        spend = Optional.of(f.model());
        warnings.addAll(f.warnings());
      } catch (ModelException e) {
        warnings.add("no spend model: " + e.getMessage() + "; lifetime values are left empty");
      }
    } else if (!hasAmounts && spend.isEmpty()) {
      warnings.add("the input has no amounts, so spend, CLV and value at risk are left empty");
    }
    return new SpendFit(
        spendFit, spend, meanRepeatSpend(xs, zs), warnings, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * The distinct (x, T) of the distinct rows, found with an open-addressing table (no boxing: a
   * million customers have a few hundred thousand rows), and each row's key.
   */
  private static final class AliveKeys {
    final int[] x;
    final double[] age;
    final int[] keyOfRow;
    private final int size;

    private AliveKeys(int[] x, double[] age, int[] keyOfRow, int size) {
      this.x = x;
      this.age = age;
      this.keyOfRow = keyOfRow;
      this.size = size;
    }

    static AliveKeys of(RfmData data) {
      int m = data.size();
      int capacity = Integer.highestOneBit(Math.max(4, m) * 2 - 1) << 1;
      int mask = capacity - 1;
      int[] slots = new int[capacity];
      Arrays.fill(slots, -1);
      int[] kx = new int[m];
      double[] kage = new double[m];
      int[] keyOfRow = new int[m];
      int size = 0;
      for (int k = 0; k < m; k++) {
        int x = data.x(k);
        double age = data.age(k);
        long h = x * 0x9E3779B97F4A7C15L ^ Double.doubleToLongBits(age) * 0xC2B2AE3D27D4EB4FL;
        int slot = (int) (h ^ (h >>> 29)) & mask;
        while (slots[slot] >= 0 && !(kx[slots[slot]] == x && kage[slots[slot]] == age)) {
          slot = (slot + 1) & mask;
        }
        if (slots[slot] < 0) {
          slots[slot] = size;
          kx[size] = x;
          kage[size] = age;
          size++;
        }
        keyOfRow[k] = slots[slot];
      }
      return new AliveKeys(kx, kage, keyOfRow, size);
    }

    int size() {
      return size;
    }
  }
}
