package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;
import org.rekindle.store.run.AccountDormancy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle account}: B2B credit accounts. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = {
      "B2B credit accounts. The daily run records when each would go dormant and when its notice"
          + " is due; an order reactivates a dormant account on the next run, and so does"
          + " `account reactivate`.",
      ""
    },
    subcommands = {AccountCommand.Reactivate.class})
final class AccountCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new UsageException("say what to do with the account: reactivate");
  }

  /** {@code rekindle account reactivate ID}. */
  @Command(
      name = "reactivate",
      mixinStandardHelpOptions = true,
      description = {
        "Reactivates a dormant credit account in one step: its clock restarts on the given day,"
            + " and the reactivation is recorded with the note.",
        ""
      })
  static final class Reactivate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The customer's id.")
    String customer = "";

    @Option(
        names = "--on",
        paramLabel = "DATE",
        description = "The day of the reactivation. Default: today.")
    @Nullable String on;

    @Option(
        names = "--note",
        paramLabel = "TEXT",
        description = "Why, or who asked for it; kept with the event.")
    String note = "";

    @Override
    public Integer call() {
      LocalDate day = DateOption.orToday("--on", on);
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        AccountDormancy.Reactivation r =
            AccountDormancy.reactivate(s, customer.strip(), day, note.strip());
        out.printf(
            Locale.ROOT,
            "Account %s reactivated on %s. Without an order it goes dormant again on %s; the"
                + " notice is due on %s.%n",
            r.customer(),
            r.on(),
            r.dormantOn(),
            r.noticeDue());
      }
      return 0;
    }
  }
}
