package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.score.LifecycleRules;
import org.rekindle.store.Store;
import org.rekindle.store.run.AccountDormancy;
import org.rekindle.store.run.DailyRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle run}: the daily run on the stored records. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "The daily run: summarises the stored orders as of a date, refits the model when the data"
          + " changed materially or the last fit is old (else reuses it, and says why), scores"
          + " every customer, moves the lifecycle on and records every change and every comeback."
          + " B2B credit accounts get the day they would go dormant and the day their notice is"
          + " due. A second run for the same date changes nothing.",
      ""
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Run as of this day (runs go forward in time). Default: today.")
  @Nullable String asOf;

  @Option(
      names = "--lifecycle",
      paramLabel = "k=v,...",
      description =
          "Lifecycle thresholds, as for score. Default:"
              + " lapsing=0.7,dormant=0.4,lost=0.15,lapsing-overdue=2,dormant-overdue=4.")
  @Nullable String lifecycle;

  @Option(
      names = "--dormant-after",
      paramLabel = "DAYS",
      description =
          "A B2B credit account goes dormant after this many days without an order."
              + " Default: ${DEFAULT-VALUE}.")
  int dormantAfter = AccountDormancy.Policy.defaults().dormantAfterDays();

  @Option(
      names = "--notice",
      paramLabel = "DAYS",
      description =
          "The account-dormancy notice falls due this many days before the account would go"
              + " dormant; no account goes dormant without this much notice. Default:"
              + " ${DEFAULT-VALUE}.")
  int notice = AccountDormancy.Policy.defaults().noticeDays();

  @Option(names = "--progress", description = "Progress on stderr even when it is not a terminal.")
  boolean progress;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LocalDate day;
    try {
      day = asOf == null ? LocalDate.now(Clock.systemDefaultZone()) : LocalDate.parse(asOf.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException("--as-of must be a date like 2024-03-31, was '" + asOf + "'");
    }
    DailyRun.Options d = DailyRun.Options.defaults();
    DailyRun.Options options = lifecycle == null ? d : d.withRules(LifecycleRules.parse(lifecycle));
    Progress bar = Progress.create(progress);
    try (Store s = store.open(spec.commandLine().getErr())) {
      DailyRun.Outcome o = DailyRun.run(s, day, options, bar::stage);
      if (o.alreadyDone()) {
        out.printf(
            Locale.ROOT,
            "The run as of %s is already complete (run %d): nothing changed.%n",
            o.asOf(),
            o.runId());
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "Run %d as of %s on %s: %,d customers scored.%n  Model: %s.%n",
          o.runId(),
          o.asOf(),
          s.describe(),
          o.customers(),
          o.fitDecision());
      out.print("  Lifecycle:");
      for (Map.Entry<String, Long> e : o.states().entrySet()) {
        out.printf(Locale.ROOT, " %s %,d", e.getKey(), e.getValue());
      }
      out.printf(
          Locale.ROOT,
          "%n  %,d changes of state recorded; %,d customers came back (recoveries).%n",
          o.transitions(),
          o.recoveries());
      AccountDormancy.Counts a = o.accounts();
      if (a.accounts() > 0) {
        out.printf(
            Locale.ROOT,
            "  Credit accounts: %,d tracked; %,d dormancy notices fell due, %,d went dormant, %,d"
                + " reactivated by an order.%n",
            a.accounts(),
            a.noticesDue(),
            a.wentDormant(),
            a.reactivated());
      }
    }
    return 0;
  }
}
