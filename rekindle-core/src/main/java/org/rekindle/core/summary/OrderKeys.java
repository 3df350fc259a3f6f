package org.rekindle.core.summary;

/**
 * 64-bit order keys to the index of the customer they belong to. Open addressing with linear
 * probing over one {@code long[]}, key and owner side by side so that a lookup and the insert after
 * it touch one cache line; key 0 marks an empty slot. Keys are hashes: two different order ids
 * collide with probability about n²/2⁶⁵, negligible for any real log.
 */
final class OrderKeys {
  private long[] table = new long[2 * 1024];
  private int size;

  /** The customer index that owns a key, or -1. */
  int owner(long key) {
    int mask = table.length / 2 - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = table[2 * i];
      if (k == 0) {
        return -1;
      }
      if (k == key) {
        return (int) table[2 * i + 1];
      }
    }
  }

  /** Reads the slot where the lookup of a key starts; see {@link CustomerIndex#touch}. */
  long touch(long key) {
    return table[2 * slot(key, table.length / 2 - 1)];
  }

  /** Makes room for {@code keys} keys in all, so that the table need not grow until then. */
  void reserve(long keys) {
    long needed = Math.min(keys, 1L << 24) * 4 / 3 + 1;
    if (needed <= table.length / 2) {
      return;
    }
    long[] old = table;
    table = new long[2 * Integer.highestOneBit((int) needed - 1) * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0) {
        insert(table, old[i], (int) old[i + 1]);
      }
    }
  }

  /** Records the owner of a key that {@link #owner} does not know. */
  void put(long key, int owner) {
    if ((size + 1) * 4L > (table.length / 2) * 3L) {
      long[] bigger = new long[table.length * 2];
      for (int i = 0; i < table.length; i += 2) {
        if (table[i] != 0) {
          insert(bigger, table[i], (int) table[i + 1]);
        }
      }
      table = bigger;
    }
    insert(table, key, owner);
    size++;
  }

  private static void insert(long[] table, long key, int owner) {
    int mask = table.length / 2 - 1;
    int i = slot(key, mask);
    while (table[2 * i] != 0) {
      i = (i + 1) & mask;
    }
    table[2 * i] = key;
    table[2 * i + 1] = owner;
  }

  private static int slot(long key, int mask) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
