package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;
import org.rekindle.core.summary.RejectedTransactionException;
import org.rekindle.core.summary.TransactionSink;

/**
 * Turns FastCSV's parse events into sink calls. Fields are copied into one reusable buffer and
 * parsed from there; the only object made per row is the customer id string, and not even that when
 * the row repeats the previous row's customer. Always returns null, so FastCSV makes no record
 * objects.
 */
final class TransactionHandler extends AbstractBaseCsvCallbackHandler<Object> {
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
  private final TransactionSink sink;
  private final RejectLog rejects;

  private char[] buffer = new char[256];
  private int used;
  private int[] fieldStart = new int[16];
  private int[] fieldLength = new int[16];
  private int fields;
  private long line;
  private boolean headerSeen;
  private String lastCustomer = "";

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
    this.sink = sink;
    this.rejects = rejects;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    line = startingLineNumber;
    used = 0;
    fields = 0;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (fields == fieldStart.length) {
      fieldStart = Arrays.copyOf(fieldStart, fields * 2);
      fieldLength = Arrays.copyOf(fieldLength, fields * 2);
    }
    if (used + len > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + len));
    }
    System.arraycopy(buf, offset, buffer, used, len);
    fieldStart[fields] = used;
    fieldLength[fields] = len;
    fields++;
    used += len;
  }

  @Override
  protected Object buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      return null;
    }
    if (!headerSeen) {
      headerSeen = true;
      return null;
    }
    rows++;
    if (fields != headerFields) {
      reject("expected " + headerFields + " fields as in the header, found " + fields);
      return null;
    }
    // Customer id: trimmed; the previous row's string is reused when the text is the same.
    int start = trimStart(customerColumn);
    int end = trimEnd(customerColumn, start);
    if (start == end) {
      reject("missing customer id in column '" + customerName + "'");
      return null;
    }
    String customer = sameAsLast(start, end) ? lastCustomer : newCustomer(start, end);

    start = trimStart(dateColumn);
    end = trimEnd(dateColumn, start);
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
    try {
      sink.accept(customer, day, amount, orderKey, line);
      accepted++;
    } catch (RejectedTransactionException e) {
      reject(e.getMessage());
    }
    return null;
  }

  private boolean sameAsLast(int start, int end) {
    if (end - start != lastCustomer.length()) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (buffer[i] != lastCustomer.charAt(i - start)) {
        return false;
      }
    }
    return true;
  }

  private String newCustomer(int start, int end) {
    lastCustomer = new String(buffer, start, end - start);
    return lastCustomer;
  }

  private int trimStart(int field) {
    int i = fieldStart[field];
    int end = i + fieldLength[field];
    while (i < end && isBlank(buffer[i])) {
      i++;
    }
    return i;
  }

  private int trimEnd(int field, int start) {
    int end = fieldStart[field] + fieldLength[field];
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

  private void reject(String reason) {
    rejects.reject(line, reason, raw());
  }

  /** The row's fields joined with the file's delimiter, quoted where needed. */
  private String raw() {
    StringBuilder out = new StringBuilder(used + fields + 8);
    for (int f = 0; f < fields; f++) {
      if (f > 0) {
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
}
