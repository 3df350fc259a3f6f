package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a customers file for import: an id column (required) and any of the {@link CustomerField}s,
 * found by their usual names or mapped with {@link Builder#columns}. One {@link CustomerRecord} per
 * good row; bad rows are rejected with their line and reason, and too many of them refuse the file,
 * as for the transaction readers. A customer id that appears again is rejected: the first row
 * counts.
 */
public final class CustomerFileReader {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern TAG_SEPARATORS = Pattern.compile("[;|,]");

  private final Map<String, String> mapping;
  private final Optional<String> dateFormat;
  private final ReaderSettings.Limits limits;

  private CustomerFileReader(Builder b) {
    this.mapping = b.mapping;
    this.dateFormat = b.dateFormat;
    this.limits = b.limits();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The field names a mapping may use, in field order. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (CustomerField f : CustomerField.values()) {
      keys.add(f.key());
    }
    return keys;
  }

  /** The fields of a file's header, found or mapped; read before the rows. */
  public record Columns(Map<CustomerField, Integer> at) {}

  /**
   * Reads a file: tells {@code columns} which fields the file has, then hands each good row to
   * {@code sink} in file order.
   *
   * @throws InputException if the file cannot be read, is empty, lacks the id column, or has too
   *     many rejects (after every row was handed on: the caller must discard what it received)
   */
  public ReadReport read(Path file, Consumer<Columns> columns, Consumer<CustomerRecord> sink) {
    Objects.requireNonNull(sink, "sink");
    try (Source source = Source.open(file, limits.progress())) {
      List<List<String>> sample = source.sampleRecords(200);
      if (sample.isEmpty()) {
        throw new InputException("file '" + source.name + "' is empty: expected a header line");
      }
      List<String> header = sample.get(0);
      Map<CustomerField, Integer> at = resolve(header, source.name);
      columns.accept(new Columns(Map.copyOf(at)));
      List<String> dateSamples = new ArrayList<>();
      for (CustomerField f : at.keySet()) {
        if (f.kind() == CustomerField.Kind.DATE) {
          for (List<String> row : sample.subList(1, sample.size())) {
            int c = Objects.requireNonNull(at.get(f));
            if (row.size() == header.size() && !row.get(c).isBlank()) {
              dateSamples.add(row.get(c).strip());
            }
          }
        }
      }
      // dates are a side matter in a customers file: without a pattern, and when neither ISO form
      // reads the sample, ISO it is, and a row whose date it cannot read is rejected with the
      // reason instead of the whole file
      DateParser dates =
          dateFormat.isPresent()
              ? DateParser.detect(dateSamples, dateFormat, Optional.empty(), "dates", source.name)
              : DateParser.detectIsoOrBasic(dateSamples, Optional.empty())
                  .orElseGet(() -> DateParser.iso(Optional.empty()));
      return readRows(source, header, at, dates, sink);
    }
  }

  private ReadReport readRows(
      Source source,
      List<String> header,
      Map<CustomerField, Integer> at,
      DateParser dates,
      Consumer<CustomerRecord> sink) {
    Map<String, Long> firstLine = new HashMap<>();
    int idColumn = Objects.requireNonNull(at.get(CustomerField.ID));
    CsvRows.Counts counts =
        CsvRows.read(
            source,
            header,
            limits.rejectsFile(),
            limits.maxRejects(),
            (record, line) -> {
              // an id written twice is a mistake in the file, whether or not its first row was
              // good
              String id = record.getField(idColumn).strip();
              Long first = id.isEmpty() ? null : firstLine.putIfAbsent(id, line);
              if (first != null) {
                return "customer id '" + id + "' appears again (first on line " + first + ")";
              }
              return CsvRows.handOn(parse(record, header, at, dates), CustomerRecord.class, sink);
            });
    return counts.report(source.name, "fields " + at.keySet());
  }

  private Map<CustomerField, Integer> resolve(List<String> header, String source) {
    Map<CustomerField, Integer> at = new EnumMap<>(CustomerField.class);
    for (CustomerField f : CustomerField.values()) {
      int i =
          Headers.locate(
              header, f.key(), f.candidates(), mapping.get(f.key()), f == CustomerField.ID, source);
      // a column already taken by an earlier field (say 'account' for the id) is not reused
      if (i >= 0 && !at.containsValue(i)) {
        at.put(f, i);
      }
    }
    return at;
  }

  /** The record, or the reason the row is refused. */
  private static Object parse(
      CsvRecord record, List<String> header, Map<CustomerField, Integer> at, DateParser dates) {
    if (record.getFieldCount() != header.size()) {
      return "expected "
          + header.size()
          + " fields as in the header, found "
          + record.getFieldCount();
    }
    // resolve() refuses a file without an id column
    int idColumn = Objects.requireNonNull(at.get(CustomerField.ID));
    String id = record.getField(idColumn).strip();
    if (id.isEmpty()) {
      return "missing customer id in column '" + header.get(idColumn) + "'";
    }
    Map<CustomerField, Object> values = new EnumMap<>(CustomerField.class);
    for (Map.Entry<CustomerField, Integer> e : at.entrySet()) {
      CustomerField f = e.getKey();
      if (f == CustomerField.ID) {
        continue;
      }
      String text = record.getField(e.getValue()).strip();
      if (text.isEmpty()) {
        continue;
      }
      String column = header.get(e.getValue());
      Object value = read(f, text, dates);
      if (value == null) {
        return "column '" + column + "': cannot read '" + text + "' as " + expected(f.kind());
      }
      values.put(f, value);
    }
    return new CustomerRecord(record.getStartingLineNumber(), id, values);
  }

  private static @Nullable Object read(CustomerField f, String text, DateParser dates) {
    switch (f.kind()) {
      case TEXT:
        return text;
      case EMAIL:
        return EMAIL.matcher(text).matches() ? text.toLowerCase(Locale.ROOT) : null;
      case DATE:
        int day = dates.parse(text.toCharArray(), 0, text.length());
        return day == DateParser.INVALID ? null : LocalDate.ofEpochDay(day);
      case TAGS:
        List<String> tags = new ArrayList<>();
        for (String t : TAG_SEPARATORS.split(text)) {
          if (!t.isBlank()) {
            tags.add(t.strip());
          }
        }
        return List.copyOf(tags);
      case ACCOUNT_KIND:
        String k = Headers.normalize(text);
        if (k.equals("consumer") || k.equals("retail") || k.equals("b2c") || k.equals("private")) {
          return "consumer";
        }
        if (k.equals("credit")
            || k.equals("creditaccount")
            || k.equals("account")
            || k.equals("b2b")
            || k.equals("business")
            || k.equals("trade")) {
          return "credit_account";
        }
        return null;
      case ZONE:
        try {
          return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
          return null;
        }
      case YES_NO:
        String b = text.toLowerCase(Locale.ROOT);
        if (b.equals("yes") || b.equals("y") || b.equals("true") || b.equals("1")) {
          return Boolean.TRUE;
        }
        if (b.equals("no") || b.equals("n") || b.equals("false") || b.equals("0")) {
          return Boolean.FALSE;
        }
        return null;
    }
    throw new IllegalStateException("no reader for " + f.kind());
  }

  private static String expected(CustomerField.Kind kind) {
    switch (kind) {
      case EMAIL:
        return "an email address";
      case DATE:
        return "a date";
      case ACCOUNT_KIND:
        return "an account kind (consumer, or credit_account for a B2B credit account)";
      case ZONE:
        return "a time zone such as Europe/Berlin";
      case YES_NO:
        return "yes or no";
      default:
        return "text";
    }
  }

  /** Settings of a {@link CustomerFileReader}; validated as they are set. */
  public static final class Builder extends FieldReaderSettings<Builder> {
    private Builder() {}

    @Override
    List<String> fieldKeys() {
      return keys();
    }

    public CustomerFileReader build() {
      return new CustomerFileReader(this);
    }
  }
}
