package org.rekindle.store.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Rows a plan puts in the outbox, inserted by one statement; a row whose key exists is left alone.
 */
final class Outbox {
  private final Handle h;
  private final List<Row> rows = new ArrayList<>();

  Outbox(Handle h) {
    this.h = h;
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
    rows.add(row);
  }

  void flush() {
    if (rows.isEmpty()) {
      return;
    }
    // in the order queued, the most value at risk first: the sender takes rows due at the same
    // moment in the order of their ids
    int n = rows.size();
    String[] keys = new String[n];
    Long[] enrollments = new Long[n];
    Long[] customers = new Long[n];
    String[] playbooks = new String[n];
    Integer[] steps = new Integer[n];
    LocalDate[] cycles = new LocalDate[n];
    String[] channels = new String[n];
    String[] templates = new String[n];
    String[] subjects = new String[n];
    String[] addresses = new String[n];
    String[] recipients = new String[n];
    String[] vars = new String[n];
    Long[] offers = new Long[n];
    String[] messageIds = new String[n];
    LocalDate[] queuedOn = new LocalDate[n];
    Instant[] notBefore = new Instant[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      keys[i] = r.key();
      enrollments[i] = r.enrollment();
      customers[i] = r.customer();
      playbooks[i] = r.playbook();
      steps[i] = r.step();
      cycles[i] = r.cycle();
      channels[i] = r.channel();
      templates[i] = r.template();
      subjects[i] = r.subject();
      addresses[i] = r.address();
      recipients[i] = r.recipient();
      vars[i] = r.vars();
      offers[i] = r.offer();
      messageIds[i] = r.messageId();
      queuedOn[i] = r.queuedOn();
      notBefore[i] = r.notBefore();
    }
    h.createUpdate(
            "INSERT INTO outbox (dedupe_key, enrollment_id, customer_id, playbook, step, cycle,"
                + " channel, template, subject, address, recipient, vars, offer_id, message_id,"
                + " queued_on, not_before) SELECT x.key, x.enrollment, x.customer, x.playbook,"
                + " x.step, x.cycle, x.channel, x.template, x.subject, x.address, x.recipient,"
                + " CAST(x.vars AS jsonb), x.offer, x.message_id, x.queued_on, x.not_before"
                + " FROM unnest(:keys, :enrollments, :customers, :playbooks, :steps, :cycles,"
                + " :channels, :templates, :subjects, :addresses, :recipients, :vars, :offers,"
                + " :messageIds, :queuedOn, :notBefore) AS x(key, enrollment, customer, playbook,"
                + " step, cycle, channel, template, subject, address, recipient, vars, offer,"
                + " message_id, queued_on, not_before)"
                + " ON CONFLICT (dedupe_key) DO NOTHING")
        .bind("keys", keys)
        .bind("enrollments", enrollments)
        .bind("customers", customers)
        .bind("playbooks", playbooks)
        .bind("steps", steps)
        .bind("cycles", cycles)
        .bind("channels", channels)
        .bind("templates", templates)
        .bind("subjects", subjects)
        .bind("addresses", addresses)
        .bind("recipients", recipients)
        .bind("vars", vars)
        .bind("offers", offers)
        .bind("messageIds", messageIds)
        .bind("queuedOn", queuedOn)
        .bind("notBefore", notBefore)
        .execute();
    rows.clear();
  }
}
