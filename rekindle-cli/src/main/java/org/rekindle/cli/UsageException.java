package org.rekindle.cli;

import java.util.Objects;

/** A wrong combination or value of options, found after parsing. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  /** A setting refused by the code it was handed to, in the words of that refusal. */
  UsageException(RuntimeException refusal) {
    super(Objects.toString(refusal.getMessage(), refusal.toString()), refusal);
  }
}
