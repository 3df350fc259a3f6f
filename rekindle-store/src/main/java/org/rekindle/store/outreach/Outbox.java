package org.rekindle.store.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/** Rows a plan puts in the outbox, inserted in one batch; a row whose key exists is left alone. */
final class Outbox {
  private final PreparedBatch batch;
  private int size;

  Outbox(Handle h) {
    this.batch =
        h.prepareBatch(
            "INSERT INTO outbox (dedupe_key, enrollment_id, customer_id, playbook, step, cycle,"
                + " channel, template, subject, address, recipient, vars, offer_id, message_id,"
                + " queued_on, not_before) VALUES (:key, :enrollment, :customer, :playbook, :step,"
                + " :cycle, :channel, :template, :subject, :address, :recipient,"
                + " CAST(:vars AS jsonb), :offer, :messageId, :queuedOn, :notBefore)"
                + " ON CONFLICT (dedupe_key) DO NOTHING");
  }

  /** One email or letter of a playbook run's step. */
  record Row(
      String key,
      long enrollment,
      long customer,
      String playbook,
      int step,
      LocalDate cycle,
      String channel,
      String template,
      @Nullable String subject,
      String address,
      String recipient,
      String vars,
      @Nullable Long offer,
      @Nullable String messageId,
      LocalDate queuedOn,
      Instant notBefore) {}

  void add(Row row) {
    batch
        .bind("key", row.key())
        .bind("enrollment", row.enrollment())
        .bind("customer", row.customer())
        .bind("playbook", row.playbook())
        .bind("step", row.step())
        .bind("cycle", row.cycle())
        .bind("channel", row.channel())
        .bind("template", row.template())
        .bind("subject", row.subject())
        .bind("address", row.address())
        .bind("recipient", row.recipient())
        .bind("vars", row.vars())
        .bind("offer", row.offer())
        .bind("messageId", row.messageId())
        .bind("queuedOn", row.queuedOn())
        .bind("notBefore", row.notBefore().atOffset(ZoneOffset.UTC))
        .add();
    size++;
  }

  void flush() {
    if (size > 0) {
      batch.execute();
      size = 0;
    }
  }
}
