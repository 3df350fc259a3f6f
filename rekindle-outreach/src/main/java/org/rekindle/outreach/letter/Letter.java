package org.rekindle.outreach.letter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One letter to print.
 *
 * @param id what the mail room and the outbox know the letter by (e.g. the outbox row's id):
 *     printed small at the foot of each of its pages and the first column of the mail-merge CSV;
 *     one line, at most 64 characters, unique within a batch
 * @param recipient who it goes to
 * @param template the letter template, e.g. {@code dormant-win-back}
 * @param values the values the template shows ({@code first_name}, {@code offer}, …; see {@link
 *     org.rekindle.outreach.template.MessageTemplates#SAMPLE})
 */
public record Letter(String id, Recipient recipient, String template, Map<String, Object> values) {
  private static final int MAX_ID = 64;

  /**
   * Checks the id and that nothing is missing.
   *
   * @throws IllegalArgumentException for an id that is empty, longer than 64 characters or not one
   *     line, an empty template name, or a value that is null
   */
  public Letter {
    id = Text.line("a letter's id", id);
    if (id.length() > MAX_ID) {
      throw new IllegalArgumentException(
          "a letter's id is at most " + MAX_ID + " characters: '" + Text.abbreviate(id) + "'");
    }
    Objects.requireNonNull(recipient, "recipient");
    template = Text.line("letter " + id + ": the template name", template);
    Objects.requireNonNull(values, "values");
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> v : values.entrySet()) {
      if (v.getKey() == null || v.getValue() == null) {
        throw new IllegalArgumentException(
            "letter " + id + ": the value '" + v.getKey() + "' is null; leave it out instead");
      }
      copy.put(v.getKey(), v.getValue());
    }
    values = Collections.unmodifiableMap(copy);
  }
}
