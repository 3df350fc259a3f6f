package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.ColumnMapping;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.imports.RejectedRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle import}: brings a business's records into the store. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports records into the Rekindle home. Idempotent: importing the same file again changes"
          + " nothing; a changed row updates its record and is counted as updated. Bad rows are"
          + " kept with their line and reason ('rekindle import rejects BATCH').",
      ""
    },
    subcommands = {
      ImportCommand.Customers.class,
      ImportCommand.Orders.class,
      ImportCommand.Rejects.class
    })
final class ImportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rekindle import orders FILE}. */
  @Command(
      name = "orders",
      mixinStandardHelpOptions = true,
      description = {
        "Imports an orders file (CSV, .gz too): customer, date, and optionally amount, order id,"
            + " currency and offer code, found by their usual names or mapped with --columns."
            + " Orders of customers not yet known create minimal customer records.",
        ""
      })
  static final class Orders implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();
    @Mixin ImportFileOptions input = new ImportFileOptions();

    @Option(
        names = "--zone",
        paramLabel = "ZONE",
        description =
            "The business's time zone: timestamps with an offset count on their date there, and"
                + " dates without a time start at midnight there. Default: UTC.")
    @Nullable String zone;

    @Option(
        names = "--currency",
        paramLabel = "CODE",
        defaultValue = "USD",
        description = "Currency of amounts without a currency column or value. Default: USD.")
    String currency = "USD";

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path source = input.source();
      if (!currency.strip().matches("[A-Za-z]{3}")) {
        throw new UsageException(
            "--currency must be a three-letter code such as EUR or USD: " + currency);
      }
      Progress bar = Progress.create(input.progress);
      OrderFileReader.Builder reader = OrderFileReader.builder().progress(bar.reading(source));
      if (input.columns != null) {
        reader.columns(ColumnMapping.parse(input.columns));
      }
      if (input.dateFormat != null) {
        reader.dateFormat(input.dateFormat);
      }
      if (zone != null) {
        try {
          reader.zone(ZoneId.of(zone.strip()));
        } catch (DateTimeException e) {
          throw new UsageException(
              "--zone '" + zone + "' is not a time zone: use a region such as Europe/Berlin");
        }
      }
      try (Store s = store.open(err)) {
        ImportResult r =
            new OrderImporter(
                    s,
                    reader,
                    input.maxRejects,
                    currency,
                    stage -> {
                      bar.done();
                      bar.stage(stage);
                    })
                .importFile(source);
        bar.done();
        printResult(out, source, s, r);
      }
      return 0;
    }
  }

  /** {@code rekindle import customers FILE}. */
  @Command(
      name = "customers",
      mixinStandardHelpOptions = true,
      description = {
        "Imports a customers file (CSV, .gz too): an id column and any of name, email, phone,"
            + " address_line1, address_line2, city, region, postal_code, country, birthday,"
            + " customer_since, owner_rep, segment, tags, account_kind (consumer or"
            + " credit_account), time_zone, consent_email, consent_letter, consent_phone,"
            + " consent_sms, found by their usual names or mapped with --columns. Only the fields"
            + " the file has are written.",
        ""
      })
  static final class Customers implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();
    @Mixin ImportFileOptions input = new ImportFileOptions();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path source = input.source();
      Progress bar = Progress.create(input.progress);
      CustomerFileReader.Builder reader =
          CustomerFileReader.builder().progress(bar.reading(source));
      if (input.columns != null) {
        reader.columns(input.columns);
      }
      if (input.dateFormat != null) {
        reader.dateFormat(input.dateFormat);
      }
      try (Store s = store.open(spec.commandLine().getErr())) {
        ImportResult r = new CustomerImporter(s, reader, input.maxRejects).importFile(source);
        bar.done();
        printResult(out, source, s, r);
      }
      return 0;
    }
  }

  /** The summary every import prints. */
  static void printResult(PrintWriter out, Path source, Store s, ImportResult r) {
    out.printf(
        Locale.ROOT,
        "Imported %s into %s (batch %d):%n"
            + "  %,d rows read: %,d inserted, %,d updated, %,d unchanged, %,d rejected%s%n",
        source,
        s.describe(),
        r.batchId(),
        r.rowsRead(),
        r.inserted(),
        r.updated(),
        r.unchanged(),
        r.rejected(),
        r.kind().equals("orders")
            ? String.format(
                Locale.ROOT, ", %,d duplicate%s", r.duplicates(), r.duplicates() == 1 ? "" : "s")
            : "");
    if (r.customersCreated() > 0) {
      out.printf(
          Locale.ROOT,
          "  %,d new customers had no record yet: minimal records were created (import a"
              + " customers file to complete them)%n",
          r.customersCreated());
    }
    if (r.rejected() > 0) {
      out.printf(Locale.ROOT, "  See the rejected rows: rekindle import rejects %d%n", r.batchId());
    }
  }

  /** {@code rekindle import rejects BATCH}. */
  @Command(
      name = "rejects",
      mixinStandardHelpOptions = true,
      description = {"Lists the rejected rows of an import batch: file, line, reason, row.", ""})
  static final class Rejects implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(paramLabel = "BATCH", description = "The batch number an import printed.")
    long batch;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        List<RejectedRow> rows = ImportBatches.rejects(s.jdbi(), batch);
        if (rows.isEmpty()) {
          out.println("Batch " + batch + " has no rejected rows.");
          return 0;
        }
        out.println("file,line,reason,row");
        for (RejectedRow r : rows) {
          out.println(
              String.join(
                  ",",
                  Cells.csv(r.file()),
                  Long.toString(r.line()),
                  Cells.csv(r.reason()),
                  Cells.csv(r.raw())));
        }
      }
      return 0;
    }
  }
}
