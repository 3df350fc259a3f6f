package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.rekindle.core.RekindleException;
import org.rekindle.core.summary.TransactionSink;
import org.rekindle.core.summary.internal.BulkSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a transaction log (CSV, optionally gzip-compressed) into a {@link TransactionSink}.
 *
 * <p>The delimiter (comma, semicolon, tab or pipe) is detected from the header line; the columns
 * are found by their usual names or mapped with a {@link ColumnMapping}; the date format and the
 * decimal separator are detected from the first rows (see {@link #builder()}). A bad row (wrong
 * number of fields, missing customer id, unreadable date or amount, an order id of another
 * customer) is a reject: it is counted, written to the rejects file if one is given, and reading
 * goes on. If more than the allowed share of rows is rejected, {@link #read} fails after reading
 * and the caller must not use what the sink received.
 *
 * <p>Immutable and thread-safe; each {@code read} is independent.
 */
public final class TransactionReader {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionReader.class);
  private static final int SAMPLE_ROWS = 200;
  private static final int BATCHES = 4;

  private final LogReaderSettings.Log log;
  private final ReaderSettings.Limits limits;

  private TransactionReader(Builder b) {
    this.log = b.log();
    this.limits = b.limits();
  }

  /**
   * A reader with the defaults: columns found by name, dates in ISO form, at most 1% rejects, no
   * rejects file, no progress reports.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a file.
   *
   * @throws InputException if the file cannot be read, is empty, lacks a required column, has an
   *     unrecognisable date format, or has too many rejects
   */
  public ReadReport read(Path file, TransactionSink sink) {
    Objects.requireNonNull(sink, "sink");
    try (Source source = Source.open(file, limits.progress())) {
      return read(source, sink);
    }
  }

  /**
   * Reads a stream; {@code name} names it in messages. The stream is closed.
   *
   * @throws InputException as {@link #read(Path, TransactionSink)}
   */
  public ReadReport read(InputStream in, String name, TransactionSink sink) {
    Objects.requireNonNull(sink, "sink");
    try (Source source = Source.open(in, name, -1, limits.progress())) {
      return read(source, sink);
    }
  }

  private ReadReport read(Source source, TransactionSink sink) {
    List<List<String>> sample = source.sampleRecords(SAMPLE_ROWS);
    if (sample.isEmpty()) {
      throw new InputException("file '" + source.name + "' is empty: expected a header line");
    }
    List<String> header = sample.get(0);
    if (sample.size() == 1 && !source.partialSample) {
      throw noDataRows(source, header);
    }
    ResolvedColumns resolved = resolve(header, log.columns(), source.name);
    List<String> dateSamples = new ArrayList<>();
    List<String> amountSamples = new ArrayList<>();
    for (List<String> row : sample.subList(1, sample.size())) {
      if (row.size() == header.size()) {
        addIfPresent(dateSamples, row.get(resolved.date()));
        if (resolved.amount() >= 0) {
          addIfPresent(amountSamples, row.get(resolved.amount()));
        }
      }
    }
    DateParser dates =
        DateParser.detect(
            dateSamples, log.dateFormat(), log.zone(), header.get(resolved.date()), source.name);
    AmountParser amounts = AmountParser.detect(amountSamples);
    String settings =
        "delimiter '"
            + source.delimiterName()
            + "', columns "
            + resolved.mapping()
            + ", dates "
            + dates.description()
            + (resolved.amount() >= 0
                ? ", amounts with a decimal " + (amounts.decimalComma() ? "comma" : "point")
                : ", no amount column");
    LOG.info("reading {}: {}", source.name, settings);

    TransactionHandler handler;
    try (RejectLog rejects = new RejectLog(source.name, limits.rejectsFile())) {
      handler = new TransactionHandler(resolved, source.delimiter, dates, amounts, sink, rejects);
      handler.expectRows(source.expectedRows);
      if (sink instanceof BulkSink) {
        parseInParallel(source, handler);
      } else {
        parse(source, handler);
      }
      if (handler.rows == 0) {
        throw noDataRows(source, header);
      }
      rejects.check(handler.rows, limits.maxRejects());
      ReadReport report =
          new ReadReport(
              source.name,
              handler.rows,
              handler.accepted,
              rejects.count(),
              rejects.path(),
              settings);
      LOG.info(
          "read {}: {} rows, {} accepted, {} rejected",
          source.name,
          report.rows(),
          report.accepted(),
          report.rejected());
      return report;
    }
  }

  /**
   * Parses on a second thread while this one hands the rows to the sink: for a {@link BulkSink} (a
   * Summarizer) parsing and the sink's table lookups take about as long as each other. Full batches
   * go to this thread through a queue; the parser refills the batches it is done with, so at most
   * {@value #BATCHES} are in use. The sink and the rejects are used on this thread only.
   */
  private static void parseInParallel(Source source, TransactionHandler handler) {
    BlockingQueue<TransactionHandler.Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    BlockingQueue<TransactionHandler.Batch> free = new ArrayBlockingQueue<>(BATCHES);
    for (int i = 1; i < BATCHES; i++) {
      free.add(new TransactionHandler.Batch());
    }
    TransactionHandler.Batch end = new TransactionHandler.Batch();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    handler.handOffTo(
        batch -> {
          try {
            full.put(batch);
            return free.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("reading was abandoned");
          }
        });
    Thread parser =
        new Thread(
            () -> {
              try {
                parse(source, handler);
              } catch (Throwable t) {
                failure.set(t);
              } finally {
                // Never blocks: there are fewer batches than places in the queue.
                full.add(end);
              }
            },
            "rekindle-parse " + source.name);
    parser.setDaemon(true);
    parser.start();
    boolean done = false;
    try {
      for (TransactionHandler.Batch batch = full.take(); batch != end; batch = full.take()) {
        handler.deliver(batch);
        batch.clear();
        free.add(batch);
      }
      parser.join();
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted while reading file '" + source.name + "'", e);
    } finally {
      if (!done) {
        parser.interrupt();
      }
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
  }

  private static InputException noDataRows(Source source, List<String> header) {
    return new InputException(
        "file '"
            + source.name
            + "' has a header but no data rows (header: "
            + Headers.show(header)
            + ")");
  }

  private static void parse(Source source, TransactionHandler handler) {
    try (CsvReader<Object> csv =
        Source.csv(source.delimiter).build(handler, source.body, StandardCharsets.UTF_8)) {
      // The handler does the work and returns no records: one call reads the whole file.
      if (csv.iterator().hasNext()) {
        throw new IllegalStateException("the transaction handler returned a record");
      }
      handler.finish();
    } catch (CsvParseException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RekindleException) {
        throw (RekindleException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      if (cause instanceof IOException) {
        throw new InputException(
            "cannot read file '" + source.name + "': " + Source.describe((IOException) cause), e);
      }
      if (cause instanceof RuntimeException && !(cause instanceof CsvParseException)) {
        throw (RuntimeException) cause;
      }
      throw new InputException("file '" + source.name + "' is not valid CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new InputException("cannot read file '" + source.name + "': " + Source.describe(e), e);
    } catch (IOException e) {
      throw new InputException("cannot read file '" + source.name + "': " + Source.describe(e), e);
    }
  }

  private static void addIfPresent(List<String> values, String value) {
    String v = value.strip();
    if (!v.isEmpty()) {
      values.add(v);
    }
  }

  /** Finds each role's column, by its mapping or its usual names; shared with the order import. */
  static ResolvedColumns resolve(List<String> header, ColumnMapping columns, String source) {
    int[] index = new int[ColumnMapping.Role.values().length];
    for (ColumnMapping.Role role : ColumnMapping.Role.values()) {
      index[role.ordinal()] =
          Headers.locate(
              header,
              role.key(),
              role.candidates(),
              columns.column(role).orElse(null),
              role.required(),
              source);
    }
    return new ResolvedColumns(
        header,
        index[ColumnMapping.Role.CUSTOMER.ordinal()],
        index[ColumnMapping.Role.DATE.ordinal()],
        index[ColumnMapping.Role.AMOUNT.ordinal()],
        index[ColumnMapping.Role.ORDER.ordinal()],
        index[ColumnMapping.Role.CURRENCY.ordinal()],
        index[ColumnMapping.Role.OFFER.ordinal()]);
  }

  /** Settings of a {@link TransactionReader}; validated as they are set. */
  public static final class Builder extends LogReaderSettings<Builder> {
    private Builder() {}

    public TransactionReader build() {
      return new TransactionReader(this);
    }
  }
}
