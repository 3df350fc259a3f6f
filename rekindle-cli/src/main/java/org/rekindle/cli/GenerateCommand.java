package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.simulate.GeneratedLog;
import org.rekindle.core.simulate.GeneratorSettings;
import org.rekindle.core.simulate.TransactionLogGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle generate}: a synthetic transaction log with known parameters. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Writes a synthetic transaction log (customer_id,date,amount[,order_id]) for N customers:"
          + " purchases from the BG/NBD process, amounts from the Gamma-Gamma model, with"
          + " CDNOW-like parameters by default. The same seed gives the same file, byte for byte.",
      "Use it to try Rekindle at scale, for benchmarks, and to check that fitting recovers the"
          + " parameters it was given.",
      ""
    },
    footer = {"", "Example:", "  rekindle generate --customers 100000 --out sample.csv.gz"})
final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--customers",
      required = true,
      paramLabel = "N",
      description = "How many customers to simulate.")
  long customers;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the log; a name ending in .gz is gzip-compressed.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--start",
      paramLabel = "DATE",
      description = "First day a customer can be acquired. Default: 1997-01-01 (as CDNOW).")
  @Nullable String start;

  @Option(
      names = "--acquisition-days",
      paramLabel = "DAYS",
      description = "First purchases fall uniformly over this many days. Default: 84 (12 weeks).")
  @Nullable Integer acquisitionDays;

  @Option(
      names = "--end",
      paramLabel = "DATE",
      description = "End of observation, exclusive. Default: 78 weeks after --start.")
  @Nullable String end;

  @Option(
      names = "--params",
      paramLabel = "k=v,...",
      description =
          "Process parameters, any of r,alpha,a,b (BG/NBD, alpha in days) and p,q,gamma"
              + " (Gamma-Gamma spend). Default: r=0.243,alpha=30.898,a=0.793,b=2.426,"
              + "p=6.25,q=3.74,gamma=15.44.")
  @Nullable String params;

  @Option(names = "--order-ids", description = "Also write an order_id column.")
  boolean orderIds;

  @Override
  public Integer call() throws Exception {
    GeneratorSettings defaults = GeneratorSettings.cdnowLike(customers, seed);
    GeneratorSettings.Builder b =
        GeneratorSettings.builder().customers(customers).seed(seed).orderIds(orderIds);
    LocalDate startDate = start == null ? defaults.start() : DateOption.parse("--start", start);
    b.start(startDate);
    b.acquisitionDays(acquisitionDays == null ? defaults.acquisitionDays() : acquisitionDays);
    b.end(end == null ? startDate.plusWeeks(78) : DateOption.parse("--end", end));
    double r = defaults.r();
    double alpha = defaults.alpha();
    double a = defaults.a();
    double bb = defaults.b();
    double p = defaults.p();
    double q = defaults.q();
    double gamma = defaults.gamma();
    if (params != null) {
      Map<String, Double> given = ScoreCommand.parseParams(params);
      r = given.getOrDefault("r", r);
      alpha = given.getOrDefault("alpha", alpha);
      a = given.getOrDefault("a", a);
      bb = given.getOrDefault("b", bb);
      p = given.getOrDefault("p", p);
      q = given.getOrDefault("q", q);
      gamma = given.getOrDefault("gamma", gamma);
      given.keySet().removeAll(java.util.List.of("r", "alpha", "a", "b", "p", "q", "gamma"));
      if (!given.isEmpty()) {
        throw new UsageException("--params: unknown parameter(s) " + given.keySet());
      }
    }
    GeneratorSettings settings;
    try {
      settings = b.bgnbd(r, alpha, a, bb).spend(p, q, gamma).build();
    } catch (RuntimeException e) {
      throw new UsageException(e);
    }
    long t0 = System.nanoTime();
    Path tmp = AtomicOutput.tempFor(out);
    GeneratedLog log;
    try {
      log = new TransactionLogGenerator(settings).write(tmp);
    } catch (RuntimeException | java.io.IOException e) {
      AtomicOutput.discard(tmp);
      throw e;
    }
    AtomicOutput.move(tmp, out);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "Wrote %,d rows for %,d customers to %s in %.1f s (seed %d).%n",
        log.rows(),
        log.customers(),
        out,
        (System.nanoTime() - t0) / 1e9,
        seed);
    return 0;
  }
}
