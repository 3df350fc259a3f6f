package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The data rows of a CSV source, one record at a time, with what every record reader shares: the
 * header skipped, rows of the wrong width refused, every refused row written to the rejects log, a
 * file without data rows or with too many rejects refused, and read errors turned into clear
 * messages.
 */
final class CsvRows {
  private CsvRows() {}

  /** One row's handling. */
  interface Row {
    /**
     * @return null when the row is accepted, else the reason it is refused
     */
    @Nullable String accept(CsvRecord record, long line);
  }

  /** What reading found. */
  record Counts(long rows, long rejected, Optional<Path> rejectsFile) {
    /** The reader's report of {@code source}: these counts and the settings it read with. */
    ReadReport report(String source, String settings) {
      return new ReadReport(source, rows, rows - rejected, rejected, rejectsFile, settings);
    }
  }

  /**
   * What a reader's {@code parse} returned, handed on: a record of {@code type} goes to {@code
   * sink} (the row is accepted, null), anything else is the reason the row is refused.
   */
  static <T> @Nullable String handOn(Object parsed, Class<T> type, Consumer<? super T> sink) {
    if (type.isInstance(parsed)) {
      sink.accept(type.cast(parsed));
      return null;
    }
    return (String) parsed;
  }

  /**
   * Reads every data row after the header.
   *
   * @throws InputException if the file cannot be read or is not valid CSV, has no data rows, or has
   *     more than {@code maxRejects} of its rows rejected
   */
  static Counts read(
      Source source, List<String> header, Optional<Path> rejectsFile, double maxRejects, Row row) {
    long rows = 0;
    try (RejectLog rejects = new RejectLog(source.name, rejectsFile);
        CsvReader<CsvRecord> csv =
            Source.csv(source.delimiter).ofCsvRecord(source.body, StandardCharsets.UTF_8)) {
      boolean headerSeen = false;
      for (CsvRecord record : csv) {
        if (!headerSeen) {
          headerSeen = true;
          continue;
        }
        rows++;
        long line = record.getStartingLineNumber();
        String problem =
            record.getFieldCount() != header.size()
                ? "expected "
                    + header.size()
                    + " fields as in the header, found "
                    + record.getFieldCount()
                : row.accept(record, line);
        if (problem != null) {
          rejects.reject(
              line, problem, String.join(String.valueOf(source.delimiter), record.getFields()));
        }
        if (rows % ProgressListener.ROWS_STEP == 0) {
          source.progress.rows(rows, rejects.count());
        }
      }
      source.progress.rows(rows, rejects.count());
      if (rows == 0) {
        throw new InputException(
            "file '"
                + source.name
                + "' has a header but no data rows (header: "
                + Headers.show(header)
                + ")");
      }
      rejects.check(rows, maxRejects);
      return new Counts(rows, rejects.count(), rejects.path());
    } catch (CsvParseException e) {
      if (e.getCause() instanceof IOException io) {
        // FastCSV wraps a failing stream (a broken .gz) in a parse error
        throw new InputException(
            "cannot read file '" + source.name + "': " + Source.describe(io), e);
      }
      throw new InputException("file '" + source.name + "' is not valid CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new InputException("cannot read file '" + source.name + "': " + Source.describe(e), e);
    } catch (IOException e) {
      throw new InputException("cannot read file '" + source.name + "': " + Source.describe(e), e);
    }
  }
}
