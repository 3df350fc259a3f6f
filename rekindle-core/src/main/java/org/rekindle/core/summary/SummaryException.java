package org.rekindle.core.summary;

import org.rekindle.core.RekindleException;

/** The transactions cannot be summarised as asked, for example no data before the as-of date. */
public class SummaryException extends RekindleException {
  private static final long serialVersionUID = 1L;

  public SummaryException(String message) {
    super(message);
  }
}
