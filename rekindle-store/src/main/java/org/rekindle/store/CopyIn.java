package org.rekindle.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Bulk loads with PostgreSQL's COPY: rows written as CSV stream straight into a table, in the
 * handle's transaction, without a file in between. If writing fails the COPY is cancelled, so the
 * table gets no partial load.
 */
public final class CopyIn {
  private CopyIn() {}

  /**
   * Runs {@code write} with a writer whose CSV lines go into {@code table} (all its columns, in
   * order; an unquoted empty field is NULL), and returns what it returns.
   */
  public static <T> T csv(Handle h, String table, Function<Writer, T> write) {
    PGCopyOutputStream copy;
    try {
      copy =
          new PGCopyOutputStream(
              h.getConnection().unwrap(PGConnection.class),
              "COPY " + table + " FROM STDIN (FORMAT csv)",
              1 << 16);
    } catch (SQLException e) {
      throw new StoreException("cannot load " + table + ": " + e.getMessage(), e);
    }
    try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8))) {
      return write.apply(out);
    } catch (RuntimeException e) {
      cancel(copy);
      throw e;
    } catch (IOException e) {
      cancel(copy);
      throw new UncheckedIOException("cannot load " + table + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a CSV field in quotes, a quote in it doubled (RFC 4180): any text, line breaks included,
   * and an empty text stays an empty text (an unquoted empty field would be NULL).
   */
  public static void quoted(Writer out, String text) throws IOException {
    out.write('"');
    out.write(text.replace("\"", "\"\""));
    out.write('"');
  }

  private static void cancel(PGCopyOutputStream copy) {
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException ignored) {
        // the transaction is rolled back anyway
      }
    }
  }
}
