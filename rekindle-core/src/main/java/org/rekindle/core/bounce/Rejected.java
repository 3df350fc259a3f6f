package org.rekindle.core.bounce;

import java.util.Objects;

/**
 * A row or message that could not be read as a bounce, and so changed nothing.
 *
 * @param origin where it is
 * @param reason why it was not read, in words
 * @param raw the row as written, or a message's subject; empty when there is nothing to show
 */
public record Rejected(Origin origin, String reason, String raw) {
  public Rejected {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(raw, "raw");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a rejected report needs a reason");
    }
  }

  @Override
  public String toString() {
    return origin + ": " + reason;
  }
}
