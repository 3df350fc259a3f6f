package org.rekindle.core.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The scale a feedback file's ratings are on, and how each maps onto Rekindle's 1 to 5 (where 2 or
 * less is negative). The wider scales are cut into five equal bands, the lowest band taking the
 * bottom of the scale too:
 *
 * <ul>
 *   <li>5 points: whole numbers 1 to 5, kept;
 *   <li>10 points: 0 to 10 (an NPS-style 0 included), ⌈r / 2⌉ and at least 1: 0–2 → 1, 3–4 → 2, 5–6
 *       → 3, 7–8 → 4, 9–10 → 5;
 *   <li>100 points: 0 to 100, ⌈r / 20⌉ and at least 1: 0–20 → 1, 21–40 → 2, 41–60 → 3, 61–80 → 4,
 *       81–100 → 5.
 * </ul>
 *
 * So a 4 of 10 or a 40 of 100 is negative, like a 2 of 5. Decimals are accepted on the wider scales
 * (7.5 of 10 → 4).
 */
public enum RatingScale {
  FIVE(5, 1),
  TEN(10, 0),
  HUNDRED(100, 0);

  private final int top;
  private final int bottom;

  RatingScale(int top, int bottom) {
    this.top = top;
    this.bottom = bottom;
  }

  /** The scale whose top is {@code points}: 5, 10 or 100. */
  public static RatingScale of(int points) {
    for (RatingScale s : values()) {
      if (s.top == points) {
        return s;
      }
    }
    throw new IllegalArgumentException("the rating scale must be 5, 10 or 100, not " + points);
  }

  /** Its top: 5, 10 or 100. */
  public int points() {
    return top;
  }

  /** What a rating on this scale may be, for messages. */
  public String expected() {
    return this == FIVE ? "a whole number from 1 to 5" : "a number from 0 to " + top;
  }

  /** The rating on 1 to 5, or empty when {@code text} is no rating on this scale. */
  public Optional<Integer> toFive(String text) {
    BigDecimal r;
    try {
      r = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (r.compareTo(BigDecimal.valueOf(bottom)) < 0 || r.compareTo(BigDecimal.valueOf(top)) > 0) {
      return Optional.empty();
    }
    if (this == FIVE) {
      if (r.stripTrailingZeros().scale() > 0) {
        return Optional.empty();
      }
      return Optional.of(r.intValueExact());
    }
    int band =
        r.multiply(BigDecimal.valueOf(5))
            .divide(BigDecimal.valueOf(top), 0, RoundingMode.CEILING)
            .intValueExact();
    return Optional.of(Math.max(1, band));
  }
}
