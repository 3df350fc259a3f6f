package org.rekindle.core.input;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rejected rows and, when asked, writes them to a CSV file with the columns {@code
 * line,reason,raw}: the physical line (1-based, the header is line 1), why, and the row.
 */
final class RejectLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RejectLog.class);
  private static final int KEEP = 3;
  private static final int MAX_RAW = 1000;

  private final String source;
  private final Optional<Path> path;
  private final Optional<CsvWriter> writer;
  private final List<String> first = new ArrayList<>(KEEP);
  private long count;

  RejectLog(String source, Optional<Path> path) {
    this.source = source;
    this.path = path;
    if (path.isPresent()) {
      try {
        CsvWriter w = CsvWriter.builder().build(path.get(), StandardCharsets.UTF_8);
        w.writeRecord("line", "reason", "raw");
        this.writer = Optional.of(w);
      } catch (IOException | UncheckedIOException e) {
        throw new InputException(
            "cannot write the rejects file '" + path.get() + "': " + e.getMessage(), e);
      }
    } else {
      this.writer = Optional.empty();
    }
  }

  void reject(long line, String reason, String raw) {
    count++;
    if (first.size() < KEEP) {
      first.add("line " + line + ": " + reason);
      LOG.debug("{} line {} rejected: {}", source, line, reason);
    }
    if (writer.isPresent()) {
      // a NUL shown as the symbol for one: the rejects are loaded into the store, whose text
      // cannot hold the character itself
      String visible = raw.replace('\0', '\u2400');
      String shown = visible.length() > MAX_RAW ? visible.substring(0, MAX_RAW) + "..." : visible;
      try {
        writer.get().writeRecord(Long.toString(line), reason, shown);
      } catch (UncheckedIOException e) {
        throw new InputException(
            "cannot write the rejects file '" + path.orElseThrow() + "': " + e.getMessage(), e);
      }
    }
  }

  long count() {
    return count;
  }

  Optional<Path> path() {
    return path;
  }

  /**
   * Fails if more than {@code maxRejects} of {@code rows} were rejected.
   *
   * @throws InputException naming the count, the share, the limit and where to look
   */
  void check(long rows, double maxRejects) {
    if (rows == 0 || count <= maxRejects * rows) {
      return;
    }
    String where =
        path.isPresent()
            ? "see the rejects file '" + path.get() + "'"
            : "the first: " + String.join("; ", first) + " (pass a rejects file to see all)";
    throw new InputException(
        String.format(
            Locale.ROOT,
            "file '%s': %d of %d rows (%s%%) rejected, above the %s%% limit; %s",
            source,
            count,
            rows,
            percent(100.0 * count / rows),
            percent(100.0 * maxRejects),
            where));
  }

  private static String percent(double p) {
    String s = String.format(Locale.ROOT, "%.2f", p);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() {
    if (writer.isPresent()) {
      try {
        writer.get().close();
      } catch (IOException | UncheckedIOException e) {
        throw new InputException(
            "cannot write the rejects file '" + path.orElseThrow() + "': " + e.getMessage(), e);
      }
    }
  }
}
