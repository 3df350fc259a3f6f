package org.rekindle.core.summary.internal;

import org.rekindle.core.summary.TransactionSink;

/**
 * A {@link TransactionSink} that {@code TransactionReader} can feed faster: the customer id stays
 * in the reader's character buffer instead of becoming a string per row, the sink learns how many
 * rows to expect, and it is shown a batch of rows before it receives them one by one, so that it
 * can start fetching their table entries from memory together instead of one cache miss at a time.
 * The rows received and the rules applied are exactly those of {@link TransactionSink#accept}.
 */
public interface BulkSink extends TransactionSink {
  /** About how many rows will come; a hint for sizing tables, which may be wrong either way. */
  void expectRows(long rows);

  /**
   * Shows the sink rows {@code from .. to)} of the arrays before they are passed to {@link
   * #accept(char[], int, int, int, long, long, long)}; row {@code r}'s customer id is {@code
   * chars[idStart[r] .. idStart[r] + idLength[r])}. A hint only: it must not change what the sink
   * holds.
   */
  void prefetch(
      char[] chars,
      int[] idStart,
      int[] idLength,
      long[] amountMinor,
      long[] orderKey,
      int from,
      int to);

  /**
   * As {@link TransactionSink#accept(String, int, long, long, long)} with the customer id {@code
   * chars[start .. start + length)}, already trimmed and not empty. The sink does not keep {@code
   * chars}.
   */
  void accept(
      char[] chars,
      int start,
      int length,
      int epochDay,
      long amountMinor,
      long orderKey,
      long line);
}
