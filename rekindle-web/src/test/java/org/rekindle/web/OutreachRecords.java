package org.rekindle.web;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;

/**
 * Outreach records written straight into the store's tables, as the planner, the sender and the
 * printer write them: customers, call tasks, plan decisions and outbox rows, for the call list's
 * and the outreach page's tests.
 */
public final class OutreachRecords {
  private final Store store;

  public OutreachRecords(Store store) {
    this.store = store;
  }

  /** A customer with a phone, a postal address and consent on every channel; returns their id. */
  public long customer(String externalId, String name, String phone, @Nullable String ownerRep) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO customers (external_id, name, email, phone, address_line1,"
                            + " city, postal_code, owner_rep, consent_email, consent_letter,"
                            + " consent_phone) VALUES (:id, :name, :email, :phone, :line1,"
                            + " 'Springfield', '12345', :rep, true, true, true) RETURNING id")
                    .bind("id", externalId)
                    .bind("name", name)
                    .bind("email", externalId.toLowerCase(java.util.Locale.ROOT) + "@mail.example")
                    .bind("phone", phone)
                    .bind("line1", "1 " + externalId + " Street")
                    .bind("rep", ownerRep)
                    .mapTo(Long.class)
                    .one());
  }

  /** An open call task due on a day, as the planner writes one; returns its id. */
  public long callTask(
      String externalId,
      @Nullable String rep,
      double valueAtRisk,
      LocalDate due,
      @Nullable String talkingPoints) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO call_tasks (dedupe_key, customer_id, playbook, step, cycle,"
                            + " assigned_to, phone, due_on, value_at_risk, talking_points)"
                            + " SELECT c.id || ':lapsing-check-in:1:' || :due, c.id,"
                            + " 'lapsing-check-in', 1, :due, :rep, c.phone, :due, :var, :points"
                            + " FROM customers c WHERE c.external_id = :customer RETURNING id")
                    .bind("due", due)
                    .bind("rep", rep)
                    .bind("var", valueAtRisk)
                    .bind("points", talkingPoints)
                    .bind("customer", externalId)
                    .mapTo(Long.class)
                    .one());
  }

  /** A decision of a day's plan, with its reason. */
  public void decision(
      LocalDate day,
      long customer,
      String playbook,
      int step,
      String action,
      String decision,
      String reason) {
    store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO plan_decisions (planned_on, customer_id, playbook, cycle, step,"
                        + " action, decision, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    day,
                    customer,
                    playbook,
                    day,
                    step,
                    action,
                    decision,
                    reason));
  }

  /**
   * An email or letter the plan of a day queued (cycle the day), in a status, with the sender's
   * last reply; returns its id.
   */
  public long outbox(
      LocalDate day,
      long customer,
      String playbook,
      int step,
      String channel,
      String template,
      String status,
      @Nullable String lastReply,
      String vars) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO outbox (dedupe_key, customer_id, playbook, step, cycle,"
                            + " channel, template, address, recipient, vars, message_id, status,"
                            + " queued_on, not_before, last_reply, sent_at) VALUES (:key, :customer,"
                            + " :playbook, :step, :day, :channel, :template, :address, 'R',"
                            + " CAST(:vars AS jsonb), :messageId, :status, :day, now(), :reply,"
                            + " CASE WHEN :status IN ('sent', 'printed') THEN now() END)"
                            + " RETURNING id")
                    .bind("key", customer + ":" + playbook + ":" + step + ":" + day)
                    .bind("customer", customer)
                    .bind("playbook", playbook)
                    .bind("step", step)
                    .bind("day", day)
                    .bind("channel", channel)
                    .bind("template", template)
                    .bind(
                        "address",
                        channel.equals("email")
                            ? "c" + customer + "@mail.example"
                            : "1 Street\nSpringfield")
                    .bind("vars", vars)
                    .bind(
                        "messageId",
                        channel.equals("email") ? "<" + customer + "." + step + "@test>" : null)
                    .bind("status", status)
                    .bind("reply", lastReply)
                    .mapTo(Long.class)
                    .one());
  }

  /** One value of a query. */
  public String text(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(String.class).one());
  }

  /** A count. */
  public long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }
}
