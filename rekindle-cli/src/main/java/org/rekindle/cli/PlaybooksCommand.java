package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Condition;
import org.rekindle.core.playbook.Playbook;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.PlaybookWords;
import org.rekindle.core.playbook.Playbooks;
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
        PlaybookWords.trigger(p.trigger()),
        p.condition().equals(Condition.ALWAYS) ? "" : ", if its condition holds");
    out.printf(
        Locale.ROOT,
        "    then %s%n",
        p.steps().stream().map(PlaybookWords::step).collect(Collectors.joining("; ")));
    out.printf(
        Locale.ROOT,
        "    stops when %s; holds out %s%n",
        PlaybookWords.stops(p),
        PlaybookWords.percent(p.holdout()));
  }
}
