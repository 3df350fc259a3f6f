package org.rekindle.outreach.letter;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who the letters come from, printed at the top of every letter: the business's name, its postal
 * address, how to reach it, and optionally its logo.
 *
 * @param businessName printed large at the top left
 * @param address the postal address, one line each (street, town, …); printed under the name and,
 *     on A4, as the return address line above the recipient
 * @param phone printed with the other contact details under the address
 * @param email printed with the other contact details
 * @param website printed with the other contact details
 * @param logo a PNG or JPEG image printed at the top right, scaled to fit; the file is read and
 *     decoded when the letterhead is made, so a missing or broken logo is found before any printing
 */
public record Letterhead(
    String businessName,
    List<String> address,
    Optional<String> phone,
    Optional<String> email,
    Optional<String> website,
    Optional<Path> logo) {

  /**
   * Checks every part.
   *
   * @throws IllegalArgumentException for an empty name, a part that is not one line of text, or a
   *     logo that cannot be read or is not a PNG or JPEG image
   */
  public Letterhead {
    businessName = Text.line("the business name", businessName);
    address =
        Objects.requireNonNull(address, "address").stream()
            .map(line -> Text.line("a line of the business's address", line))
            .toList();
    phone = Text.optionalLine("the business's phone", phone);
    email = Text.optionalLine("the business's email", email);
    website = Text.optionalLine("the business's website", website);
    Objects.requireNonNull(logo, "logo").ifPresent(Logo::load);
  }

  /** A letterhead with a name and an address only. */
  public Letterhead(String businessName, List<String> address) {
    this(
        businessName,
        address,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Phone, email and website, those there are. */
  List<String> contacts() {
    return Stream.of(phone, email, website).flatMap(Optional::stream).toList();
  }
}
