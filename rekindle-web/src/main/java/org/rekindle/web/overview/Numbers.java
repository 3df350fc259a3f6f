package org.rekindle.web.overview;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Numbers as the dashboard's pages show them: grouped thousands, money to the cent. */
public final class Numbers {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

  private Numbers() {}

  /** "1,234". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "1,234.50"; "-" for a number that is not finite. */
  public static String money(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.2f", v) : "-";
  }

  /** "1,234.50". */
  public static String money(BigDecimal v) {
    return String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** "1,234.50", or "-" when absent. */
  public static String money(Optional<Double> v) {
    return v.map(Numbers::money).orElse("-");
  }

  /** A share as "12.3%"; "-" for a number that is not finite. */
  public static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "-";
  }

  /** A difference of shares in points: "+4.8". */
  public static String points(double difference) {
    return String.format(Locale.ROOT, "%+.1f", 100 * difference);
  }

  /** "+1,234.50". */
  public static String signedMoney(double v) {
    return String.format(Locale.ROOT, "%+,.2f", v);
  }

  /** A model parameter or a log-likelihood: up to six significant digits. */
  public static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "-";
  }

  /** An instant in the business's zone: "7 Dec 2026 14:05". */
  public static String when(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone));
  }
}
