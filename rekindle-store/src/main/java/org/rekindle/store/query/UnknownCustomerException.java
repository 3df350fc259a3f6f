package org.rekindle.store.query;

import org.rekindle.store.StoreException;

/** A customer id the store does not hold: the id as given, and where to look for the right one. */
public final class UnknownCustomerException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String customerId;

  public UnknownCustomerException(String customerId) {
    super(
        "no customer with id '"
            + customerId
            + "': ids are the ones in the imported files ('rekindle customers' lists the scored"
            + " customers; 'rekindle import customers FILE' adds records)");
    this.customerId = customerId;
  }

  /** The id that was asked for. */
  public String customerId() {
    return customerId;
  }
}
