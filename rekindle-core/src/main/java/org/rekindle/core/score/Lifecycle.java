package org.rekindle.core.score;

import java.util.Locale;

/** Where a customer stands, judged against their own buying rhythm. */
public enum Lifecycle {
  ACTIVE,
  LAPSING,
  DORMANT,
  LOST;

  /** Lower-case label used in files and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
