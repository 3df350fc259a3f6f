package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
          + " due. Service cases whose first contact is late are escalated to the manager of"
          + " rekindle.yaml. A second run for the same date changes nothing.",
      ""
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Mixin RunOptions run = new RunOptions();

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Run as of this day (runs go forward in time). Default: today.")
  @Nullable String asOf;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LocalDate day = DateOption.orToday("--as-of", asOf);
    String manager =
        ServiceRecoveryConfig.forRun(store.homeDir(), spec.commandLine().getErr()).escalateTo();
    DailyRun.Options options = run.options().withEscalateTo(manager);
    Progress bar = Progress.create(run.progress);
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
      o.holdout()
          .ifPresent(
              words ->
                  out.printf(
                      Locale.ROOT,
                      "  %s%s.%n",
                      words.substring(0, 1).toUpperCase(Locale.ROOT),
                      words.substring(1)));
      out.printf(
          Locale.ROOT,
          "  Lifecycle:%s%n  %,d changes of state recorded; %,d customers came back (recoveries).%n",
          RunOptions.states(o),
          o.transitions(),
          o.recoveries());
      DailyRun.OfferCounts f = o.offers();
      if (f.byCode() + f.inWindow() + f.expired() > 0) {
        out.printf(
            Locale.ROOT,
            "  Offers: %,d redeemed by an order carrying the code, %,d by an order in their window;"
                + " %,d expired unused.%n",
            f.byCode(),
            f.inWindow(),
            f.expired());
      }
      if (o.casesEscalated() > 0) {
        out.printf(
            Locale.ROOT,
            "  Service cases: %,d escalated to %s (no first contact by the time it was due).%n",
            o.casesEscalated(),
            manager);
      }
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
