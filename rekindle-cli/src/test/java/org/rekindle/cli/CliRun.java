package org.rekindle.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

  /** Runs the command line with {@code input} as its standard input and no console. */
  int runWithInput(String input, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Terminal terminal =
        new Terminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null);
    return Main.run(args, terminal, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /**
   * Imports the CDNOW orders and the example customer records into {@code home}.
   *
   * @throws AssertionError if either import fails
   */
  void importExample(String home) {
    Path cdnow = EXAMPLES.resolve("cdnow");
    for (String[] file :
        new String[][] {
          {"orders", "cdnow_sample.csv"}, {"customers", "cdnow_customers_example.csv"}
        }) {
      int code = run("import", file[0], cdnow.resolve(file[1]).toString(), "--home", home);
      if (code != 0) {
        throw new AssertionError("import " + file[0] + " failed (" + code + "): " + err());
      }
    }
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
