package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a feedback file for import (CSV, .gz too): one {@link FeedbackRecord} per good row. Columns
 * are found by their usual names, ignoring case, spaces, underscores and dashes, or mapped with
 * {@link Builder#columns}:
 *
 * <ul>
 *   <li>{@code customer} (required): customer, customer_id, cust_id, client, client_id;
 *   <li>{@code date} (required): date, received, received_on, created, created_at, review_date;
 *   <li>{@code id}: id, feedback_id, review_id, external_id — the source's own id, so a re-import
 *       adds nothing;
 *   <li>{@code source}: source, site, platform, channel;
 *   <li>{@code rating}: rating, stars, score — on the {@link RatingScale} chosen;
 *   <li>{@code text}: text, comment, comments, review, feedback, body, message;
 *   <li>{@code flagged}: flagged, flag, negative — yes/no, true/false, y/n or 1/0.
 * </ul>
 *
 * <p>A row is rejected, with its line and reason, when it has no customer or no date, a date that
 * cannot be read, a rating that is not on the scale, a flag that is not yes or no, nothing to
 * record (no rating, no text, not flagged), a customer, id or source holding a NUL character, or is
 * empty; too many rejects refuse the file, as for the other imports. A NUL in the text is dropped.
 * Whether the customer is known is for the importer to say.
 */
public final class FeedbackFileReader {
  private static final int SAMPLE_ROWS = 200;

  enum Column {
    CUSTOMER("customer", List.of("customer", "customer_id", "cust_id", "client", "client_id")),
    DATE(
        "date", List.of("date", "received", "received_on", "created", "created_at", "review_date")),
    ID("id", List.of("id", "feedback_id", "review_id", "external_id")),
    SOURCE("source", List.of("source", "site", "platform", "channel")),
    RATING("rating", List.of("rating", "stars", "score")),
    TEXT("text", List.of("text", "comment", "comments", "review", "feedback", "body", "message")),
    FLAGGED("flagged", List.of("flagged", "flag", "negative"));

    final String key;
    final List<String> names;

    Column(String key, List<String> names) {
      this.key = key;
      this.names = names;
    }
  }

  private final Map<String, String> mapping;
  private final Optional<String> dateFormat;
  private final RatingScale scale;
  private final ReaderSettings.Limits limits;

  private FeedbackFileReader(Builder b) {
    this.mapping = b.mapping;
    this.dateFormat = b.dateFormat;
    this.scale = b.scale;
    this.limits = b.limits();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The field names a column mapping may use. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (Column c : Column.values()) {
      keys.add(c.key);
    }
    return keys;
  }

  /**
   * Reads a file, handing each good row to {@code sink} in file order.
   *
   * @throws InputException if the file cannot be read, is empty, lacks the customer or date column,
   *     or has too many rejects (after every row was read and handed on: the caller must discard
   *     what it received)
   */
  public ReadReport read(Path file, Consumer<FeedbackRecord> sink) {
    Objects.requireNonNull(sink, "sink");
    try (Source source = Source.open(file, limits.progress())) {
      return read(source, sink);
    }
  }

  private ReadReport read(Source source, Consumer<FeedbackRecord> sink) {
    List<List<String>> sample = source.sampleRecords(SAMPLE_ROWS);
    if (sample.isEmpty()) {
      throw new InputException("file '" + source.name + "' is empty: expected a header line");
    }
    List<String> header = sample.get(0);
    Map<Column, Integer> at = new EnumMap<>(Column.class);
    for (Column c : Column.values()) {
      boolean required = c == Column.CUSTOMER || c == Column.DATE;
      int i = Headers.locate(header, c.key, c.names, mapping.get(c.key), required, source.name);
      // a column already taken by an earlier field is not reused
      if (i >= 0 && !at.containsValue(i)) {
        at.put(c, i);
      }
    }
    int dateColumn = Objects.requireNonNull(at.get(Column.DATE));
    List<String> dateSamples = new ArrayList<>();
    for (List<String> row : sample.subList(1, sample.size())) {
      if (row.size() == header.size() && !row.get(dateColumn).isBlank()) {
        dateSamples.add(row.get(dateColumn).strip());
      }
    }
    // a pattern given must fit; without one, rows whose dates neither ISO form reads are
    // rejected one by one rather than the file refused
    DateParser dates =
        dateFormat.isPresent()
            ? DateParser.detect(
                dateSamples, dateFormat, Optional.empty(), header.get(dateColumn), source.name)
            : DateParser.detectIsoOrBasic(dateSamples, Optional.empty())
                .orElse(DateParser.iso(Optional.empty()));
    CsvRows.Counts counts =
        CsvRows.read(
            source,
            header,
            limits.rejectsFile(),
            limits.maxRejects(),
            (record, line) -> {
              return CsvRows.handOn(
                  parse(record, line, header, at, dates), FeedbackRecord.class, sink);
            });
    return counts.report(
        source.name,
        "delimiter '"
            + source.delimiterName()
            + "', dates "
            + dates.description()
            + ", ratings of "
            + scale.points());
  }

  /** The record, or the reason the row is refused. */
  private Object parse(
      CsvRecord record, long line, List<String> header, Map<Column, Integer> at, DateParser dates) {
    boolean empty = true;
    for (String field : record.getFields()) {
      empty &= field.isBlank();
    }
    if (empty) {
      return "empty row";
    }
    for (Column c : List.of(Column.CUSTOMER, Column.ID, Column.SOURCE)) {
      if (cell(record, at, c).indexOf('\0') >= 0) {
        return "column '" + name(header, at, c) + "': holds a NUL character, which no id can";
      }
    }
    String customer = cell(record, at, Column.CUSTOMER);
    if (customer.isEmpty()) {
      return "missing customer id in column '" + name(header, at, Column.CUSTOMER) + "'";
    }
    String dateText = cell(record, at, Column.DATE);
    if (dateText.isEmpty()) {
      return "missing date in column '" + name(header, at, Column.DATE) + "'";
    }
    char[] chars = dateText.toCharArray();
    int day = dates.parse(chars, 0, chars.length);
    if (day == DateParser.INVALID) {
      return "column '"
          + name(header, at, Column.DATE)
          + "': cannot read '"
          + dateText
          + "' as a date (expected "
          + dates.description()
          + ")";
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    if (date.getYear() < 1900 || date.getYear() > 2999) {
      return "column '"
          + name(header, at, Column.DATE)
          + "': the date "
          + date
          + " is not plausible";
    }
    String ratingText = cell(record, at, Column.RATING);
    Optional<Integer> rating = Optional.empty();
    if (!ratingText.isEmpty()) {
      rating = scale.toFive(ratingText);
      if (rating.isEmpty()) {
        return "column '"
            + name(header, at, Column.RATING)
            + "': the rating '"
            + ratingText
            + "' is not "
            + scale.expected()
            + (scale == RatingScale.FIVE ? " (another scale: --scale 10 or --scale 100)" : "");
      }
    }
    String flagText = cell(record, at, Column.FLAGGED).toLowerCase(Locale.ROOT);
    boolean flagged;
    switch (flagText) {
      case "yes", "y", "true", "1" -> flagged = true;
      case "", "no", "n", "false", "0" -> flagged = false;
      default -> {
        return "column '"
            + name(header, at, Column.FLAGGED)
            + "': '"
            + flagText
            + "' is not yes or no (yes/no, true/false, 1/0)";
      }
    }
    // a NUL in a review (a broken export) is dropped: PostgreSQL's text cannot hold one, and the
    // rest of the review is worth keeping
    String text = cell(record, at, Column.TEXT).replace("\0", "").strip();
    if (rating.isEmpty() && text.isEmpty() && !flagged) {
      return "nothing to record: no rating, no text and not flagged";
    }
    return new FeedbackRecord(
        line,
        customer,
        optional(cell(record, at, Column.ID)),
        optional(cell(record, at, Column.SOURCE)),
        rating,
        optional(ratingText),
        optional(text),
        date,
        flagged);
  }

  private static Optional<String> optional(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static String cell(CsvRecord record, Map<Column, Integer> at, Column c) {
    Integer i = at.get(c);
    return i == null ? "" : record.getField(i).strip();
  }

  private static String name(List<String> header, Map<Column, Integer> at, Column c) {
    return header.get(Objects.requireNonNull(at.get(c)));
  }

  /** Settings of a {@link FeedbackFileReader}. */
  public static final class Builder extends FieldReaderSettings<Builder> {
    private RatingScale scale = RatingScale.FIVE;

    private Builder() {}

    @Override
    List<String> fieldKeys() {
      return keys();
    }

    /** The scale of the file's ratings. Default: 1 to 5. */
    public Builder scale(RatingScale scale) {
      this.scale = Objects.requireNonNull(scale, "scale");
      return this;
    }

    public FeedbackFileReader build() {
      return new FeedbackFileReader(this);
    }
  }
}
