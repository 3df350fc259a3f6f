package org.rekindle.core.input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Finding columns in a header by their usual names. */
final class Headers {
  private Headers() {}

  /**
   * Lower case without spaces, underscores, dashes and a byte order mark: "Customer ID" →
   * "customerid".
   */
  static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != ' ' && c != '_' && c != '-' && c != '\t' && c != '\uFEFF') {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The first column whose normalised name is one of the candidates, tried in order; or -1. */
  static int find(List<String> header, List<String> candidates) {
    for (String candidate : candidates) {
      String wanted = normalize(candidate);
      for (int i = 0; i < header.size(); i++) {
        if (normalize(header.get(i)).equals(wanted)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The column named exactly so, else the first whose normalised name matches; or -1. */
  static int findExplicit(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equals(name.strip())) {
        return i;
      }
    }
    return find(header, List.of(name));
  }

  /**
   * Reads a mapping such as {@code customer=Kundennummer,date=Datum} into field → column, the field
   * names as spelled in {@code fields} (matched ignoring case), in the order given.
   *
   * @throws InputException if the text is not a comma-separated list of field=column pairs with
   *     known fields, each mapped once
   */
  static Map<String, String> parseMapping(String spec, List<String> fields) {
    Map<String, String> mapped = new LinkedHashMap<>();
    if (spec.isBlank()) {
      return mapped;
    }
    for (String pair : spec.split(",", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
      String column = eq < 0 ? "" : pair.substring(eq + 1).strip();
      String field = null;
      for (String f : fields) {
        if (f.equalsIgnoreCase(key)) {
          field = f;
        }
      }
      if (eq < 0 || column.isEmpty() || field == null) {
        throw new InputException(
            "cannot read the column mapping '"
                + spec
                + "' at '"
                + pair.strip()
                + "': expected field=column pairs separated by commas, such as "
                + fields.get(0)
                + "=cust_no; the fields are "
                + String.join(", ", fields));
      }
      if (mapped.put(field, column) != null) {
        throw new InputException(
            "the column mapping '" + spec + "' maps '" + key + "' twice; map it once");
      }
    }
    return mapped;
  }

  /**
   * The column of a field: the mapped one when {@code explicit} is given, else the first of its
   * usual names; -1 when an optional field is absent.
   *
   * @throws InputException if a required or mapped field's column is not in the header
   */
  static int locate(
      List<String> header,
      String key,
      List<String> candidates,
      @Nullable String explicit,
      boolean required,
      String source) {
    int i = explicit != null ? findExplicit(header, explicit) : find(header, candidates);
    if (i < 0 && (required || explicit != null)) {
      throw new InputException(
          "file '"
              + source
              + "' has no "
              + key
              + " column: looked for "
              + (explicit != null
                  ? "'" + explicit + "' (as mapped)"
                  : String.join(", ", candidates)
                      + " (ignoring case, spaces, underscores and dashes)")
              + " in the header "
              + show(header)
              + "; map it with --columns "
              + key
              + "=<column>");
    }
    return i;
  }

  /** The header as a user sees it, for messages. */
  static String show(List<String> header) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < header.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('\'').append(header.get(i)).append('\'');
    }
    return out.toString();
  }
}
