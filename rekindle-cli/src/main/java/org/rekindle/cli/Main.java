package org.rekindle.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rekindle} command. */
@Command(
    name = "rekindle",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Finds the customers who are slipping away, judged against each customer's own buying"
          + " rhythm, and puts a value on each one.",
      ""
    },
    subcommands = {
      ScoreCommand.class,
      ImportCommand.class,
      RunCommand.class,
      BackfillCommand.class,
      CustomersCommand.class,
      CustomerCommand.class,
      ReportCommand.class,
      ContactCommand.class,
      AccountCommand.class,
      OffersCommand.class,
      PlaybooksCommand.class,
      PlanCommand.class,
      SendCommand.class,
      LettersCommand.class,
      OutboxCommand.class,
      SuppressCommand.class,
      BouncesCommand.class,
      CallsCommand.class,
      FeedbackCommand.class,
      CasesCommand.class,
      CaseCommand.class,
      ResultsCommand.class,
      ReasonsCommand.class,
      ServeCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for bad input data (a file Rekindle cannot use). */
  static final int EXIT_BAD_INPUT = 3;

  /** Exit code for wrong usage (unknown option, bad value). */
  static final int EXIT_USAGE = 2;

  /** Exit code for an internal error (a bug). */
  static final int EXIT_INTERNAL = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; the tests call this. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Failures(err));
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("rekindle: " + ex.getMessage());
          err.println("Try 'rekindle " + ex.getCommandLine().getCommandName() + " --help'.");
          return EXIT_USAGE;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rekindle " + (v == null ? "development" : v)};
    }
  }
}
