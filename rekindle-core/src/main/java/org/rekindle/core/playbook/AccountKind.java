package org.rekindle.core.playbook;

import java.util.Locale;

/** A customer's account kind ({@code customers.account_kind}). */
public enum AccountKind {
  CONSUMER,
  /** A B2B credit account: it can go dormant, and is warned first. */
  CREDIT_ACCOUNT;

  /** The name written in files and the store. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
