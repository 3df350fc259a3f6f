package org.rekindle.core.feedback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Why a customer left, as coded from an exit-survey answer or a complaint. */
public enum LeavingReason {
  PRICE("price", "price"),
  SERVICE("service", "service or staff"),
  QUALITY("quality", "product quality"),
  DELIVERY("delivery", "delivery"),
  MOVED_OR_CLOSED("moved_or_closed", "moved or closed"),
  COMPETITOR("competitor", "found another supplier"),
  NOT_NEEDED("not_needed", "no longer needed"),
  FORGOT("forgot", "just forgot"),
  OTHER("other", "other");

  // Other spellings people and exports use, normalised as in parse; the labels and the words
  // for people are accepted as well and need not be listed.
  private static final Map<String, LeavingReason> ALIASES =
      Map.ofEntries(
          Map.entry("prices", PRICE),
          Map.entry("pricing", PRICE),
          Map.entry("cost", PRICE),
          Map.entry("too_expensive", PRICE),
          Map.entry("staff", SERVICE),
          Map.entry("service_staff", SERVICE),
          Map.entry("customer_service", SERVICE),
          Map.entry("product_quality", QUALITY),
          Map.entry("moved", MOVED_OR_CLOSED),
          Map.entry("closed", MOVED_OR_CLOSED),
          Map.entry("another_supplier", COMPETITOR),
          Map.entry("competition", COMPETITOR),
          Map.entry("not_need", NOT_NEEDED),
          Map.entry("no_longer_needed", NOT_NEEDED),
          Map.entry("forgotten", FORGOT));

  private final String label;
  private final String words;

  LeavingReason(String label, String words) {
    this.label = label;
    this.words = words;
  }

  /** The stable lower-case label stored and exported, such as {@code moved_or_closed}. */
  public String label() {
    return label;
  }

  /** The reason in words for people, such as "moved or closed". */
  public String words() {
    return words;
  }

  /**
   * From a label, the words for people, or a common spelling of either: case, spaces, hyphens,
   * slashes, "or", "and" and a leading "just" are forgiven ({@code Moved/Closed}, {@code
   * not-needed}, {@code service or staff}).
   *
   * @throws IllegalArgumentException naming the accepted labels when the text is none of them
   */
  public static LeavingReason parse(String text) {
    String t = normalise(text);
    for (LeavingReason r : values()) {
      if (r.label.equals(t) || normalise(r.words).equals(t)) {
        return r;
      }
    }
    LeavingReason alias = ALIASES.get(t);
    if (alias != null) {
      return alias;
    }
    String labels =
        Arrays.stream(values()).map(LeavingReason::label).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "the leaving reason must be one of " + labels + ", not '" + text + "'");
  }

  private static String normalise(String text) {
    String t =
        text.strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[\\s/&_-]+", "_")
            .replaceAll("(^_+)|(_+$)", "");
    t = t.replace("_or_", "_").replace("_and_", "_");
    if (t.startsWith("just_")) {
      t = t.substring("just_".length());
    }
    return t.equals("moved_closed") ? "moved_or_closed" : t;
  }
}
