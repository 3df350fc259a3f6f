package org.rekindle.core.input;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the builders of the readers of named fields (customers, feedback) set besides the common
 * settings: which header column holds which field, and the date pattern.
 *
 * @param <B> the builder itself, so the setters chain
 */
public abstract class FieldReaderSettings<B extends FieldReaderSettings<B>>
    extends ReaderSettings<B> {
  Map<String, String> mapping = Map.of();
  Optional<String> dateFormat = Optional.empty();

  FieldReaderSettings() {}

  /** The field names a column mapping may use. */
  abstract List<String> fieldKeys();

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Which header column holds which field, such as {@code customer=Kundennummer,email=Mail}; the
   * fields are those the reader's {@code keys()} names.
   *
   * @throws InputException if the mapping cannot be read
   */
  public B columns(String spec) {
    this.mapping = Map.copyOf(Headers.parseMapping(spec, fieldKeys()));
    return self();
  }

  /**
   * A java.time pattern for the file's date columns, such as {@code dd/MM/yyyy}. Default: ISO,
   * detected.
   */
  public B dateFormat(String pattern) {
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("the date format must not be blank");
    }
    this.dateFormat = Optional.of(pattern);
    return self();
  }
}
