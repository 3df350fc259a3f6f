package org.rekindle.core;

/**
 * Root of the exceptions thrown by the core module. Subclasses say what went wrong in words a
 * business user understands: bad input names the file, line and column and what was expected.
 */
public class RekindleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RekindleException(String message) {
    super(message);
  }

  public RekindleException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * For exceptions used as row-level signals on hot paths: no stack trace is filled in, since the
   * message alone is reported.
   */
  protected RekindleException(String message, boolean writableStackTrace) {
    super(message, null, false, writableStackTrace);
  }
}
