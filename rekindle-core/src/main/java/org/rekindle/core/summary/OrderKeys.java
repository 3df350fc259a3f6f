package org.rekindle.core.summary;

/**
 * 64-bit order keys to the index of the customer they belong to. Open addressing with linear
 * probing; key 0 marks an empty slot. Keys are hashes: two different order ids collide with
 * probability about n²/2⁶⁵, negligible for any real log.
 */
final class OrderKeys {
  private long[] keys = new long[1024];
  private int[] owners = new int[1024];
  private int size;

  /** The customer index that owns a key, or -1. */
  int owner(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key) & mask; ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == 0) {
        return -1;
      }
      if (k == key) {
        return owners[i];
      }
    }
  }

  /** Records the owner of a key that {@link #owner} does not know. */
  void put(long key, int owner) {
    if ((size + 1) * 4L > keys.length * 3L) {
      grow();
    }
    insert(keys, owners, key, owner);
    size++;
  }

  private void grow() {
    long[] newKeys = new long[keys.length * 2];
    int[] newOwners = new int[newKeys.length];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        insert(newKeys, newOwners, keys[i], owners[i]);
      }
    }
    keys = newKeys;
    owners = newOwners;
  }

  private static void insert(long[] keys, int[] owners, long key, int owner) {
    int mask = keys.length - 1;
    int i = slot(key) & mask;
    while (keys[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    owners[i] = owner;
  }

  private static int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }
}
