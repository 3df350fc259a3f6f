package org.rekindle.core.playbook;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the messages come from (the {@code business} section of rekindle.yaml): the name and phone
 * the templates show, the sender of emails, the letterhead's address, and the address of the public
 * pages (unsubscribe, survey) that links point to.
 *
 * @param fromEmail the sender's address of emails
 * @param replyTo where replies go, when not to the sender
 * @param address the postal address lines of the letterhead
 * @param publicUrl where the unsubscribe and survey pages are served (e.g. {@code
 *     https://rekindle.example.com}); links are this plus {@code /u/TOKEN} or {@code /s/TOKEN}
 */
public record Business(
    String name,
    Optional<String> phone,
    String fromEmail,
    Optional<String> replyTo,
    List<String> address,
    Optional<String> website,
    URI publicUrl) {

  /** The stand-in when rekindle.yaml names no business: fine for the local mail catcher only. */
  public static final Business EXAMPLE =
      new Business(
          "Example Supply Co.",
          Optional.of("555-0100"),
          "hello@example.com",
          Optional.empty(),
          List.of("1 Example Street", "Springfield"),
          Optional.empty(),
          URI.create("http://127.0.0.1:8080"));

  public Business {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(fromEmail, "fromEmail");
    Objects.requireNonNull(replyTo, "replyTo");
    address = List.copyOf(address);
    Objects.requireNonNull(website, "website");
    Objects.requireNonNull(publicUrl, "publicUrl");
  }

  /** Whether this is the built-in stand-in rather than a business the user named. */
  public boolean isExample() {
    return equals(EXAMPLE);
  }

  /** The public link to a page: {@code publicUrl} + "/" + kind + "/" + token. */
  public String link(String kind, String token) {
    String base = publicUrl.toString();
    return (base.endsWith("/") ? base : base + "/") + kind + "/" + token;
  }
}
