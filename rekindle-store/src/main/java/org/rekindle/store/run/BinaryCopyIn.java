package org.rekindle.store.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.rekindle.store.StoreException;

/**
 * Rows written into a table with {@code COPY table FROM STDIN (FORMAT binary)}, field by field, in
 * the handle's transaction. Numbers go as their bytes: nothing to format here nor to parse in the
 * server, and a double arrives exactly as it was. The format is PostgreSQL's, documented under
 * COPY, "Binary Format".
 *
 * <p>{@link #finish()} ends the COPY; closing without it cancels the COPY, so the table gets no
 * partial load. Not thread-safe.
 */
final class BinaryCopyIn implements AutoCloseable {
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private final CopyIn copy;
  private final String table;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16); // big-endian, as COPY wants

  /** Starts {@code COPY table FROM STDIN (FORMAT binary)}: all its columns, in order. */
  BinaryCopyIn(Handle h, String table) {
    this.table = table;
    try {
      copy =
          h.getConnection()
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
    } catch (SQLException e) {
      throw new StoreException("cannot load " + table + ": " + e.getMessage(), e);
    }
    room(HEADER.length);
    buffer.put(HEADER);
  }

  /** Starts a row of {@code fields} fields. */
  BinaryCopyIn row(int fields) {
    room(2);
    buffer.putShort((short) fields);
    return this;
  }

  BinaryCopyIn int8(long value) {
    room(12);
    buffer.putInt(8).putLong(value);
    return this;
  }

  BinaryCopyIn int4(int value) {
    room(8);
    buffer.putInt(4).putInt(value);
    return this;
  }

  BinaryCopyIn float8(double value) {
    room(12);
    buffer.putInt(8).putDouble(value);
    return this;
  }

  BinaryCopyIn bool(boolean value) {
    room(5);
    buffer.putInt(1).put((byte) (value ? 1 : 0));
    return this;
  }

  BinaryCopyIn text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    room(4);
    buffer.putInt(bytes.length);
    if (bytes.length > buffer.remaining()) {
      flush();
      send(bytes, bytes.length);
    } else {
      buffer.put(bytes);
    }
    return this;
  }

  BinaryCopyIn nullField() {
    room(4);
    buffer.putInt(-1);
    return this;
  }

  /**
   * Ends the COPY.
   *
   * @return the rows loaded
   */
  long finish() {
    room(2);
    buffer.putShort((short) -1);
    flush();
    try {
      return copy.endCopy();
    } catch (SQLException e) {
      throw new StoreException("cannot load " + table + ": " + e.getMessage(), e);
    }
  }

  /** Cancels the COPY unless it was finished. */
  @Override
  public void close() {
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException ignored) {
        // the transaction is rolled back anyway
      }
    }
  }

  private void room(int bytes) {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() {
    send(buffer.array(), buffer.position());
    buffer.clear();
  }

  private void send(byte[] bytes, int length) {
    if (length == 0) {
      return;
    }
    try {
      copy.writeToCopy(bytes, 0, length);
    } catch (SQLException e) {
      throw new StoreException("cannot load " + table + ": " + e.getMessage(), e);
    }
  }
}
