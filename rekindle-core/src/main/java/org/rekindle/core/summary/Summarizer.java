package org.rekindle.core.summary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.rekindle.core.summary.internal.BulkSink;

/**
 * Collects transactions and turns them into per-customer summaries.
 *
 * <p>Rows are kept in primitive arrays (an int customer index, an int day and a long amount per
 * row, about 16 bytes, plus 16 to 32 bytes per distinct order id in a hash table), so ten million
 * rows of a million customers fit comfortably in a 2 GB heap. Not thread-safe.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Order ids.</b> The first row of a customer's order id wins; later rows of the same
 *       customer with the same order id and the same sign are dropped and counted as {@link
 *       SummaryCounts#duplicateOrders()}. A refund may carry the id of the order it refunds. An
 *       order id already seen under another customer is refused with a {@link
 *       RejectedTransactionException}: the reader records the row as a reject.
 *   <li><b>As of.</b> Rows dated after the as-of date are ignored and counted.
 *   <li><b>Purchase days.</b> A customer's rows on one day are merged into one purchase day whose
 *       amount is their sum: refunds on that day net against its purchases. A day with at least one
 *       row of amount &ge; 0 is a purchase day (a zero-amount order counts, as in the published
 *       CDNOW counts); a day with only refunds is not.
 *   <li><b>Refunds.</b> A refund on a day without a purchase, and the part of a same-day refund
 *       that exceeds that day's purchases, nets against the customer's latest earlier purchase day
 *       in the same period, never below zero. A refund with no earlier purchase day in the period
 *       is ignored and counted as {@link SummaryCounts#unmatchedRefunds()}. Netting never crosses
 *       from the holdout into the calibration period, so the holdout cannot change the calibration
 *       summary.
 *   <li><b>Without a calibration end</b>, over the rows up to the as-of date: x = purchase days
 *       &minus; 1; t_x = last &minus; first purchase day; T = as-of date &minus; first purchase
 *       day; monetary = the mean net amount of the repeat purchase days (the first purchase
 *       excluded, 0 when x = 0). Times are in the chosen {@link Period}, weeks being days / 7.
 *       These are the definitions of Fader, Hardie &amp; Lee (2005, "Counting your customers the
 *       easy way", section 2) and, for monetary, of the Gamma-Gamma input (Fader &amp; Hardie 2013,
 *       note 025).
 *   <li><b>With a calibration end</b>, x, t_x, T and monetary come from the rows up to the
 *       calibration end and T is measured to it; the rows after it, up to the as-of date, give each
 *       customer's holdout purchase days and spend. Customers whose first purchase is after the
 *       calibration end are not in the calibration cohort and are counted.
 *   <li>Customers without any purchase day up to the (calibration) end are left out and counted.
 * </ul>
 */
public final class Summarizer implements BulkSink {
  private static final int MIN_DAY = (int) EARLIEST_DATE.toEpochDay();
  private static final int MAX_DAY = (int) LATEST_DATE.toEpochDay();
  // Refunds get their own order-key space: a refund may reuse the id of the order it refunds.
  private static final long REFUND_SALT = 0xA5A5_5A5A_C3C3_3C3CL;

  private final CustomerIndex customers = new CustomerIndex();
  private final OrderKeys orders = new OrderKeys();
  private int[] rowCustomer = new int[1 << 12];
  private int[] rowDay = new int[1 << 12];
  private long[] rowAmount = new long[1 << 12];
  private int rows;
  private long duplicateOrders;
  private int minDay = Integer.MAX_VALUE;
  private int maxDay = Integer.MIN_VALUE;
  // Most logs are written in date order, or grouped by customer with each customer's rows in date
  // order (an export of order histories); summarize() then needs no sort by day, or no sort at all.
  private boolean inDayOrder = true;
  private boolean inCustomerOrder = true;
  private long expectedOrders;
  private long touched;

  // Scratch space of summarize(): the rows grouped by customer.
  private int[] day = new int[0];
  private long[] amount = new long[0];

  @Override
  public void accept(String customerId, int epochDay, long amountMinor, long orderKey, long line) {
    checkDate(epochDay);
    if (customerId.isBlank()) {
      throw new RejectedTransactionException("missing customer id");
    }
    int customer = customers.find(customerId);
    if (orderKey != NO_ORDER) {
      long key = key(amountMinor, orderKey);
      if (!isNewOrder(key, customer)) {
        return;
      }
      if (customer < 0) {
        customer = customers.add(customerId);
      }
      orders.put(key, customer);
    } else if (customer < 0) {
      customer = customers.add(customerId);
    }
    append(customer, epochDay, amountMinor);
  }

  /** For {@code TransactionReader}; see {@link BulkSink}. */
  @Override
  public void accept(
      char[] chars,
      int start,
      int length,
      int epochDay,
      long amountMinor,
      long orderKey,
      long line) {
    int customer = customers.find(chars, start, length);
    if (customer < 0) {
      // Once per customer: its id must become a string to be kept anyway.
      accept(new String(chars, start, length), epochDay, amountMinor, orderKey, line);
      return;
    }
    checkDate(epochDay);
    if (orderKey != NO_ORDER) {
      long key = key(amountMinor, orderKey);
      if (!isNewOrder(key, customer)) {
        return;
      }
      orders.put(key, customer);
    }
    append(customer, epochDay, amountMinor);
  }

  /**
   * For {@code TransactionReader}; see {@link BulkSink}. Sizes the row arrays, and the order table
   * when the first order id comes, for that many rows, though never for more than about a quarter
   * of the heap: the hint may be wrong.
   */
  @Override
  public void expectRows(long expected) {
    long n = Math.min(expected, Runtime.getRuntime().maxMemory() / 64);
    if (n > rowDay.length && n < Integer.MAX_VALUE - 8) {
      rowCustomer = Arrays.copyOf(rowCustomer, (int) n);
      rowDay = Arrays.copyOf(rowDay, (int) n);
      rowAmount = Arrays.copyOf(rowAmount, (int) n);
    }
    expectedOrders = Math.max(expectedOrders, n);
  }

  /**
   * For {@code TransactionReader}; see {@link BulkSink}. With a million customers and ten million
   * order ids, the tables are far larger than the caches, and each row costs two cache misses; one
   * row at a time, the processor waits for them one after the other, while this loop has those of a
   * whole batch in flight together.
   */
  @Override
  public void prefetch(
      char[] chars,
      int[] idStart,
      int[] idLength,
      long[] amountMinor,
      long[] orderKey,
      int from,
      int to) {
    long sum = 0;
    for (int r = from; r < to; r++) {
      sum += customers.touch(chars, idStart[r], idLength[r]);
      if (orderKey[r] != NO_ORDER) {
        sum += orders.touch(key(amountMinor[r], orderKey[r]));
      }
    }
    // Kept so that the compiler cannot drop the loads.
    touched = sum;
  }

  private static void checkDate(int epochDay) {
    if (epochDay < MIN_DAY || epochDay > MAX_DAY) {
      throw new RejectedTransactionException(
          "date "
              + LocalDate.ofEpochDay(epochDay)
              + " is outside "
              + EARLIEST_DATE
              + " .. "
              + LATEST_DATE);
    }
  }

  private static long key(long amountMinor, long orderKey) {
    long key = amountMinor < 0 ? orderKey ^ REFUND_SALT : orderKey;
    return key == 0 ? 1 : key;
  }

  /**
   * Whether the order key is new; false for a duplicate of the same customer's (counted).
   *
   * @throws RejectedTransactionException if the key belongs to another customer
   */
  private boolean isNewOrder(long key, int customer) {
    if (expectedOrders > 0) {
      orders.reserve(expectedOrders);
      expectedOrders = 0;
    }
    int owner = orders.owner(key);
    if (owner < 0) {
      return true;
    }
    if (owner == customer) {
      duplicateOrders++;
      return false;
    }
    throw new RejectedTransactionException(
        "order id already belongs to customer '" + customers.name(owner) + "'");
  }

  private void append(int customer, int epochDay, long amountMinor) {
    if (rows == rowDay.length) {
      if (rows == Integer.MAX_VALUE - 8) {
        throw new SummaryException("more than " + rows + " rows: split the input");
      }
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, rows * 2L);
      rowCustomer = Arrays.copyOf(rowCustomer, capacity);
      rowDay = Arrays.copyOf(rowDay, capacity);
      rowAmount = Arrays.copyOf(rowAmount, capacity);
    }
    if (rows > 0) {
      // customers are numbered in order of first appearance: grouped input never steps back
      int previous = rowCustomer[rows - 1];
      inCustomerOrder &=
          customer > previous || (customer == previous && epochDay >= rowDay[rows - 1]);
    }
    rowCustomer[rows] = customer;
    rowDay[rows] = epochDay;
    rowAmount[rows] = amountMinor;
    rows++;
    inDayOrder &= epochDay >= maxDay;
    minDay = Math.min(minDay, epochDay);
    maxDay = Math.max(maxDay, epochDay);
  }

  /** The rows kept so far (duplicates are not kept). */
  public long rows() {
    return rows;
  }

  /** The latest date seen, the default as-of date; empty before the first row. */
  public Optional<LocalDate> latestDate() {
    return rows == 0 ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(maxDay));
  }

  /**
   * Summarises the rows received so far; may be called again with other options.
   *
   * @throws SummaryException if there are no rows, or the calibration end is not before the as-of
   *     date
   */
  public Summaries summarize(SummaryOptions options) {
    if (rows == 0) {
      throw new SummaryException("there are no transactions to summarise");
    }
    int asOf = options.asOf().map(d -> (int) d.toEpochDay()).orElse(maxDay);
    boolean split = options.calibrationEnd().isPresent();
    int end = split ? (int) options.calibrationEnd().get().toEpochDay() : asOf;
    if (split && end >= asOf) {
      throw new SummaryException(
          "the calibration end "
              + LocalDate.ofEpochDay(end)
              + " must be before the as-of date "
              + LocalDate.ofEpochDay(asOf)
              + (options.asOf().isEmpty() ? " (the latest date in the data)" : ""));
    }
    Period period = options.period();

    long rowsAfterAsOf = 0;
    for (int i = 0; i < rows; i++) {
      if (rowDay[i] > asOf) {
        rowsAfterAsOf++;
      }
    }
    int customerCount = customers.size();
    int[] start = new int[customerCount + 1];
    groupByCustomer(start);
    // customers are independent: ranges of them are summarised in parallel, each with its own
    // scratch space, and the results put back in customer order
    int parts = customerCount < 50_000 ? 1 : 4 * ForkJoinPool.getCommonPoolParallelism();
    CustomerPass[] passes = new CustomerPass[parts];
    CustomerSummary[] summarised = new CustomerSummary[customerCount];
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            k -> {
              CustomerPass pass = new CustomerPass(split, end, asOf, period, start, summarised);
              pass.run(
                  (int) ((long) customerCount * k / parts),
                  (int) ((long) customerCount * (k + 1) / parts));
              passes[k] = pass;
            });
    List<CustomerSummary> summaries = new ArrayList<>(customerCount);
    for (CustomerSummary c : summarised) {
      if (c != null) {
        summaries.add(c);
      }
    }
    int afterCalibration = 0;
    int withoutPurchase = 0;
    long unmatchedRefunds = 0;
    for (CustomerPass pass : passes) {
      afterCalibration += pass.afterCalibration;
      withoutPurchase += pass.withoutPurchase;
      unmatchedRefunds += pass.unmatchedRefunds;
    }
    day = new int[0];
    amount = new long[0];
    SummaryCounts counts =
        new SummaryCounts(
            rows + duplicateOrders,
            rowsAfterAsOf,
            duplicateOrders,
            unmatchedRefunds,
            summaries.size(),
            afterCalibration,
            withoutPurchase);
    return new Summaries(
        summaries,
        period,
        Optional.of(LocalDate.ofEpochDay(asOf)),
        split ? Optional.of(LocalDate.ofEpochDay(end)) : Optional.empty(),
        split ? OptionalDouble.of(period.length((long) asOf - end)) : OptionalDouble.empty(),
        counts);
  }

  /**
   * Copies the rows into {@link #day} and {@link #amount} grouped by customer, each customer's rows
   * in day order, then arrival: two stable counting sorts, O(rows + days + customers), the first
   * skipped when the rows came in day order, both when they came grouped by customer in day order
   * (then the rows are read where they are). Fills {@code start[c]} with the position of customer
   * c's first row. Copying rather than sorting indexes makes the per-customer pass read memory in
   * order instead of jumping through an index array.
   */
  private void groupByCustomer(int[] start) {
    if (inCustomerOrder) {
      // already grouped, each customer's rows in day order: count, and read the rows in place
      for (int i = 0; i < rows; i++) {
        start[rowCustomer[i] + 1]++;
      }
      for (int c = 1; c < start.length; c++) {
        start[c] += start[c - 1];
      }
      day = rowDay;
      amount = rowAmount;
      return;
    }
    int[] byDay = null;
    if (!inDayOrder) {
      int[] dayStart = new int[maxDay - minDay + 2];
      for (int i = 0; i < rows; i++) {
        dayStart[rowDay[i] - minDay + 1]++;
      }
      for (int d = 1; d < dayStart.length; d++) {
        dayStart[d] += dayStart[d - 1];
      }
      byDay = new int[rows];
      for (int i = 0; i < rows; i++) {
        byDay[dayStart[rowDay[i] - minDay]++] = i;
      }
    }
    for (int i = 0; i < rows; i++) {
      start[rowCustomer[i] + 1]++;
    }
    for (int c = 1; c < start.length; c++) {
      start[c] += start[c - 1];
    }
    int[] next = Arrays.copyOf(start, start.length - 1);
    day = new int[rows];
    amount = new long[rows];
    for (int i = 0; i < rows; i++) {
      int row = byDay == null ? i : byDay[i];
      int at = next[rowCustomer[row]]++;
      day[at] = rowDay[row];
      amount[at] = rowAmount[row];
    }
  }

  /**
   * Summarises a range of customers from the grouped rows, with its own scratch space for one
   * customer's purchase days and its own counts.
   */
  private final class CustomerPass {
    private final boolean split;
    private final int end;
    private final int asOf;
    private final Period period;
    private final int[] start;
    private final CustomerSummary[] out;
    private int[] purchaseDay = new int[16];
    private long[] purchaseNet = new long[16];
    int afterCalibration;
    int withoutPurchase;
    long unmatchedRefunds;

    CustomerPass(
        boolean split, int end, int asOf, Period period, int[] start, CustomerSummary[] out) {
      this.split = split;
      this.end = end;
      this.asOf = asOf;
      this.period = period;
      this.start = start;
      this.out = out;
    }

    void run(int fromCustomer, int toCustomer) {
      for (int c = fromCustomer; c < toCustomer; c++) {
        int from = start[c];
        int to = start[c + 1];
        if (to - from > purchaseDay.length) {
          purchaseDay = new int[to - from];
          purchaseNet = new long[to - from];
        }
        int mainTo = from;
        while (mainTo < to && day[mainTo] <= end) {
          mainTo++;
        }
        int holdoutTo = mainTo;
        while (holdoutTo < to && day[holdoutTo] <= asOf) {
          holdoutTo++;
        }
        String id = customers.name(c);
        int days = purchaseDays(from, mainTo, id);
        if (days == 0) {
          if (split && purchaseDays(mainTo, holdoutTo, id) > 0) {
            afterCalibration++;
          } else {
            withoutPurchase++;
          }
          continue;
        }
        int first = purchaseDay[0];
        int last = purchaseDay[days - 1];
        long total = purchaseNet[0];
        long repeat = 0;
        for (int k = 1; k < days; k++) {
          repeat = addExact(repeat, purchaseNet[k], id);
        }
        total = addExact(total, repeat, id);
        int x = days - 1;
        double monetary = x == 0 ? 0 : repeat / (double) x / MINOR_PER_UNIT;
        CustomerSummary.History history =
            new CustomerSummary.History(
                LocalDate.ofEpochDay(first), LocalDate.ofEpochDay(last), days, total);
        Optional<CustomerSummary.Holdout> holdout = Optional.empty();
        if (split) {
          int holdoutDays = purchaseDays(mainTo, holdoutTo, id);
          long spend = 0;
          for (int k = 0; k < holdoutDays; k++) {
            spend = addExact(spend, purchaseNet[k], id);
          }
          holdout = Optional.of(new CustomerSummary.Holdout(holdoutDays, spend));
        }
        out[c] =
            new CustomerSummary(
                id,
                x,
                period.length(last - first),
                period.length(end - first),
                monetary,
                Optional.of(history),
                holdout);
      }
    }

    /**
     * Merges the grouped rows {@code from..to)} of one customer, in day order, into purchase days
     * with their net amounts in {@code purchaseDay}/{@code purchaseNet}; returns how many.
     */
    private int purchaseDays(int from, int to, String id) {
      int days = 0;
      int i = from;
      while (i < to) {
        int today = day[i];
        long purchases = 0;
        long refunds = 0;
        int refundRows = 0;
        boolean purchase = false;
        for (; i < to && day[i] == today; i++) {
          long a = amount[i];
          if (a >= 0) {
            purchases = addExact(purchases, a, id);
            purchase = true;
          } else {
            refunds = addExact(refunds, a, id);
            refundRows++;
          }
        }
        long excess;
        if (purchase) {
          long net = purchases + refunds;
          excess = Math.min(net, 0);
          purchaseDay[days] = today;
          purchaseNet[days] = Math.max(net, 0);
          days++;
          if (excess < 0 && days > 1) {
            purchaseNet[days - 2] = Math.max(0, purchaseNet[days - 2] + excess);
          }
        } else if (days > 0) {
          purchaseNet[days - 1] = Math.max(0, purchaseNet[days - 1] + refunds);
        } else {
          unmatchedRefunds += refundRows;
        }
      }
      return days;
    }
  }

  private static long addExact(long a, long b, String customerId) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      throw new SummaryException(
          "the amounts of customer '" + customerId + "' add up beyond the representable range");
    }
    return sum;
  }
}
