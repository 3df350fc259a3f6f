package org.rekindle.core.input;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One customer as read from a customers file.
 *
 * @param line the physical line (the header is line 1)
 * @param customerId the customer's external id
 * @param values the fields the file has, read: {@code String} for text, email, account kind ({@code
 *     consumer} or {@code credit_account}) and zone, {@code LocalDate} for dates, {@code
 *     List<String>} for tags, {@code Boolean} for consents. A field the file has but this row
 *     leaves empty is absent here and stored as empty (null) — the file says it is not known.
 */
public record CustomerRecord(long line, String customerId, Map<CustomerField, Object> values) {
  public CustomerRecord {
    Objects.requireNonNull(customerId, "customerId");
    EnumMap<CustomerField, Object> copy = new EnumMap<>(CustomerField.class);
    copy.putAll(values);
    values = Collections.unmodifiableMap(copy);
  }
}
