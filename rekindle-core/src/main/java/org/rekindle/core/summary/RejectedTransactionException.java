package org.rekindle.core.summary;

import org.rekindle.core.RekindleException;

/**
 * Thrown by a {@link TransactionSink} to refuse one row, for example an order id that already
 * belongs to another customer. Readers catch it and record the row as a reject with this message as
 * the reason; it carries no stack trace.
 */
public final class RejectedTransactionException extends RekindleException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public RejectedTransactionException(String reason) {
    super(reason, false);
    this.reason = reason;
  }

  /** Why the row is refused: the message, typed as never null. */
  public String reason() {
    return reason;
  }
}
