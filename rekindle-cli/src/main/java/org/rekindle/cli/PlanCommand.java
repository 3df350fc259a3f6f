package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.Store;
import org.rekindle.store.outreach.Planner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle plan}: what the playbooks would do today, and why not where they would not. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "A dry run of the day's outreach: which playbooks start for whom, who is held out, and every"
          + " email, letter, call and offer they would make, each through the contact policy"
          + " (consent and suppressions, frequency caps, quiet hours, call capacity, offer"
          + " budget), with the reason for every one that would not go. Nothing is changed:"
          + " `rekindle send` does it for real.",
      ""
    })
final class PlanCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "The day to plan, with the scores of the latest daily run on or before it. Default:"
              + " today.")
  @Nullable String asOf;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "200",
      description = "Show at most N decisions, the reasons first (0: all). Default: 200.")
  int limit = 200;

  @Option(names = "--progress", description = "Show progress even when stderr is not a terminal.")
  boolean progress;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new UsageException("--limit must be 0 or more, was " + limit);
    }
    LocalDate day = DateOption.orToday("--as-of", asOf);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = store.homeDir();
    Playbooks books = Outreach.playbooks(home, err);
    try (Store s = store.open(err)) {
      Planner.Plan plan =
          new Planner(s, Clock.systemUTC())
              .plan(books, day, false, Progress.create(progress)::stage);
      print(out, plan, limit);
    }
    return 0;
  }

  /** The plan's counts and its decisions, those that did not go first. */
  static void print(PrintWriter out, Planner.Plan plan, int limit) {
    out.printf(
        Locale.ROOT,
        "%s for %s, with the scores of the run of %s%s%n",
        plan.applied() ? "Plan" : "Dry run of the plan",
        plan.asOf(),
        plan.run(),
        plan.applied() ? "." : ": nothing was changed.");
    out.printf(
        Locale.ROOT,
        "  playbooks started: %d, held out: %d, stopped: %d, completed: %d%s%n",
        plan.count("started", "start"),
        plan.count("held_out", "start"),
        plan.count("stopped", "start"),
        plan.count("completed", "start"),
        plan.notForThem() == 0
            ? ""
            : " (" + plan.notForThem() + " more fired, for customers their 'when' excludes)");
    for (String action : List.of("email", "letter", "call", "survey", "offer")) {
      int queued = plan.count(action.equals("offer") ? "issued" : "queued", action);
      int deferred = plan.count("deferred", action);
      int skipped = plan.count("skipped", action);
      if (queued + deferred + skipped > 0) {
        out.printf(
            Locale.ROOT,
            "  %-7s %d %s, %d deferred, %d skipped%n",
            action + "s:",
            queued,
            action.equals("offer") ? "issued" : "queued",
            deferred,
            skipped);
      }
    }
    java.util.Map<String, Integer> whyNot = new java.util.TreeMap<>();
    for (Planner.Decision d : plan.decisions()) {
      if (d.decision().equals("skipped") || d.decision().equals("deferred")) {
        whyNot.merge(d.action() + " " + d.decision() + ": " + d.reason(), 1, Integer::sum);
      }
    }
    if (!whyNot.isEmpty()) {
      out.println();
      out.println("Why not:");
      whyNot.entrySet().stream()
          .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(limit == 0 ? Long.MAX_VALUE : limit)
          .forEach(e -> out.printf(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey()));
    }
    List<Planner.Decision> shown =
        plan.decisions().stream()
            .sorted(java.util.Comparator.comparingInt(PlanCommand::order))
            .limit(limit == 0 ? Long.MAX_VALUE : limit)
            .toList();
    if (shown.isEmpty()) {
      return;
    }
    out.println();
    out.println("Decisions (what goes out first):");
    out.println("customer  playbook  step  what  decision: reason");
    for (Planner.Decision d : shown) {
      out.printf(
          Locale.ROOT,
          "%s  %s  %s  %s  %s: %s%n",
          d.customerId(),
          d.playbook(),
          d.step() < 0 ? "-" : Integer.toString(d.step() + 1),
          d.action(),
          d.decision(),
          d.reason());
    }
    if (shown.size() < plan.decisions().size()) {
      out.printf(
          Locale.ROOT,
          "... and %d more (--limit 0 shows all)%n",
          plan.decisions().size() - shown.size());
    }
  }

  /** What a reader wants first: what goes out, then what waits, then what does not. */
  private static int order(Planner.Decision d) {
    return switch (d.decision()) {
      case "queued", "issued" -> 0;
      case "deferred" -> 1;
      case "skipped" -> 2;
      case "stopped", "completed" -> 3;
      case "held_out" -> 4;
      default -> 5;
    };
  }
}
