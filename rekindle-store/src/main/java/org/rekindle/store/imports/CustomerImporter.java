package org.rekindle.store.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.rekindle.core.input.CustomerField;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.CustomerRecord;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.ReadReport;
import org.rekindle.store.CopyIn;
import org.rekindle.store.Store;
import org.rekindle.store.consent.ConsentLog;

/**
 * Imports a customers file: rows are staged by COPY while the file is read, then merged by external
 * id in one transaction. Only the fields the file has are written: a file of emails does not wipe
 * the stored addresses. A cell left empty in a column the file has clears that value, except where
 * a value is required (tags, account kind, consents), which then keep theirs. A minimal record made
 * by an orders import becomes a full one.
 */
public final class CustomerImporter {
  /** Columns that may not be null, with the value a new record gets when the file has none. */
  private static final Map<CustomerField, String> REQUIRED =
      Map.of(
          CustomerField.TAGS, "'{}'::text[]",
          CustomerField.ACCOUNT_KIND, "'consumer'",
          CustomerField.CONSENT_EMAIL, "false",
          CustomerField.CONSENT_LETTER, "true",
          CustomerField.CONSENT_PHONE, "false",
          CustomerField.CONSENT_SMS, "false");

  private final Store store;
  private final CustomerFileReader.Builder reader;
  private final double maxRejects;

  public CustomerImporter(Store store, CustomerFileReader.Builder reader, double maxRejects) {
    this.store = Objects.requireNonNull(store, "store");
    this.reader = Objects.requireNonNull(reader, "reader");
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new IllegalArgumentException("maxRejects must be between 0 and 1: " + maxRejects);
    }
    this.maxRejects = maxRejects;
  }

  /**
   * Imports {@code file}.
   *
   * @throws InputException if the file cannot be read or has too many bad rows (the batch is then
   *     recorded as refused, with its rejected rows)
   */
  public ImportResult importFile(Path file) {
    return ImportBatches.run(store.jdbi(), "customers", file, this::load);
  }

  private ImportResult load(Handle h, long batch, Path file, Path rejectsFile) {
    StringBuilder columns = new StringBuilder("line bigint, external_id text");
    for (CustomerField f : fields()) {
      columns.append(", ").append(f.key()).append(' ').append(sqlType(f.kind()));
    }
    h.execute("CREATE TEMP TABLE customers_stage (" + columns + ") ON COMMIT DROP");
    // the consent log says who changed what: this batch
    ConsentLog.attribute(
        h, ConsentLog.Source.IMPORT, "import batch " + batch + " (" + file.getFileName() + ")", "");
    Set<CustomerField> present = EnumSet.noneOf(CustomerField.class);
    ReadReport read =
        CopyIn.csv(
            h,
            "customers_stage",
            out ->
                reader
                    .maxRejects(maxRejects)
                    .rejectsFile(rejectsFile)
                    .build()
                    .read(
                        file,
                        c -> {
                          present.addAll(c.at().keySet());
                          present.remove(CustomerField.ID);
                        },
                        r -> stageRow(out, r)));
    h.execute("ANALYZE customers_stage");
    long staged = h.select("SELECT count(*) FROM customers_stage").mapTo(Long.class).one();

    List<String> sets = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    List<String> incoming = new ArrayList<>();
    List<String> insertColumns = new ArrayList<>();
    List<String> insertValues = new ArrayList<>();
    for (CustomerField f : present) {
      String col = f.key();
      String value =
          REQUIRED.containsKey(f) ? "coalesce(s." + col + ", c." + col + ")" : "s." + col;
      if (col.startsWith("consent_")) {
        // a customer's own "stop" stands whatever the file says (the database enforces it too):
        // leaving it alone here keeps a re-import from counting it as a change every time
        value =
            "CASE WHEN rekindle_customer_opted_out(c.id, '"
                + col.substring("consent_".length())
                + "') THEN c."
                + col
                + " ELSE "
                + value
                + " END";
      }
      sets.add(col + " = " + value);
      stored.add("c." + col);
      incoming.add(value);
      insertColumns.add(col);
      insertValues.add(
          REQUIRED.containsKey(f)
              ? "coalesce(s." + col + ", " + REQUIRED.get(f) + ")"
              : "s." + col);
    }
    String changed =
        present.isEmpty()
            ? "c.minimal"
            : "c.minimal OR ("
                + String.join(", ", stored)
                + ") IS DISTINCT FROM ("
                + String.join(", ", incoming)
                + ")";
    long updated =
        h.execute(
            "UPDATE customers c SET "
                + String.join(", ", sets)
                + (sets.isEmpty() ? "" : ", ")
                + "minimal = false, updated_at = now()"
                + " FROM customers_stage s WHERE c.external_id = s.external_id AND ("
                + changed
                + ")");
    long inserted =
        h.execute(
            "INSERT INTO customers (external_id"
                + (insertColumns.isEmpty() ? "" : ", " + String.join(", ", insertColumns))
                + ") SELECT s.external_id"
                + (insertValues.isEmpty() ? "" : ", " + String.join(", ", insertValues))
                + " FROM customers_stage s WHERE NOT EXISTS"
                + " (SELECT 1 FROM customers c WHERE c.external_id = s.external_id)");
    ImportBatches.loadRejects(h, batch, rejectsFile);
    ImportResult result =
        new ImportResult(
            batch,
            "customers",
            read.rows(),
            inserted,
            updated,
            staged - inserted - updated,
            read.rejected(),
            0,
            0);
    ImportBatches.complete(h, result);
    return result;
  }

  private static List<CustomerField> fields() {
    List<CustomerField> fields = new ArrayList<>();
    for (CustomerField f : CustomerField.values()) {
      if (f != CustomerField.ID) {
        fields.add(f);
      }
    }
    return fields;
  }

  private static String sqlType(CustomerField.Kind kind) {
    switch (kind) {
      case DATE:
        return "date";
      case TAGS:
        return "text[]";
      case YES_NO:
        return "boolean";
      default:
        return "text";
    }
  }

  private static void stageRow(Writer out, CustomerRecord r) {
    try {
      out.write(Long.toString(r.line()));
      out.write(',');
      CopyIn.quoted(out, r.customerId());
      for (CustomerField f : fields()) {
        out.write(',');
        Object v = r.values().get(f);
        if (v == null) {
          continue; // unquoted empty: NULL in COPY's CSV format
        }
        if (v instanceof List<?> tags) {
          StringBuilder array = new StringBuilder("{");
          for (Object t : tags) {
            array.append(array.length() > 1 ? "," : "").append('"');
            array.append(t.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
          }
          CopyIn.quoted(out, array.append('}').toString());
        } else {
          CopyIn.quoted(out, v.toString());
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
