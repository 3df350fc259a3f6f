package org.rekindle.cli;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.score.LifecycleRules;
import org.rekindle.store.run.AccountDormancy;
import org.rekindle.store.run.DailyRun;
import picocli.CommandLine.Option;

/** How daily runs decide: the options {@code run} and {@code backfill} share. */
final class RunOptions {
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

  DailyRun.Options options() {
    DailyRun.Options d = DailyRun.Options.defaults();
    DailyRun.Options options = lifecycle == null ? d : d.withRules(LifecycleRules.parse(lifecycle));
    try {
      return options.withDormancy(new AccountDormancy.Policy(dormantAfter, notice));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--dormant-after/--notice: " + e.getMessage());
    }
  }

  /** The lifecycle counts after a run, on one line. */
  static String states(DailyRun.Outcome o) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : o.states().entrySet()) {
      b.append(String.format(Locale.ROOT, " %s %,d", e.getKey(), e.getValue()));
    }
    return b.toString();
  }
}
