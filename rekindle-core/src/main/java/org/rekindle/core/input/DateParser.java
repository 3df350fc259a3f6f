package org.rekindle.core.input;

import java.nio.CharBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the date column into epoch days, straight from FastCSV's character buffer.
 *
 * <p>Recognised without help: ISO dates ({@code 1997-01-31}), optionally followed by a time with
 * 'T' or a space, optional seconds, fraction and offset ({@code 1997-01-31T10:15:30.5+01:00}); and
 * basic ISO dates ({@code 19970131}). A date-time is reduced to the date as written, unless a
 * business time zone is given and the text carries an offset (or 'Z'): then it is an instant, and
 * counts on its date in that zone ({@code 2024-04-01T03:30Z} is 31 March in New York). Formats
 * where day and month could be swapped ({@code 01/02/97}) are not guessed: they need an explicit
 * {@link DateTimeFormatter} pattern, which may carry an offset or zone too.
 *
 * <p>Logs are often sorted by date, so the last date text and its day are remembered and a row with
 * the same date costs one comparison.
 */
final class DateParser {
  static final int INVALID = Integer.MIN_VALUE;

  private enum Kind {
    ISO("yyyy-MM-dd"),
    BASIC("yyyyMMdd");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private static final int NO_OFFSET = Integer.MIN_VALUE;

  private final Optional<Kind> kind;
  private final Optional<DateTimeFormatter> formatter;
  private final Optional<ZoneId> zone;
  private final String description;
  private final char[] last = new char[64];
  private int lastLength = -1;
  private int lastDay;

  private DateParser(Kind kind, Optional<ZoneId> zone) {
    this.kind = Optional.of(kind);
    this.formatter = Optional.empty();
    this.zone = zone;
    this.description = kind.description;
  }

  private DateParser(DateTimeFormatter formatter, String pattern, Optional<ZoneId> zone) {
    this.kind = Optional.empty();
    this.formatter = Optional.of(formatter);
    this.zone = zone;
    this.description = pattern;
  }

  /** The format in words, for messages: "yyyy-MM-dd" or the pattern. */
  String description() {
    return description;
  }

  /**
   * Chooses the format that reads most of the sample values.
   *
   * @param zone the business's time zone, for date-times that carry an offset; empty: dates as
   *     written
   * @throws InputException if a pattern is invalid or no format reads any sample value
   */
  static DateParser detect(
      List<String> samples,
      Optional<String> pattern,
      Optional<ZoneId> zone,
      String column,
      String source) {
    String example = samples.isEmpty() ? "" : samples.get(0);
    if (pattern.isPresent()) {
      DateParser parser = new DateParser(formatter(pattern.get()), pattern.get(), zone);
      if (!samples.isEmpty() && parser.count(samples) == 0) {
        throw new InputException(
            "file '"
                + source
                + "': the date format '"
                + pattern.get()
                + "' does not match column '"
                + column
                + "' (e.g. '"
                + example
                + "')");
      }
      return parser;
    }
    Optional<DateParser> found = detectIsoOrBasic(samples, zone);
    if (found.isEmpty()) {
      throw new InputException(
          "file '"
              + source
              + "': cannot recognise the date format of column '"
              + column
              + "' (e.g. '"
              + example
              + "'); pass --date-format, such as dd/MM/yyyy");
    }
    return found.get();
  }

  /**
   * ISO or basic ISO, whichever reads more of the samples (ISO when there are none); empty when
   * neither reads any. For a column that is a side matter (a customer's birthday), where the caller
   * rejects unreadable rows one by one instead of refusing the file.
   */
  /** ISO dates and date-times. */
  static DateParser iso(Optional<ZoneId> zone) {
    return new DateParser(Kind.ISO, zone);
  }

  static Optional<DateParser> detectIsoOrBasic(List<String> samples, Optional<ZoneId> zone) {
    DateParser iso = new DateParser(Kind.ISO, zone);
    DateParser basic = new DateParser(Kind.BASIC, zone);
    if (samples.isEmpty()) {
      return Optional.of(iso);
    }
    int isoCount = iso.count(samples);
    int basicCount = basic.count(samples);
    if (isoCount == 0 && basicCount == 0) {
      return Optional.empty();
    }
    return Optional.of(basicCount > isoCount ? basic : iso);
  }

  private int count(List<String> samples) {
    int n = 0;
    for (String s : samples) {
      if (parse(s.toCharArray(), 0, s.length()) != INVALID) {
        n++;
      }
    }
    return n;
  }

  private static DateTimeFormatter formatter(String pattern) {
    try {
      return DateTimeFormatter.ofPattern(strictYears(pattern), Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "the date format '"
              + pattern
              + "' is not a valid pattern ("
              + e.getMessage()
              + "); use letters such as dd/MM/yyyy or MM/dd/yyyy HH:mm",
          e);
    }
  }

  /**
   * Strict resolving rejects 31 April, but reads 'y' as year-of-era, which needs an era; users
   * write 'yyyy' meaning the proleptic year 'uuuu'.
   */
  private static String strictYears(String pattern) {
    if (pattern.indexOf('G') >= 0) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      out.append(!quoted && c == 'y' ? 'u' : c);
    }
    return out.toString();
  }

  /** The epoch day of a trimmed date text, or {@link #INVALID}. */
  int parse(char[] b, int off, int len) {
    if (kind.isEmpty()) {
      return parsePattern(b, off, len);
    }
    if (kind.get() == Kind.BASIC) {
      return len == 8 ? cachedDate(b, off, 8, 4, 6) : INVALID;
    }
    if (len < 10 || (len > 10 && !isTime(b, off + 10, off + len))) {
      return INVALID;
    }
    if (b[off + 4] != '-' || b[off + 7] != '-') {
      return INVALID;
    }
    if (len > 10 && zone.isPresent()) {
      int offset = offsetSeconds(b, off + 11, off + len);
      if (offset != NO_OFFSET) {
        return instantDate(b, off, len, offset, zone.get());
      }
    }
    return cachedDate(b, off, 10, 5, 8);
  }

  private int cachedDate(char[] b, int off, int len, int monthAt, int dayAt) {
    if (len == lastLength && equalsLast(b, off, len)) {
      return lastDay;
    }
    int day = calendarDay(b, off, monthAt, dayAt);
    if (day != INVALID) {
      remember(b, off, len, day);
    }
    return day;
  }

  private static int calendarDay(char[] b, int off, int monthAt, int dayAt) {
    int year = digits(b, off, 4);
    int month = digits(b, off + monthAt, 2);
    int day = digits(b, off + dayAt, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      return INVALID;
    }
    return epochDay(year, month, day);
  }

  /**
   * The date in {@code zone} of an ISO date-time with an offset (already validated by {@link
   * #isTime}); a leap second counts as the second before it.
   */
  private int instantDate(char[] b, int off, int len, int offsetSeconds, ZoneId zone) {
    if (len == lastLength && equalsLast(b, off, len)) {
      return lastDay;
    }
    int local = calendarDay(b, off, 5, 8);
    if (local == INVALID) {
      return INVALID;
    }
    int seconds = digits(b, off + 11, 2) * 3600 + digits(b, off + 14, 2) * 60;
    if (len > 16 && b[off + 16] == ':') {
      seconds += Math.min(digits(b, off + 17, 2), 59);
    }
    long epochSecond = local * 86_400L + seconds - offsetSeconds;
    int there = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    int day = (int) Math.floorDiv(epochSecond + there, 86_400L);
    if (len <= last.length) {
      remember(b, off, len, day);
    }
    return day;
  }

  /**
   * The offset at the end of a validated ISO time that starts at {@code from} (after the
   * separator), in seconds east of UTC; {@link #NO_OFFSET} when the time has none.
   */
  private static int offsetSeconds(char[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = b[i];
      if (c == 'Z' || c == 'z') {
        return 0;
      }
      if (c == '+' || c == '-') {
        int hours = digits(b, i + 1, 2);
        int minutes = 0;
        int at = i + 3;
        if (at < end && b[at] == ':') {
          at++;
        }
        if (at < end) {
          minutes = digits(b, at, 2);
        }
        int seconds = hours * 3600 + minutes * 60;
        return c == '-' ? -seconds : seconds;
      }
    }
    return NO_OFFSET;
  }

  private int parsePattern(char[] b, int off, int len) {
    if (len == lastLength && equalsLast(b, off, len)) {
      return lastDay;
    }
    LocalDate date;
    try {
      TemporalAccessor parsed = formatter.orElseThrow().parse(CharBuffer.wrap(b, off, len));
      date = LocalDate.from(parsed);
      ZoneId written = parsed.query(TemporalQueries.zone());
      LocalTime time = parsed.query(TemporalQueries.localTime());
      if (zone.isPresent() && written != null && time != null) {
        date = ZonedDateTime.of(date, time, written).withZoneSameInstant(zone.get()).toLocalDate();
      }
    } catch (DateTimeException e) {
      return INVALID;
    }
    if (date.getYear() < 0 || date.getYear() > 9999) {
      return INVALID;
    }
    int day = (int) date.toEpochDay();
    if (len <= last.length) {
      remember(b, off, len, day);
    }
    return day;
  }

  private boolean equalsLast(char[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (b[off + i] != last[i]) {
        return false;
      }
    }
    return true;
  }

  private void remember(char[] b, int off, int len, int day) {
    System.arraycopy(b, off, last, 0, len);
    lastLength = len;
    lastDay = day;
  }

  /**
   * A time after an ISO date: 'T', 't' or a space, HH:mm, optional :ss, optional fraction after '.'
   * or ',', optional 'Z' or an offset ±HH, ±HHmm or ±HH:mm.
   */
  private static boolean isTime(char[] b, int i, int end) {
    char sep = b[i];
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return false;
    }
    i++;
    if (end - i < 5 || b[i + 2] != ':' || !range(b, i, 23) || !range(b, i + 3, 59)) {
      return false;
    }
    i += 5;
    if (i < end && b[i] == ':') {
      if (end - i < 3 || !range(b, i + 1, 60)) {
        return false;
      }
      i += 3;
      if (i < end && (b[i] == '.' || b[i] == ',')) {
        int start = ++i;
        while (i < end && isDigit(b[i])) {
          i++;
        }
        if (i == start || i - start > 9) {
          return false;
        }
      }
    }
    if (i == end) {
      return true;
    }
    if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == end) {
      return true;
    }
    if (b[i] != '+' && b[i] != '-') {
      return false;
    }
    i++;
    if (end - i < 2 || !range(b, i, 18)) {
      return false;
    }
    i += 2;
    if (i == end) {
      return true;
    }
    if (b[i] == ':') {
      i++;
    }
    return end - i == 2 && range(b, i, 59);
  }

  /** Whether two digits at i read a number from 0 to max. */
  private static boolean range(char[] b, int i, int max) {
    int v = digits(b, i, 2);
    return v >= 0 && v <= max;
  }

  private static int digits(char[] b, int off, int n) {
    int v = 0;
    for (int i = off; i < off + n; i++) {
      char c = b[i];
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int lengthOfMonth(int year, int month) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /**
   * Days since 1970-01-01 in the proleptic Gregorian calendar, without allocating a LocalDate: days
   * before the year, plus days before the month, plus the day.
   */
  static int epochDay(int year, int month, int day) {
    long y = year - 1L;
    long days = 365 * y + Math.floorDiv(y, 4) - Math.floorDiv(y, 100) + Math.floorDiv(y, 400);
    days += DAYS_BEFORE_MONTH[month - 1] + day - 1;
    if (month > 2 && isLeap(year)) {
      days++;
    }
    return (int) (days - DAYS_0001_TO_1970);
  }

  private static final int[] DAYS_BEFORE_MONTH = {
    0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
  };
  private static final long DAYS_0001_TO_1970 = 719_162L;
}
