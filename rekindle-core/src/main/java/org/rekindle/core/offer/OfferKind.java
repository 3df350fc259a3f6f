package org.rekindle.core.offer;

import java.util.Locale;

/** What an offer gives: a share off the order, an amount off it, or a service for free. */
public enum OfferKind {
  /** A percentage off the redeeming order, more than 0 and at most 100. */
  PERCENT,
  /** A fixed amount off the redeeming order, in a currency; never more than the order. */
  AMOUNT,
  /** A service given for free (a delivery, an inspection), with the nominal cost it has. */
  FREE_SERVICE;

  /**
   * The lower-case name stored and shown: {@code percent}, {@code amount}, {@code free_service}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** From a label, with or without the underscore ({@code free service}, {@code free-service}). */
  public static OfferKind parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (OfferKind k : values()) {
      if (k.label().equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "the offer kind must be percent, amount or free_service, not '" + text + "'");
  }
}
