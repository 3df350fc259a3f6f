package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.rekindle.core.summary.TransactionSink;

/**
 * Reads an orders file for import: the columns of a transaction log (found and mapped as for {@code
 * score}: customer, date, amount, order) plus an optional currency and offer code, one {@link
 * OrderRecord} per good row. Bad rows are rejected with their line and reason, and too many of them
 * refuse the file, exactly as {@link TransactionReader} does.
 *
 * <p>Unlike the scoring reader this one keeps what a record needs: the order id as written, the
 * moment of the order (not only its day), the currency and the offer code. It reads about a million
 * rows a second, which is plenty for an import that goes on to the database.
 */
public final class OrderFileReader {
  private static final int SAMPLE_ROWS = 200;
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
  private static final int MIN_DAY = (int) TransactionSink.EARLIEST_DATE.toEpochDay();
  private static final int MAX_DAY = (int) TransactionSink.LATEST_DATE.toEpochDay();

  /** ISO date-times as {@link DateParser} accepts them: 'T' or space, optional seconds/offset. */
  private static final DateTimeFormatter ISO_DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendLiteral(',')
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, false)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:mm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHmm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final LogReaderSettings.Log log;
  private final ReaderSettings.Limits limits;

  private OrderFileReader(Builder b) {
    this.log = b.log();
    this.limits = b.limits();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a file, handing each good row to {@code sink} in file order.
   *
   * @throws InputException if the file cannot be read, is empty, lacks a required column, has an
   *     unrecognisable date format, or has too many rejects (after every row was read and handed
   *     on: the caller must discard what it received)
   */
  public ReadReport read(Path file, Consumer<OrderRecord> sink) {
    Objects.requireNonNull(sink, "sink");
    try (Source source = Source.open(file, limits.progress())) {
      return read(source, sink);
    }
  }

  private ReadReport read(Source source, Consumer<OrderRecord> sink) {
    List<List<String>> sample = source.sampleRecords(SAMPLE_ROWS);
    if (sample.isEmpty()) {
      throw new InputException("file '" + source.name + "' is empty: expected a header line");
    }
    List<String> header = sample.get(0);
    ResolvedColumns cols = TransactionReader.resolve(header, log.columns(), source.name);
    List<String> dateSamples = new ArrayList<>();
    List<String> amountSamples = new ArrayList<>();
    for (List<String> row : sample.subList(1, sample.size())) {
      if (row.size() == header.size()) {
        dateSamples.add(row.get(cols.date()).strip());
        if (cols.amount() >= 0) {
          amountSamples.add(row.get(cols.amount()).strip());
        }
      }
    }
    DateParser dates =
        DateParser.detect(
            dateSamples, log.dateFormat(), log.zone(), header.get(cols.date()), source.name);
    AmountParser amounts = AmountParser.detect(amountSamples);
    ZoneId dayZone = log.zone().orElse(ZoneOffset.UTC);
    CsvRows.Counts counts =
        CsvRows.read(
            source,
            header,
            limits.rejectsFile(),
            limits.maxRejects(),
            (record, line) -> {
              return CsvRows.handOn(
                  parse(record, header, cols, dates, amounts, dayZone), OrderRecord.class, sink);
            });
    return counts.report(
        source.name,
        "delimiter '"
            + source.delimiterName()
            + "', columns "
            + cols.mapping()
            + ", dates "
            + dates.description());
  }

  /** The record, or the reason the row is refused. */
  private Object parse(
      CsvRecord record,
      List<String> header,
      ResolvedColumns cols,
      DateParser dates,
      AmountParser amounts,
      ZoneId dayZone) {
    if (record.getFieldCount() != header.size()) {
      return "expected "
          + header.size()
          + " fields as in the header, found "
          + record.getFieldCount();
    }
    String customer = record.getField(cols.customer()).strip();
    if (customer.isEmpty()) {
      return "missing customer id in column '" + header.get(cols.customer()) + "'";
    }
    String dateText = record.getField(cols.date()).strip();
    if (dateText.isEmpty()) {
      return "missing date in column '" + header.get(cols.date()) + "'";
    }
    char[] chars = dateText.toCharArray();
    int day = dates.parse(chars, 0, chars.length);
    if (day == DateParser.INVALID) {
      return "column '"
          + header.get(cols.date())
          + "': cannot read '"
          + dateText
          + "' as a date (expected "
          + dates.description()
          + ")";
    }
    if (day < MIN_DAY || day > MAX_DAY) {
      return "column '"
          + header.get(cols.date())
          + "': the date '"
          + dateText
          + "' is outside "
          + TransactionSink.EARLIEST_DATE
          + " .. "
          + TransactionSink.LATEST_DATE;
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    BigDecimal amount = BigDecimal.ZERO;
    if (cols.amount() >= 0) {
      String text = record.getField(cols.amount()).strip();
      if (text.isEmpty()) {
        return "missing amount in column '" + header.get(cols.amount()) + "'";
      }
      long minor = amounts.parse(text.toCharArray(), 0, text.length());
      if (minor == AmountParser.INVALID) {
        return "column '"
            + header.get(cols.amount())
            + "': cannot read '"
            + text
            + "' as an amount (expected a number such as "
            + (amounts.decimalComma() ? "1.234,50" : "1,234.50")
            + ")";
      }
      amount = BigDecimal.valueOf(minor, TransactionSink.AMOUNT_SCALE).stripTrailingZeros();
      if (amount.scale() < 0) {
        amount = amount.setScale(0);
      }
    }
    Optional<String> currency = Optional.empty();
    if (cols.currency() >= 0) {
      String text = record.getField(cols.currency()).strip();
      if (!text.isEmpty()) {
        if (!CURRENCY.matcher(text).matches()) {
          return "column '"
              + header.get(cols.currency())
              + "': '"
              + text
              + "' is not a three-letter currency code such as EUR or USD";
        }
        currency = Optional.of(text.toUpperCase(Locale.ROOT));
      }
    }
    return new OrderRecord(
        record.getStartingLineNumber(),
        customer,
        optionalField(record, cols.order()),
        date,
        moment(dateText, date, dayZone),
        amount,
        currency,
        optionalField(record, cols.offer()));
  }

  private static Optional<String> optionalField(CsvRecord record, int column) {
    if (column < 0) {
      return Optional.empty();
    }
    String text = record.getField(column).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /**
   * The moment of an order: an ISO date-time with an offset is that instant; one without, or a bare
   * date, is read in the business's zone (a date at the start of its day). Other formats keep the
   * start of the day.
   */
  static Instant moment(String text, LocalDate date, ZoneId zone) {
    if (text.length() > 10) {
      try {
        var parsed = ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
          return odt.toInstant();
        }
        return ((LocalDateTime) parsed).atZone(zone).toInstant();
      } catch (DateTimeException e) {
        // not ISO: a pattern the date parser knows; the day is what counts
      }
    }
    return date.atStartOfDay(zone).toInstant();
  }

  /** Settings of an {@link OrderFileReader}; as for {@link TransactionReader.Builder}. */
  public static final class Builder extends LogReaderSettings<Builder> {
    private Builder() {}

    public OrderFileReader build() {
      return new OrderFileReader(this);
    }
  }
}
