package org.rekindle.core.input;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the builders of the transaction-log readers set besides the common settings: the column
 * mapping, the date pattern and the business's time zone.
 *
 * @param <B> the builder itself, so the setters chain
 */
public abstract class LogReaderSettings<B extends LogReaderSettings<B>> extends ReaderSettings<B> {
  ColumnMapping columns = ColumnMapping.auto();
  Optional<String> dateFormat = Optional.empty();
  Optional<ZoneId> zone = Optional.empty();

  LogReaderSettings() {}

  /** The log settings as they stand, for a reader to keep. */
  record Log(ColumnMapping columns, Optional<String> dateFormat, Optional<ZoneId> zone) {}

  Log log() {
    return new Log(columns, dateFormat, zone);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Columns mapped explicitly; the rest are found by name. Default: all found by name. */
  public B columns(ColumnMapping columns) {
    this.columns = Objects.requireNonNull(columns, "columns");
    return self();
  }

  /**
   * A {@link java.time.format.DateTimeFormatter} pattern for the date column, such as {@code
   * dd/MM/yyyy}; date-times are reduced to their date. Default: ISO dates and date-times, detected.
   */
  public B dateFormat(String pattern) {
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("the date format must not be blank");
    }
    this.dateFormat = Optional.of(pattern);
    return self();
  }

  /**
   * The business's time zone. A date-time that carries an offset or 'Z' is an instant and counts on
   * its date in this zone; plain dates and date-times without an offset are taken as written (and
   * the moment of a bare date is its midnight here). Default: none, every date as written.
   */
  public B zone(ZoneId zone) {
    this.zone = Optional.of(zone);
    return self();
  }
}
