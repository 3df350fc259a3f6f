package org.rekindle.core.summary;

import java.util.Arrays;

/**
 * Customer ids to dense indexes 0, 1, 2... in order of first appearance.
 *
 * <p>Open addressing with linear probing over one {@code long[]}, two longs per slot: the key and
 * {@code hash << 32 | index + 1} (0 marks an empty slot). Short ids (up to 7 Latin-1 characters,
 * most real ids) are packed into the key itself, so a lookup touches one cache line and never the
 * stored string; on logs sorted by date, where every row is a random customer, that is what reading
 * speed hinges on. Longer ids have key 0 and are compared by hash, then by string.
 */
final class CustomerIndex {
  private long[] table = new long[2 * 1024];
  private String[] names = new String[256];
  private int size;
  private String lastId = "";
  private int lastIndex = -1;
  // The same for lookups by characters. A copy, because comparing with the kept string would mean
  // fetching it from memory: a cache miss per row.
  private char[] lastChars = new char[16];
  private int lastLength = -1;
  private int lastCharsIndex = -1;

  /** The index of a customer, or -1 if unknown. */
  int find(String id) {
    // Logs sorted by customer repeat the previous row's customer.
    if (lastIndex >= 0 && id.equals(lastId)) {
      return lastIndex;
    }
    long packed = pack(id);
    int hash = packed != 0 ? mix(packed) : id.hashCode();
    int mask = table.length / 2 - 1;
    for (int i = slot(hash, table.length / 2); ; i = (i + 1) & mask) {
      long meta = table[2 * i + 1];
      if (meta == 0) {
        return -1;
      }
      long key = table[2 * i];
      if (packed != 0
          ? key == packed
          : key == 0 && (int) (meta >>> 32) == hash && names[(int) meta - 1].equals(id)) {
        lastId = id;
        lastIndex = (int) meta - 1;
        return lastIndex;
      }
    }
  }

  /** The index of the customer whose id is {@code chars[start .. start + length)}, or -1. */
  int find(char[] chars, int start, int length) {
    if (length == lastLength && Arrays.equals(chars, start, start + length, lastChars, 0, length)) {
      return lastCharsIndex;
    }
    long packed = pack(chars, start, length);
    int hash = packed != 0 ? mix(packed) : hash(chars, start, length);
    int mask = table.length / 2 - 1;
    for (int i = slot(hash, table.length / 2); ; i = (i + 1) & mask) {
      long meta = table[2 * i + 1];
      if (meta == 0) {
        return -1;
      }
      long key = table[2 * i];
      if (packed != 0
          ? key == packed
          : key == 0
              && (int) (meta >>> 32) == hash
              && sameAs(names[(int) meta - 1], chars, start, length)) {
        if (length > lastChars.length) {
          lastChars = new char[length];
        }
        System.arraycopy(chars, start, lastChars, 0, length);
        lastLength = length;
        lastCharsIndex = (int) meta - 1;
        return lastCharsIndex;
      }
    }
  }

  /**
   * Reads the table slot where the lookup of this id starts and returns what it holds, so that a
   * loop over many ids has their cache misses in flight together. Changes nothing.
   */
  long touch(char[] chars, int start, int length) {
    long packed = pack(chars, start, length);
    int hash = packed != 0 ? mix(packed) : hash(chars, start, length);
    return table[2 * slot(hash, table.length / 2) + 1];
  }

  /** Adds a customer that {@link #find} does not know; returns its index. */
  int add(String id) {
    if ((size + 1) * 4L > (table.length / 2) * 3L) {
      grow();
    }
    int index = size++;
    if (index == names.length) {
      names = Arrays.copyOf(names, names.length * 2);
    }
    names[index] = id;
    long packed = pack(id);
    int hash = packed != 0 ? mix(packed) : id.hashCode();
    insert(table, packed, ((long) hash << 32) | (index + 1L));
    lastId = id;
    lastIndex = index;
    return index;
  }

  String name(int index) {
    return names[index];
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (int i = 0; i < table.length; i += 2) {
      if (table[i + 1] != 0) {
        insert(bigger, table[i], table[i + 1]);
      }
    }
    table = bigger;
  }

  private static void insert(long[] table, long key, long meta) {
    int mask = table.length / 2 - 1;
    int i = slot((int) (meta >>> 32), table.length / 2);
    while (table[2 * i + 1] != 0) {
      i = (i + 1) & mask;
    }
    table[2 * i] = key;
    table[2 * i + 1] = meta;
  }

  /**
   * Fibonacci hashing, the top bits of the product: the low bits of String.hashCode are too regular
   * for ids like "C1", "C2"... and cluster under linear probing.
   */
  private static int slot(int hash, int capacity) {
    return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(capacity));
  }

  private static int mix(long packed) {
    return (int) (packed ^ (packed >>> 29) ^ (packed >>> 41));
  }

  /** {@link String#hashCode} of the characters, so that both kinds of lookup agree. */
  private static int hash(char[] chars, int start, int length) {
    int h = 0;
    for (int i = start; i < start + length; i++) {
      h = 31 * h + chars[i];
    }
    return h;
  }

  private static boolean sameAs(String id, char[] chars, int start, int length) {
    if (id.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.charAt(i) != chars[start + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The id's length and characters in one long, distinct for distinct ids; 0 if the id is longer
   * than 7 characters or has one beyond Latin-1.
   */
  static long pack(String id) {
    int n = id.length();
    if (n == 0 || n > 7) {
      return 0;
    }
    long packed = n;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c > 0xff) {
        return 0;
      }
      packed = (packed << 8) | c;
    }
    return packed;
  }

  /** {@link #pack(String)} of the characters. */
  static long pack(char[] chars, int start, int length) {
    if (length == 0 || length > 7) {
      return 0;
    }
    long packed = length;
    for (int i = start; i < start + length; i++) {
      char c = chars[i];
      if (c > 0xff) {
        return 0;
      }
      packed = (packed << 8) | c;
    }
    return packed;
  }
}
