package org.rekindle.store.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.rekindle.core.input.InputException;
import org.rekindle.store.StoreException;

/**
 * Import batches: one row per file imported, with its counts and status, and its rejected rows. The
 * batch row is committed when the import starts, so a refused or failed import stays visible with
 * its reasons.
 */
public final class ImportBatches {
  /**
   * The key of the importers' advisory lock, as SQL: held by every import and by the API's single
   * orders, shared by the imports that may run beside each other.
   */
  public static final String LOCK = "hashtext('rekindle.import')";

  private ImportBatches() {}

  /** The work of an import inside its transaction. */
  public interface Loader {
    /**
     * @param rejectsFile where the file's reader writes its rejected rows, loaded with the batch
     */
    ImportResult load(Handle h, long batch, Path file, Path rejectsFile);
  }

  /** The work of an import that may run beside others: told whether it runs alone. */
  public interface SharedLoader {
    /**
     * @param alone whether this import holds the importers' lock alone, and may do what others must
     *     not see half done (drop and rebuild a table's indexes)
     */
    ImportResult load(Handle h, long batch, Path file, Path rejectsFile, boolean alone);
  }

  /**
   * Runs an import: the batch row first (committed, so a refused or failed import stays visible),
   * then {@code loader} in one transaction, one import at a time. A refused file (too many bad
   * rows) keeps its rejected rows with the batch.
   */
  public static ImportResult run(Jdbi jdbi, String kind, Path file, Loader loader) {
    return run(
        jdbi,
        kind,
        file,
        false,
        (h, batch, f, rejects, alone) -> loader.load(h, batch, f, rejects));
  }

  /**
   * Runs an import as {@link #run(Jdbi, String, Path, Loader)} does, or, when {@code besideOthers},
   * beside other imports that may too: they hold the importers' lock shared, and one that must run
   * alone waits for them all. Two imports side by side that collide (both insert an order id, or
   * they deadlock) are told so by PostgreSQL; the one told is rolled back and run again, alone,
   * where it sees what the other wrote. So imports beside each other end as they would one after
   * the other.
   */
  public static ImportResult run(
      Jdbi jdbi, String kind, Path file, boolean besideOthers, SharedLoader loader) {
    long batch = open(jdbi, kind, file);
    Path rejectsFile;
    try {
      rejectsFile = Files.createTempFile("rekindle-rejects-", ".csv");
    } catch (IOException e) {
      throw new StoreException("cannot create a temporary file: " + e.getMessage(), e);
    }
    try {
      if (besideOthers) {
        try {
          return locked(jdbi, false, loader, batch, file, rejectsFile);
        } catch (RuntimeException e) {
          if (!collided(e)) {
            throw e;
          }
          // another import wrote the same rows at the same time: again, alone
        }
      }
      return locked(jdbi, true, loader, batch, file, rejectsFile);
    } catch (InputException e) {
      long rejected = 0;
      if (Files.exists(rejectsFile)) {
        rejected = jdbi.inTransaction(h -> loadRejects(h, batch, rejectsFile));
      }
      end(jdbi, batch, "refused", String.valueOf(e.getMessage()), rejected);
      throw e;
    } catch (RuntimeException e) {
      end(jdbi, batch, "failed", String.valueOf(e.getMessage()), 0);
      throw e;
    } finally {
      try {
        Files.deleteIfExists(rejectsFile);
      } catch (IOException ignored) {
        // a temporary file; its rows are in the database by now
      }
    }
  }

  /**
   * The loader in a transaction holding the importers' lock, alone (merges read then write, and a
   * bulk load rebuilds indexes) or shared with the imports beside it.
   */
  private static ImportResult locked(
      Jdbi jdbi, boolean alone, SharedLoader loader, long batch, Path file, Path rejectsFile) {
    return jdbi.inTransaction(
        h -> {
          h.execute("SELECT pg_advisory_xact_lock" + (alone ? "" : "_shared") + "(" + LOCK + ")");
          return loader.load(h, batch, file, rejectsFile, alone);
        });
  }

  /**
   * Whether a failure is a collision with a concurrent transaction: a unique key both inserted
   * (23505) or a deadlock (40P01).
   */
  static boolean collided(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && ("23505".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** Records the start of an import of {@code file}; returns the batch id. */
  static long open(Jdbi jdbi, String kind, Path file) {
    String sha = sha256(file);
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO import_batches (kind, file_name, file_sha256)"
                        + " VALUES (:kind, :file, :sha)")
                .bind("kind", kind)
                .bind("file", file.toAbsolutePath().normalize().toString())
                .bind("sha", sha)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  /**
   * Loads a rejects file ({@code line,reason,raw} with a header, as the readers write it) into the
   * batch's rejected rows, with COPY.
   */
  public static long loadRejects(Handle h, long batchId, Path rejectsCsv) {
    h.execute(
        "CREATE TEMP TABLE IF NOT EXISTS rejects_stage (line bigint, reason text, raw text)"
            + " ON COMMIT DELETE ROWS");
    h.execute("TRUNCATE rejects_stage");
    copyIn(h, "COPY rejects_stage FROM STDIN (FORMAT csv, HEADER true)", rejectsCsv);
    return h.createUpdate(
            "INSERT INTO import_rejects (batch_id, line, reason, raw)"
                + " SELECT :batch, line, reason, raw FROM rejects_stage"
                + " ON CONFLICT (batch_id, line) DO NOTHING")
        .bind("batch", batchId)
        .execute();
  }

  /** Marks a batch completed with its counts. */
  public static void complete(Handle h, ImportResult r) {
    h.createUpdate(
            "UPDATE import_batches SET status = 'completed', finished_at = now(),"
                + " rows_read = :rows, inserted = :inserted, updated = :updated,"
                + " unchanged = :unchanged, rejected = :rejected,"
                + " customers_created = :created WHERE id = :id")
        .bind("rows", r.rowsRead())
        .bind("inserted", r.inserted())
        .bind("updated", r.updated())
        .bind("unchanged", r.unchanged())
        .bind("rejected", r.rejected())
        .bind("created", r.customersCreated())
        .bind("id", r.batchId())
        .execute();
  }

  /** Marks a batch refused (too many bad rows) or failed, with the message. */
  static void end(Jdbi jdbi, long batchId, String status, String message, long rejected) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE import_batches SET status = :status, finished_at = now(),"
                        + " message = :message, rejected = :rejected WHERE id = :id")
                .bind("status", status)
                .bind("message", message)
                .bind("rejected", rejected)
                .bind("id", batchId)
                .execute());
  }

  /**
   * Moves the rows {@code select} picks from the staging table {@code stage} (columns line, reason,
   * raw; a line picked twice is rejected once, with the first reason) to the batch's rejects, and
   * returns how many lines were rejected. {@code stage} is a table name of the importer's own.
   */
  public static long rejectInStage(Handle h, String stage, long batch, String select) {
    h.execute(
        "CREATE TEMP TABLE IF NOT EXISTS stage_rejects (line bigint, reason text, raw text)"
            + " ON COMMIT DROP");
    h.execute("TRUNCATE stage_rejects");
    h.execute("INSERT INTO stage_rejects " + select);
    h.execute("DELETE FROM " + stage + " s USING stage_rejects r WHERE s.line = r.line");
    return h.createUpdate(
            "INSERT INTO import_rejects (batch_id, line, reason, raw)"
                + " SELECT :batch, line, min(reason), min(raw) FROM stage_rejects GROUP BY line")
        .bind("batch", batch)
        .execute();
  }

  /**
   * The rejected rows of a batch, in line order.
   *
   * @throws StoreException if there is no such batch
   */
  public static List<RejectedRow> rejects(Jdbi jdbi, long batchId) {
    return jdbi.withHandle(
        h -> {
          boolean exists =
              h.select("SELECT count(*) FROM import_batches WHERE id = ?", batchId)
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (!exists) {
            throw new StoreException("there is no import batch " + batchId);
          }
          return h.select(
                  "SELECT b.file_name, r.line, r.reason, r.raw FROM import_rejects r"
                      + " JOIN import_batches b ON b.id = r.batch_id"
                      + " WHERE r.batch_id = ? ORDER BY r.line",
                  batchId)
              .map(
                  (rs, ctx) ->
                      new RejectedRow(
                          rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
              .list();
        });
  }

  private static final String BATCH_COLUMNS =
      "id, kind, file_name, started_at, finished_at, status, rows_read, inserted, updated,"
          + " unchanged, rejected, customers_created, message";

  /** The latest imports, newest first. */
  public static List<ImportBatch> recent(Jdbi jdbi, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + BATCH_COLUMNS + " FROM import_batches ORDER BY id DESC LIMIT :n")
                .bind("n", limit)
                .map((rs, ctx) -> batch(rs))
                .list());
  }

  /** One import, if there is such a batch. */
  public static Optional<ImportBatch> find(Jdbi jdbi, long batchId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + BATCH_COLUMNS + " FROM import_batches WHERE id = :id")
                .bind("id", batchId)
                .map((rs, ctx) -> batch(rs))
                .findOne());
  }

  /** The first {@code limit} rejected rows of a batch, in line order (none if no such batch). */
  public static List<RejectedRow> rejects(Jdbi jdbi, long batchId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT b.file_name, r.line, r.reason, r.raw FROM import_rejects r"
                        + " JOIN import_batches b ON b.id = r.batch_id"
                        + " WHERE r.batch_id = :batch ORDER BY r.line LIMIT :n")
                .bind("batch", batchId)
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new RejectedRow(
                            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list());
  }

  /**
   * Hands every rejected row of a batch to {@code sink}, in line order, streamed from the database
   * rather than held in memory (a refused file may have millions).
   */
  public static void forEachReject(Jdbi jdbi, long batchId, Consumer<RejectedRow> sink) {
    jdbi.useTransaction(
        h ->
            h.createQuery(
                    "SELECT b.file_name, r.line, r.reason, r.raw FROM import_rejects r"
                        + " JOIN import_batches b ON b.id = r.batch_id"
                        + " WHERE r.batch_id = :batch ORDER BY r.line")
                .bind("batch", batchId)
                // PostgreSQL streams a result only inside a transaction, with a fetch size
                .setFetchSize(1_000)
                .map(
                    (rs, ctx) ->
                        new RejectedRow(
                            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .forEach(sink));
  }

  private static ImportBatch batch(ResultSet rs) throws SQLException {
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new ImportBatch(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("file_name"),
        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
        Optional.ofNullable(finished).map(OffsetDateTime::toInstant),
        rs.getString("status"),
        rs.getLong("rows_read"),
        rs.getLong("inserted"),
        rs.getLong("updated"),
        rs.getLong("unchanged"),
        rs.getLong("rejected"),
        rs.getLong("customers_created"),
        Optional.ofNullable(rs.getString("message")));
  }

  /** COPY ... FROM STDIN from a UTF-8 file. */
  static long copyIn(Handle h, String sql, Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot load " + file + " into the database: " + e.getMessage(), e);
    }
  }

  private static String sha256(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // the digest sees every byte on the way
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
