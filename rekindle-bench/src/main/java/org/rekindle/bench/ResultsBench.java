package org.rekindle.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.results.PlaybookLift;
import org.rekindle.store.results.Results;

/**
 * Times {@link Results#compute} on a prepared home (see {@code scripts/results-home.sh}) as {@code
 * rekindle results} calls it, with the home's {@code rekindle.yaml}.
 *
 * <p>{@code ResultsBench HOME AS_OF [ROUNDS [RESAMPLES [customers]]]}: one warm-up round, not
 * counted, then ROUNDS rounds (5 by default); prints each round's stages (as {@code Results}
 * reports them) and the median. {@code customers} lists the comebacks and lost customers too.
 */
public final class ResultsBench {
  private ResultsBench() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ResultsBench HOME AS_OF [ROUNDS [RESAMPLES [customers]]]");
      System.exit(2);
    }
    Path home = Path.of(args[0]);
    LocalDate asOf = LocalDate.parse(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int resamples = args.length > 3 ? Integer.parseInt(args[3]) : Results.DEFAULT_RESAMPLES;
    boolean customers = args.length > 4 && args[4].equals("customers");
    Playbooks books = PlaybookLoader.forHome(home).playbooks();
    Results.Options options =
        new Results.Options(
            asOf, Optional.empty(), Results.DEFAULT_WINDOW_DAYS, customers, resamples);
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      List<Double> totals = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        StageTimes stages = new StageTimes("reading the playbooks' names, the currency");
        long start = System.nanoTime();
        Results.Report r = Results.compute(store.jdbi(), books, options, stages);
        double total = (System.nanoTime() - start) / 1e9;
        stages.accept("done");
        if (round > 0) {
          totals.add(total);
        }
        long units = 0;
        for (PlaybookLift p : r.playbooks()) {
          units += p.lift().contacted().customers() + p.lift().holdout().customers();
        }
        System.out.printf(
            Locale.ROOT,
            "round %d%s: %.2f s; %d playbooks, %d enrollments counted, %d offers, %d ledger"
                + " lines, %d comebacks listed, %d lost, %d cadences%n",
            round,
            round == 0 ? " (warm-up)" : "",
            total,
            r.playbooks().size(),
            units,
            r.offers().size(),
            r.ledger().size(),
            r.comebacks().size(),
            r.lost().lost(),
            r.coverage().size());
        System.out.print(stages.report());
      }
      List<Double> sorted = new ArrayList<>(totals);
      sorted.sort(null);
      System.out.printf(
          Locale.ROOT, "median %.2f s of %s%n", sorted.get(sorted.size() / 2), totals);
    }
  }
}
