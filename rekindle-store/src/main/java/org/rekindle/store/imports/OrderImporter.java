package org.rekindle.store.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.input.OrderRecord;
import org.rekindle.core.input.ReadReport;
import org.rekindle.store.CopyIn;
import org.rekindle.store.Store;

/**
 * Imports an orders file: every good row is streamed with COPY into a staging table while the file
 * is read, then merged into {@code orders} by set-based statements, all in one transaction, so an
 * import lands whole or not at all. Re-importing a file changes nothing.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>An order is known by its external id. A row without one gets {@code customer@date#n}, n
 *       counting that customer's id-less rows of that day in file order, so the same file gives the
 *       same ids again.
 *   <li>A row repeating an order id of the same customer earlier in the file is a duplicate: the
 *       first row counts, the others are counted and dropped. An order id already used by another
 *       customer, earlier in the file or in the database, rejects the row: an order never moves
 *       between customers silently.
 *   <li>An order for a customer no customer file has named yet creates a minimal customer record
 *       (counted and reported).
 *   <li>A stored order whose values differ is updated and counted as updated; one that is the same
 *       is counted as unchanged and not touched.
 *   <li>Rejected rows are kept with the batch (file, line, reason, row). When more than the allowed
 *       share of rows is rejected, nothing is imported and the batch is marked refused.
 * </ul>
 */
public final class OrderImporter {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** From this many staged rows, and at least as many as are stored, indexes are rebuilt. */
  static final long BULK_ROWS = 100_000;

  /**
   * Files up to this size (about 45,000 orders) are imported beside each other: the API's bulk
   * bodies, a day's orders. Larger ones, a history, run alone, and may rebuild the indexes.
   */
  static final long BESIDE_OTHERS_BYTES = 2L * 1024 * 1024;

  private final Store store;
  private final OrderFileReader.Builder reader;
  private final double maxRejects;
  private final String defaultCurrency;
  private final Consumer<String> stage;

  /**
   * @param reader how to read the file (columns, dates, zone, progress); its rejects settings are
   *     set here
   * @param maxRejects the largest share of rejected rows, as for {@code score}
   * @param defaultCurrency the currency of rows without a currency column or value (ISO 4217)
   * @param stage told the name of each stage after reading, for progress on a terminal
   */
  public OrderImporter(
      Store store,
      OrderFileReader.Builder reader,
      double maxRejects,
      String defaultCurrency,
      Consumer<String> stage) {
    this.store = Objects.requireNonNull(store, "store");
    this.reader = Objects.requireNonNull(reader, "reader");
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new IllegalArgumentException("maxRejects must be between 0 and 1: " + maxRejects);
    }
    this.maxRejects = maxRejects;
    String currency = defaultCurrency.strip().toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "the default currency must be a three-letter code such as EUR or USD: "
              + defaultCurrency);
    }
    this.defaultCurrency = currency;
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /**
   * Imports {@code file}.
   *
   * @throws InputException if the file cannot be read or has too many bad rows (the batch is then
   *     recorded as refused, with its rejected rows)
   */
  public ImportResult importFile(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      // the import reports the file it cannot read, as for any other file
      size = Long.MAX_VALUE;
    }
    return ImportBatches.run(store.jdbi(), "orders", file, size <= BESIDE_OTHERS_BYTES, this::load);
  }

  private ImportResult load(Handle h, long batch, Path file, Path rejectsFile, boolean alone) {
    h.execute(
        "CREATE TEMP TABLE orders_stage (line bigint, customer text, order_id text,"
            + " ordered_at timestamptz, order_date date, amount numeric(19,4), currency text,"
            + " offer_code text, raw text) ON COMMIT DROP");
    Map<String, Integer> unnamed = new HashMap<>();
    ReadReport read =
        CopyIn.csv(
            h,
            "orders_stage",
            out ->
                reader
                    .maxRejects(maxRejects)
                    .rejectsFile(rejectsFile)
                    .build()
                    .read(file, r -> stageRow(out, r, unnamed)));

    stage.accept("checking order ids");
    // sorts and hashes of millions of staged rows: give them memory, for this transaction only
    h.execute("SET LOCAL work_mem = '256MB'");
    h.execute("SET LOCAL maintenance_work_mem = '512MB'");
    // the planner needs the stage's size and its ids' spread; the other columns cost twice as much
    h.execute("ANALYZE orders_stage (line, customer, order_id)");
    // ids that occur more than once are rare: find them with one hash aggregate, then look
    // closely at their rows only
    h.execute(
        "CREATE TEMP TABLE repeated_ids ON COMMIT DROP AS"
            + " SELECT order_id FROM orders_stage GROUP BY order_id HAVING count(*) > 1");
    long crossCustomer = 0;
    int duplicates = 0;
    boolean repeats =
        h.select("SELECT EXISTS (SELECT 1 FROM repeated_ids)").mapTo(Boolean.class).one();
    if (repeats) {
      crossCustomer =
          ImportBatches.rejectInStage(
              h,
              "orders_stage",
              batch,
              "WITH rows AS (SELECT s.* FROM orders_stage s JOIN repeated_ids USING (order_id)),"
                  + " firsts AS (SELECT DISTINCT ON (order_id) order_id, customer, line"
                  + " FROM rows ORDER BY order_id, line)"
                  + " SELECT s.line, 'order id ''' || s.order_id || ''' belongs to customer '''"
                  + " || f.customer || ''' (line ' || f.line || ')', s.raw"
                  + " FROM rows s JOIN firsts f USING (order_id)"
                  + " WHERE s.customer <> f.customer");
      duplicates =
          h.execute(
              "DELETE FROM orders_stage s USING orders_stage t, repeated_ids r"
                  + " WHERE s.order_id = r.order_id AND t.order_id = r.order_id"
                  + " AND s.line > t.line");
    }
    // whether orders are stored, and about how many: exact counts of millions of rows are not
    // needed for the checks and the bulk decision below, and would scan the table
    boolean anyStored = h.select("SELECT EXISTS (SELECT 1 FROM orders)").mapTo(Boolean.class).one();
    long stored =
        anyStored
            ? Math.max(
                1,
                h.select("SELECT reltuples::bigint FROM pg_class WHERE oid = 'orders'::regclass")
                    .mapTo(Long.class)
                    .one())
            : 0;
    long movedAway = 0;
    if (stored > 0) {
      // the staged orders already stored, found once: the check, the update and the insert below
      // read this short list instead of each looking every staged order up in the orders again
      h.execute(
          "CREATE TEMP TABLE stored_orders ON COMMIT DROP AS"
              + " SELECT s.line, o.id, c.external_id AS owner"
              + " FROM orders_stage s JOIN orders o ON o.external_id = s.order_id"
              + " JOIN customers c ON c.id = o.customer_id");
      h.execute("ANALYZE stored_orders");
      movedAway =
          ImportBatches.rejectInStage(
              h,
              "orders_stage",
              batch,
              "SELECT s.line, 'order id ''' || s.order_id || ''' is already stored for customer"
                  + " ''' || m.owner || '''', s.raw"
                  + " FROM orders_stage s JOIN stored_orders m ON m.line = s.line"
                  + " WHERE m.owner <> s.customer");
    }
    long otherCurrency = rejectOtherCurrencies(h, batch, anyStored);
    long rejected = read.rejected() + crossCustomer + movedAway + otherCurrency;
    if (rejected > maxRejects * read.rows()) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "file '%s': %d of %d rows rejected (%d with order ids of other customers, %d in"
                  + " another currency), above the %s%% limit; nothing was imported",
              file,
              rejected,
              read.rows(),
              crossCustomer + movedAway,
              otherCurrency,
              100 * maxRejects));
    }

    stage.accept("merging");
    // each customer of the file looked up once: the ones not on file yet are created, and the
    // insert below finds every order's customer id here instead of in the customers again
    h.execute(
        "CREATE TEMP TABLE stage_customers ON COMMIT DROP AS"
            + " SELECT d.customer, c.id FROM (SELECT DISTINCT customer FROM orders_stage) d"
            + " LEFT JOIN customers c ON c.external_id = d.customer");
    int created =
        h.execute(
            "WITH made AS (INSERT INTO customers (external_id, minimal)"
                + " SELECT customer, true FROM stage_customers WHERE id IS NULL"
                // in one order, as every import beside this one inserts: two never wait on each
                // other in a circle
                + " ORDER BY customer"
                + " ON CONFLICT (external_id) DO NOTHING RETURNING id, external_id)"
                + " UPDATE stage_customers s SET id = made.id FROM made"
                + " WHERE s.customer = made.external_id");
    // those an import beside this one created first, which the insert above left to it
    h.execute(
        "UPDATE stage_customers s SET id = c.id FROM customers c"
            + " WHERE s.id IS NULL AND c.external_id = s.customer");
    h.execute("ANALYZE stage_customers");
    long staged = h.select("SELECT count(*) FROM orders_stage").mapTo(Long.class).one();
    // changed orders first, then the new ones
    long updated = 0;
    if (stored > 0) {
      updated =
          h.createUpdate(
                  "UPDATE orders o SET ordered_at = s.ordered_at, order_date = s.order_date,"
                      + " amount = s.amount, currency = s.currency, offer_code = s.offer_code,"
                      + " batch_id = :batch, updated_at = now()"
                      + " FROM orders_stage s JOIN stored_orders m ON m.line = s.line"
                      + " WHERE o.id = m.id"
                      + " AND (o.ordered_at, o.order_date, o.amount, o.currency, o.offer_code)"
                      + " IS DISTINCT FROM (s.ordered_at, s.order_date, s.amount, s.currency,"
                      + " s.offer_code)")
              .bind("batch", batch)
              .execute();
    }
    String insertNew =
        "INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency,"
            + " offer_code, batch_id)"
            + " SELECT s.order_id, c.id, s.ordered_at, s.order_date, s.amount, s.currency,"
            + " s.offer_code, :batch FROM orders_stage s"
            + " JOIN stage_customers c ON c.customer = s.customer"
            + (stored > 0
                ? " WHERE NOT EXISTS (SELECT 1 FROM stored_orders m WHERE m.line = s.line)"
                : "")
            // beside other imports, in one order as the customers above (alone, a history of
            // millions is not sorted for nothing)
            + (alone ? "" : " ORDER BY s.order_id");
    long[] inserted = {0};
    if (alone && staged >= BULK_ROWS && staged >= stored) {
      // a load as large as what is stored: rebuild the indexes rather than insert into them
      BulkLoad.withoutIndexes(
          h, "orders", x -> inserted[0] = x.createUpdate(insertNew).bind("batch", batch).execute());
    } else {
      inserted[0] = h.createUpdate(insertNew).bind("batch", batch).execute();
    }
    long[] merged = {inserted[0], updated};
    ImportBatches.loadRejects(h, batch, rejectsFile);
    ImportResult result =
        new ImportResult(
            batch,
            "orders",
            read.rows(),
            merged[0],
            merged[1],
            staged - merged[0] - merged[1],
            rejected,
            duplicates,
            created);
    ImportBatches.complete(h, result);
    return result;
  }

  /**
   * One store, one currency: lifetime values and values at risk add amounts up, which means nothing
   * across currencies. The stored orders' currency stays; in an empty store the file's most common
   * one is taken. Rows in any other currency are rejected, with the reason.
   */
  private static long rejectOtherCurrencies(Handle h, long batch, boolean anyStored) {
    Optional<String> kept =
        anyStored
            ? h.select("SELECT currency FROM orders LIMIT 1").mapTo(String.class).findOne()
            : h.select("SELECT currency FROM orders_stage LIMIT 1").mapTo(String.class).findOne();
    if (kept.isEmpty()) {
      return 0;
    }
    // the common case, one currency throughout, costs one scan that finds nothing
    boolean mixed =
        h.select("SELECT EXISTS (SELECT 1 FROM orders_stage WHERE currency <> ?)", kept.get())
            .mapTo(Boolean.class)
            .one();
    if (!mixed) {
      return 0;
    }
    String currency =
        anyStored
            ? kept.get()
            : h.select(
                    "SELECT currency FROM orders_stage GROUP BY currency"
                        + " ORDER BY count(*) DESC, currency LIMIT 1")
                .mapTo(String.class)
                .one();
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalStateException("a staged currency is not a three-letter code: " + currency);
    }
    String why =
        anyStored
            ? "the stored orders are in " + currency
            : "most orders in the file are in " + currency;
    return ImportBatches.rejectInStage(
        h,
        "orders_stage",
        batch,
        "SELECT line, 'currency ' || currency || ': "
            + why
            + ", and Rekindle adds amounts up in one currency', raw FROM orders_stage"
            + " WHERE currency <> '"
            + currency
            + "'");
  }

  private void stageRow(Writer out, OrderRecord r, Map<String, Integer> unnamed) {
    String orderId =
        r.orderId()
            .orElseGet(
                () -> {
                  String key = r.customerId() + "@" + r.date();
                  int n = unnamed.merge(key, 1, Integer::sum);
                  return key + "#" + n;
                });
    try {
      out.write(Long.toString(r.line()));
      out.write(',');
      CopyIn.quoted(out, r.customerId());
      out.write(',');
      CopyIn.quoted(out, orderId);
      out.write(',');
      out.write(r.at().toString());
      out.write(',');
      out.write(r.date().toString());
      out.write(',');
      out.write(r.amount().toPlainString());
      out.write(',');
      out.write(r.currency().orElse(defaultCurrency));
      out.write(',');
      if (r.offerCode().isPresent()) {
        CopyIn.quoted(out, r.offerCode().get());
      }
      out.write(',');
      CopyIn.quoted(
          out,
          String.join(
              ",",
              r.customerId(),
              r.orderId().orElse(""),
              r.date().toString(),
              r.amount().toPlainString()));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
