package org.rekindle.outreach.letter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;

/**
 * What a queued letter's template gets besides the values fixed when it was queued: the business's
 * name and phone, and the customer's signed survey and unsubscribe links. One place, so a batch
 * printed from the command line and one downloaded from the dashboard are the same letters.
 */
public final class LetterValues {
  private final Business business;
  private final UnsubscribeTokens surveys;
  private final UnsubscribeTokens unsubscribe;

  /**
   * @param keys the keys that sign the links (the home's {@code link-keys})
   */
  public LetterValues(Business business, SigningKeys keys) {
    this.business = business;
    this.surveys = UnsubscribeTokens.forSurveys(keys);
    this.unsubscribe = new UnsubscribeTokens(keys);
  }

  /**
   * A letter's values: its own, with the business's and the links added.
   *
   * @param customer the customer's internal id, which the links name
   */
  public Map<String, Object> of(Map<String, Object> own, long customer) {
    Map<String, Object> values = new LinkedHashMap<>(own);
    values.put("business_name", business.name());
    values.put("business_phone", business.phone().orElse(""));
    values.put("survey_url", business.link("s", surveys.token(customer)));
    values.put("unsubscribe_url", business.link("u", unsubscribe.token(customer)));
    return values;
  }

  /**
   * The business's letterhead: its name, address, phone, sender address and website.
   *
   * @throws IllegalArgumentException when a part is not one line of text, or the logo cannot be
   *     read
   */
  public static Letterhead letterhead(Business business, Optional<Path> logo) {
    return new Letterhead(
        business.name(),
        business.address(),
        business.phone(),
        Optional.of(business.fromEmail()),
        business.website(),
        logo);
  }
}
