package org.rekindle.core.input;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which header column holds which field of a transaction. Roles not mapped explicitly are found by
 * their usual names, ignoring case, spaces, underscores and dashes (see {@link Role#candidates()}).
 */
public final class ColumnMapping {
  /** The fields of a transaction row. */
  public enum Role {
    /** The customer id; required. */
    CUSTOMER(
        true,
        List.of("customer", "customer_id", "customerid", "client", "client_id", "cust_id", "id")),
    /** The transaction date; required. */
    DATE(true, List.of("date", "order_date", "timestamp", "purchase_date", "time", "datetime")),
    /** The amount; optional (every row then counts as a purchase of amount 0). */
    AMOUNT(false, List.of("amount", "total", "revenue", "value", "dollar_value", "sales", "price")),
    /** The order id, for dropping duplicate rows; optional. */
    ORDER(false, List.of("order", "order_id", "invoice", "invoice_id", "transaction_id")),
    /** The currency (ISO 4217) of the amount, read when orders are imported; optional. */
    CURRENCY(false, List.of("currency", "currency_code", "curr")),
    /** The offer or coupon code used, read when orders are imported; optional. */
    OFFER(
        false,
        List.of("offer_code", "offer", "coupon", "coupon_code", "promo_code", "discount_code"));

    private final boolean required;
    private final List<String> candidates;

    Role(boolean required, List<String> candidates) {
      this.required = required;
      this.candidates = candidates;
    }

    /** Whether a transaction file must have this column. */
    public boolean required() {
      return required;
    }

    /** The header names looked for, in order of preference. */
    public List<String> candidates() {
      return candidates;
    }

    /** The role's name in a mapping: customer, date, amount, order. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final ColumnMapping AUTO = new ColumnMapping(new EnumMap<>(Role.class));

  private final Map<Role, String> columns;

  private ColumnMapping(Map<Role, String> columns) {
    this.columns = columns;
  }

  /** Every column found by its usual names. */
  public static ColumnMapping auto() {
    return AUTO;
  }

  /**
   * Parses a mapping such as {@code customer=Kundennummer,date=Datum}; roles left out are found by
   * their usual names.
   *
   * @throws InputException if the text is not a comma-separated list of role=column pairs with
   *     known roles
   */
  public static ColumnMapping parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    List<String> keys = new ArrayList<>();
    for (Role role : Role.values()) {
      keys.add(role.key());
    }
    Map<Role, String> columns = new EnumMap<>(Role.class);
    Headers.parseMapping(spec, keys).forEach((key, column) -> columns.put(role(key), column));
    return columns.isEmpty() ? auto() : new ColumnMapping(columns);
  }

  /** This mapping with one role mapped to a column name. */
  public ColumnMapping with(Role role, String column) {
    Objects.requireNonNull(role, "role");
    if (column.isBlank()) {
      throw new IllegalArgumentException("the column name for " + role.key() + " is blank");
    }
    Map<Role, String> copy = new EnumMap<>(Role.class);
    copy.putAll(columns);
    copy.put(role, column);
    return new ColumnMapping(copy);
  }

  /** The column mapped explicitly to a role, if any. */
  public Optional<String> column(Role role) {
    return Optional.ofNullable(columns.get(role));
  }

  private static Role role(String key) {
    for (Role role : Role.values()) {
      if (role.key().equals(key)) {
        return role;
      }
    }
    throw new IllegalArgumentException("no role " + key);
  }

  /** The mapping in the form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Role, String> e : columns.entrySet()) {
      out.append(out.length() == 0 ? "" : ",").append(e.getKey().key()).append('=');
      out.append(e.getValue());
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnMapping other && columns.equals(other.columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }
}
