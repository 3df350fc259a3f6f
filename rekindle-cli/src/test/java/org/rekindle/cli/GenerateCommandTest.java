package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle generate}, and scoring what it generates. */
class GenerateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void generate_sameSeed_sameBytes() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv.gz");
    Path c = dir.resolve("c.csv.gz");
    assertThat(run("generate", "--customers", "500", "--seed", "3", "--out", a.toString()))
        .isZero();
    assertThat(run("generate", "--customers", "500", "--seed", "3", "--out", b.toString()))
        .isZero();
    assertThat(run("generate", "--customers", "500", "--seed", "3", "--out", c.toString()))
        .isZero();
    assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(c));
    assertThat(Files.readAllLines(a).get(0)).isEqualTo("customer_id,date,amount");
    assertThat(out.toString()).contains("for 500 customers");
  }

  @Test
  void generateThenScore_recoversTheSpendModel() throws IOException {
    Path log = dir.resolve("log.csv");
    assertThat(run("generate", "--customers", "20000", "--seed", "11", "--out", log.toString()))
        .isZero();
    int code =
        run(
            "score",
            "--transactions",
            log.toString(),
            "--model",
            "bgnbd",
            "--period",
            "day",
            "--out",
            dir.resolve("s.csv").toString(),
            "--report",
            dir.resolve("r.json").toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode r = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
    assertThat(r.at("/data/customers").asInt()).isEqualTo(20000);
    // the generator's BG/NBD r = 0.243; same-day purchases are merged, so allow some slack
    assertThat(r.at("/model/params/r").asDouble()).isCloseTo(0.243, within(0.03));
    // Gamma-Gamma population mean p gamma / (q - 1) = 6.25 * 15.44 / 2.74 = 35.2
    assertThat(r.at("/spend/populationMeanSpend").asDouble()).isCloseTo(35.2, within(3.0));
  }

  @Test
  void generate_badParams_exit2() {
    assertThat(
            run(
                "generate",
                "--customers",
                "10",
                "--out",
                dir.resolve("x.csv").toString(),
                "--params",
                "zeta=1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown parameter");
  }
}
