package org.rekindle.store.outreach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.CopyIn;

/** Rows a plan puts in the outbox, loaded together; a row whose key exists is left alone. */
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

  /** How many rows wait for {@link #flush()}. */
  int size() {
    return rows.size();
  }

  void flush() {
    if (rows.isEmpty()) {
      return;
    }
    // COPY into a scratch table, then one insert that leaves rows whose key exists alone (COPY
    // alone cannot). For 346,000 rows this took 21 s against 24-32 s for one insert from sixteen
    // arrays the server had to parse; most of what is left is the outbox's indexes and foreign
    // keys (docs/benchmarks.md, "Planning"). In the order queued, the most value at risk first:
    // the sender takes rows due at the same moment in the order of their ids.
    h.execute(
        "CREATE TEMP TABLE outbox_planned (ord integer, dedupe_key text, enrollment_id bigint,"
            + " customer_id bigint, playbook text, step integer, cycle date, channel text,"
            + " template text, subject text, address text, recipient text, vars text,"
            + " offer_id bigint, message_id text, queued_on date, not_before timestamptz)");
    CopyIn.csv(
        h,
        "outbox_planned",
        out -> {
          try {
            int ord = 0;
            for (Row r : rows) {
              out.write(Integer.toString(ord++));
              out.write(',');
              CopyIn.quoted(out, r.key());
              out.write(',');
              out.write(Long.toString(r.enrollment()));
              out.write(',');
              out.write(Long.toString(r.customer()));
              out.write(',');
              CopyIn.quoted(out, r.playbook());
              out.write(',');
              out.write(Integer.toString(r.step()));
              out.write(',');
              out.write(r.cycle().toString());
              out.write(',');
              CopyIn.quoted(out, r.channel());
              out.write(',');
              CopyIn.quoted(out, r.template());
              out.write(',');
              if (r.subject() != null) {
                CopyIn.quoted(out, r.subject());
              }
              out.write(',');
              CopyIn.quoted(out, r.address());
              out.write(',');
              CopyIn.quoted(out, r.recipient());
              out.write(',');
              CopyIn.quoted(out, r.vars());
              out.write(',');
              if (r.offer() != null) {
                out.write(Long.toString(r.offer()));
              }
              out.write(',');
              if (r.messageId() != null) {
                CopyIn.quoted(out, r.messageId());
              }
              out.write(',');
              out.write(r.queuedOn().toString());
              out.write(',');
              out.write(r.notBefore().toString());
              out.write('\n');
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return null;
        });
    h.execute(
        "INSERT INTO outbox (dedupe_key, enrollment_id, customer_id, playbook, step, cycle,"
            + " channel, template, subject, address, recipient, vars, offer_id, message_id,"
            + " queued_on, not_before) SELECT dedupe_key, enrollment_id, customer_id, playbook,"
            + " step, cycle, channel, template, subject, address, recipient, CAST(vars AS jsonb),"
            + " offer_id, message_id, queued_on, not_before FROM outbox_planned ORDER BY ord"
            + " ON CONFLICT (dedupe_key) DO NOTHING");
    h.execute("DROP TABLE outbox_planned");
    rows.clear();
  }
}
