package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.bounce.Bounce;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.bounce.Origin;
import org.rekindle.core.bounce.Rejected;

/**
 * Reads a mail provider's export of bounces, complaints and unsubscribes (CSV, .gz too): one report
 * per row. Columns are found by their usual names, ignoring case, spaces, underscores and dashes,
 * or mapped with {@link Builder#columns}:
 *
 * <ul>
 *   <li>{@code email} (required): email, email_address, address, recipient, rcpt, to;
 *   <li>{@code type}: type, bounce_type, event, event_type, kind, category, notification_type — a
 *       word such as hard, soft, complaint, spam, abuse, unsubscribe (see {@link
 *       Bounce.Kind#parse}) or an enhanced status code;
 *   <li>{@code status}: status, status_code, enhanced_status — used when the row's type is empty or
 *       the file has none: 5.x.x is hard, 4.x.x soft (RFC 3463);
 *   <li>{@code date}: date, timestamp, time, datetime, created, created_at, event_date — ISO 8601
 *       (without an offset it is UTC), a Unix time in seconds or milliseconds, or an RFC 1123 date;
 *   <li>{@code reason}: reason, diagnostic, diagnostic_code, description, detail, details,
 *       bounce_reason, error;
 *   <li>{@code message_id}: message_id, smtp_id, sg_message_id, msg_id.
 * </ul>
 *
 * <p>A file needs a type or a status column. A row that cannot be read — no address or not an
 * address, a type that is none of the known words, a date that is none of the forms above, a
 * different number of fields than the header — is rejected with its line and reason; the others are
 * read all the same, however many are rejected (a bounce read is an address kept safe). A file with
 * a header and no rows has nothing to report, which is not an error.
 */
public final class BounceFileReader {
  private static final Pattern EPOCH = Pattern.compile("\\d{9,13}(\\.\\d+)?");

  /** ISO 8601 with a space or a T, with or without seconds, fraction and offset. */
  private static final DateTimeFormatter ISO_LENIENT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter();

  private enum Column {
    EMAIL("email", List.of("email", "email_address", "address", "recipient", "rcpt", "to")),
    TYPE(
        "type",
        List.of(
            "type", "bounce_type", "event", "event_type", "kind", "category", "notification_type")),
    STATUS("status", List.of("status", "status_code", "enhanced_status")),
    DATE(
        "date",
        List.of("date", "timestamp", "time", "datetime", "created", "created_at", "event_date")),
    REASON(
        "reason",
        List.of(
            "reason",
            "diagnostic",
            "diagnostic_code",
            "description",
            "detail",
            "details",
            "bounce_reason",
            "error")),
    MESSAGE_ID("message_id", List.of("message_id", "smtp_id", "sg_message_id", "msg_id"));

    /** The field's name in a column mapping. */
    final String key;

    final List<String> names;

    Column(String key, List<String> names) {
      this.key = key;
      this.names = names;
    }

    static List<String> keys() {
      List<String> keys = new ArrayList<>();
      for (Column c : values()) {
        keys.add(c.key);
      }
      return keys;
    }
  }

  private final Map<String, String> mapping;

  private BounceFileReader(Builder b) {
    this.mapping = b.mapping;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The field names a mapping may use: email, type, status, date, reason, message_id. */
  public static List<String> keys() {
    return Column.keys();
  }

  /**
   * Reads a file.
   *
   * @throws InputException if the file cannot be read, is empty or not CSV, or has no email column
   *     or neither a type nor a status column
   */
  public BounceFile read(Path file) {
    try (Source source = Source.open(file, ProgressListener.NONE)) {
      return read(source);
    }
  }

  /** Reads a stream, named {@code name} in messages and origins. */
  public BounceFile read(InputStream in, String name) {
    try (Source source = Source.open(in, name, -1, ProgressListener.NONE)) {
      return read(source);
    }
  }

  private BounceFile read(Source source) {
    List<List<String>> sample = source.sampleRecords(1);
    if (sample.isEmpty()) {
      throw new InputException("file '" + source.name + "' is empty: expected a header line");
    }
    List<String> header = sample.get(0);
    Map<Column, Integer> at = resolve(header, source.name);
    if (sample.size() == 1 && !source.partialSample) {
      return new BounceFile(source.name, "CSV", List.of(), List.of());
    }
    List<Bounce> bounces = new ArrayList<>();
    Path rejects = tempFile();
    try {
      // CsvRows refuses a row of the wrong width before asking us, and keeps it only in its
      // rejects file: every reject is read back from there, so none goes unreported
      CsvRows.read(
          source,
          header,
          Optional.of(rejects),
          1.0,
          (record, line) ->
              CsvRows.handOn(
                  parse(record, line, header, at, source.name), Bounce.class, bounces::add));
      return new BounceFile(source.name, "CSV", bounces, readRejects(rejects, source.name));
    } finally {
      try {
        Files.deleteIfExists(rejects);
      } catch (IOException ignored) {
        // a leftover temporary file holds only rows of a file the user already has
      }
    }
  }

  private Map<Column, Integer> resolve(List<String> header, String source) {
    Map<Column, Integer> at = new EnumMap<>(Column.class);
    for (Column c : Column.values()) {
      int i = Headers.locate(header, c.key, c.names, mapping.get(c.key), c == Column.EMAIL, source);
      // a column already taken by an earlier field is not reused
      if (i >= 0 && !at.containsValue(i)) {
        at.put(c, i);
      }
    }
    if (!at.containsKey(Column.TYPE) && !at.containsKey(Column.STATUS)) {
      throw new InputException(
          "file '"
              + source
              + "' says nothing of what happened: looked for a type column ("
              + String.join(", ", Column.TYPE.names)
              + ") or a status column ("
              + String.join(", ", Column.STATUS.names)
              + "), ignoring case, spaces, underscores and dashes, in the header "
              + Headers.show(header)
              + "; map one with --columns type=<column>");
    }
    return at;
  }

  /** The report, or the reason the row is refused. */
  private static Object parse(
      CsvRecord record, long line, List<String> header, Map<Column, Integer> at, String source) {
    int emailColumn = Objects.requireNonNull(at.get(Column.EMAIL));
    String address = record.getField(emailColumn).strip();
    if (address.isEmpty()) {
      return "no email address in column '" + header.get(emailColumn) + "'";
    }
    if (!Bounce.looksLikeEmail(address)) {
      return "column '" + header.get(emailColumn) + "': '" + address + "' is not an email address";
    }
    String type = cell(record, at, Column.TYPE);
    String status = cell(record, at, Column.STATUS);
    Optional<Bounce.Kind> kind;
    if (!type.isEmpty()) {
      kind = Bounce.Kind.parse(type);
      if (kind.isEmpty()) {
        return "column '"
            + header.get(Objects.requireNonNull(at.get(Column.TYPE)))
            + "': '"
            + type
            + "' is not a kind of bounce (hard, soft, complaint, spam, abuse, unsubscribe, or a"
            + " status such as 5.1.1)";
      }
    } else if (!status.isEmpty()) {
      kind = Bounce.Kind.fromStatus(status);
      if (kind.isEmpty()) {
        return "column '"
            + header.get(Objects.requireNonNull(at.get(Column.STATUS)))
            + "': '"
            + status
            + "' is not a failure status (5.x.x for a hard bounce, 4.x.x for a soft one)";
      }
    } else {
      return "no type or status: the row does not say what happened";
    }
    String date = cell(record, at, Column.DATE);
    Optional<Instant> when = Optional.empty();
    if (!date.isEmpty()) {
      Instant i = instant(date);
      if (i == null) {
        return "column '"
            + header.get(Objects.requireNonNull(at.get(Column.DATE)))
            + "': cannot read '"
            + date
            + "' as a date and time (ISO 8601 such as 2024-05-01T10:00:00Z, a Unix time in"
            + " seconds, or an RFC 1123 date)";
      }
      when = Optional.of(i);
    }
    String reason = cell(record, at, Column.REASON);
    String messageId = cell(record, at, Column.MESSAGE_ID);
    return new Bounce(
        address,
        kind.get(),
        when,
        status.isEmpty() || reason.contains(status) ? reason : (status + " " + reason).strip(),
        messageId.isEmpty() ? Optional.empty() : Optional.of(messageId),
        Origin.line(source, line));
  }

  private static String cell(CsvRecord record, Map<Column, Integer> at, Column c) {
    Integer i = at.get(c);
    return i == null ? "" : record.getField(i).strip();
  }

  /** A date and time in one of the forms providers write, or null. */
  static @Nullable Instant instant(String text) {
    String t = text.strip();
    try {
      if (EPOCH.matcher(t).matches()) {
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        if (whole.length() <= 10) {
          long nanos =
              dot < 0 ? 0 : Long.parseLong((t.substring(dot + 1) + "000000000").substring(0, 9));
          return Instant.ofEpochSecond(Long.parseLong(whole), nanos);
        }
        // 11 digits are neither seconds of this era nor milliseconds
        return dot < 0 && whole.length() >= 12 ? Instant.ofEpochMilli(Long.parseLong(whole)) : null;
      }
      if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
        TemporalAccessor parsed =
            ISO_LENIENT.parseBest(t, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof OffsetDateTime o) {
          return o.toInstant();
        }
        if (parsed instanceof LocalDateTime l) {
          return l.toInstant(ZoneOffset.UTC);
        }
        return ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      // RFC 5322 allows a comment after the zone: "+0000 (UTC)"
      String rfc = t.replaceFirst("\\s*\\([^)]*\\)\\s*$", "");
      return OffsetDateTime.parse(rfc, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static Path tempFile() {
    try {
      return Files.createTempFile("rekindle-bounce-rejects-", ".csv");
    } catch (IOException e) {
      throw new InputException("cannot make a temporary file for rejected rows: " + e, e);
    }
  }

  private static List<Rejected> readRejects(Path file, String source) {
    List<Rejected> rejected = new ArrayList<>();
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
      boolean headerSeen = false;
      for (CsvRecord r : csv) {
        if (!headerSeen) {
          headerSeen = true;
          continue;
        }
        // RejectLog writes line,reason,raw
        rejected.add(
            new Rejected(
                Origin.line(source, Long.parseLong(r.getField(0))), r.getField(1), r.getField(2)));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("cannot read back the rejected rows of '" + source + "': " + e, e);
    }
    return rejected;
  }

  /** Settings of a {@link BounceFileReader}. */
  public static final class Builder {
    private Map<String, String> mapping = Map.of();

    private Builder() {}

    /**
     * Which header column holds which field, such as {@code email=Recipient,type=Event}; the fields
     * are those of {@link #keys()}.
     *
     * @throws InputException if the mapping cannot be read
     */
    public Builder columns(String spec) {
      this.mapping = Map.copyOf(Headers.parseMapping(spec, keys()));
      return this;
    }

    public BounceFileReader build() {
      return new BounceFileReader(this);
    }
  }
}
