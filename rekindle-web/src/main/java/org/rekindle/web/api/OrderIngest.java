package org.rekindle.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.imports.RejectedRow;

/**
 * Orders into the store by the path {@code rekindle import orders} takes ({@link OrderImporter}):
 * the same columns, checks, merge and rejected rows, so an order posted to the API and the same
 * order in a file end the same. Every row that passes is kept; a bad row is reported with its line
 * and reason and refuses nothing else (the importer's share of rejects allowed is 1).
 *
 * <p>The import and its audit entry are one transaction: the importer works through the store's
 * Jdbi, whose handle scope gives it this transaction's handle.
 */
final class OrderIngest {
  /** The columns of the CSV written for JSON orders. */
  static final List<String> HEADER =
      List.of("customer", "order_id", "date", "amount", "currency", "offer_code");

  private final Store store;
  private final Path spool;

  OrderIngest(Store store, Path spool) {
    this.store = store;
    this.spool = spool;
  }

  /**
   * An order as JSON: {@code customer_id} and {@code date} (ISO 8601, a day or a moment) are
   * required; {@code amount} (a number, or a string holding one), {@code order_id}, {@code
   * currency} and {@code offer_code} may be given. The rest of the checks are the importer's.
   */
  record Row(
      String customer,
      Optional<String> orderId,
      String date,
      BigDecimal amount,
      Optional<String> currency,
      Optional<String> offerCode) {
    static Row of(JsonNode o) {
      if (!o.isObject()) {
        throw new ApiException(
            422, "invalid_field", "an order must be a JSON object, not " + Exchange.kind(o));
      }
      String date = Exchange.requiredText(o, "date");
      if (!isoDate(date)) {
        throw ApiException.invalidField(
            "date",
            "date must be ISO 8601: a day such as 2026-12-07 or a moment such as"
                + " 2026-12-07T10:15:00Z, not '"
                + date
                + "'");
      }
      return new Row(
          Exchange.requiredText(o, "customer_id"),
          Exchange.text(o, "order_id"),
          date,
          Exchange.decimal(o, "amount")
              .orElseThrow(() -> ApiException.invalidField("amount", "amount is required")),
          Exchange.text(o, "currency"),
          Exchange.text(o, "offer_code"));
    }

    void write(Writer out) throws IOException {
      Csv.row(
          out,
          List.of(
              Optional.of(customer),
              orderId,
              Optional.of(date),
              Optional.of(amount.toPlainString()),
              currency,
              offerCode));
    }

    String raw() {
      return String.join(
          ",",
          customer,
          orderId.orElse(""),
          date,
          amount.toPlainString(),
          currency.orElse(""),
          offerCode.orElse(""));
    }
  }

  static boolean isoDate(String text) {
    for (var parse :
        List.<java.util.function.Consumer<String>>of(
            LocalDate::parse, OffsetDateTime::parse, LocalDateTime::parse)) {
      try {
        parse.accept(text);
        return true;
      } catch (DateTimeException e) {
        // try the next form
      }
    }
    return false;
  }

  /** How a CSV body is read: as {@code rekindle import orders}'s options say. */
  record Reading(
      Optional<String> columns,
      Optional<String> dateFormat,
      Optional<java.time.ZoneId> zone,
      Optional<String> currency) {
    static final Reading JSON =
        new Reading(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    OrderFileReader.Builder reader() {
      OrderFileReader.Builder b = OrderFileReader.builder();
      columns.ifPresent(c -> b.columns(org.rekindle.core.input.ColumnMapping.parse(c)));
      dateFormat.ifPresent(b::dateFormat);
      zone.ifPresent(b::zone);
      return b;
    }
  }

  /**
   * A rejected row: its line in the CSV or, for JSON, its place in what was posted (-1 for CSV).
   */
  record Reject(long line, int index, String reason, String raw) {}

  /**
   * What an ingest did.
   *
   * @param result the import's counts and batch
   * @param rejects every rejected row, in line order
   */
  record Outcome(ImportResult result, List<Reject> rejects) {}

  /** Writes what the audit log keeps of an ingest, in its transaction. */
  @FunctionalInterface
  interface Audit {
    void record(Handle h, ImportResult result);
  }

  /** A new file in the spool, for a body or for rows written as CSV. */
  Path newFile() {
    return spool.resolve("orders-" + UUID.randomUUID() + ".csv");
  }

  /** Writes rows as the CSV the importer reads; the header is line 1, row i is line i + 2. */
  Path write(List<Row> rows) {
    Path file = newFile();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", HEADER));
      out.write('\n');
      for (Row r : rows) {
        r.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** Imports a CSV file of orders, then deletes it. */
  Outcome ingest(Path file, Reading reading, Audit audit) {
    try {
      return store
          .jdbi()
          .inTransaction(
              h -> {
                // one store, one currency: orders without one take the stored orders'
                String currency =
                    reading
                        .currency()
                        .or(
                            () ->
                                h.select("SELECT currency FROM orders LIMIT 1")
                                    .mapTo(String.class)
                                    .findOne())
                        .orElse("USD");
                ImportResult r =
                    new OrderImporter(store, reading.reader(), 1.0, currency, stage -> {})
                        .importFile(file);
                List<Reject> rejects =
                    r.rejected() == 0
                        ? List.of()
                        : ImportBatches.rejects(store.jdbi(), r.batchId()).stream()
                            .map((RejectedRow x) -> new Reject(x.line(), -1, x.reason(), x.raw()))
                            .toList();
                audit.record(h, r);
                return new Outcome(r, rejects);
              });
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a spool file; the directory goes when the API closes
      }
    }
  }
}
