package org.rekindle.store;

import org.rekindle.core.RekindleException;

/**
 * Root of the store's exceptions: the database cannot be started, reached, trusted or migrated.
 * Messages say what to do about it.
 */
public class StoreException extends RekindleException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
