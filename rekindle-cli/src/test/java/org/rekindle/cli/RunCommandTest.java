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
        .contains("No holdout check: the history before 1997-04-01 covers 90 days")
        .contains("2,357 changes of state recorded; 0 customers came back");
    assertThat(run("run", "--as-of", "1997-09-30", "--home", h)).isZero();
    assertThat(cli.out()).contains("already complete (run 1): nothing changed");
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).isZero();
    assertThat(cli.out()).contains("reusing the fit of 1997-09-30").contains("came back");
    assertThat(run("run", "--as-of", "1997-10-01", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("runs go forward in time");
    assertThat(run("run", "--as-of", "yesterday", "--home", h)).isEqualTo(2);
  }

  @Test
  void backfill_thenAccountDormancy_thenReactivation() {
    String h = home.toString();
    cli.importExample(h);
    assertThat(
            run(
                "backfill",
                "--from",
                "1997-10-31",
                "--to",
                "1998-02-28",
                "--every",
                "60",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("1997-10-31: run 1, 2,357 customers;")
        .contains("1997-12-30: run 2,")
        .contains("1998-02-28: run 3,")
        .contains("Backfill from 1997-10-31 to 1998-02-28: 3 runs, 0 dates already done.");
    // customer 4, a credit account, last ordered on 1997-01-01 (a customer since 1997-01-02)
    assertThat(
            run(
                "account",
                "reactivate",
                "4",
                "--on",
                "1998-03-02",
                "--note",
                "phoned",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("Account 4 reactivated on 1998-03-02")
        .contains("goes dormant again on 1999-03-02; the notice is due on 1999-01-31");
    assertThat(run("account", "reactivate", "4", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("is not dormant");
    assertThat(run("account", "reactivate", "2", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("not a credit account");
    assertThat(run("account", "reactivate", "4", "--on", "soon", "--home", h)).isEqualTo(2);
    assertThat(run("run", "--as-of", "1998-03-31", "--notice", "400", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("--dormant-after/--notice");
    assertThat(run("run", "--as-of", "1998-06-30", "--home", h)).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("Credit accounts: 2 tracked;")
        .containsPattern(
            "Holdout check: [a-z]+, chosen on a 182-day holdout after 1997-12-30: [0-9,]+ repeat"
                + " purchases predicted, [0-9,]+ happened \\(mean error 0\\.[0-9]+ per customer\\)");
    assertThat(run("backfill", "--from", "1998-03-01", "--to", "1998-02-01", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--to (1998-02-01) is before --from (1998-03-01)");
  }
}
