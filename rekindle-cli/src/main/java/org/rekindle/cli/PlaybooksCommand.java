package org.rekindle.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Condition;
import org.rekindle.core.playbook.Playbook;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.playbook.Step;
import org.rekindle.core.playbook.StopWhen;
import org.rekindle.core.playbook.Trigger;
import org.rekindle.store.StoreSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rekindle playbooks}: checks the playbooks file and lists what it holds. */
@Command(
    name = "playbooks",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the playbooks (HOME/rekindle.yaml, else the built-in default) and lists them: every"
          + " problem in the file is reported with its line and column (exit 3), and a file with"
          + " any problem is never used. docs/playbooks.md describes the format.",
      ""
    })
final class PlaybooksCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Check this file instead of the home's rekindle.yaml.")
  @Nullable Path file;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "The Rekindle home. Default: $REKINDLE_HOME, else ./rekindle-data.")
  @Nullable Path home;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Playbooks playbooks;
    String from;
    if (file != null) {
      playbooks = PlaybookLoader.load(file);
      from = file.toString();
    } else {
      Path dir = StoreSettings.from(Optional.ofNullable(home), System.getenv()).home();
      PlaybookLoader.Loaded loaded = PlaybookLoader.forHome(dir);
      playbooks = loaded.playbooks();
      from =
          loaded
              .file()
              .map(Path::toString)
              .orElse("the built-in default (no " + dir.resolve(PlaybookLoader.FILE_NAME) + ")");
    }
    long enabled = playbooks.playbooks().stream().filter(Playbook::enabled).count();
    out.printf(
        Locale.ROOT,
        "Playbooks from %s: %d, %d enabled. No problems found.%n",
        from,
        playbooks.playbooks().size(),
        enabled);
    for (Playbook p : playbooks.enabledByPriority()) {
      print(out, p);
    }
    for (Playbook p : playbooks.playbooks()) {
      if (!p.enabled()) {
        print(out, p);
      }
    }
    return 0;
  }

  private static void print(PrintWriter out, Playbook p) {
    out.printf(
        Locale.ROOT,
        "%n  %s%s (priority %d): %s%n",
        p.id(),
        p.enabled() ? "" : " [disabled]",
        p.priority(),
        p.name());
    out.printf(
        Locale.ROOT,
        "    when %s%s%n",
        trigger(p.trigger()),
        p.condition().equals(Condition.ALWAYS) ? "" : ", if its condition holds");
    out.printf(
        Locale.ROOT,
        "    then %s%n",
        p.steps().stream().map(PlaybooksCommand::step).collect(Collectors.joining("; ")));
    out.printf(Locale.ROOT, "    stops when %s; holds out %s%n", stops(p), percent(p.holdout()));
  }

  static String trigger(Trigger trigger) {
    if (trigger instanceof Trigger.EnteredState t) {
      return "a customer becomes " + t.state().label();
    }
    if (trigger instanceof Trigger.AccountNoticeDue) {
      return "a credit account's dormancy notice is due";
    }
    if (trigger instanceof Trigger.NoContactFor t) {
      String who =
          t.segment().map(s -> " in segment " + s).orElse("")
              + t.tag().map(s -> " tagged " + s).orElse("");
      return "a customer" + who + " has had no contact for " + t.days() + " days";
    }
    if (trigger instanceof Trigger.Birthday t) {
      return t.daysBefore() == 0
          ? "it is a customer's birthday"
          : "a customer's birthday is " + t.daysBefore() + " days away";
    }
    if (trigger instanceof Trigger.CustomerSinceAnniversary t) {
      return t.daysBefore() == 0
          ? "it is the anniversary of a customer's first day"
          : "the anniversary of a customer's first day is " + t.daysBefore() + " days away";
    }
    Trigger.LostFor t = (Trigger.LostFor) trigger;
    return "a customer has been lost for " + t.days() + " days";
  }

  static String step(Step step) {
    if (step instanceof Step.Email s) {
      return "email '" + s.template() + "'";
    }
    if (step instanceof Step.Letter s) {
      return "letter '" + s.template() + "'";
    }
    if (step instanceof Step.CallTask s) {
      return s.assignTo() == Step.Assignee.POOL ? "call (anyone)" : "call (their rep)";
    }
    if (step instanceof Step.Offer s) {
      String what =
          switch (s.offerKind()) {
            case PERCENT -> plain(s.value()) + "% off";
            case AMOUNT ->
                plain(s.value())
                    + s.currency().map(c -> " " + c.getCurrencyCode()).orElse("")
                    + " off";
            case FREE_SERVICE -> "a free service worth " + plain(s.value());
          };
      return "offer " + what + " for " + s.expiresInDays() + " days";
    }
    if (step instanceof Step.SurveyLink s) {
      return "survey '" + s.template() + "' by " + s.channel().label();
    }
    return "wait " + ((Step.Wait) step).days() + " days";
  }

  private static String stops(Playbook p) {
    if (p.stopWhen().isEmpty()) {
      return "all steps are done";
    }
    List<String> why = p.stopWhen().stream().sorted().map(StopWhen::label).toList();
    return "they " + String.join(" or ", why) + " (or all steps are done)";
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static String percent(double share) {
    return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
  }
}
