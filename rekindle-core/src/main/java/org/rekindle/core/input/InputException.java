package org.rekindle.core.input;

import org.rekindle.core.RekindleException;

/**
 * Bad input: a file that cannot be read, a missing column, an unrecognisable date format, or too
 * many rejected rows. The message names the file and, where it applies, the line and column and
 * what was expected.
 */
public class InputException extends RekindleException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
