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
      UserCommand.class,
      ApiKeyCommand.class,
      AuditCommand.class,
      ServeCommand.class,
      GenerateCommand.class,
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

  private final Terminal terminal;

  Main(Terminal terminal) {
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; the tests call this. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, Terminal.system(), out, err);
  }

  /** Runs the command line reading what is typed from {@code terminal}; the tests call this. */
  static int run(String[] args, Terminal terminal, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main(terminal));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Failures(err));
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("rekindle: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_USAGE;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the command that {@code spec} belongs to reads what is typed. */
  static Terminal terminal(CommandLine.Model.CommandSpec spec) {
    return ((Main) spec.root().userObject()).terminal;
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
