package org.rekindle.core.input;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a feedback file, read and checked.
 *
 * @param line the row's physical line (the header is line 1)
 * @param customerId the customer's id as in the customer and order files
 * @param feedbackId the source's own id of the feedback (a review site's), if the file has one
 * @param source where it came from, if the row says
 * @param rating on the scale of 1 to 5, after mapping from the file's scale
 * @param givenRating the rating as written, on the file's scale, for messages
 * @param text what the customer wrote
 * @param date the day it was received
 * @param flagged marked negative, whatever the rating
 */
public record FeedbackRecord(
    long line,
    String customerId,
    Optional<String> feedbackId,
    Optional<String> source,
    Optional<Integer> rating,
    Optional<String> givenRating,
    Optional<String> text,
    LocalDate date,
    boolean flagged) {

  public FeedbackRecord {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(feedbackId, "feedbackId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(givenRating, "givenRating");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(date, "date");
    if (rating.isPresent() && (rating.get() < 1 || rating.get() > 5)) {
      throw new IllegalArgumentException("a rating is from 1 to 5: " + rating.get());
    }
  }

  /**
   * Negative feedback, which opens a service-recovery case: rated 2 or less, or flagged (the same
   * rule as the store's SQL, {@code org.rekindle.store.feedback.Feedback.NEGATIVE}).
   */
  public boolean negative() {
    return flagged || rating.map(r -> r <= 2).orElse(false);
  }
}
