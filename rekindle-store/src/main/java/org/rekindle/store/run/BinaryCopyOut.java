package org.rekindle.store.run;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.rekindle.store.StoreException;

/**
 * The rows of a {@code COPY (query) TO STDOUT (FORMAT binary)}, read field by field. COPY streams
 * the rows without a cursor's round trips, and the binary format needs no parsing of numbers and
 * dates and no unescaping of text. The format is PostgreSQL's, documented under COPY, "Binary
 * Format"; a numeric is sent as base-10000 digits (src/backend/utils/adt/numeric.c, numeric_send).
 *
 * <p>Only what the daily run reads: {@code bigint}, {@code date}, {@code text} and {@code numeric},
 * none of them NULL. Not thread-safe; closing before the end cancels the COPY.
 */
final class BinaryCopyOut implements AutoCloseable {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };
  // days from 1970-01-01, Java's epoch day 0, to 2000-01-01, PostgreSQL's date 0
  private static final int POSTGRES_EPOCH_DAY = 10_957;
  private static final int NUMERIC_NEGATIVE = 0x4000;
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

  private final CopyOut copy;
  private final PGConnection connection;
  private final String what;
  private byte[] chunk = new byte[0];
  private int position;
  private boolean ended;

  /**
   * Starts {@code COPY (query) TO STDOUT (FORMAT binary)} in the handle's transaction.
   *
   * @param what what is read, for messages ("the orders")
   */
  BinaryCopyOut(Handle h, String query, String what) {
    this.what = what;
    try {
      connection = h.getConnection().unwrap(PGConnection.class);
      copy = connection.getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT (FORMAT binary)");
    } catch (SQLException e) {
      throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
    }
    for (byte b : SIGNATURE) {
      if (u8() != (b & 0xFF)) {
        throw malformed("no binary COPY signature");
      }
    }
    skip(4); // flags: no OIDs in a COPY of a query
    skip(int32()); // the header extension, none so far
  }

  /**
   * Moves to the next row.
   *
   * @return false after the last row
   * @throws StoreException if a row does not have {@code fields} fields
   */
  boolean next(int fields) {
    int count = int16();
    if (count == -1) {
      ended = true;
      return false;
    }
    if (count != fields) {
      throw malformed("a row of " + count + " fields where " + fields + " were expected");
    }
    return true;
  }

  /** The next field, a {@code bigint}. */
  long int8() {
    field(8);
    return int64();
  }

  /** The next field, a {@code date}, as days since 1970-01-01 (the infinities far outside). */
  int epochDay() {
    field(4);
    long day = (long) int32() + POSTGRES_EPOCH_DAY;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, day));
  }

  /** The next field, a {@code text}. */
  String text() {
    int length = field(-1);
    if (chunk.length - position >= length) {
      position += length;
      return new String(chunk, position - length, length, StandardCharsets.UTF_8);
    }
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) u8();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The next field, a {@code numeric}, as a whole number of 10<sup>-scale</sup> units.
   *
   * @throws StoreException if it is not a finite number, has more decimals than {@code scale} or
   *     does not fit a long
   */
  long numeric(int scale) {
    field(-1);
    int digits = int16();
    int weight = (short) int16();
    int sign = int16() & 0xFFFF;
    int16(); // display scale
    if (sign != 0 && sign != NUMERIC_NEGATIVE) {
      throw malformed("a number that is not finite");
    }
    long value = 0;
    try {
      for (int i = 0; i < digits; i++) {
        long digit = int16();
        // digit i stands for digit * 10000^(weight - i), that is 10^exponent units
        int exponent = 4 * (weight - i) + scale;
        if (digit == 0) {
          continue;
        }
        if (exponent >= 0) {
          long units = digit;
          for (int k = 0; k < exponent; k++) {
            units = Math.multiplyExact(units, 10);
          }
          value = Math.addExact(value, units);
        } else if (-exponent < POWERS_OF_TEN.length && digit % POWERS_OF_TEN[-exponent] == 0) {
          value = Math.addExact(value, digit / POWERS_OF_TEN[-exponent]);
        } else {
          throw malformed("a number with more than " + scale + " decimals");
        }
      }
    } catch (ArithmeticException e) {
      throw malformed("a number too large for a long of " + scale + " decimals");
    }
    return sign == NUMERIC_NEGATIVE ? -value : value;
  }

  /** Reads a field's length; {@code expected} is its fixed length, or -1 for any. */
  private int field(int expected) {
    int length = int32();
    if (length == -1) {
      throw malformed("an unexpected NULL");
    }
    if (expected >= 0 && length != expected) {
      throw malformed("a field of " + length + " bytes where " + expected + " were expected");
    }
    return length;
  }

  private int u8() {
    if (position == chunk.length) {
      nextChunk();
    }
    return chunk[position++] & 0xFF;
  }

  private int int16() {
    if (chunk.length - position >= 2) {
      int v = (short) (((chunk[position] & 0xFF) << 8) | (chunk[position + 1] & 0xFF));
      position += 2;
      return v;
    }
    return (short) ((u8() << 8) | u8());
  }

  private int int32() {
    if (chunk.length - position >= 4) {
      int p = position;
      position += 4;
      return ((chunk[p] & 0xFF) << 24)
          | ((chunk[p + 1] & 0xFF) << 16)
          | ((chunk[p + 2] & 0xFF) << 8)
          | (chunk[p + 3] & 0xFF);
    }
    return (u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
  }

  private long int64() {
    return ((long) int32() << 32) | (int32() & 0xFFFF_FFFFL);
  }

  private void skip(int bytes) {
    for (int i = 0; i < bytes; i++) {
      u8();
    }
  }

  /** The server sends a CopyData message per row; a field may still straddle two, in principle. */
  private void nextChunk() {
    byte[] next;
    try {
      next = copy.readFromCopy();
    } catch (SQLException e) {
      throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
    }
    if (next == null) {
      throw malformed("the data ended early");
    }
    chunk = next;
    position = 0;
  }

  private StoreException malformed(String problem) {
    return new StoreException("cannot read " + what + ": " + problem + " in the COPY data");
  }

  /**
   * Reads to the end of the COPY after the last row; one left early is cancelled and its connection
   * closed: after a cancelled COPY OUT the driver can be out of step with the server, and the pool
   * would hand the connection to the next caller, whose first statement failed (BinaryCopyOutTest).
   * The transaction fails with what ended the COPY, and the pool drops the closed connection.
   */
  @Override
  public void close() {
    try {
      if (ended) {
        while (copy.readFromCopy() != null) {
          // the end of the COPY
        }
      } else if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } finally {
          ((java.sql.Connection) connection).close();
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }
}
