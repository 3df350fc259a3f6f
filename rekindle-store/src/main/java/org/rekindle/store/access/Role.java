package org.rekindle.store.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do. A rep sees the customers whose {@code owner_rep} is their rep name, and their
 * own call list; a manager sees every customer and everyone's calls; an admin also manages users
 * and API keys.
 */
public enum Role {
  ADMIN,
  MANAGER,
  REP;

  /**
   * The word in the store, the command line and the pages: {@code admin}, {@code manager}, {@code
   * rep}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role sees every customer rather than only its own accounts. */
  public boolean seesAllCustomers() {
    return this != REP;
  }

  /** The role of a label, or an explanation of the ones there are. */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new AccessException(
        "unknown role '"
            + text
            + "': expected one of "
            + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
  }
}
