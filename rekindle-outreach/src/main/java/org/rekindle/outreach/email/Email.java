package org.rekindle.outreach.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One email, ready to send: who it is from and to, the subject, a plain-text part and optionally an
 * HTML part, extra headers (such as {@code List-Unsubscribe}), and its Message-ID, chosen before
 * sending so that a deliberate resend carries the same one.
 *
 * <p>Nothing that goes into a header may carry a line break: a subject or a name with CR or LF is
 * refused here, so a customer's name can never add a header (a {@code Bcc:}, say) to a message.
 *
 * @param messageId the Message-ID without angle brackets, {@code local@domain}
 * @param from the sender
 * @param to the one recipient
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body, if any (already escaped by the template that made it)
 * @param headers extra headers, by name, in order
 */
public record Email(
    String messageId,
    Mailbox from,
    Mailbox to,
    String subject,
    String text,
    Optional<String> html,
    Map<String, String> headers) {

  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._%+=-]+@[A-Za-z0-9.-]+");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");

  /** Headers this class writes itself; extra headers may not set them. */
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "from",
          "to",
          "cc",
          "bcc",
          "subject",
          "message-id",
          "date",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "sender");

  public Email {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    if (!MESSAGE_ID.matcher(messageId).matches()) {
      throw new IllegalArgumentException("not a Message-ID (local@domain): " + messageId);
    }
    noLineBreak("subject", subject);
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a header name: '" + name + "'");
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by the message itself");
      }
      noLineBreak("header " + name, h.getValue());
      copy.put(name, h.getValue());
    }
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * A name and an address. The address must be a single plain address ({@code a@b.example}); the
   * name, which may be anything a customer typed, is encoded and quoted as needed when sent.
   *
   * @param name the display name, possibly empty
   * @param address the address
   */
  public record Mailbox(String name, String address) {
    public Mailbox {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(address, "address");
      noLineBreak("name", name);
      noLineBreak("address", address);
      try {
        InternetAddress parsed = new InternetAddress(address, true);
        if (!parsed.getAddress().equals(address) || parsed.getPersonal() != null) {
          throw new IllegalArgumentException("not a plain email address: '" + address + "'");
        }
      } catch (AddressException e) {
        throw new IllegalArgumentException(
            "not an email address: '" + address + "' (" + e.getMessage() + ")", e);
      }
    }
  }

  private static void noLineBreak(String what, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "the " + what + " contains a line break, which would end the header: refused");
    }
  }
}
