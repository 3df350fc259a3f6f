package org.rekindle.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process, as the tests do, and keeps what the last run printed. */
final class CliRun {
  /** The bundled examples, from the module's directory. */
  static final Path EXAMPLES = Path.of(System.getProperty("basedir", "."), "..", "examples");

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** Standard output of the last run. */
  String out() {
    return out.toString();
  }

  /** Standard error of the last run. */
  String err() {
    return err.toString();
  }
}
