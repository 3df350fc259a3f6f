package org.rekindle.core.simulate.demo;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One review, complaint or remark, as a row of the feedback file.
 *
 * @param id the source's own id
 * @param rating 1 to 5 stars; empty for a remark taken on the phone
 * @param flagged marked by staff for a call back, whatever the rating
 */
public record DemoFeedback(
    String customerId,
    String id,
    String source,
    OptionalInt rating,
    String text,
    LocalDate date,
    boolean flagged) {
  public DemoFeedback {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(date, "date");
    if (rating.isPresent() && (rating.getAsInt() < 1 || rating.getAsInt() > 5)) {
      throw new IllegalArgumentException("a rating is 1 to 5 stars: " + rating.getAsInt());
    }
  }

  /** Whether it opens a service-recovery case: 2 stars or less, or flagged. */
  public boolean negative() {
    return flagged || (rating.isPresent() && rating.getAsInt() <= 2);
  }
}
