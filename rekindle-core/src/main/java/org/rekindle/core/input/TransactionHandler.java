package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.summary.RejectedTransactionException;
import org.rekindle.core.summary.TransactionSink;
import org.rekindle.core.summary.internal.BulkSink;

/**
 * Turns FastCSV's parse events into sink calls. Fields are copied into a {@link Batch}, parsed from
 * there and left there; each row becomes a few numbers in the batch's primitive arrays, or a reject
 * with its reason. A full batch is passed to a {@link Handoff}: by default handed to the sink at
 * once, or queued for another thread that calls {@link #deliver}. The sink sees the same rows in
 * the same order as without batching, and rejects are recorded in line order. A {@link BulkSink} is
 * shown each few hundred rows before it gets them and takes the customer ids straight from the
 * buffer, so no object is made per row; any other sink gets a string per row, reused when the row
 * repeats the previous row's customer. Always returns null, so FastCSV makes no record objects.
 * Call {@link #finish} after the last row.
 */
final class TransactionHandler extends AbstractBaseCsvCallbackHandler<Object> {
  /** Rows per batch: few hand-offs between threads. */
  static final int BATCH = 4096;

  // Rows per prefetch: enough to have many cache misses in flight, few enough that the table lines
  // fetched are still in the cache when the rows are taken one by one.
  static final int PREFETCH = 256;
  private static final int MIN_DAY = (int) TransactionSink.EARLIEST_DATE.toEpochDay();
  private static final int MAX_DAY = (int) TransactionSink.LATEST_DATE.toEpochDay();

  private final int headerFields;
  private final int customerColumn;
  private final int dateColumn;
  private final int amountColumn;
  private final int orderColumn;
  private final String customerName;
  private final String dateName;
  private final String amountName;
  private final char delimiter;
  private final DateParser dates;
  private final AmountParser amounts;
  private final BulkSink sink;
  private final RejectLog rejects;

  // The batch being filled; its rows' fields and those of the current row are in its buffer.
  private Batch batch = new Batch();
  private Handoff handoff =
      full -> {
        deliver(full);
        full.clear();
        return full;
      };
  // The current row: where its characters and fields begin in the batch, how many fields it has.
  private int rowChars;
  private int rowFields;
  private int fields;
  private long line;
  private boolean headerSeen;

  long rows;
  long accepted;

  TransactionHandler(
      ResolvedColumns columns,
      char delimiter,
      DateParser dates,
      AmountParser amounts,
      TransactionSink sink,
      RejectLog rejects) {
    this.headerFields = columns.header().size();
    this.customerColumn = columns.customer();
    this.dateColumn = columns.date();
    this.amountColumn = columns.amount();
    this.orderColumn = columns.order();
    this.customerName = columns.header().get(customerColumn);
    this.dateName = columns.header().get(dateColumn);
    this.amountName = amountColumn >= 0 ? columns.header().get(amountColumn) : "";
    this.delimiter = delimiter;
    this.dates = dates;
    this.amounts = amounts;
    this.sink = sink instanceof BulkSink ? (BulkSink) sink : new StringSink(sink);
    this.rejects = rejects;
  }

  /** Passes on a hint of how many rows the file has; ignored if not positive. */
  void expectRows(long expected) {
    if (expected > 0) {
      sink.expectRows(expected);
    }
  }

  /** Passes full batches to {@code handoff} instead of handing them to the sink at once. */
  void handOffTo(Handoff handoff) {
    this.handoff = handoff;
  }

  /** Passes on the last batch. */
  void finish() {
    if (batch.pending > 0) {
      batch = handoff.pass(batch);
    }
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    line = startingLineNumber;
    rowChars = batch.used;
    rowFields = batch.fieldsUsed;
    fields = 0;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (batch.fieldsUsed == batch.fieldStart.length) {
      batch.fieldStart = Arrays.copyOf(batch.fieldStart, batch.fieldsUsed * 2);
      batch.fieldLength = Arrays.copyOf(batch.fieldLength, batch.fieldsUsed * 2);
    }
    if (batch.used + len > batch.buffer.length) {
      batch.buffer =
          Arrays.copyOf(batch.buffer, Math.max(batch.buffer.length * 2, batch.used + len));
    }
    System.arraycopy(buf, offset, batch.buffer, batch.used, len);
    batch.fieldStart[batch.fieldsUsed] = batch.used;
    batch.fieldLength[batch.fieldsUsed] = len;
    batch.fieldsUsed++;
    fields++;
    batch.used += len;
  }

  @Override
  protected @Nullable Object buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      dropRow();
      return null;
    }
    if (!headerSeen) {
      headerSeen = true;
      dropRow();
      return null;
    }
    rows++;
    if (fields != headerFields) {
      reject("expected " + headerFields + " fields as in the header, found " + fields);
      return null;
    }
    int idStart = trimStart(customerColumn);
    int idEnd = trimEnd(customerColumn, idStart);
    if (idStart == idEnd) {
      reject("missing customer id in column '" + customerName + "'");
      return null;
    }

    int start = trimStart(dateColumn);
    int end = trimEnd(dateColumn, start);
    if (start == end) {
      reject("missing date in column '" + dateName + "'");
      return null;
    }
    int day = dates.parse(batch.buffer, start, end - start);
    if (day == DateParser.INVALID) {
      reject(
          "column '"
              + dateName
              + "': cannot read '"
              + text(start, end)
              + "' as a date (expected "
              + dates.description()
              + ")");
      return null;
    }
    if (day < MIN_DAY || day > MAX_DAY) {
      reject(
          "column '"
              + dateName
              + "': the date '"
              + text(start, end)
              + "' is outside "
              + TransactionSink.EARLIEST_DATE
              + " .. "
              + TransactionSink.LATEST_DATE);
      return null;
    }

    long amount = 0;
    if (amountColumn >= 0) {
      start = trimStart(amountColumn);
      end = trimEnd(amountColumn, start);
      if (start == end) {
        reject("missing amount in column '" + amountName + "'");
        return null;
      }
      amount = amounts.parse(batch.buffer, start, end - start);
      if (amount == AmountParser.INVALID) {
        reject(
            "column '"
                + amountName
                + "': cannot read '"
                + text(start, end)
                + "' as an amount (expected a number such as "
                + (amounts.decimalComma() ? "1.234,50" : "1,234.50")
                + ", at most 12 digits before the decimal separator)");
        return null;
      }
    }

    long orderKey = TransactionSink.NO_ORDER;
    if (orderColumn >= 0) {
      start = trimStart(orderColumn);
      end = trimEnd(orderColumn, start);
      if (start < end) {
        orderKey = hash(start, end);
      }
    }
    int r = batch.pending++;
    batch.rowFields[r] = rowFields;
    batch.idStart[r] = idStart;
    batch.idLength[r] = idEnd - idStart;
    batch.day[r] = day;
    batch.amount[r] = amount;
    batch.orderKey[r] = orderKey;
    batch.line[r] = line;
    batch.reason[r] = null;
    if (batch.pending == BATCH) {
      batch = handoff.pass(batch);
    }
    return null;
  }

  /**
   * Hands a batch's rows to the sink in order, a few hundred at a time shown to it first, and
   * records the batch's rejects and the rows the sink refuses.
   */
  void deliver(Batch b) {
    for (int from = 0; from < b.pending; from += PREFETCH) {
      int to = Math.min(b.pending, from + PREFETCH);
      sink.prefetch(b.buffer, b.idStart, b.idLength, b.amount, b.orderKey, from, to);
      for (int r = from; r < to; r++) {
        String reason = b.reason[r];
        if (reason != null) {
          rejects.reject(b.line[r], reason, b.raw[r]);
          continue;
        }
        try {
          sink.accept(
              b.buffer,
              b.idStart[r],
              b.idLength[r],
              b.day[r],
              b.amount[r],
              b.orderKey[r],
              b.line[r]);
          accepted++;
        } catch (RejectedTransactionException e) {
          rejects.reject(b.line[r], e.reason(), raw(b, b.rowFields[r], headerFields));
        }
      }
    }
  }

  /** Forgets the current row's fields. */
  private void dropRow() {
    batch.used = rowChars;
    batch.fieldsUsed = rowFields;
  }

  private int trimStart(int field) {
    int i = batch.fieldStart[rowFields + field];
    int end = i + batch.fieldLength[rowFields + field];
    while (i < end && isBlank(batch.buffer[i])) {
      i++;
    }
    return i;
  }

  private int trimEnd(int field, int start) {
    int end = batch.fieldStart[rowFields + field] + batch.fieldLength[rowFields + field];
    while (end > start && isBlank(batch.buffer[end - 1])) {
      end--;
    }
    return end;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0';
  }

  private String text(int start, int end) {
    int shown = Math.min(end - start, 100);
    return new String(batch.buffer, start, shown) + (shown < end - start ? "..." : "");
  }

  /** FNV-1a over the characters, then the murmur3 finaliser to spread the bits; never 0. */
  private long hash(int start, int end) {
    long h = 0xcbf29ce484222325L;
    for (int i = start; i < end; i++) {
      h ^= batch.buffer[i];
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == TransactionSink.NO_ORDER ? 1 : h;
  }

  /** Records the current row as a reject, to be passed on in its place among the rows. */
  private void reject(String reason) {
    String raw = raw(batch, rowFields, fields);
    dropRow();
    int r = batch.pending++;
    batch.rowFields[r] = rowFields;
    batch.idStart[r] = 0;
    batch.idLength[r] = 0;
    batch.amount[r] = 0;
    batch.orderKey[r] = TransactionSink.NO_ORDER;
    batch.line[r] = line;
    batch.reason[r] = reason;
    batch.raw[r] = raw;
    if (batch.pending == BATCH) {
      batch = handoff.pass(batch);
    }
  }

  /**
   * The fields {@code first .. first + count)} of a batch joined with the file's delimiter, quoted
   * where needed: a row as it was written.
   */
  private String raw(Batch b, int first, int count) {
    StringBuilder out = new StringBuilder(64);
    for (int f = first; f < first + count; f++) {
      if (f > first) {
        out.append(delimiter);
      }
      int start = b.fieldStart[f];
      int end = start + b.fieldLength[f];
      boolean quote = false;
      for (int i = start; i < end && !quote; i++) {
        char c = b.buffer[i];
        quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
      }
      if (quote) {
        out.append('"');
      }
      for (int i = start; i < end; i++) {
        if (b.buffer[i] == '"') {
          out.append('"');
        }
        out.append(b.buffer[i]);
      }
      if (quote) {
        out.append('"');
      }
    }
    return out.toString();
  }

  /** Takes a full batch and gives back an empty one to fill. */
  @FunctionalInterface
  interface Handoff {
    Batch pass(Batch full);
  }

  /**
   * Rows read but not yet handed to the sink: their fields' characters, and per row the position of
   * its first field, the customer id's place in the buffer, date, amount, order key and line, or
   * for a reject its reason and text.
   */
  static final class Batch {
    private char[] buffer = new char[64 * BATCH];
    private int used;
    private int[] fieldStart = new int[8 * BATCH];
    private int[] fieldLength = new int[8 * BATCH];
    private int fieldsUsed;
    private int pending;
    private final int[] rowFields = new int[BATCH];
    private final int[] idStart = new int[BATCH];
    private final int[] idLength = new int[BATCH];
    private final int[] day = new int[BATCH];
    private final long[] amount = new long[BATCH];
    private final long[] orderKey = new long[BATCH];
    private final long[] line = new long[BATCH];
    private final @Nullable String[] reason = new String[BATCH];
    private final @Nullable String[] raw = new String[BATCH];

    void clear() {
      Arrays.fill(reason, 0, pending, null);
      Arrays.fill(raw, 0, pending, null);
      used = 0;
      fieldsUsed = 0;
      pending = 0;
    }
  }

  /** Any other sink: one string per row, the previous row's reused when the text is the same. */
  private static final class StringSink implements BulkSink {
    private final TransactionSink sink;
    private String last = "";

    StringSink(TransactionSink sink) {
      this.sink = sink;
    }

    @Override
    public void expectRows(long rows) {}

    @Override
    public void prefetch(
        char[] chars,
        int[] idStart,
        int[] idLength,
        long[] amountMinor,
        long[] orderKey,
        int from,
        int to) {}

    @Override
    public void accept(
        char[] chars,
        int start,
        int length,
        int epochDay,
        long amountMinor,
        long orderKey,
        long line) {
      if (!sameAsLast(chars, start, length)) {
        last = new String(chars, start, length);
      }
      sink.accept(last, epochDay, amountMinor, orderKey, line);
    }

    @Override
    public void accept(
        String customerId, int epochDay, long amountMinor, long orderKey, long line) {
      sink.accept(customerId, epochDay, amountMinor, orderKey, line);
    }

    private boolean sameAsLast(char[] chars, int start, int length) {
      if (length != last.length()) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (chars[start + i] != last.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }
}
