package org.rekindle.core.feedback;

import java.util.Arrays;
import java.util.HashMap;
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

  // Other spellings people and exports use, normalised as in parse. The labels and the words
  // for people are accepted as well and need not be listed.
  private static final Map<String, LeavingReason> ALIASES =
      Map.ofEntries(
          Map.entry("prices", PRICE),
          Map.entry("pricing", PRICE),
          Map.entry("cost", PRICE),
          Map.entry("too_expensive", PRICE),
          Map.entry("staff", SERVICE),
          Map.entry("customer_service", SERVICE),
          Map.entry("moved", MOVED_OR_CLOSED),
          Map.entry("closed", MOVED_OR_CLOSED),
          Map.entry("another_supplier", COMPETITOR),
          Map.entry("competition", COMPETITOR),
          Map.entry("not_need", NOT_NEEDED),
          Map.entry("forgotten", FORGOT));

  // Every accepted text, normalised: the labels, the words and the aliases.
  private static final Map<String, LeavingReason> BY_TEXT = byText();

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
    LeavingReason r = BY_TEXT.get(normalise(text));
    if (r != null) {
      return r;
    }
    String labels =
        Arrays.stream(values()).map(LeavingReason::label).collect(Collectors.joining(", "));
    // the text may be anything a form or a call note held: quote no more than a line of it
    String quoted = text.length() <= 60 ? text : text.substring(0, 57) + "...";
    throw new IllegalArgumentException(
        "the leaving reason must be one of " + labels + ", not '" + quoted + "'");
  }

  private static Map<String, LeavingReason> byText() {
    Map<String, LeavingReason> all = new HashMap<>(ALIASES);
    for (LeavingReason r : values()) {
      for (String text : new String[] {r.label, r.words}) {
        LeavingReason before = all.put(normalise(text), r);
        if (before != null && before != r) {
          throw new IllegalStateException(r + " and " + before + " both read as '" + text + "'");
        }
      }
    }
    return Map.copyOf(all);
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
    return t;
  }
}
