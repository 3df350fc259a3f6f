package org.rekindle.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.input.OrderRecord;
import org.rekindle.store.imports.ImportBatches;

/**
 * Single orders merged into the store in a handful of statements, for the rate a till or a web shop
 * posts them at. The rows are read by the reader {@code rekindle import orders} uses ({@link
 * OrderFileReader}), so every value is checked and parsed exactly as in a file; the merge then
 * applies the importer's rules ({@link org.rekindle.store.imports.OrderImporter}) to the few rows
 * of one call, without its staging tables, which cost far more than a few orders:
 *
 * <ul>
 *   <li>an order id stored for another customer rejects the row, in the importer's words;
 *   <li>one store, one currency: the stored orders' (in an empty store, the most common of the
 *       rows); rows in another are rejected, in the importer's words;
 *   <li>a customer no file has named yet gets a minimal record;
 *   <li>a stored order whose values differ is updated, one that is the same is left untouched.
 * </ul>
 *
 * Each call is an import batch of its own ({@code import_batches}, with its rejected rows in {@code
 * import_rejects}, as {@code rekindle import rejects BATCH} lists them), and takes the importers'
 * lock, so it never runs beside a file's import. {@code
 * ApiTest.singleOrders_endAsTheImporterEndsThem} holds this path and the importer to the same
 * outcomes.
 */
final class OrderMerge {
  /** What the batches of single orders are called in {@code import_batches}. */
  static final String SOURCE = "api: POST /api/v1/orders";

  private final Jdbi jdbi;
  private final Path spool;

  OrderMerge(Jdbi jdbi, Path spool) {
    this.jdbi = jdbi;
    this.spool = spool;
  }

  /**
   * What became of each row, by its place in the rows given: {@code inserted}, {@code updated},
   * {@code unchanged}, or the reason it was rejected.
   */
  record Merged(long batchId, List<String> outcomes, List<Optional<String>> rejects) {}

  /** Writes the audit entries of a merge, in its transaction. */
  @FunctionalInterface
  interface Audit {
    void record(Handle h, long batchId);
  }

  /**
   * Merges rows whose order ids are all different (the caller keeps repeats for a later call). Rows
   * without a currency take the stored orders' (USD in an empty store).
   */
  Merged merge(List<OrderIngest.Row> rows, Audit audit) {
    String id = UUID.randomUUID().toString();
    Path csv = spool.resolve("single-" + id + ".csv");
    Path rejectsCsv = spool.resolve("single-" + id + "-rejects.csv");
    try {
      try (var out = Files.newBufferedWriter(csv)) {
        out.write(String.join(",", OrderIngest.HEADER));
        out.write('\n');
        for (OrderIngest.Row r : rows) {
          r.write(out);
        }
      }
      return jdbi.inTransaction(h -> merge(h, rows, csv, rejectsCsv, audit));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(rejectsCsv);
      } catch (IOException e) {
        // spool files; the directory goes when the API closes
      }
    }
  }

  private Merged merge(
      Handle h, List<OrderIngest.Row> rows, Path csv, Path rejectsCsv, Audit audit) {
    // alone, as an import of a large file: its insert's ON CONFLICT would update an order another
    // import is inserting for another customer
    h.execute("SELECT pg_advisory_xact_lock(" + ImportBatches.LOCK + ")");
    long batch =
        h.createUpdate("INSERT INTO import_batches (kind, file_name) VALUES ('orders', :name)")
            .bind("name", SOURCE)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    String stored =
        h.select("SELECT currency FROM orders LIMIT 1").mapTo(String.class).findOne().orElse(null);
    String defaultCurrency = stored == null ? "USD" : stored;
    // the reader's checks: a row it refuses is in the rejects file with its line and reason
    Map<Long, OrderRecord> read = new TreeMap<>();
    var report =
        OrderFileReader.builder()
            .maxRejects(1.0)
            .rejectsFile(rejectsCsv)
            .build()
            .read(csv, r -> read.put(r.line(), r));
    Map<Long, String> rejected = new HashMap<>();
    if (report.rejected() > 0) {
      ImportBatches.loadRejects(h, batch, rejectsCsv);
      h.createQuery("SELECT line, reason FROM import_rejects WHERE batch_id = :b")
          .bind("b", batch)
          .map((rs, c) -> Map.entry(rs.getLong(1), rs.getString(2)))
          .forEach(e -> rejected.put(e.getKey(), e.getValue()));
    }
    // one currency: the stored orders', else the rows' most common
    String currency = stored;
    if (currency == null && !read.isEmpty()) {
      Map<String, Integer> counts = new TreeMap<>();
      read.values()
          .forEach(r -> counts.merge(r.currency().orElse(defaultCurrency), 1, Integer::sum));
      currency =
          counts.entrySet().stream()
              .max(
                  Comparator.comparing(Map.Entry<String, Integer>::getValue)
                      .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
              .orElseThrow()
              .getKey();
    }
    // order ids stored for other customers
    Map<String, String> owners = new HashMap<>();
    if (stored != null && !read.isEmpty()) {
      h.createQuery(
              "SELECT o.external_id, c.external_id FROM orders o"
                  + " JOIN customers c ON c.id = o.customer_id WHERE o.external_id = ANY(:ids)")
          .bindArray(
              "ids",
              String.class,
              read.values().stream().map(r -> r.orderId().orElseThrow()).toList())
          .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> owners.put(e.getKey(), e.getValue()));
    }
    List<Long> lines = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<String> raws = new ArrayList<>();
    Map<Long, OrderRecord> merging = new LinkedHashMap<>();
    for (OrderRecord r : read.values()) {
      String orderId = r.orderId().orElseThrow();
      String owner = owners.get(orderId);
      String c = r.currency().orElse(defaultCurrency);
      String reason = null;
      if (owner != null && !owner.equals(r.customerId())) {
        reason = "order id '" + orderId + "' is already stored for customer '" + owner + "'";
      } else if (!c.equals(currency)) {
        reason =
            "currency "
                + c
                + ": "
                + (stored != null
                    ? "the stored orders are in " + currency
                    : "most orders in the file are in " + currency)
                + ", and Rekindle adds amounts up in one currency";
      }
      if (reason == null) {
        merging.put(r.line(), r);
      } else {
        rejected.put(r.line(), reason);
        lines.add(r.line());
        reasons.add(reason);
        raws.add(rows.get((int) r.line() - 2).raw());
      }
    }
    if (!lines.isEmpty()) {
      h.createUpdate(
              "INSERT INTO import_rejects (batch_id, line, reason, raw)"
                  + " SELECT :b, unnest(:lines), unnest(:reasons), unnest(:raws)")
          .bind("b", batch)
          .bindArray("lines", Long.class, lines)
          .bindArray("reasons", String.class, reasons)
          .bindArray("raws", String.class, raws)
          .execute();
    }
    Map<String, String> outcomes = new HashMap<>();
    int created = 0;
    if (!merging.isEmpty()) {
      List<OrderRecord> m = List.copyOf(merging.values());
      created =
          h.createUpdate(
                  "INSERT INTO customers (external_id, minimal)"
                      + " SELECT DISTINCT x, true FROM unnest(:customers) x"
                      + " WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = x)"
                      + " ON CONFLICT (external_id) DO NOTHING")
              .bindArray(
                  "customers", String.class, m.stream().map(OrderRecord::customerId).toList())
              .execute();
      String cur = currency;
      h.createQuery(
              "INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount,"
                  + " currency, offer_code, batch_id)"
                  + " SELECT s.order_id, c.id, CAST(s.at AS timestamptz), CAST(s.day AS date),"
                  + " CAST(s.amount AS numeric), s.currency, s.offer, :b"
                  + " FROM unnest(:ids, :customers, :ats, :days, :amounts, :currencies, :offers)"
                  + " AS s (order_id, customer, at, day, amount, currency, offer)"
                  + " JOIN customers c ON c.external_id = s.customer"
                  + " ON CONFLICT (external_id) DO UPDATE SET ordered_at = EXCLUDED.ordered_at,"
                  + " order_date = EXCLUDED.order_date, amount = EXCLUDED.amount,"
                  + " currency = EXCLUDED.currency, offer_code = EXCLUDED.offer_code,"
                  + " batch_id = EXCLUDED.batch_id, updated_at = now()"
                  + " WHERE (orders.ordered_at, orders.order_date, orders.amount, orders.currency,"
                  + " orders.offer_code) IS DISTINCT FROM (EXCLUDED.ordered_at,"
                  + " EXCLUDED.order_date, EXCLUDED.amount, EXCLUDED.currency, EXCLUDED.offer_code)"
                  + " RETURNING external_id, xmax = 0")
          .bind("b", batch)
          .bindArray("ids", String.class, m.stream().map(r -> r.orderId().orElseThrow()).toList())
          .bindArray("customers", String.class, m.stream().map(OrderRecord::customerId).toList())
          .bindArray("ats", String.class, m.stream().map(r -> r.at().toString()).toList())
          .bindArray("days", String.class, m.stream().map(r -> r.date().toString()).toList())
          .bindArray(
              "amounts", String.class, m.stream().map(r -> r.amount().toPlainString()).toList())
          .bindArray(
              "currencies", String.class, m.stream().map(r -> r.currency().orElse(cur)).toList())
          .bindArray(
              "offers", String.class, m.stream().map(r -> r.offerCode().orElse(null)).toList())
          .map((rs, c) -> Map.entry(rs.getString(1), rs.getBoolean(2) ? "inserted" : "updated"))
          .forEach(e -> outcomes.put(e.getKey(), e.getValue()));
    }
    long inserted = outcomes.values().stream().filter("inserted"::equals).count();
    long updated = outcomes.size() - inserted;
    h.createUpdate(
            "UPDATE import_batches SET status = 'completed', finished_at = now(), rows_read = :rows,"
                + " inserted = :inserted, updated = :updated, unchanged = :unchanged,"
                + " rejected = :rejected, customers_created = :created WHERE id = :b")
        .bind("rows", rows.size())
        .bind("inserted", inserted)
        .bind("updated", updated)
        .bind("unchanged", merging.size() - outcomes.size())
        .bind("rejected", rejected.size())
        .bind("created", created)
        .bind("b", batch)
        .execute();
    audit.record(h, batch);
    List<String> result = new ArrayList<>(rows.size());
    List<Optional<String>> why = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      long line = i + 2L;
      String reason = rejected.get(line);
      why.add(Optional.ofNullable(reason));
      result.add(
          reason != null
              ? "rejected"
              : outcomes.getOrDefault(rows.get(i).orderId().orElseThrow(), "unchanged"));
    }
    return new Merged(batch, result, why);
  }
}
