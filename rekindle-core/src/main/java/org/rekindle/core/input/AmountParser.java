package org.rekindle.core.input;

import java.util.List;
import org.rekindle.core.summary.TransactionSink;

/**
 * Reads amounts into exact minor units at {@value TransactionSink#AMOUNT_SCALE} decimals, straight
 * from FastCSV's character buffer.
 *
 * <p>Accepted: an optional sign, an optional currency symbol before or after the number, a decimal
 * point or decimal comma, and grouping by thousands with the other character ({@code 1,234.56},
 * {@code 1.234,56}). Digits beyond the fourth decimal are rounded half up. At most 12 digits before
 * the decimal separator.
 *
 * <p>One separator followed by exactly three digits ({@code 1,234} or {@code 1.234}) could be
 * either; the file's convention decides, detected from the unambiguous values among the first rows
 * (a decimal point unless they show a decimal comma).
 */
final class AmountParser {
  static final long INVALID = Long.MIN_VALUE;
  private static final int MAX_INTEGER_DIGITS = 12;

  private final boolean decimalComma;

  AmountParser(boolean decimalComma) {
    this.decimalComma = decimalComma;
  }

  /** Whether ambiguous values are read with a decimal comma. */
  boolean decimalComma() {
    return decimalComma;
  }

  /** The convention shown by most unambiguous sample values; a decimal point if none shows. */
  static AmountParser detect(List<String> samples) {
    int comma = 0;
    int point = 0;
    for (String s : samples) {
      int lastComma = s.lastIndexOf(',');
      int lastPoint = s.lastIndexOf('.');
      if (lastComma >= 0 && lastPoint >= 0) {
        if (lastComma > lastPoint) {
          comma++;
        } else {
          point++;
        }
      } else if (lastComma >= 0 || lastPoint >= 0) {
        char c = lastComma >= 0 ? ',' : '.';
        int at = Math.max(lastComma, lastPoint);
        boolean repeated = s.indexOf(c) != at;
        int after = 0;
        while (at + 1 + after < s.length() && Character.isDigit(s.charAt(at + 1 + after))) {
          after++;
        }
        boolean commaIsDecimal = repeated ? c == '.' : c == ',';
        if (repeated || after != 3) {
          if (commaIsDecimal) {
            comma++;
          } else {
            point++;
          }
        }
      }
    }
    return new AmountParser(comma > point);
  }

  /** The amount of a trimmed text in minor units, or {@link #INVALID}. */
  long parse(char[] b, int off, int len) {
    int i = off;
    int end = off + len;
    boolean negative = false;
    boolean signed = false;
    if (i < end && isSign(b[i])) {
      negative = b[i] != '+';
      signed = true;
      i = skipSpaces(b, i + 1, end);
    }
    if (i < end && Character.getType(b[i]) == Character.CURRENCY_SYMBOL) {
      i = skipSpaces(b, i + 1, end);
    }
    if (!signed && i < end && isSign(b[i])) {
      negative = b[i] != '+';
      i++;
    }
    if (end > i && Character.getType(b[end - 1]) == Character.CURRENCY_SYMBOL) {
      end--;
      while (end > i && isSpace(b[end - 1])) {
        end--;
      }
    }
    if (i == end) {
      return INVALID;
    }
    int points = 0;
    int commas = 0;
    int lastPoint = -1;
    int lastComma = -1;
    for (int k = i; k < end; k++) {
      char c = b[k];
      if (c == '.') {
        points++;
        lastPoint = k;
      } else if (c == ',') {
        commas++;
        lastComma = k;
      } else if (c < '0' || c > '9') {
        return INVALID;
      }
    }
    int decimalAt = -1;
    char grouping = 0;
    if (points > 0 && commas > 0) {
      decimalAt = Math.max(lastPoint, lastComma);
      if ((b[decimalAt] == '.' ? points : commas) != 1) {
        return INVALID;
      }
      grouping = b[decimalAt] == '.' ? ',' : '.';
    } else if (points + commas >= 2) {
      grouping = points > 0 ? '.' : ',';
    } else if (points + commas == 1) {
      int at = Math.max(lastPoint, lastComma);
      char c = b[at];
      int before = at - i;
      boolean ambiguous = end - at - 1 == 3 && before >= 1 && before <= 3 && b[i] != '0';
      if (ambiguous && c == (decimalComma ? '.' : ',')) {
        grouping = c;
      } else {
        decimalAt = at;
      }
    }
    int integerEnd = decimalAt >= 0 ? decimalAt : end;
    if (grouping != 0 && !validGroups(b, i, integerEnd, grouping)) {
      return INVALID;
    }
    long units = 0;
    int significant = 0;
    int digitCount = 0;
    for (int k = i; k < integerEnd; k++) {
      char c = b[k];
      if (c != grouping) {
        digitCount++;
        if (significant > 0 || c != '0') {
          if (++significant > MAX_INTEGER_DIGITS) {
            return INVALID;
          }
        }
        units = units * 10 + (c - '0');
      }
    }
    long fraction = 0;
    if (decimalAt >= 0) {
      int fractionDigits = end - decimalAt - 1;
      if (fractionDigits == 0) {
        return INVALID;
      }
      for (int k = 0; k < TransactionSink.AMOUNT_SCALE; k++) {
        int at = decimalAt + 1 + k;
        fraction = fraction * 10 + (at < end ? b[at] - '0' : 0);
      }
      int roundAt = decimalAt + 1 + TransactionSink.AMOUNT_SCALE;
      if (roundAt < end && b[roundAt] >= '5') {
        fraction++;
      }
    } else if (digitCount == 0) {
      return INVALID;
    }
    long minor = units * TransactionSink.MINOR_PER_UNIT + fraction;
    return negative ? -minor : minor;
  }

  /** 1 to 3 digits, then groups of exactly 3 digits, each after one grouping character. */
  private static boolean validGroups(char[] b, int from, int to, char grouping) {
    int run = 0;
    boolean first = true;
    for (int k = from; k < to; k++) {
      if (b[k] == grouping) {
        if (first ? run < 1 || run > 3 : run != 3) {
          return false;
        }
        first = false;
        run = 0;
      } else {
        run++;
      }
    }
    return !first && run == 3;
  }

  private static boolean isSign(char c) {
    return c == '-' || c == '+' || c == '\u2212';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\u00a0' || c == '\u202f';
  }

  private static int skipSpaces(char[] b, int i, int end) {
    while (i < end && isSpace(b[i])) {
      i++;
    }
    return i;
  }
}
