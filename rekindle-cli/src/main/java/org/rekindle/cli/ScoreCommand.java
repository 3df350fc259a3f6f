package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.ColumnMapping;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.ReadReport;
import org.rekindle.core.input.RfmReadResult;
import org.rekindle.core.input.RfmSummaryReader;
import org.rekindle.core.input.TransactionReader;
import org.rekindle.core.score.LifecycleRules;
import org.rekindle.core.score.Scorer;
import org.rekindle.core.score.ScoringOptions;
import org.rekindle.core.score.ScoringResult;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;
import org.rekindle.model.FitOptions;
import org.rekindle.model.GammaGammaModel;
import org.rekindle.model.ModelKind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle score}: a transaction log or RFM summary in, scores and a report out. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Fits a customer-base model to a transaction log (or an RFM summary file) and scores every"
          + " customer: probability still active, expected purchases, expected spend, lifetime"
          + " value, value at risk, how overdue they are against their own rhythm, and a"
          + " lifecycle label.",
      "",
      "Nothing is written when the input is refused (too many bad rows, a missing column, an"
          + " unreadable date): the scores file appears complete or not at all.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 internal error, 2 bad usage, 3 bad input (the message says what).",
      "",
      "Example:",
      "  rekindle score --transactions examples/cdnow/cdnow_sample.csv \\",
      "      --calibration-end 1997-09-30 --period week --model auto --out s.csv --report r.json"
    })
final class ScoreCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(
        names = "--transactions",
        paramLabel = "FILE",
        description =
            "Transaction log (CSV, optionally .gz): one row per order with customer, date and"
                + " optionally amount and order id.")
    @Nullable Path transactions;

    @Option(
        names = "--summary",
        paramLabel = "FILE",
        description =
            "RFM summary (CSV): customer id, frequency, recency, T and optionally monetary, in"
                + " the unit named by --period.")
    @Nullable Path summary;

    /** The file given: picocli requires exactly one of the two. */
    Path file() {
      if (transactions != null) {
        return transactions;
      }
      if (summary != null) {
        return summary;
      }
      throw new IllegalStateException("neither --transactions nor --summary was given");
    }
  }

  @Option(
      names = "--out",
      required = true,
      paramLabel = "SCORES.csv",
      description = "Where to write the scores, one row per customer.")
  Path out;

  @Option(
      names = "--report",
      paramLabel = "REPORT.json",
      description = "Where to write the report: model, fit, data counts, holdout, timings.")
  @Nullable Path report;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "Score as of this day (YYYY-MM-DD); later rows are ignored. Default: the latest"
              + " date in the data.")
  @Nullable String asOf;

  @Option(
      names = "--calibration-end",
      paramLabel = "DATE",
      description =
          "Fit on the data up to this day and check the predictions against what happened"
              + " after it (up to --as-of). The scores are then as of this day.")
  @Nullable String calibrationEnd;

  @Option(
      names = "--period",
      paramLabel = "day|week",
      defaultValue = "week",
      description = "Time unit of the model (and of a --summary file). Default: ${DEFAULT-VALUE}.")
  String period;

  @Option(
      names = "--model",
      paramLabel = "bgnbd|pnbd|mbgnbd|auto",
      defaultValue = "auto",
      description =
          "Model to fit. auto fits all three and picks by holdout error when there is a"
              + " holdout, else by BIC. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(
      names = "--params",
      paramLabel = "k=v,...",
      description =
          "Score with these parameters instead of fitting: r,alpha,a,b (BG/NBD, or MBG/NBD with"
              + " --model mbgnbd) or r,alpha,s,beta (Pareto/NBD); add p,q,gamma to fix the spend"
              + " model too.")
  @Nullable String params;

  @Option(
      names = "--horizon",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "Horizon of expected_purchases, in days. Default: ${DEFAULT-VALUE}.")
  double horizon;

  @Option(
      names = "--discount-rate",
      paramLabel = "ANNUAL",
      defaultValue = "0.10",
      description =
          "Yearly discount rate of lifetime value (0.10 = 10%%). Default: ${DEFAULT-VALUE}.")
  double discountRate;

  @Option(
      names = "--columns",
      paramLabel = "customer=..,date=..,amount=..,order=..",
      description =
          "Column names, when they are not found by their usual names. A transaction log maps"
              + " customer, date, amount and order; a summary file (--summary) maps customer,"
              + " frequency, recency, T and monetary.")
  @Nullable String columns;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description =
          "Date pattern (java.time, e.g. dd/MM/yyyy) when dates are not ISO (2024-03-31,"
              + " 20240331, or ISO date-times).")
  @Nullable String dateFormat;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "The business's time zone, such as America/New_York: a timestamp with an offset or Z"
              + " counts on its date in this zone. Default: every date as written.")
  @Nullable String zone;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description =
          "Where to write rejected rows with line number and reason. Default: next to --out,"
              + " named <out>.rejects.csv.")
  @Nullable Path rejects;

  @Option(
      names = "--max-rejects",
      paramLabel = "FRACTION",
      defaultValue = "0.01",
      description =
          "Refuse the input when more than this share of rows is rejected. Default:"
              + " ${DEFAULT-VALUE} (1%%).")
  double maxRejects;

  @Option(
      names = "--lifecycle",
      paramLabel = "k=v,...",
      description =
          "Lifecycle thresholds: lapsing, dormant, lost (P(alive) below which the label"
              + " applies) and lapsing-overdue, dormant-overdue (silence ÷ usual gap at or above"
              + " which it applies). Default: lapsing=0.7,dormant=0.4,lost=0.15,"
              + "lapsing-overdue=2,dormant-overdue=4.")
  @Nullable String lifecycle;

  @Option(
      names = "--penalty",
      paramLabel = "L2",
      defaultValue = "0",
      description =
          "L2 penalty on the log-parameters (pulls them towards 1; helps flat likelihoods)."
              + " Default: ${DEFAULT-VALUE}.")
  double penalty;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads for fitting. Default: the number of processors.")
  @Nullable Integer threads;

  @Option(
      names = "--progress",
      description = "Show progress on stderr even when it is not a terminal.")
  boolean progress;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    PrintWriter stdout = spec.commandLine().getOut();
    Period unit = parsePeriod(period);
    Optional<LocalDate> asOfDate =
        Optional.ofNullable(asOf).map(v -> DateOption.parse("--as-of", v));
    Optional<LocalDate> calEnd =
        Optional.ofNullable(calibrationEnd).map(v -> DateOption.parse("--calibration-end", v));
    if (input.summary != null && (asOfDate.isPresent() || calEnd.isPresent())) {
      throw new UsageException(
          "--as-of and --calibration-end need --transactions: a summary file is already as of"
              + " a date");
    }
    if (input.summary != null && (dateFormat != null || zone != null)) {
      throw new UsageException("--date-format and --zone apply to --transactions only");
    }
    Optional<ZoneId> businessZone = Optional.empty();
    if (zone != null) {
      try {
        businessZone = Optional.of(ZoneId.of(zone.strip()));
      } catch (DateTimeException e) {
        throw new UsageException(
            "--zone '"
                + zone
                + "' is not a time zone: use a region such as Europe/Berlin or an"
                + " offset such as +02:00");
      }
    }
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new UsageException("--max-rejects must be a fraction between 0 and 1: " + maxRejects);
    }
    ScoringOptions options = scoringOptions();
    Path rejectsPath = rejects != null ? rejects : defaultRejects(out);
    Map<String, Long> timings = new LinkedHashMap<>();
    Progress bar = Progress.create(progress);

    Summaries summaries;
    ReadReport read;
    long t0 = System.nanoTime();
    Path source = input.file();
    ImportFileOptions.requireFile(source);
    if (input.transactions != null) {
      TransactionReader.Builder b =
          TransactionReader.builder()
              .maxRejects(maxRejects)
              .rejectsFile(rejectsPath)
              .progress(bar.reading(source));
      if (columns != null) {
        b.columns(ColumnMapping.parse(columns));
      }
      if (dateFormat != null) {
        b.dateFormat(dateFormat);
      }
      businessZone.ifPresent(b::zone);
      Summarizer summarizer = new Summarizer();
      read = b.build().read(source, summarizer);
      bar.done();
      timings.put("read", ms(t0));
      t0 = System.nanoTime();
      SummaryOptions so;
      try {
        so = new SummaryOptions(asOfDate, calEnd, unit);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e);
      }
      summaries = summarizer.summarize(so);
      timings.put("summarise", ms(t0));
      if (summaries.customers().isEmpty()) {
        throw new InputException(
            "no customer has a purchase up to "
                + calEnd.or(() -> asOfDate).map(Object::toString).orElse("the as-of date")
                + " in "
                + source
                + " ("
                + summaries.counts().rowsAfterAsOf()
                + " of "
                + read.accepted()
                + " rows are after the as-of date); check --as-of and --calibration-end");
      }
    } else {
      RfmReadResult r =
          RfmSummaryReader.builder()
              .unit(unit)
              .maxRejects(maxRejects)
              .rejectsFile(rejectsPath)
              .progress(bar.reading(source))
              .columns(columns != null ? columns : "")
              .build()
              .read(source);
      bar.done();
      summaries = r.summaries();
      read = r.report();
      timings.put("read", ms(t0));
    }

    ScoringResult result = Scorer.score(summaries, options, bar::stage);
    bar.done();
    timings.putAll(result.timings());

    t0 = System.nanoTime();
    ScoresCsv.write(out, result);
    timings.put("write", ms(t0));
    timings.put("total", ms(start));
    if (report != null) {
      ReportJson.write(
          report, result, summaries, read, describeChoice(options, summaries), timings);
    }
    Summary.print(stdout, result, summaries, read, out, report);
    return 0;
  }

  private ScoringOptions scoringOptions() {
    Optional<ModelKind> kind =
        "auto".equalsIgnoreCase(model.trim()) ? Optional.empty() : Optional.of(parseModel(model));
    Optional<double[]> given = Optional.empty();
    Optional<GammaGammaModel> spend = Optional.empty();
    if (params != null) {
      Map<String, Double> p = parseParams(params);
      boolean pareto = p.containsKey("s") || p.containsKey("beta");
      ModelKind k = kind.orElse(pareto ? ModelKind.PNBD : ModelKind.BGNBD);
      if (pareto != (k == ModelKind.PNBD)) {
        throw new UsageException(
            "--params " + params + " do not match --model " + k.id() + " " + k.parameterNames());
      }
      List<String> names = k.parameterNames();
      double[] values = new double[names.size()];
      for (int i = 0; i < names.size(); i++) {
        Double v = p.remove(names.get(i));
        if (v == null) {
          throw new UsageException("--params lacks " + names.get(i) + " (needs " + names + ")");
        }
        values[i] = v;
      }
      if (p.containsKey("p") || p.containsKey("q") || p.containsKey("gamma")) {
        Double sp = p.remove("p");
        Double sq = p.remove("q");
        Double sg = p.remove("gamma");
        if (sp == null || sq == null || sg == null) {
          throw new UsageException("--params: the spend model needs all of p, q and gamma");
        }
        try {
          spend = Optional.of(new GammaGammaModel(sp, sq, sg));
        } catch (RuntimeException e) {
          throw new UsageException("--params: " + e.getMessage());
        }
      }
      if (!p.isEmpty()) {
        throw new UsageException(
            "--params: unknown parameter(s) " + p.keySet() + " for " + k.displayName());
      }
      kind = Optional.of(k);
      given = Optional.of(values);
    }
    FitOptions fit = FitOptions.defaults();
    try {
      fit = fit.withL2Penalty(penalty);
      if (threads != null) {
        fit = fit.withThreads(threads);
      }
    } catch (RuntimeException e) {
      throw new UsageException(e);
    }
    LifecycleRules rules;
    try {
      rules = lifecycle == null ? LifecycleRules.defaults() : LifecycleRules.parse(lifecycle);
      return new ScoringOptions(kind, given, spend, horizon, discountRate, rules, fit);
    } catch (RuntimeException e) {
      throw new UsageException(e);
    }
  }

  private String describeChoice(ScoringOptions options, Summaries summaries) {
    if (options.givenParams().isPresent()) {
      return "given";
    }
    if (options.model().isPresent()) {
      return "named";
    }
    return summaries.holdoutLength().isPresent() ? "holdout MAE" : "BIC";
  }

  static Map<String, Double> parseParams(String spec) {
    Map<String, Double> p = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new UsageException("--params: '" + part + "' is not name=value");
      }
      String name = kv[0].trim();
      try {
        double v = Double.parseDouble(kv[1].trim());
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new UsageException("--params: " + name + " must be a positive number");
        }
        if (p.put(name, v) != null) {
          throw new UsageException("--params: " + name + " is given twice");
        }
      } catch (NumberFormatException e) {
        throw new UsageException("--params: " + name + "=" + kv[1] + " is not a number");
      }
    }
    return p;
  }

  private static ModelKind parseModel(String s) {
    try {
      return ModelKind.fromId(s);
    } catch (RuntimeException e) {
      throw new UsageException("--model: " + e.getMessage() + " or auto");
    }
  }

  private static Period parsePeriod(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "day":
      case "days":
        return Period.DAY;
      case "week":
      case "weeks":
        return Period.WEEK;
      default:
        throw new UsageException("--period must be day or week, was '" + s + "'");
    }
  }

  static Path defaultRejects(Path out) {
    String name = out.getFileName().toString();
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return out.resolveSibling(base + ".rejects.csv");
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
