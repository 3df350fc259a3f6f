package org.rekindle.web.overview;

import java.util.List;
import java.util.Locale;

/**
 * JSON for the charts, put in the page in a {@code <script type="application/json">} block (the
 * pages allow no inline script, and the data is never executed): labels and series of numbers.
 * Every {@code <}, {@code >} and {@code &} is written as a {@code \}u escape, so no text can end
 * the block early.
 */
public final class ChartData {
  private final StringBuilder json = new StringBuilder("{");

  /** Adds a list of words, such as the labels of the x axis. */
  public ChartData words(String name, List<String> values) {
    key(name).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      string(values.get(i));
    }
    json.append(']');
    return this;
  }

  /** Adds a series of numbers; one that is not finite is written as null (a gap). */
  public ChartData numbers(String name, List<? extends Number> values) {
    key(name).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      double v = values.get(i).doubleValue();
      json.append(Double.isFinite(v) ? number(v) : "null");
    }
    json.append(']');
    return this;
  }

  /** Adds one word. */
  public ChartData word(String name, String value) {
    key(name);
    string(value);
    return this;
  }

  /** The object, safe to put between script tags. */
  public String json() {
    return json + "}";
  }

  private StringBuilder key(String name) {
    if (json.length() > 1) {
      json.append(',');
    }
    string(name);
    return json.append(':');
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
  }

  private void string(String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
