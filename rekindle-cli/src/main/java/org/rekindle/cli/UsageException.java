package org.rekindle.cli;

/** A wrong combination or value of options, found after parsing. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
