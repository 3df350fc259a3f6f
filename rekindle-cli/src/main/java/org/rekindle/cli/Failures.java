package org.rekindle.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.rekindle.core.RekindleException;
import org.rekindle.core.input.InputException;
import picocli.CommandLine;

/**
 * Turns exceptions into exit codes and one clear message: bad input is the user's to fix (exit 3),
 * a usage problem exit 2, anything else is our bug (exit 1, with the stack trace).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  private final PrintWriter err;

  Failures(PrintWriter err) {
    this.err = err;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    if (ex instanceof UsageException) {
      err.println("rekindle: " + ex.getMessage());
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      return Main.EXIT_USAGE;
    }
    if (ex instanceof InputException || ex instanceof RekindleException) {
      err.println("rekindle: " + ex.getMessage());
      return Main.EXIT_BAD_INPUT;
    }
    if (ex instanceof UncheckedIOException u) {
      String what =
          u.getCause() instanceof NoSuchFileException missing
              ? "no such file: " + missing.getMessage()
              : String.valueOf(u.getCause());
      err.println("rekindle: " + what);
      return Main.EXIT_BAD_INPUT;
    }
    err.println("rekindle: internal error, please report it: " + ex);
    ex.printStackTrace(err);
    return Main.EXIT_INTERNAL;
  }
}
