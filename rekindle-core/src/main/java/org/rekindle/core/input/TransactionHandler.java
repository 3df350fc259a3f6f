package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;
import org.rekindle.core.summary.RejectedTransactionException;
import org.rekindle.core.summary.TransactionSink;
import org.rekindle.core.summary.internal.BulkSink;

/**
 * Turns FastCSV's parse events into sink calls. Fields are copied into one reusable buffer and
 * parsed from there. Good rows are collected in a batch of primitive arrays, their fields left in
 * the buffer, and handed to the sink together: a {@link BulkSink} is shown the batch first and then
 * takes the customer ids straight from the buffer, so no object is made per row; any other sink
 * gets a string per row, reused when the row repeats the previous row's customer. The sink sees the
 * same rows in the same order as without batching, and rejects are recorded in line order: a bad
 * row first hands on the batch before it. Always returns null, so FastCSV makes no record objects.
 * Call {@link #finish} after the last row.
 */
final class TransactionHandler extends AbstractBaseCsvCallbackHandler<Object> {
  // Big enough to have many cache misses in flight, small enough that the table lines fetched for
  // a batch are still in the cache when its rows are taken one by one.
  static final int BATCH = 256;
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

  // The fields of the batch's rows and of the current row, one after the other.
  private char[] buffer = new char[64 * BATCH];
  private int used;
  private int[] fieldStart = new int[16 * BATCH];
  private int[] fieldLength = new int[16 * BATCH];
  private int fieldsUsed;
  // The current row: where its characters and fields begin, how many fields it has.
  private int rowChars;
  private int rowFields;
  private int fields;
  private long line;
  private boolean headerSeen;

  // The batch: good rows not yet handed to the sink.
  private int pending;
  private final int[] batchFields = new int[BATCH];
  private final int[] batchIdStart = new int[BATCH];
  private final int[] batchIdLength = new int[BATCH];
  private final int[] batchDay = new int[BATCH];
  private final long[] batchAmount = new long[BATCH];
  private final long[] batchOrderKey = new long[BATCH];
  private final long[] batchLine = new long[BATCH];

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

  /** Hands the last batch to the sink. */
  void finish() {
    flush();
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    line = startingLineNumber;
    rowChars = used;
    rowFields = fieldsUsed;
    fields = 0;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (fieldsUsed == fieldStart.length) {
      fieldStart = Arrays.copyOf(fieldStart, fieldsUsed * 2);
      fieldLength = Arrays.copyOf(fieldLength, fieldsUsed * 2);
    }
    if (used + len > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + len));
    }
    System.arraycopy(buf, offset, buffer, used, len);
    fieldStart[fieldsUsed] = used;
    fieldLength[fieldsUsed] = len;
    fieldsUsed++;
    fields++;
    used += len;
  }

  @Override
  protected Object buildRecord() {
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
    int day = dates.parse(buffer, start, end - start);
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
      amount = amounts.parse(buffer, start, end - start);
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
    int r = pending++;
    batchFields[r] = rowFields;
    batchIdStart[r] = idStart;
    batchIdLength[r] = idEnd - idStart;
    batchDay[r] = day;
    batchAmount[r] = amount;
    batchOrderKey[r] = orderKey;
    batchLine[r] = line;
    if (pending == BATCH) {
      flush();
    }
    return null;
  }

  /** Hands the batch to the sink, row by row, recording the rows it refuses as rejects. */
  private void flush() {
    if (pending > 0) {
      sink.prefetch(buffer, batchIdStart, batchIdLength, batchAmount, batchOrderKey, pending);
      for (int r = 0; r < pending; r++) {
        try {
          sink.accept(
              buffer,
              batchIdStart[r],
              batchIdLength[r],
              batchDay[r],
              batchAmount[r],
              batchOrderKey[r],
              batchLine[r]);
          accepted++;
        } catch (RejectedTransactionException e) {
          rejects.reject(batchLine[r], e.getMessage(), raw(batchFields[r], headerFields));
        }
      }
      pending = 0;
    }
    used = 0;
    fieldsUsed = 0;
  }

  /** Forgets the current row, which is not kept in the batch. */
  private void dropRow() {
    used = rowChars;
    fieldsUsed = rowFields;
  }

  private int trimStart(int field) {
    int i = fieldStart[rowFields + field];
    int end = i + fieldLength[rowFields + field];
    while (i < end && isBlank(buffer[i])) {
      i++;
    }
    return i;
  }

  private int trimEnd(int field, int start) {
    int end = fieldStart[rowFields + field] + fieldLength[rowFields + field];
    while (end > start && isBlank(buffer[end - 1])) {
      end--;
    }
    return end;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0';
  }

  private String text(int start, int end) {
    int shown = Math.min(end - start, 100);
    return new String(buffer, start, shown) + (shown < end - start ? "..." : "");
  }

  /** FNV-1a over the characters, then the murmur3 finaliser to spread the bits; never 0. */
  private long hash(int start, int end) {
    long h = 0xcbf29ce484222325L;
    for (int i = start; i < end; i++) {
      h ^= buffer[i];
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == TransactionSink.NO_ORDER ? 1 : h;
  }

  /** Rejects the current row, after handing on the rows before it. */
  private void reject(String reason) {
    String raw = raw(rowFields, fields);
    flush();
    rejects.reject(line, reason, raw);
  }

  /**
   * The fields {@code first .. first + count)} of the batch joined with the file's delimiter,
   * quoted where needed: a row as it was written.
   */
  private String raw(int first, int count) {
    StringBuilder out = new StringBuilder(64);
    for (int f = first; f < first + count; f++) {
      if (f > first) {
        out.append(delimiter);
      }
      int start = fieldStart[f];
      int end = start + fieldLength[f];
      boolean quote = false;
      for (int i = start; i < end && !quote; i++) {
        char c = buffer[i];
        quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
      }
      if (quote) {
        out.append('"');
      }
      for (int i = start; i < end; i++) {
        if (buffer[i] == '"') {
          out.append('"');
        }
        out.append(buffer[i]);
      }
      if (quote) {
        out.append('"');
      }
    }
    return out.toString();
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
        int count) {}

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
