package org.rekindle.store.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.rekindle.core.input.FeedbackFileReader;
import org.rekindle.core.input.FeedbackRecord;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.ReadReport;
import org.rekindle.store.CopyIn;
import org.rekindle.store.Store;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;

/**
 * Imports a feedback file (see {@link FeedbackFileReader} for the columns): rows are staged by COPY
 * while the file is read, then merged by the source's feedback id in one transaction, which also
 * opens a case for every new negative one. Re-importing a file adds nothing.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Feedback is known by its id in the file. A row without one gets {@code customer@date#hash},
 *       the hash of its source, rating, text and flag, so the same row of the same file gets the
 *       same id again (and two identical rows are one feedback).
 *   <li>A row for a customer the store does not hold is rejected: feedback does not create
 *       customers (import the customers or their orders first).
 *   <li>Rows repeating an id in the file are duplicates but the last, which counts: it is the newer
 *       state of that feedback. An id already stored for another customer rejects the row.
 *   <li>A stored feedback whose values differ is updated; if it becomes negative and has no case,
 *       one is opened. A case is never closed by an import.
 *   <li>Rejected rows are kept with the batch. When more than the allowed share of rows is
 *       rejected, nothing is imported and the batch is marked refused.
 * </ul>
 */
public final class FeedbackImporter {
  private final Store store;
  private final FeedbackFileReader.Builder reader;
  private final double maxRejects;
  private final String defaultSource;
  private final Duration sla;
  private final Clock clock;

  /**
   * What an import did, and the cases it opened.
   *
   * @param casesOpened the cases opened for negative feedback
   */
  public record Result(ImportResult result, List<Long> casesOpened) {}

  /**
   * @param reader how to read the file (columns, dates, scale, progress); its rejects settings are
   *     set here
   * @param maxRejects the largest share of rejected rows
   * @param defaultSource the source of rows whose file says none
   * @param sla how long after a case opens its first contact is due
   */
  public FeedbackImporter(
      Store store,
      FeedbackFileReader.Builder reader,
      double maxRejects,
      String defaultSource,
      Duration sla,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.reader = Objects.requireNonNull(reader, "reader");
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new IllegalArgumentException("maxRejects must be between 0 and 1: " + maxRejects);
    }
    this.maxRejects = maxRejects;
    if (defaultSource.isBlank()) {
      throw new IllegalArgumentException("the default source must not be blank");
    }
    this.defaultSource = defaultSource.strip();
    this.sla = Objects.requireNonNull(sla, "sla");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Imports {@code file}.
   *
   * @throws InputException if the file cannot be read or has too many bad rows (the batch is then
   *     recorded as refused, with its rejected rows)
   */
  public Result importFile(Path file) {
    Object[] opened = {List.of()};
    ImportResult r =
        ImportBatches.run(
            store.jdbi(),
            "feedback",
            file,
            (h, batch, f, rejectsFile) -> {
              Loaded l = load(h, batch, f, rejectsFile);
              opened[0] = l.opened;
              return l.result;
            });
    @SuppressWarnings("unchecked")
    List<Long> cases = (List<Long>) opened[0];
    return new Result(r, cases);
  }

  private record Loaded(ImportResult result, List<Long> opened) {}

  private Loaded load(Handle h, long batch, Path file, Path rejectsFile) {
    h.execute(
        "CREATE TEMP TABLE feedback_stage (line bigint, customer text, feedback_id text,"
            + " source text, rating smallint, text text, received_on date, flagged boolean,"
            + " raw text) ON COMMIT DROP");
    ReadReport read =
        CopyIn.csv(
            h,
            "feedback_stage",
            out ->
                reader
                    .maxRejects(maxRejects)
                    .rejectsFile(rejectsFile)
                    .build()
                    .read(file, r -> stageRow(out, r)));
    h.execute("ANALYZE feedback_stage");
    long unknown =
        ImportBatches.rejectInStage(
            h,
            "feedback_stage",
            batch,
            "SELECT s.line, 'unknown customer ''' || s.customer || ''': import the customers (or"
                + " their orders) first', s.raw FROM feedback_stage s"
                + " WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer)");
    long otherCustomer =
        ImportBatches.rejectInStage(
            h,
            "feedback_stage",
            batch,
            "WITH firsts AS (SELECT DISTINCT ON (feedback_id) feedback_id, customer, line"
                + " FROM feedback_stage ORDER BY feedback_id, line)"
                + " SELECT s.line, 'feedback id ''' || s.feedback_id || ''' belongs to customer '''"
                + " || f.customer || ''' (line ' || f.line || ')', s.raw"
                + " FROM feedback_stage s JOIN firsts f USING (feedback_id)"
                + " WHERE s.customer <> f.customer"
                + " UNION ALL SELECT s.line, 'feedback id ''' || s.feedback_id || ''' is already"
                + " stored for customer ''' || c.external_id || '''', s.raw"
                + " FROM feedback_stage s JOIN feedback o ON o.external_id = s.feedback_id"
                + " JOIN customers c ON c.id = o.customer_id WHERE c.external_id <> s.customer");
    int duplicates =
        h.execute(
            // the same id twice in one file: the later row is the newer state of that feedback
            "DELETE FROM feedback_stage s USING feedback_stage t"
                + " WHERE s.feedback_id = t.feedback_id AND s.line < t.line");
    long rejected = read.rejected() + unknown + otherCustomer;
    if (rejected > maxRejects * read.rows()) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "file '%s': %d of %d rows rejected (%d of unknown customers, %d with feedback ids"
                  + " of other customers), above the %s%% limit; nothing was imported",
              file,
              rejected,
              read.rows(),
              unknown,
              otherCustomer,
              100 * maxRejects));
    }
    long staged = h.select("SELECT count(*) FROM feedback_stage").mapTo(Long.class).one();
    long updated =
        h.createUpdate(
                "UPDATE feedback f SET source = s.source, rating = s.rating, text = s.text,"
                    + " received_on = s.received_on, flagged = s.flagged, batch_id = :batch"
                    + " FROM feedback_stage s WHERE f.external_id = s.feedback_id"
                    + " AND (f.source, f.rating, f.text, f.received_on, f.flagged)"
                    + " IS DISTINCT FROM (s.source, s.rating, s.text, s.received_on, s.flagged)")
            .bind("batch", batch)
            .execute();
    long inserted =
        h.createUpdate(
                "INSERT INTO feedback (external_id, customer_id, source, rating, text,"
                    + " received_on, flagged, batch_id)"
                    + " SELECT s.feedback_id, c.id, s.source, s.rating, s.text, s.received_on,"
                    + " s.flagged, :batch FROM feedback_stage s"
                    + " JOIN customers c ON c.external_id = s.customer"
                    + " WHERE NOT EXISTS (SELECT 1 FROM feedback f"
                    + " WHERE f.external_id = s.feedback_id) ORDER BY s.line")
            .bind("batch", batch)
            .execute();
    Long[] touched =
        h.select("SELECT id FROM feedback WHERE batch_id = ? ORDER BY id", batch)
            .mapTo(Long.class)
            .list()
            .toArray(Long[]::new);
    Instant now = clock.instant();
    List<Long> opened = Cases.openFor(h, touched, now, sla, "import batch " + batch);
    ImportBatches.loadRejects(h, batch, rejectsFile);
    ImportResult result =
        new ImportResult(
            batch,
            "feedback",
            read.rows(),
            inserted,
            updated,
            staged - inserted - updated,
            rejected,
            duplicates,
            0);
    ImportBatches.complete(h, result);
    return new Loaded(result, opened);
  }

  private void stageRow(Writer out, FeedbackRecord r) {
    String source = r.source().orElse(defaultSource);
    String id = r.feedbackId().orElseGet(() -> derivedId(r, source));
    try {
      out.write(Long.toString(r.line()));
      out.write(',');
      CopyIn.quoted(out, r.customerId());
      out.write(',');
      CopyIn.quoted(out, id);
      out.write(',');
      CopyIn.quoted(out, source);
      out.write(',');
      if (r.rating().isPresent()) {
        out.write(Integer.toString(r.rating().get()));
      }
      out.write(',');
      if (r.text().isPresent()) {
        CopyIn.quoted(out, r.text().get());
      }
      out.write(',');
      out.write(r.date().toString());
      out.write(',');
      out.write(r.flagged() ? "true" : "false");
      out.write(',');
      CopyIn.quoted(
          out,
          String.join(
              ",",
              r.customerId(),
              r.feedbackId().orElse(""),
              source,
              r.givenRating().orElse(""),
              r.text().orElse(""),
              r.date().toString(),
              r.flagged() ? "yes" : ""));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of a row whose file gives none: the customer, the day, and a hash of the rest. */
  private static String derivedId(FeedbackRecord r, String source) {
    String content =
        String.join(
            "\u0000",
            source,
            r.rating().map(String::valueOf).orElse(""),
            r.text().orElse(""),
            String.valueOf(r.flagged()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return r.customerId() + "@" + r.date() + "#" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
