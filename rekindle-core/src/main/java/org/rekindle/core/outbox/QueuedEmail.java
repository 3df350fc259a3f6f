package org.rekindle.core.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An email the outbox holds for sending.
 *
 * @param id the outbox row
 * @param customer the customer's internal id (what unsubscribe and survey tokens name)
 * @param messageId the Message-ID chosen when it was queued, without angle brackets
 * @param address the recipient's address
 * @param recipientName the recipient's name, possibly empty
 * @param template the message template's name
 * @param subject the playbook's subject line; empty to take the template's
 * @param values the message's values fixed when it was queued
 * @param attempts how many times sending it has been tried before this claim
 */
public record QueuedEmail(
    long id,
    long customer,
    String messageId,
    String address,
    String recipientName,
    String template,
    Optional<String> subject,
    Map<String, Object> values,
    int attempts) {

  public QueuedEmail {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(recipientName, "recipientName");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(subject, "subject");
    values = Map.copyOf(values);
  }
}
