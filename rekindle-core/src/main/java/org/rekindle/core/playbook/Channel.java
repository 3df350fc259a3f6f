package org.rekindle.core.playbook;

import java.util.Locale;

/** A channel a customer consents to be reached on ({@code customers.consent_*}). */
public enum Channel {
  EMAIL,
  LETTER,
  PHONE,
  SMS;

  /** The name written in files and the store. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
