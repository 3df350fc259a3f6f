package org.rekindle.outreach.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a letter goes to, as printed in the envelope window and written to the mail-merge CSV.
 *
 * <p>The town line is written the North American way when there is a region ({@code Springfield, IL
 * 62701}) and the continental European way when there is none ({@code 10115 Berlin}). Leave the
 * country out for mail within the business's own country.
 *
 * @param name the person or business, as the envelope should name them
 * @param line1 the street address
 * @param line2 a second address line (suite, building, c/o), if any
 * @param city the town or city
 * @param region the state, province or county, if the address has one
 * @param postalCode the postal code, if the country has them
 * @param country the country, for mail abroad
 */
public record Recipient(
    String name,
    String line1,
    Optional<String> line2,
    String city,
    Optional<String> region,
    Optional<String> postalCode,
    Optional<String> country) {

  /**
   * Checks every part; blank optional parts count as absent.
   *
   * @throws IllegalArgumentException for an empty name, street or city, or a part that is not one
   *     line of text
   */
  public Recipient {
    name = Text.line("the recipient's name", name);
    line1 = Text.line("the recipient's street address", line1);
    line2 = Text.optionalLine("the recipient's second address line", line2);
    city = Text.line("the recipient's city", city);
    region = Text.optionalLine("the recipient's region", region);
    postalCode = Text.optionalLine("the recipient's postal code", postalCode);
    country = Text.optionalLine("the recipient's country", country);
  }

  /** The address as printed, one line each: at most five. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(name);
    lines.add(line1);
    line2.ifPresent(lines::add);
    lines.add(townLine());
    country.ifPresent(lines::add);
    return List.copyOf(lines);
  }

  private String townLine() {
    if (region.isPresent()) {
      return city + ", " + region.get() + postalCode.map(p -> " " + p).orElse("");
    }
    return postalCode.map(p -> p + " ").orElse("") + city;
  }
}
