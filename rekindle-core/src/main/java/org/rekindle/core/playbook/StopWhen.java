package org.rekindle.core.playbook;

import java.util.Locale;

/**
 * What ends a customer's run through a playbook early. Checked before every step, so it is a
 * setting of the playbook rather than a step: a guard placed between two steps would leave the
 * others unguarded.
 */
public enum StopWhen {
  /** The customer placed an order after the playbook started for them. */
  ORDERED,
  /** The customer replied (an email answer, a call logged as reached, a survey answer). */
  REPLIED;

  /** The name written in files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
