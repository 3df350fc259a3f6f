package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;
import org.rekindle.store.run.DailyRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle backfill}: daily runs over a range of past dates, in order. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Replays history: the daily run for every date from --from to --to (every --every days, and"
          + " always --to itself), in order, so lifecycle states, transitions, comebacks and"
          + " account dormancy come out as if Rekindle had run on each of those days. Dates that"
          + " already have a run are left as they are; runs go forward in time, so the range must"
          + " start after the latest run.",
      ""
    })
final class BackfillCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();
  @Mixin RunOptions run = new RunOptions();

  @Option(names = "--from", paramLabel = "DATE", required = true, description = "First day.")
  String from = "";

  @Option(names = "--to", paramLabel = "DATE", description = "Last day. Default: today.")
  @Nullable String to;

  @Option(
      names = "--every",
      paramLabel = "DAYS",
      description = "Days between runs. Default: ${DEFAULT-VALUE} (every day).")
  int every = 1;

  @Override
  public Integer call() {
    LocalDate first = DateOption.orToday("--from", from);
    LocalDate last = DateOption.orToday("--to", to);
    if (last.isBefore(first)) {
      throw new UsageException("--to (" + last + ") is before --from (" + first + ")");
    }
    if (every < 1) {
      throw new UsageException("--every must be at least 1 day");
    }
    DailyRun.Options options =
        run.options()
            .withEscalateTo(
                ServiceRecoveryConfig.forRun(store.homeDir(), spec.commandLine().getErr())
                    .escalateTo());
    Progress bar = Progress.create(run.progress);
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      List<DailyRun.Outcome> outcomes =
          DailyRun.backfill(
              s,
              first,
              last,
              every,
              options,
              (day, stage) -> bar.stage(day + ": " + stage),
              o -> {
                if (o.alreadyDone()) {
                  out.printf(Locale.ROOT, "%s: already complete (run %d)%n", o.asOf(), o.runId());
                } else {
                  out.printf(
                      Locale.ROOT,
                      "%s: run %d, %,d customers;%s; %,d changes, %,d came back%s%n",
                      o.asOf(),
                      o.runId(),
                      o.customers(),
                      RunOptions.states(o),
                      o.transitions(),
                      o.recoveries(),
                      o.fitDecision().startsWith("reusing") ? "" : "; " + o.fitDecision());
                }
                out.flush();
              });
      long ran = outcomes.stream().filter(o -> !o.alreadyDone()).count();
      out.printf(
          Locale.ROOT,
          "Backfill from %s to %s: %,d runs, %,d dates already done.%n",
          first,
          last,
          ran,
          outcomes.size() - ran);
    }
    return 0;
  }
}
