package org.rekindle.core.offer;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A single-use offer code: 13 symbols drawn uniformly and independently by {@link SecureRandom}
 * from an alphabet of 30 that a person cannot misread, shown in groups of 4, 4 and 5 ({@code
 * K7QH-2MXC-9TRWB}).
 *
 * <h2>Alphabet</h2>
 *
 * The digits 2–9 and the letters A–Z without I, L, O and U: {@value #ALPHABET}. Left out are 0 and
 * O, and 1, I and L, which look alike in many fonts and handwriting, and U, which is read as V (V
 * is kept).
 *
 * <h2>Strength</h2>
 *
 * 30<sup>13</sup> ≈ 1.59 × 10<sup>19</sup> codes, log<sub>2</sub> 30 × 13 = 4.907 × 13 = 63.8
 * random bits (at least 60 are required): guessing one live code among a million issued takes about
 * 1.6 × 10<sup>13</sup> tries on average, and the chance that two of a billion issued codes are
 * equal is about 10<sup>18</sup> / (2 × 1.59 × 10<sup>19</sup>) ≈ 3%, which the store catches with
 * its unique constraint and a new draw.
 *
 * <h2>What a cashier types</h2>
 *
 * {@link #parse} accepts a code as people type it: lower case is taken as upper case; spaces (also
 * tabs, line breaks, no-break spaces) and dashes (the hyphen-minus, the Unicode hyphens and dashes
 * U+2010–U+2015, the minus sign) anywhere are ignored; U is taken as V, the one look-alike whose
 * meaning is certain. A 0, O, 1, I or L is <em>not</em> mapped: no code contains any of them, and
 * guessing which symbol was meant could honour a code nobody was given, so such input is refused
 * with the reason ({@link #of}). The store's SQL function {@code offer_code_normal} (migration V3)
 * applies exactly these rules to the codes on imported orders; a test holds the two to the same
 * answers.
 */
public final class OfferCode {
  /** The symbols a code is made of, in no meaningful order. */
  public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

  /** Symbols in a code. */
  public static final int LENGTH = 13;

  /** The random bits in a code: log2(30) × 13 = 63.79. */
  public static final double BITS = LENGTH * Math.log(ALPHABET.length()) / Math.log(2);

  /** Characters ignored when a typed code is read: spaces and dashes. */
  static final String SEPARATORS =
      " \t\r\n\u00A0\u2007\u202F-\u2010\u2011\u2012\u2013\u2014\u2015\u2212";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String symbols;

  private OfferCode(String symbols) {
    this.symbols = symbols;
  }

  /** A new code from the system's strong random source. */
  public static OfferCode generate() {
    return generate(RANDOM);
  }

  /**
   * A new code from {@code random}: a {@link SecureRandom} for codes that are given out, a seeded
   * {@link Random} only in tests.
   */
  public static OfferCode generate(Random random) {
    char[] c = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      // nextInt(bound) rejects the biased tail, so every symbol is equally likely
      c[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new OfferCode(new String(c));
  }

  /** The code a person typed, if it is one: see the class comment for what is accepted. */
  public static Optional<OfferCode> parse(String typed) {
    return Optional.ofNullable(normal(typed)).map(OfferCode::new);
  }

  /**
   * The code a person typed.
   *
   * @throws IllegalArgumentException saying what is wrong with it, in words for the person at the
   *     till
   */
  public static OfferCode of(String typed) {
    String n = normal(typed);
    if (n != null) {
      return new OfferCode(n);
    }
    int symbols = 0;
    for (int i = 0; i < typed.length(); i++) {
      char ch = upper(typed.charAt(i));
      if (SEPARATORS.indexOf(ch) >= 0) {
        continue;
      }
      if (ALPHABET.indexOf(ch) < 0) {
        throw new IllegalArgumentException(
            "'"
                + typed
                + "' is not an offer code: '"
                + typed.charAt(i)
                + "' never appears in one (codes have the digits 2-9 and the letters other than"
                + " I, L, O and U)");
      }
      symbols++;
    }
    throw new IllegalArgumentException(
        "'"
            + typed
            + "' is not an offer code: a code has "
            + LENGTH
            + " letters and digits, this has "
            + symbols);
  }

  /** The code's 13 symbols without separators, as stored. */
  public String symbols() {
    return symbols;
  }

  /** The code in groups for reading, {@code XXXX-XXXX-XXXXX}, as printed and shown. */
  public String grouped() {
    return symbols.substring(0, 4) + "-" + symbols.substring(4, 8) + "-" + symbols.substring(8);
  }

  /** The grouped form. */
  @Override
  public String toString() {
    return grouped();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OfferCode c && c.symbols.equals(symbols);
  }

  @Override
  public int hashCode() {
    return symbols.hashCode();
  }

  private static char upper(char ch) {
    if (ch >= 'a' && ch <= 'z') {
      ch = (char) (ch - 'a' + 'A');
    }
    return ch == 'U' ? 'V' : ch;
  }

  /** The stored symbols of a typed code, or null when it is not one. */
  private static @Nullable String normal(String typed) {
    Objects.requireNonNull(typed, "typed");
    StringBuilder b = new StringBuilder(LENGTH);
    for (int i = 0; i < typed.length(); i++) {
      char ch = upper(typed.charAt(i));
      if (SEPARATORS.indexOf(ch) >= 0) {
        continue;
      }
      if (ALPHABET.indexOf(ch) < 0 || b.length() == LENGTH) {
        return null;
      }
      b.append(ch);
    }
    return b.length() == LENGTH ? b.toString() : null;
  }
}
