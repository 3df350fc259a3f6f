package org.rekindle.core.summary;

import java.util.Arrays;

/**
 * Customer ids to dense indexes 0, 1, 2... in order of first appearance. Open addressing with
 * linear probing over parallel arrays: no entry or boxed integer per customer.
 */
final class CustomerIndex {
  private String[] slotKeys = new String[1024];
  private int[] slotValues = new int[1024];
  private String[] names = new String[256];
  private int size;
  private String lastId = "";
  private int lastIndex = -1;

  /** The index of a customer, or -1 if unknown. */
  int find(String id) {
    // Logs are often sorted by customer: most rows repeat the previous row's customer.
    if (lastIndex >= 0 && id.equals(lastId)) {
      return lastIndex;
    }
    int mask = slotKeys.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      String key = slotKeys[i];
      if (key == null) {
        return -1;
      }
      if (key.equals(id)) {
        lastId = key;
        lastIndex = slotValues[i];
        return lastIndex;
      }
    }
  }

  /** Adds a customer that {@link #find} does not know; returns its index. */
  int add(String id) {
    if ((size + 1) * 4L > slotKeys.length * 3L) {
      grow();
    }
    int index = size++;
    if (index == names.length) {
      names = Arrays.copyOf(names, names.length * 2);
    }
    names[index] = id;
    insert(slotKeys, slotValues, id, index);
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
    String[] keys = new String[slotKeys.length * 2];
    int[] values = new int[keys.length];
    for (int i = 0; i < slotKeys.length; i++) {
      if (slotKeys[i] != null) {
        insert(keys, values, slotKeys[i], slotValues[i]);
      }
    }
    slotKeys = keys;
    slotValues = values;
  }

  private static void insert(String[] keys, int[] values, String id, int index) {
    int mask = keys.length - 1;
    int i = spread(id.hashCode()) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = id;
    values[i] = index;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9;
  }
}
