package org.rekindle.core.input;

import java.util.List;
import java.util.Locale;

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

  /** The header as a user sees it, for messages. */
  static String show(List<String> header) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < header.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('\'').append(header.get(i)).append('\'');
    }
    return out.toString();
  }
}
