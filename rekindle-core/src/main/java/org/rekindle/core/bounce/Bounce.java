package org.rekindle.core.bounce;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One report that mail to an address failed or was refused after it left.
 *
 * @param address the recipient's email address as reported (checked to look like one; stored forms
 *     are the store's business)
 * @param kind what happened
 * @param at when it happened, when the report says
 * @param detail the server's or provider's words (a diagnostic code, a reason); empty when none
 * @param messageId the Message-ID of the message concerned, when the report names it
 * @param origin where in its file the report was found
 */
public record Bounce(
    String address,
    Kind kind,
    Optional<Instant> at,
    String detail,
    Optional<String> messageId,
    Origin origin) {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** RFC 3463 §2: class.subject.detail; the class says success (2), transient (4) or final (5). */
  private static final Pattern STATUS = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}");

  public Bounce {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(origin, "origin");
    if (!looksLikeEmail(address)) {
      throw new IllegalArgumentException("not an email address: '" + address + "'");
    }
  }

  /** One {@code @} with something before it and a dot somewhere after it, and no spaces. */
  public static boolean looksLikeEmail(String text) {
    return EMAIL.matcher(text).matches();
  }

  /** What a report says happened to mail for an address. */
  public enum Kind {
    /** the receiving server refused the address for good (RFC 3463 class 5) */
    HARD("hard bounce"),
    /** delivery failed for now (class 4, or delayed): counted, never suppresses */
    SOFT("soft bounce"),
    /** the recipient reported the message as spam */
    COMPLAINT("spam complaint"),
    /** the recipient unsubscribed through the provider (a List-Unsubscribe header, its page) */
    UNSUBSCRIBE("unsubscribe");

    /**
     * The words mail providers' exports use, normalised as column names are (lower case, without
     * spaces, underscores and dashes): Mailchimp's hard/soft, Postmark's HardBounce and
     * SpamComplaint, SES's Permanent and Transient, SendGrid's bounce, spamreport and
     * group_unsubscribe, Mailgun's complained and unsubscribed.
     */
    private static final Map<String, Kind> WORDS =
        Map.ofEntries(
            Map.entry("hard", HARD),
            Map.entry("hardbounce", HARD),
            Map.entry("bounce", HARD),
            Map.entry("bounced", HARD),
            Map.entry("permanent", HARD),
            Map.entry("permanentbounce", HARD),
            Map.entry("permanentfailure", HARD),
            Map.entry("soft", SOFT),
            Map.entry("softbounce", SOFT),
            Map.entry("transient", SOFT),
            Map.entry("transientbounce", SOFT),
            Map.entry("temporary", SOFT),
            Map.entry("temporaryfailure", SOFT),
            Map.entry("deferred", SOFT),
            Map.entry("delayed", SOFT),
            Map.entry("complaint", COMPLAINT),
            Map.entry("complained", COMPLAINT),
            Map.entry("spam", COMPLAINT),
            Map.entry("spamreport", COMPLAINT),
            Map.entry("spamcomplaint", COMPLAINT),
            Map.entry("abuse", COMPLAINT),
            Map.entry("unsubscribe", UNSUBSCRIBE),
            Map.entry("unsubscribed", UNSUBSCRIBE),
            Map.entry("groupunsubscribe", UNSUBSCRIBE),
            Map.entry("optout", UNSUBSCRIBE),
            Map.entry("optedout", UNSUBSCRIBE));

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** In words: "hard bounce", "spam complaint", … */
    public String words() {
      return words;
    }

    /**
     * The kind a provider's word names ({@code Hard}, {@code hard_bounce}, {@code SpamComplaint},
     * {@code group-unsubscribe}, …), or an enhanced status code ({@code 5.1.1} is hard, {@code
     * 4.2.2} soft).
     */
    public static Optional<Kind> parse(String text) {
      StringBuilder key = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != ' ' && c != '_' && c != '-' && c != '\t') {
          key.append(c);
        }
      }
      Kind word = WORDS.get(key.toString().toLowerCase(Locale.ROOT));
      return word != null ? Optional.of(word) : fromStatus(text);
    }

    /**
     * The kind an enhanced mail system status code (RFC 3463) says, found anywhere in the text: a
     * final failure (5.x.x) is hard, a transient one (4.x.x) soft; success (2.x.x) and text without
     * a code say nothing.
     */
    public static Optional<Kind> fromStatus(String text) {
      Matcher m = STATUS.matcher(text);
      if (!m.find()) {
        return Optional.empty();
      }
      return switch (m.group(1)) {
        case "5" -> Optional.of(HARD);
        case "4" -> Optional.of(SOFT);
        default -> Optional.empty();
      };
    }
  }
}
