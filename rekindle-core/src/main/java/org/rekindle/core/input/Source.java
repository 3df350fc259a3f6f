package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * An opened input file: gzip detected by its magic bytes and unpacked, a UTF-8 byte order mark
 * skipped, the delimiter detected from the header line, and the first bytes decoded as a sample to
 * detect columns and formats from before streaming the whole file.
 */
final class Source implements Closeable {
  static final int SAMPLE_BYTES = 64 * 1024;
  private static final int BUFFER = 64 * 1024;
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  final String name;
  final InputStream body;
  final String sample;

  /** Whether the sample is only the beginning of the file. */
  final boolean partialSample;

  final char delimiter;

  /** Who hears how far reading has got. */
  final ProgressListener progress;

  /** The delimiter as a report names it: a tab as {@code \t}, so it can be seen. */
  String delimiterName() {
    return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
  }

  /** About how many data rows the file has, from its size and the sample; 0 if unknown. */
  final long expectedRows;

  private Source(
      String name,
      InputStream body,
      String sample,
      boolean partialSample,
      long expectedRows,
      ProgressListener progress) {
    this.name = name;
    this.progress = progress;
    this.body = body;
    this.sample = sample;
    this.partialSample = partialSample;
    this.expectedRows = expectedRows;
    this.delimiter = detectDelimiter(sample);
  }

  static Source open(Path file, ProgressListener progress) {
    String name = file.toString();
    InputStream in;
    long size;
    try {
      size = Files.size(file);
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InputException("cannot read file '" + name + "': it does not exist", e);
    } catch (IOException e) {
      throw new InputException("cannot read file '" + name + "': " + e, e);
    }
    return open(in, name, size, progress);
  }

  static Source open(InputStream in, String name, long size, ProgressListener progress) {
    InputStream counted = new Counting(in, size, progress);
    try {
      BufferedInputStream raw = new BufferedInputStream(counted, BUFFER);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      BufferedInputStream text =
          b0 == 0x1f && b1 == 0x8b
              ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER)
              : raw;
      text.mark(SAMPLE_BYTES + 3);
      byte[] head = text.readNBytes(SAMPLE_BYTES + 3);
      text.reset();
      int bom = 0;
      if (head.length >= 3
          && (head[0] & 0xff) == 0xef
          && (head[1] & 0xff) == 0xbb
          && (head[2] & 0xff) == 0xbf) {
        bom = 3;
        text.skipNBytes(3);
      }
      int end = head.length;
      boolean partial = end == SAMPLE_BYTES + 3;
      if (partial) {
        // Keep whole lines only: the last one is probably cut.
        while (end > bom && head[end - 1] != '\n') {
          end--;
        }
      }
      String sample = new String(Arrays.copyOfRange(head, bom, end), StandardCharsets.UTF_8);
      boolean gzip = text != raw;
      return new Source(
          name, text, sample, partial, gzip ? 0 : expectedRows(head, bom, end, size), progress);
    } catch (IOException e) {
      closeQuietly(counted);
      throw new InputException("cannot read file '" + name + "': " + describe(e), e);
    }
  }

  /**
   * The file size over the mean length of the sample's lines, less the header: a hint for sizing
   * tables, only as good as the sample is typical (a gzip file's size says too little).
   */
  private static long expectedRows(byte[] head, int from, int to, long size) {
    if (size <= 0 || to <= from) {
      return 0;
    }
    long lines = 0;
    for (int i = from; i < to; i++) {
      if (head[i] == '\n') {
        lines++;
      }
    }
    return lines < 2 ? 0 : Math.max(0, size * lines / (to - from) - 1);
  }

  /** A CSV reader that neither fails on ragged rows nor on stray characters after quotes. */
  static CsvReader.CsvReaderBuilder csv(char delimiter) {
    return CsvReader.builder()
        .fieldSeparator(delimiter)
        .allowExtraCharsAfterClosingQuote(true)
        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(FieldMismatchStrategy.IGNORE);
  }

  /**
   * The header and up to {@code max} following non-empty records of the sample; an empty list if
   * the file has no header.
   */
  List<List<String>> sampleRecords(int max) {
    List<List<String>> records = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = csv(delimiter).ofCsvRecord(sample)) {
      for (CsvRecord record : reader) {
        if (records.size() > max) {
          break;
        }
        records.add(record.getFields());
      }
    } catch (IOException | CsvParseException | UncheckedIOException e) {
      throw new InputException("file '" + name + "' is not valid CSV: " + e.getMessage(), e);
    }
    return records;
  }

  static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
      return "it is not a valid gzip file (" + (message == null ? e.toString() : message) + ")";
    }
    return message == null ? e.toString() : message;
  }

  /** As {@link #describe(IOException)}, for the I/O error an unchecked wrapper carries. */
  static String describe(UncheckedIOException e) {
    // UncheckedIOException's constructors reject a null cause, so getCause() is never null
    return describe(Objects.requireNonNull(e.getCause()));
  }

  @Override
  public void close() {
    closeQuietly(body);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing was written; a failed close loses nothing.
    }
  }

  /** The most frequent of comma, semicolon, tab and pipe outside quotes in the first line. */
  private static char detectDelimiter(String sample) {
    int[] counts = new int[DELIMITERS.length];
    boolean quoted = false;
    for (int i = 0; i < sample.length(); i++) {
      char c = sample.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted) {
        for (int d = 0; d < DELIMITERS.length; d++) {
          if (c == DELIMITERS[d]) {
            counts[d]++;
          }
        }
      }
    }
    int best = 0;
    for (int d = 1; d < DELIMITERS.length; d++) {
      if (counts[d] > counts[best]) {
        best = d;
      }
    }
    return DELIMITERS[best];
  }

  /** Counts the bytes read from the file and reports progress about every megabyte. */
  private static final class Counting extends FilterInputStream {
    private static final long STEP = 1 << 20;
    private final long size;
    private final ProgressListener progress;
    private long read;
    private long nextReport = STEP;
    private boolean ended;

    Counting(InputStream in, long size, ProgressListener progress) {
      super(in);
      this.size = size;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) {
      if (n < 0) {
        if (!ended) {
          ended = true;
          progress.progress(read, size);
        }
        return;
      }
      read += n;
      if (read >= nextReport) {
        nextReport = read + STEP;
        progress.progress(read, size);
      }
    }
  }
}
