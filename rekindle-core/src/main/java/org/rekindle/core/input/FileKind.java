package org.rekindle.core.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an import file holds, told from its header by the same usual column names the readers find
 * their columns by ({@link CustomerField}, {@link ColumnMapping.Role}, the feedback reader's): for
 * a front end that takes a file without being told which import it is for.
 *
 * <ul>
 *   <li>A date column with an amount, order id, currency or offer code column: orders.
 *   <li>Otherwise a date column with a rating, text or flag column: feedback.
 *   <li>Otherwise a customer and an order date column: orders (a log of purchases by day).
 *   <li>Otherwise a customer id column: customers.
 * </ul>
 */
public enum FileKind {
  CUSTOMERS,
  ORDERS,
  FEEDBACK;

  /** The word for it, as an import batch records it: customers, orders or feedback. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * What the file holds, from its header; empty when the header does not tell.
   *
   * @throws InputException if the file cannot be read, is not CSV, or is empty
   */
  public static Optional<FileKind> detect(Path file) {
    try (Source source = Source.open(file, ProgressListener.NONE)) {
      List<List<String>> records = source.sampleRecords(0);
      if (records.isEmpty()) {
        throw new InputException("file '" + source.name + "' is empty: expected a header line");
      }
      return detect(records.get(0));
    }
  }

  /** What a file with this header holds; empty when the header does not tell. */
  public static Optional<FileKind> detect(List<String> header) {
    boolean orderDate = has(header, ColumnMapping.Role.DATE.candidates());
    boolean orderValues =
        has(header, ColumnMapping.Role.AMOUNT.candidates())
            || has(header, ColumnMapping.Role.ORDER.candidates())
            || has(header, ColumnMapping.Role.CURRENCY.candidates())
            || has(header, ColumnMapping.Role.OFFER.candidates());
    if (orderDate && orderValues) {
      return Optional.of(ORDERS);
    }
    boolean feedbackDate = has(header, FeedbackFileReader.Column.DATE.names);
    boolean feedbackValues =
        has(header, FeedbackFileReader.Column.RATING.names)
            || has(header, FeedbackFileReader.Column.TEXT.names)
            || has(header, FeedbackFileReader.Column.FLAGGED.names);
    if (feedbackDate && feedbackValues) {
      return Optional.of(FEEDBACK);
    }
    boolean customer = has(header, ColumnMapping.Role.CUSTOMER.candidates());
    if (customer && orderDate) {
      return Optional.of(ORDERS);
    }
    if (has(header, CustomerField.ID.candidates())) {
      return Optional.of(CUSTOMERS);
    }
    return Optional.empty();
  }

  private static boolean has(List<String> header, List<String> names) {
    return Headers.find(header, names) >= 0;
  }
}
