package org.rekindle.web.imports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.RejectedRow;

/**
 * An import as the page shows it, at one moment: while it runs, how far it has got; after, how it
 * ended, its counts and its first rejected rows.
 *
 * @param status running, completed, refused (nothing imported: too many bad rows, or the file could
 *     not be read as this kind) or failed
 * @param stage what it is doing while it runs
 * @param permille how much of the file has been read, in thousandths; -1 when not known (reading is
 *     over, or the size is unknown)
 * @param rowsRead data rows read so far
 * @param rowsRejected of those, rows the reader rejected so far (the store may reject more when it
 *     merges: rows of unknown customers, order ids of other customers)
 */
public record JobView(
    long id,
    String kind,
    String fileName,
    String startedBy,
    Instant startedAt,
    String status,
    String stage,
    long permille,
    long rowsRead,
    long rowsRejected,
    Optional<ImportResult> result,
    Optional<String> message,
    Optional<Long> batchId,
    Rejects rejects) {

  /** The number of rejected rows a page lists; the CSV download has them all. */
  public static final int SHOWN_REJECTS = 200;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * The first rejected rows of a batch, and how many it has in all.
   *
   * @param shown at most {@link #SHOWN_REJECTS}, in line order
   */
  public record Rejects(List<RejectedRow> shown, long total) {
    public static final Rejects NONE = new Rejects(List.of(), 0);

    public Rejects {
      shown = List.copyOf(shown);
    }

    /** Whether some rejected rows are not listed. */
    public boolean more() {
      return total > shown.size();
    }
  }

  public boolean running() {
    return status.equals("running");
  }

  /** Rows the reader accepted so far. */
  public long rowsAccepted() {
    return rowsRead - rowsRejected;
  }

  /** The progress bar's value, for a {@code <progress max="1000">}. */
  public String progressValue() {
    return Long.toString(permille);
  }

  /** A count with thousands separators: 12,345. */
  public static String n(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** A moment as the pages show it. */
  public static String time(Instant at) {
    return TIME.format(at);
  }

  /** How an ended import's status reads in a sentence. */
  public static String outcome(String status) {
    return switch (status) {
      case "completed" -> "Imported";
      case "refused" -> "Refused: nothing was imported";
      case "failed" -> "Failed: nothing was imported";
      default -> "Running";
    };
  }
}
