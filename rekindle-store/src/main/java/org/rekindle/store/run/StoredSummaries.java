package org.rekindle.store.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.TransactionSink;
import org.rekindle.store.StoreException;

/**
 * Per-customer summaries straight from the stored orders: every order is streamed, grouped by
 * customer, into the same {@link Summarizer} that {@code rekindle score} uses, so a stored history
 * and the same history in a file give the same summaries — same-day orders merged, refunds netted,
 * the calibration split — by construction, not by a second implementation of the rules in SQL.
 * Stored order ids are unique, so no row is a duplicate here.
 */
public final class StoredSummaries {
  private StoredSummaries() {}

  /**
   * Streams every stored order into a {@link Summarizer}, which can then summarise them as of any
   * date and with or without a calibration split, without reading the orders again.
   *
   * <p>The orders are read as they are stored, with COPY (a sequential scan: the fastest there is,
   * whatever order they were imported in, where a scan of the (customer, date) index jumps about a
   * table imported day by day), and grouped here by customer, in the order of the customers' ids:
   * the order the summaries, and so the fit's sums, have always come in. The {@link Summarizer}
   * puts each customer's orders in date order if they are not. Customers and orders are read in one
   * snapshot.
   *
   * @throws StoreException if there are no orders
   */
  public static Summarizer collect(Jdbi jdbi) {
    Summarizer summarizer = new Summarizer();
    long rows =
        jdbi.inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            h -> {
              Customers customers = Customers.read(h);
              Grouped orders = Orders.read(h, customers).groupByCustomer(customers.size());
              summarizer.expectRows(orders.size());
              orders.feed(customers, summarizer);
              return orders.size();
            });
    if (rows == 0) {
      throw new StoreException("there are no orders to summarise: import some first");
    }
    return summarizer;
  }

  /** Every customer's id and external id, by id; an id's index is its rank. */
  private static final class Customers {
    private final String[] externalIds;
    // open addressing, linear probing: id -> index + 1, 0 where empty
    private final long[] keys;
    private final int[] values;
    private final int mask;
    private final int shift;

    private Customers(List<String> externalIds, long[] ids) {
      this.externalIds = externalIds.toArray(new String[0]);
      int capacity = Integer.highestOneBit(Math.max(8, 2 * ids.length - 1)) << 1;
      keys = new long[capacity];
      values = new int[capacity];
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
      for (int i = 0; i < ids.length; i++) {
        int slot = slot(ids[i]);
        while (values[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = ids[i];
        values[slot] = i + 1;
      }
    }

    static Customers read(Handle h) {
      List<String> externalIds = new ArrayList<>();
      long[] ids = new long[1 << 12];
      try (BinaryCopyOut copy =
          new BinaryCopyOut(
              h, "SELECT id, external_id FROM customers ORDER BY id", "the customers")) {
        while (copy.next(2)) {
          if (externalIds.size() == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
          }
          ids[externalIds.size()] = copy.int8();
          externalIds.add(copy.text());
        }
      }
      return new Customers(externalIds, Arrays.copyOf(ids, externalIds.size()));
    }

    int size() {
      return externalIds.length;
    }

    String externalId(int index) {
      return externalIds[index];
    }

    /** The index of the customer with this id. */
    int index(long id) {
      for (int slot = slot(id); values[slot] != 0; slot = (slot + 1) & mask) {
        if (keys[slot] == id) {
          return values[slot] - 1;
        }
      }
      throw new StoreException("an order refers to customer " + id + ", who is not stored");
    }

    private int slot(long id) {
      // Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4): the top bits of id * 2^64 / golden ratio
      return (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }
  }

  /** Orders as three columns: the customer's index, the day and the amount in minor units. */
  private static final class Orders {
    private int[] customer;
    private int[] day;
    private long[] amount;
    private int size;

    private Orders(int capacity) {
      customer = new int[capacity];
      day = new int[capacity];
      amount = new long[capacity];
    }

    static Orders read(Handle h, Customers customers) {
      // the planner's row estimate sizes the columns; they grow if it is short
      long estimate =
          h.select("SELECT reltuples::bigint FROM pg_class WHERE oid = 'orders'::regclass")
              .mapTo(Long.class)
              .one();
      Orders orders = new Orders((int) Math.max(1 << 12, Math.min(estimate + 1024, 1 << 28)));
      try (BinaryCopyOut copy =
          new BinaryCopyOut(
              h, "SELECT customer_id, order_date, amount FROM orders", "the orders")) {
        while (copy.next(3)) {
          orders.add(
              customers.index(copy.int8()),
              copy.epochDay(),
              copy.numeric(TransactionSink.AMOUNT_SCALE));
        }
      }
      return orders;
    }

    private void add(int c, int d, long a) {
      if (size == day.length) {
        if (size == Integer.MAX_VALUE - 8) {
          throw new StoreException("more than " + size + " orders: too many to summarise at once");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, size * 2L);
        customer = Arrays.copyOf(customer, capacity);
        day = Arrays.copyOf(day, capacity);
        amount = Arrays.copyOf(amount, capacity);
      }
      customer[size] = c;
      day[size] = d;
      amount[size] = a;
      size++;
    }

    /** The orders grouped by customer index: a counting sort, stable, O(orders + customers). */
    Grouped groupByCustomer(int customers) {
      int[] start = new int[customers + 1];
      for (int i = 0; i < size; i++) {
        start[customer[i] + 1]++;
      }
      for (int c = 0; c < customers; c++) {
        start[c + 1] += start[c];
      }
      int[] next = Arrays.copyOf(start, customers);
      int[] byDay = new int[size];
      long[] byAmount = new long[size];
      for (int i = 0; i < size; i++) {
        int at = next[customer[i]]++;
        byDay[at] = day[i];
        byAmount[at] = amount[i];
      }
      return new Grouped(start, byDay, byAmount);
    }
  }

  /** Orders grouped by customer: customer c's are {@code start[c] .. start[c + 1])}. */
  private record Grouped(int[] start, int[] day, long[] amount) {
    int size() {
      return day.length;
    }

    void feed(Customers customers, Summarizer summarizer) {
      long line = 0;
      for (int c = 0; c + 1 < start.length; c++) {
        // one String per customer: its hash is computed once
        String id = customers.externalId(c);
        for (int i = start[c]; i < start[c + 1]; i++) {
          summarizer.accept(id, day[i], amount[i], TransactionSink.NO_ORDER, ++line);
        }
      }
    }
  }
}
