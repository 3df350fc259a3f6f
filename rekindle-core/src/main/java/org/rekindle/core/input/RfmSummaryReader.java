package org.rekindle.core.input;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.SummaryCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ready-made RFM summaries, one customer per row, as written by the BTYD libraries: a
 * customer id ({@code id}, {@code customer}, {@code customer_id}), the frequency x ({@code
 * frequency}, {@code x}), the recency t_x ({@code recency}, {@code t_x}), the age T ({@code T},
 * {@code age}) and optionally the mean repeat spend ({@code monetary}, {@code monetary_value},
 * {@code zbar}, {@code m}). Names ignore case, spaces, underscores and dashes; other names are
 * mapped with {@link Builder#columns}. Times are in the file's unit, given with {@link
 * Builder#unit}.
 *
 * <p>A row is rejected unless the frequency is a non-negative whole number, 0 &le; recency &le; T,
 * the recency is 0 when the frequency is 0, the monetary value is not negative, and the customer id
 * is new. Rejects and the rejects limit work as in {@link TransactionReader}.
 */
public final class RfmSummaryReader {
  private static final Logger LOG = LoggerFactory.getLogger(RfmSummaryReader.class);
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?");

  private enum Column {
    ID("customer", true, List.of("id", "customer", "customer_id")),
    FREQUENCY("frequency", true, List.of("frequency", "x")),
    RECENCY("recency", true, List.of("recency", "t_x")),
    AGE("T", true, List.of("T", "age")),
    MONETARY("monetary", false, List.of("monetary", "monetary_value", "zbar", "m"));

    /** The field's name in a column mapping. */
    final String key;

    final boolean required;
    final List<String> names;

    Column(String key, boolean required, List<String> names) {
      this.key = key;
      this.required = required;
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

  private final Period unit;
  private final ReaderSettings.Limits limits;
  private final Map<String, String> columns;

  private RfmSummaryReader(Builder b) {
    this.unit = b.unit;
    this.limits = b.limits();
    this.columns = b.columns;
  }

  /** Defaults: times in weeks, at most 1% rejects, no rejects file, no progress reports. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a file.
   *
   * @throws InputException if the file cannot be read, is empty, lacks a required column or has too
   *     many rejects
   */
  public RfmReadResult read(Path file) {
    try (Source source = Source.open(file, limits.progress())) {
      return read(source);
    }
  }

  /**
   * Reads a stream; {@code name} names it in messages. The stream is closed.
   *
   * @throws InputException as {@link #read(Path)}
   */
  public RfmReadResult read(InputStream in, String name) {
    try (Source source = Source.open(in, name, -1, limits.progress())) {
      return read(source);
    }
  }

  private RfmReadResult read(Source source) {
    List<List<String>> sample = source.sampleRecords(1);
    if (sample.isEmpty()) {
      throw new InputException("file '" + source.name + "' is empty: expected a header line");
    }
    List<String> header = sample.get(0);
    int[] at = new int[Column.values().length];
    for (Column c : Column.values()) {
      at[c.ordinal()] =
          Headers.locate(header, c.key, c.names, columns.get(c.key), c.required, source.name);
    }
    List<CustomerSummary> customers = new ArrayList<>();
    Map<String, Long> firstLine = new HashMap<>();
    CsvRows.Counts counts =
        CsvRows.read(
            source,
            header,
            limits.rejectsFile(),
            limits.maxRejects(),
            (record, line) -> row(record, at, header, line, firstLine, customers).orElse(null));
    ReadReport report =
        counts.report(
            source.name,
            "delimiter '"
                + source.delimiterName()
                + "', times in "
                + unit.name().toLowerCase(java.util.Locale.ROOT)
                + "s");
    LOG.info(
        "read {}: {} rows, {} accepted, {} rejected",
        source.name,
        counts.rows(),
        report.accepted(),
        report.rejected());
    SummaryCounts summaryCounts =
        new SummaryCounts(customers.size(), 0, 0, 0, customers.size(), 0, 0);
    Summaries summaries =
        new Summaries(
            customers,
            unit,
            Optional.empty(),
            Optional.empty(),
            OptionalDouble.empty(),
            summaryCounts);
    return new RfmReadResult(summaries, report);
  }

  /** Adds the row's summary, or says why it is rejected. */
  private static Optional<String> row(
      CsvRecord record,
      int[] at,
      List<String> header,
      long line,
      Map<String, Long> firstLine,
      List<CustomerSummary> customers) {
    String id = record.getField(at[Column.ID.ordinal()]).strip();
    if (id.isEmpty()) {
      return Optional.of(
          "missing customer id in column '" + header.get(at[Column.ID.ordinal()]) + "'");
    }
    double[] v = new double[Column.values().length];
    for (Column c : List.of(Column.FREQUENCY, Column.RECENCY, Column.AGE, Column.MONETARY)) {
      int i = at[c.ordinal()];
      if (i < 0) {
        continue;
      }
      String text = record.getField(i).strip();
      if (!NUMBER.matcher(text).matches()) {
        return Optional.of(
            "column '" + header.get(i) + "': cannot read '" + shorten(text) + "' as a number");
      }
      v[c.ordinal()] = Double.parseDouble(text.replace(',', '.'));
      if (!Double.isFinite(v[c.ordinal()])) {
        return Optional.of(
            "column '" + header.get(i) + "': the number '" + shorten(text) + "' is too large");
      }
    }
    double frequency = v[Column.FREQUENCY.ordinal()];
    double recency = v[Column.RECENCY.ordinal()];
    double age = v[Column.AGE.ordinal()];
    double monetary = v[Column.MONETARY.ordinal()];
    if (frequency < 0 || frequency != Math.rint(frequency) || frequency > Integer.MAX_VALUE) {
      return Optional.of("frequency must be a non-negative whole number, found " + frequency);
    }
    if (recency < 0 || recency > age) {
      return Optional.of("recency must be between 0 and T (" + age + "), found " + recency);
    }
    if (frequency == 0 && recency != 0) {
      return Optional.of("recency must be 0 when frequency is 0, found " + recency);
    }
    if (monetary < 0) {
      return Optional.of("monetary value must not be negative, found " + monetary);
    }
    Long first = firstLine.putIfAbsent(id, line);
    if (first != null) {
      return Optional.of(
          "customer id '" + shorten(id) + "' appears again (first on line " + first + ")");
    }
    customers.add(
        CustomerSummary.of(id, (int) frequency, recency + 0.0, age + 0.0, monetary + 0.0));
    return Optional.empty();
  }

  private static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "...";
  }

  /** Settings of an {@link RfmSummaryReader}; validated as they are set. */
  public static final class Builder extends ReaderSettings<Builder> {
    private Period unit = Period.WEEK;
    private Map<String, String> columns = Map.of();

    private Builder() {}

    /**
     * Which header column holds which field, such as {@code customer=Kundennummer,T=age_weeks}; the
     * fields are customer, frequency, recency, T and monetary. Fields left out are found by their
     * usual names. Default: all found by name.
     *
     * @throws InputException if the mapping cannot be read
     */
    public Builder columns(String mapping) {
      this.columns = Map.copyOf(Headers.parseMapping(mapping, Column.keys()));
      return this;
    }

    /** The unit of recency and age in the file. Default: weeks. */
    public Builder unit(Period unit) {
      this.unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    public RfmSummaryReader build() {
      return new RfmSummaryReader(this);
    }
  }
}
