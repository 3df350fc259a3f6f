package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle run} end to end on the CDNOW history in a temporary home. */
class RunCommandTest {
  private static final Path CDNOW = CliRun.EXAMPLES.resolve("cdnow").resolve("cdnow_sample.csv");

  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void run_thenAgain_thenLater_thenBackwards() {
    String h = home.toString();
    assertThat(run("import", "orders", CDNOW.toString(), "--home", h)).isZero();
    assertThat(run("run", "--as-of", "1997-09-30", "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("Run 1 as of 1997-09-30")
        .contains("2,357 customers scored")
        .contains("Model: first fit.")
        .contains("2,357 changes of state recorded; 0 customers came back");
    assertThat(run("run", "--as-of", "1997-09-30", "--home", h)).isZero();
    assertThat(cli.out()).contains("already complete (run 1): nothing changed");
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).isZero();
    assertThat(cli.out()).contains("reusing the fit of 1997-09-30").contains("came back");
    assertThat(run("run", "--as-of", "1997-10-01", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("runs go forward in time");
    assertThat(run("run", "--as-of", "yesterday", "--home", h)).isEqualTo(2);
  }
}
