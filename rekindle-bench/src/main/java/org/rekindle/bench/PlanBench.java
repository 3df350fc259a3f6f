package org.rekindle.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.outreach.Planner;

/**
 * Times {@link Planner#plan} on a prepared home (see {@code scripts/plan-home.sh}), as {@code
 * rekindle plan} and {@code rekindle send} call it, with the home's {@code rekindle.yaml}.
 *
 * <p>{@code PlanBench HOME DAY dry ROUNDS}: the plan of DAY as a dry run (rolled back), ROUNDS
 * times; {@code PlanBench HOME DAY apply}: once, committed. Prints the wall time of each stage (as
 * the planner reports them) and of the whole plan, and the plan's counts.
 */
public final class PlanBench {
  private PlanBench() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: PlanBench HOME DAY dry|apply [ROUNDS]");
      System.exit(2);
    }
    Path home = Path.of(args[0]);
    LocalDate day = LocalDate.parse(args[1]);
    boolean apply = args[2].equals("apply");
    int rounds = apply ? 1 : args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Playbooks books = PlaybookLoader.forHome(home).playbooks();
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      List<Double> totals = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        StageTimes stages = new StageTimes("opening");
        long start = System.nanoTime();
        Planner.Plan plan = new Planner(store, Clock.systemUTC()).plan(books, day, apply, stages);
        double total = (System.nanoTime() - start) / 1e9;
        stages.accept("done");
        totals.add(total);
        System.out.printf(
            Locale.ROOT,
            "round %d (%s): %.2f s; started %d, held out %d, emails %d, letters %d, calls %d,"
                + " offers %d, decisions %d%n",
            round + 1,
            apply ? "applied" : "dry run",
            total,
            plan.count("started", "start"),
            plan.count("held_out", "start"),
            plan.count("queued", "email"),
            plan.count("queued", "letter"),
            plan.count("queued", "call"),
            plan.count("issued", "offer"),
            plan.decisions().size());
        System.out.print(stages.report());
      }
      List<Double> sorted = new ArrayList<>(totals);
      sorted.sort(null);
      System.out.printf(
          Locale.ROOT, "median %.2f s of %s%n", sorted.get(sorted.size() / 2), totals);
    }
  }
}
