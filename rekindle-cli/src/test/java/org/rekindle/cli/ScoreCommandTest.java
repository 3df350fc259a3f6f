package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end, on the shipped CDNOW example and on broken inputs. */
class ScoreCommandTest {
  private static final Path CDNOW =
      Path.of(System.getProperty("basedir", "."), "..", "examples", "cdnow");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private JsonNode report() throws IOException {
    return new ObjectMapper().readTree(dir.resolve("r.json").toFile());
  }

  @Test
  void score_transactionsBgnbd_reproducesPaper() throws IOException {
    int code =
        run(
            "score",
            "--transactions",
            CDNOW.resolve("cdnow_sample.csv").toString(),
            "--calibration-end",
            "1997-09-30",
            "--period",
            "week",
            "--model",
            "bgnbd",
            "--out",
            dir.resolve("s.csv").toString(),
            "--report",
            dir.resolve("r.json").toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode r = report();
    assertThat(r.at("/model/name").asText()).isEqualTo("bgnbd");
    assertThat(r.at("/model/logLikelihood").asDouble()).isCloseTo(-9582.43, within(0.01));
    assertThat(r.at("/model/params/r").asDouble()).isCloseTo(0.243, within(0.0005));
    assertThat(r.at("/model/params/alpha").asDouble()).isCloseTo(4.414, within(0.005));
    assertThat(r.at("/model/params/a").asDouble()).isCloseTo(0.793, within(0.0005));
    assertThat(r.at("/model/params/b").asDouble()).isCloseTo(2.426, within(0.005));
    assertThat(r.at("/model/converged").asBoolean()).isTrue();
    assertThat(r.at("/model/standardErrors/r").isNumber()).isTrue();
    assertThat(r.at("/spend/params/p").asDouble()).isCloseTo(6.25, within(0.01));
    assertThat(r.at("/spend/params/q").asDouble()).isCloseTo(3.74, within(0.01));
    assertThat(r.at("/spend/params/gamma").asDouble()).isCloseTo(15.44, within(0.02));
    assertThat(r.at("/data/customers").asInt()).isEqualTo(2357);
    assertThat(r.at("/data/transactions").asInt()).isEqualTo(6919);
    assertThat(r.at("/data/rejected").asInt()).isZero();
    assertThat(r.at("/holdout/actual").asDouble()).isEqualTo(1882);
    assertThat(r.at("/holdout/predicted").asDouble()).isBetween(1500.0, 2000.0);
    assertThat(r.at("/holdout/mae").isNumber()).isTrue();
    assertThat(r.at("/comparison").size()).isEqualTo(1);
    assertThat(r.at("/timings/total").isNumber()).isTrue();

    List<String> lines = Files.readAllLines(dir.resolve("s.csv"));
    assertThat(lines).hasSize(2358);
    assertThat(lines.get(0))
        .startsWith(
            "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,"
                + "expected_spend,clv,value_at_risk,log_likelihood");
    // customer 1 (x=2, t_x=30.43, T=38.86): the spreadsheet's 39-week expectation is 1.226
    String[] c1 = lines.get(1).split(",");
    assertThat(c1[0]).isEqualTo("1");
    assertThat(Double.parseDouble(c1[lines.get(0).split(",").length - 1]))
        .isCloseTo(1.226, within(0.001));
  }

  @Test
  void score_transactionsAuto_fitsAllThreeAndReproducesPareto() throws IOException {
    int code =
        run(
            "score",
            "--transactions",
            CDNOW.resolve("cdnow_sample.csv").toString(),
            "--calibration-end",
            "1997-09-30",
            "--model",
            "auto",
            "--out",
            dir.resolve("s.csv").toString(),
            "--report",
            dir.resolve("r.json").toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode r = report();
    assertThat(r.at("/comparison").size()).isEqualTo(3);
    assertThat(r.at("/model/chosenBy").asText()).isEqualTo("holdout MAE");
    JsonNode pnbd = null;
    JsonNode mbg = null;
    for (JsonNode c : r.at("/comparison")) {
      if (c.at("/name").asText().equals("pnbd")) {
        pnbd = c;
      } else if (c.at("/name").asText().equals("mbgnbd")) {
        mbg = c;
      }
    }
    assertThat(pnbd).isNotNull();
    assertThat(pnbd.at("/logLikelihood").asDouble()).isCloseTo(-9594.98, within(0.01));
    assertThat(pnbd.at("/params/r").asDouble()).isCloseTo(0.553, within(0.0005));
    assertThat(pnbd.at("/params/alpha").asDouble()).isCloseTo(10.578, within(0.005));
    // MBG/NBD as reported by the public libraries: r 0.525, alpha 6.183, a 0.891, b 1.614
    assertThat(mbg.at("/params/r").asDouble()).isCloseTo(0.525, within(0.0005));
    assertThat(mbg.at("/params/b").asDouble()).isCloseTo(1.614, within(0.005));
    // the chosen model has the smallest holdout error
    double best = Double.MAX_VALUE;
    for (JsonNode c : r.at("/comparison")) {
      best = Math.min(best, c.at("/holdoutMae").asDouble());
    }
    assertThat(r.at("/holdout/mae").asDouble()).isEqualTo(best);
  }

  @Test
  void score_summaryFile_matchesTransactionLog() throws IOException {
    int code =
        run(
            "score",
            "--summary",
            CDNOW.resolve("cdnow_customers_summary_with_transactions.csv").toString(),
            "--model",
            "bgnbd",
            "--out",
            dir.resolve("s.csv").toString(),
            "--report",
            dir.resolve("r.json").toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode r = report();
    // the published summary is rounded to 2 decimals, hence the paper's -9582.4
    assertThat(r.at("/model/logLikelihood").asDouble()).isCloseTo(-9582.4, within(0.05));
    assertThat(r.at("/model/params/r").asDouble()).isCloseTo(0.243, within(0.0005));
    assertThat(r.at("/spend/params/p").asDouble()).isCloseTo(6.25, within(0.01));
  }

  @Test
  void score_summaryWithMappedColumns_readsThem() throws IOException {
    // the CDNOW summary under other column names, and an "x" column detection would pick
    List<String> lines = Files.readAllLines(CDNOW.resolve("cdnow_customers_summary.csv"));
    StringBuilder renamed = new StringBuilder("cust,x,repeats,last_seen,weeks\n");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      renamed.append(String.join(",", f[0], "7", f[1], f[2], f[3])).append('\n');
    }
    Path file = dir.resolve("renamed.csv");
    Files.writeString(file, renamed);
    int code =
        run(
            "score",
            "--summary",
            file.toString(),
            "--columns",
            "customer=cust,frequency=repeats,recency=last_seen,T=weeks",
            "--model",
            "bgnbd",
            "--out",
            dir.resolve("s.csv").toString(),
            "--report",
            dir.resolve("r.json").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(report().at("/model/params/r").asDouble()).isCloseTo(0.243, within(0.0005));
  }

  @Test
  void score_zone_datesInstantsWhereTheBusinessIs() throws IOException {
    Path log = dir.resolve("log.csv");
    // 12:00 and 03:00 the next day in UTC are 07:00 and 22:00 on one day in New York
    Files.writeString(
        log,
        "customer,date,amount\n"
            + "a,2024-01-01T12:00:00Z,10\n"
            + "a,2024-01-02T03:00:00Z,10\n"
            + "b,2024-01-01T12:00:00Z,10\n"
            + "b,2024-02-01T12:00:00Z,10\n");
    String[] common = {
      "score",
      "--transactions",
      log.toString(),
      "--params",
      "r=0.243,alpha=4.414,a=0.793,b=2.426",
      "--as-of",
      "2024-03-01",
      "--out",
      dir.resolve("s.csv").toString()
    };
    assertThat(run(common)).as(err.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("s.csv")).get(1)).startsWith("a,1,");
    String[] inNewYork = Arrays.copyOf(common, common.length + 2);
    inNewYork[common.length] = "--zone";
    inNewYork[common.length + 1] = "America/New_York";
    assertThat(run(inNewYork)).as(err.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("s.csv")).get(1)).startsWith("a,0,");
    inNewYork[common.length + 1] = "Mars/Olympus";
    assertThat(run(inNewYork)).isEqualTo(2);
    assertThat(err.toString()).contains("--zone 'Mars/Olympus' is not a time zone");
  }

  @Test
  void score_givenParams_skipsFitting() throws IOException {
    int code =
        run(
            "score",
            "--summary",
            CDNOW.resolve("cdnow_customers_summary.csv").toString(),
            "--params",
            "r=0.243,alpha=4.414,a=0.793,b=2.426",
            "--out",
            dir.resolve("s.csv").toString(),
            "--report",
            dir.resolve("r.json").toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode r = report();
    assertThat(r.at("/model/fitted").asBoolean()).isFalse();
    assertThat(r.at("/model/params/alpha").asDouble()).isEqualTo(4.414);
    assertThat(r.at("/spend").isNull()).isTrue();
    assertThat(Files.readAllLines(dir.resolve("s.csv")).get(1)).contains(",,,");
  }

  @Test
  void score_tooManyRejects_failsWithExit3AndWritesNothing() throws IOException {
    Path in = dir.resolve("bad.csv");
    Files.writeString(
        in,
        "customer,date,amount\n1,2024-01-01,10\n2,2024-01-02,abc\n3,not-a-date,5\n"
            + "4,2024-01-05,7\n",
        StandardCharsets.UTF_8);
    Path scores = dir.resolve("s.csv");
    int code = run("score", "--transactions", in.toString(), "--out", scores.toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("rejected");
    assertThat(scores).doesNotExist();
    Path rejects = dir.resolve("s.rejects.csv");
    assertThat(rejects).exists();
    assertThat(Files.readString(rejects)).contains("3,").contains("4,");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
  }

  @Test
  void score_missingColumn_isClearError() throws IOException {
    Path in = dir.resolve("nocust.csv");
    Files.writeString(in, "when,amount\n2024-01-01,10\n", StandardCharsets.UTF_8);
    int code =
        run("score", "--transactions", in.toString(), "--out", dir.resolve("s.csv").toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("customer").doesNotContain("Exception");
  }

  @Test
  void score_emptyFile_isClearError() throws IOException {
    Path in = dir.resolve("empty.csv");
    Files.writeString(in, "", StandardCharsets.UTF_8);
    int code =
        run("score", "--transactions", in.toString(), "--out", dir.resolve("s.csv").toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("empty").doesNotContain("\tat ");
  }

  @Test
  void score_missingFile_isBadInput() {
    int code =
        run(
            "score",
            "--transactions",
            dir.resolve("nope.csv").toString(),
            "--out",
            dir.resolve("s.csv").toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void score_badUsage_exit2() {
    assertThat(run("score", "--out", "x.csv")).isEqualTo(2);
    assertThat(
            run(
                "score",
                "--summary",
                "x.csv",
                "--out",
                dir.resolve("s.csv").toString(),
                "--model",
                "weibull"))
        .isEqualTo(2);
    assertThat(
            run(
                "score",
                "--summary",
                "x.csv",
                "--out",
                dir.resolve("s.csv").toString(),
                "--params",
                "r=1,alpha=2,a=1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--params lacks b");
  }

  @Test
  void score_datesInTheWrongOrder_areUsageOrInputErrors() {
    String log = CDNOW.resolve("cdnow_sample.csv").toString();
    String out = dir.resolve("s.csv").toString();
    assertThat(
            run(
                "score",
                "--transactions",
                log,
                "--calibration-end",
                "1998-01-01",
                "--as-of",
                "1997-06-01",
                "--out",
                out))
        .isEqualTo(2);
    assertThat(err.toString()).contains("must be before the as-of date");
    assertThat(run("score", "--transactions", log, "--as-of", "1990-01-01", "--out", out))
        .isEqualTo(3);
    assertThat(err.toString()).contains("no customer has a purchase up to 1990-01-01");
  }

  @Test
  void help_listsEveryOption() {
    assertThat(run("score", "--help")).isZero();
    for (String option :
        List.of(
            "--transactions",
            "--summary",
            "--out",
            "--report",
            "--as-of",
            "--calibration-end",
            "--period",
            "--model",
            "--params",
            "--horizon",
            "--discount-rate",
            "--columns",
            "--date-format",
            "--rejects",
            "--max-rejects")) {
      assertThat(out.toString()).contains(option);
    }
  }
}
