package org.rekindle.store.feedback;

import org.rekindle.store.StoreException;

/** A case operation that makes no sense: an unknown case, closing a closed one, and the like. */
public final class CaseException extends StoreException {
  private static final long serialVersionUID = 1L;

  public CaseException(String message) {
    super(message);
  }
}
