package org.rekindle.bench;

import org.jdbi.v3.core.Handle;

/** An outbox of queued emails, one per customer, written straight into the store. */
final class BenchOutbox {
  private BenchOutbox() {}

  /** Customers 1..N with an address each and consent to email; bind N. */
  static final String CUSTOMERS =
      "INSERT INTO customers (external_id, name, email, consent_email)"
          + " SELECT 'c' || i, 'Customer ' || i, 'c' || i || '@mail.example', true"
          + " FROM generate_series(1, ?) i";

  /** Empties the outbox and queues one email to each of the first {@code emails} customers. */
  static void refill(Handle h, int emails) {
    h.execute("TRUNCATE contacts, outbox");
    h.execute(
        "INSERT INTO outbox (dedupe_key, customer_id, playbook, step, cycle, channel, template,"
            + " address, recipient, vars, message_id, queued_on, not_before)"
            + " SELECT 'bench-' || c.id, c.id, 'lapsing-check-in', 0, DATE '2026-11-01', 'email',"
            + " 'lapsing-check-in', c.email, c.name, jsonb_build_object('first_name', 'Customer',"
            + " 'name', c.name, 'rep_name', '', 'last_order_date', '', 'rhythm', '',"
            + " 'dormant_on', '', 'offer', false), 'bench-' || c.id || '@hill.example',"
            + " DATE '2026-11-01', now() - interval '1 minute'"
            + " FROM customers c ORDER BY c.id LIMIT ?",
        emails);
    h.execute("VACUUM ANALYZE outbox");
    h.execute("CHECKPOINT");
  }
}
