package org.rekindle.store.access;

import org.rekindle.core.RekindleException;

/**
 * A user or key cannot be made or changed as asked; the message says why, for the person asking.
 */
public final class AccessException extends RekindleException {
  private static final long serialVersionUID = 1L;

  public AccessException(String message) {
    super(message);
  }
}
