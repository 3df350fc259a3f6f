package org.rekindle.store.survey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A survey answer as kept, with the customer as they were when it was last given.
 *
 * @param id the row
 * @param customer the customer's internal id (what survey tokens name)
 * @param customerId the customer's external id
 * @param source where the answer came from
 * @param answer what was answered, the latest revision
 * @param lifecycleState the customer's lifecycle state then, if they had one
 * @param segment their segment then
 * @param ownerRep their rep then
 * @param callTaskId the call it was recorded from (source call)
 * @param recordedBy the rep who recorded it (source call)
 * @param answeredAt when it was first given
 * @param updatedAt when it was last given
 * @param revisions how many times it was given again after the first
 */
public record StoredAnswer(
    long id,
    long customer,
    String customerId,
    SurveyAnswers.Source source,
    SurveyAnswer answer,
    Optional<String> lifecycleState,
    Optional<String> segment,
    Optional<String> ownerRep,
    Optional<Long> callTaskId,
    Optional<String> recordedBy,
    Instant answeredAt,
    Instant updatedAt,
    int revisions) {
  public StoredAnswer {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(lifecycleState, "lifecycleState");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(ownerRep, "ownerRep");
    Objects.requireNonNull(callTaskId, "callTaskId");
    Objects.requireNonNull(recordedBy, "recordedBy");
    Objects.requireNonNull(answeredAt, "answeredAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
