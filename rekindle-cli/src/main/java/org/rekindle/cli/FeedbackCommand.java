package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.FeedbackFileReader;
import org.rekindle.core.input.RatingScale;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.feedback.Feedback;
import org.rekindle.store.feedback.FeedbackImporter;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.RejectedRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle feedback}: complaints and reviews, imported or entered by hand. */
@Command(
    name = "feedback",
    mixinStandardHelpOptions = true,
    description = {
      "Complaints, reviews and remarks from customers. Negative feedback (rated 2 or less of 5,"
          + " or flagged) opens a service-recovery case for the customer's rep, with a first"
          + " contact due within the SLA of rekindle.yaml (service_recovery), and pauses sales"
          + " offers to that customer until the case is closed ('rekindle cases').",
      ""
    },
    subcommands = {
      FeedbackCommand.Import.class,
      FeedbackCommand.Add.class,
      FeedbackCommand.ListFeedback.class
    })
final class FeedbackCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** How many rejected rows an import shows before pointing to the full list. */
  static final int SHOWN_REJECTS = 5;

  /** {@code rekindle feedback import FILE}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Imports a feedback file (CSV, .gz too). Columns, found by their usual names or mapped"
            + " with --columns: customer (required: the customer's id as in the customer and order"
            + " files), date (required), id (the source's own id: a re-import adds nothing), source,"
            + " rating, text, flagged (yes/no, true/false, 1/0). A row needs a rating, a text or the"
            + " flag. Rows of unknown customers, bad dates or ratings off the scale are rejected"
            + " with their line and reason ('rekindle import rejects BATCH').",
        ""
      })
  static final class Import implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();
    @Mixin ImportFileOptions input = new ImportFileOptions();

    @Option(
        names = "--scale",
        paramLabel = "5|10|100",
        defaultValue = "5",
        description =
            "The scale of the file's ratings, mapped onto 1 to 5: 10 points (0-10) by ceil(r/2),"
                + " 100 points (0-100) by ceil(r/20), so 4 of 10 and 40 of 100 are negative like"
                + " 2 of 5. Default: 5.")
    int scale = 5;

    @Option(
        names = "--source",
        paramLabel = "S",
        description =
            "The source of rows whose file has no source (e.g. the review site's name). Default:"
                + " the file's name.")
    @Nullable String source;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path file = input.source();
      RatingScale ratings;
      try {
        ratings = RatingScale.of(scale);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--scale must be 5, 10 or 100, not " + scale);
      }
      if (source != null && source.isBlank()) {
        throw new UsageException("--source must not be empty");
      }
      Path name = file.getFileName();
      String defaultSource = source != null ? source.strip() : String.valueOf(name);
      ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
      Progress bar = Progress.create(input.progress);
      FeedbackFileReader.Builder reader =
          FeedbackFileReader.builder().scale(ratings).progress(bar.reading(file));
      if (input.columns != null) {
        reader.columns(input.columns);
      }
      if (input.dateFormat != null) {
        reader.dateFormat(input.dateFormat);
      }
      try (Store s = store.open(err)) {
        FeedbackImporter.Result r =
            new FeedbackImporter(
                    s,
                    reader,
                    input.maxRejects,
                    defaultSource,
                    config.recovery().firstContactWithin(),
                    Clock.systemUTC())
                .importFile(file);
        bar.done();
        ImportResult i = r.result();
        out.printf(
            Locale.ROOT,
            "Imported %s into %s (batch %d):%n"
                + "  %,d rows read: %,d inserted, %,d updated, %,d unchanged, %,d rejected, %,d"
                + " duplicate%s%n",
            file,
            s.describe(),
            i.batchId(),
            i.rowsRead(),
            i.inserted(),
            i.updated(),
            i.unchanged(),
            i.rejected(),
            i.duplicates(),
            i.duplicates() == 1 ? "" : "s");
        int opened = r.casesOpened().size();
        out.printf(
            Locale.ROOT,
            "  %,d service case%s opened for negative feedback%s%n",
            opened,
            opened == 1 ? "" : "s",
            opened == 0
                ? ""
                : " (first contact due within "
                    + config.recovery().describe()
                    + "; see 'rekindle cases --open')");
        if (i.rejected() > 0) {
          List<RejectedRow> rejects = ImportBatches.rejects(s.jdbi(), i.batchId());
          for (RejectedRow row : rejects.subList(0, Math.min(SHOWN_REJECTS, rejects.size()))) {
            out.printf(Locale.ROOT, "  line %d: %s%n", row.line(), row.reason());
          }
          out.printf(
              Locale.ROOT,
              "  %s the rejected rows: rekindle import rejects %d%n",
              rejects.size() > SHOWN_REJECTS ? "See all" : "See",
              i.batchId());
        }
      }
      return 0;
    }
  }

  /** {@code rekindle feedback add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Records one piece of feedback by hand: a complaint on the phone, a remark at the counter."
            + " It needs a rating, a text or --flagged. Negative feedback opens a case at once.",
        ""
      })
  static final class Add implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Option(
        names = "--customer",
        required = true,
        paramLabel = "EXT",
        description = "The customer's id, as in the customer and order files.")
    String customer = "";

    @Option(
        names = "--source",
        required = true,
        paramLabel = "S",
        description = "Where it came from: phone, email, counter, a review site...")
    String source = "";

    @Option(
        names = "--rating",
        paramLabel = "N",
        description = "A rating from 1 to 5; 2 or less opens a case.")
    @Nullable Integer rating;

    @Option(names = "--text", paramLabel = "T", description = "What the customer said.")
    @Nullable String text;

    @Option(
        names = "--date",
        paramLabel = "D",
        description =
            "The day it came in (yyyy-mm-dd). Default: today, in the business's time zone.")
    @Nullable String date;

    @Option(names = "--flagged", description = "Negative whatever the rating: opens a case.")
    boolean flagged;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who entered it; named on the case it opens.")
    @Nullable String by;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      // today is the business's, as the day a review was received is
      ZoneId zone = ServiceRecoveryConfig.of(store.homeDir()).zone();
      LocalDate on = DateOption.orToday("--date", date, zone, Clock.systemUTC());
      if (on.isAfter(LocalDate.now(Clock.systemUTC().withZone(zone)))) {
        throw new UsageException("--date " + on + " is after today");
      }
      if (rating != null && (rating < 1 || rating > 5)) {
        throw new UsageException("--rating must be from 1 to 5, not " + rating);
      }
      if (source.isBlank()) {
        throw new UsageException("--source must not be empty: say where the feedback came from");
      }
      Feedback.Entry entry;
      try {
        entry =
            new Feedback.Entry(
                customer.strip(),
                source,
                Optional.ofNullable(rating),
                Optional.ofNullable(text),
                on,
                flagged,
                Optional.ofNullable(by));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage() + " (give --rating, --text or --flagged)");
      }
      ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
      try (Store s = store.open(spec.commandLine().getErr())) {
        Feedback.Added added =
            new Feedback(s.jdbi(), Clock.systemUTC(), config.recovery().firstContactWithin())
                .add(entry);
        out.printf(
            Locale.ROOT,
            "Recorded feedback #%d from %s.%n",
            added.feedbackId(),
            entry.customerId());
        added
            .caseId()
            .ifPresent(
                id ->
                    out.printf(
                        Locale.ROOT,
                        "Negative: service case #%d opened; first contact due within %s"
                            + " ('rekindle case show %d'). Sales offers to %s pause until it is"
                            + " closed.%n",
                        id,
                        config.recovery().describe(),
                        id,
                        entry.customerId()));
      }
      return 0;
    }
  }

  /** {@code rekindle feedback list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"Lists the stored feedback, the latest first, with the case each opened.", ""})
  static final class ListFeedback implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Option(
        names = "--since",
        paramLabel = "D",
        description = "Only feedback received on or after this day (yyyy-mm-dd).")
    @Nullable String since;

    @Option(names = "--customer", paramLabel = "EXT", description = "Only this customer's.")
    @Nullable String customer;

    @Option(
        names = "--format",
        paramLabel = "table|csv|json",
        defaultValue = "table",
        description = "Output format. Default: table.")
    String format = "table";

    @Override
    public Integer call() throws Exception {
      String fmt = TableCsvJson.of(format);
      Optional<LocalDate> from =
          since == null ? Optional.empty() : Optional.of(DateOption.parse("--since", since));
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        List<Feedback.Stored> rows = Feedback.list(s.jdbi(), from, Optional.ofNullable(customer));
        switch (fmt) {
          case "csv" -> {
            out.println("id,customer_id,received_on,source,rating,flagged,case,text");
            for (Feedback.Stored f : rows) {
              out.println(
                  String.join(
                      ",",
                      Long.toString(f.id()),
                      Cells.csv(f.customerId()),
                      f.receivedOn().toString(),
                      Cells.csv(f.source()),
                      f.rating().map(String::valueOf).orElse(""),
                      f.flagged() ? "yes" : "no",
                      f.caseId().map(String::valueOf).orElse(""),
                      Cells.csv(f.text().orElse(""))));
            }
          }
          case "json" -> {
            ObjectMapper mapper = Json.indented();
            ArrayNode list = mapper.createArrayNode();
            for (Feedback.Stored f : rows) {
              ObjectNode n = list.addObject();
              n.put("id", f.id());
              n.put("customerId", f.customerId());
              n.put("receivedOn", f.receivedOn().toString());
              n.put("source", f.source());
              f.rating().ifPresent(v -> n.put("rating", v));
              n.put("flagged", f.flagged());
              f.caseId().ifPresent(v -> n.put("case", v));
              f.text().ifPresent(v -> n.put("text", v));
              f.externalId().ifPresent(v -> n.put("externalId", v));
            }
            out.println(mapper.writeValueAsString(list));
          }
          default -> {
            out.printf(Locale.ROOT, "%d feedback:%n", rows.size());
            out.printf(
                Locale.ROOT,
                "%-6s %-12s %-10s %-16s %6s %-7s %-6s %s%n",
                "id",
                "customer",
                "received",
                "source",
                "rating",
                "flagged",
                "case",
                "text");
            for (Feedback.Stored f : rows) {
              out.printf(
                  Locale.ROOT,
                  "%-6d %-12s %-10s %-16s %6s %-7s %-6s %s%n",
                  f.id(),
                  Cells.shorten(f.customerId(), 12),
                  f.receivedOn(),
                  Cells.shorten(f.source(), 16),
                  f.rating().map(String::valueOf).orElse("-"),
                  f.flagged() ? "yes" : "",
                  f.caseId().map(k -> "#" + k).orElse(""),
                  Cells.shorten(Cells.terminal(f.text().orElse("")).replaceAll("\\s+", " "), 60));
            }
          }
        }
      }
      return 0;
    }
  }
}
