package org.rekindle.core.simulate;

/**
 * What a {@link TransactionLogGenerator} wrote.
 *
 * @param customers customers simulated (each has at least one row: the first purchase)
 * @param rows data rows written, not counting the header
 */
public record GeneratedLog(long customers, long rows) {}
