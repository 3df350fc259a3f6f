package org.rekindle.store.run;

import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.query.UnknownCustomerException;

/**
 * B2B credit accounts go dormant after a quiet spell, and are never closed silently.
 *
 * <p>The clock of an account runs from its last order (refunds do not count), or from its last
 * reactivation by command if that is later. Each daily run records, for every credit account, the
 * day it would go dormant ({@code clock + dormantAfterDays}) and the day a notice is due ({@code
 * noticeDays} before that), so outreach can warn the customer first. An account first seen, or
 * whose policy changed, when its notice day is already past gets its notice today and its full
 * notice period after that: no account goes dormant without a notice period. Dates are kept as long
 * as the clock and the policy stay the same.
 *
 * <p>A run on or after the dormant day marks the account dormant. An order after that reactivates
 * it on the next run; so does {@link #reactivate} (the one command). Every notice that falls due,
 * every account that goes dormant and every reactivation is an {@code account_events} row saying
 * who or what did it and why.
 */
public final class AccountDormancy {
  private AccountDormancy() {}

  /**
   * The dormancy policy.
   *
   * @param dormantAfterDays days without an order after which a credit account goes dormant
   * @param noticeDays how many days before that the customer is due a notice
   */
  public record Policy(int dormantAfterDays, int noticeDays) {
    public Policy {
      if (dormantAfterDays < 1) {
        throw new IllegalArgumentException(
            "an account must be allowed at least a day without orders: " + dormantAfterDays);
      }
      if (noticeDays < 0 || noticeDays >= dormantAfterDays) {
        throw new IllegalArgumentException(
            "the notice must be between 0 and "
                + (dormantAfterDays - 1)
                + " days (less than the "
                + dormantAfterDays
                + "-day dormancy period): "
                + noticeDays);
      }
    }

    /** Dormant after 365 days without an order; the notice 30 days before. */
    public static Policy defaults() {
      return new Policy(365, 30);
    }
  }

  /**
   * What a run did to the credit accounts.
   *
   * @param accounts credit accounts with a dormancy record after the run
   * @param noticesDue notices that fell due in this run
   * @param wentDormant accounts that went dormant in this run
   * @param reactivated dormant accounts that ordered again
   */
  public record Counts(long accounts, long noticesDue, long wentDormant, long reactivated) {
    static final Counts NONE = new Counts(0, 0, 0, 0);
  }

  /** Moves every credit account on to {@code asOf}, inside the run's transaction. */
  static Counts apply(Handle h, LocalDate asOf, long runId, Policy policy) {
    h.createUpdate(
            "CREATE TEMP TABLE dormancy_next ON COMMIT DROP AS"
                + " WITH base AS ("
                + "  SELECT c.id AS customer_id, lo.last_order AS ordered,"
                + "  coalesce(lo.last_order,"
                + "   CASE WHEN c.customer_since <= :asOf THEN c.customer_since END) AS base"
                + "  FROM customers c"
                + "  LEFT JOIN LATERAL (SELECT max(o.order_date) AS last_order FROM orders o"
                + "   WHERE o.customer_id = c.id AND o.amount >= 0 AND o.order_date <= :asOf) lo"
                + "   ON true"
                + "  WHERE c.account_kind = 'credit_account'),"
                + " seen AS ("
                + "  SELECT b.customer_id, b.ordered, b.base AS last_order, d.status AS old_status,"
                + "  d.last_order AS old_last_order, d.reactivated_on, d.dormant_on AS old_dormant,"
                + "  d.notice_due AS old_notice, d.status_since AS old_since,"
                + "  greatest(b.base, d.reactivated_on) AS clock,"
                + "  d.customer_id IS NOT NULL AND d.policy_days = :after"
                + "  AND d.notice_days = :notice AND d.last_order = b.base AS keep_dates"
                + "  FROM base b LEFT JOIN account_dormancy d ON d.customer_id = b.customer_id),"
                + " dated AS ("
                + "  SELECT s.*,"
                + "  CASE WHEN keep_dates THEN old_notice"
                + "   ELSE greatest(clock + :after - :notice, :asOf) END AS notice_due"
                + "  FROM seen s WHERE clock IS NOT NULL),"
                + " due AS ("
                + "  SELECT d.*, CASE WHEN keep_dates THEN old_dormant"
                + "   ELSE greatest(clock + :after, notice_due + :notice) END AS dormant_on"
                + "  FROM dated d)"
                + " SELECT customer_id, last_order, reactivated_on, notice_due, dormant_on,"
                + " old_status, ordered,"
                + " CASE WHEN old_status = 'dormant' AND last_order > old_last_order"
                + "  THEN 'reactivated'"
                + "  WHEN coalesce(old_status, 'open') <> 'dormant' AND :asOf >= dormant_on"
                + "  THEN 'dormant'"
                + "  ELSE coalesce(old_status, 'open') END AS status,"
                + " old_since"
                + " FROM due")
        .bind("asOf", asOf)
        .bind("after", policy.dormantAfterDays())
        .bind("notice", policy.noticeDays())
        .execute();
    long reactivated =
        h.createUpdate(
                "INSERT INTO account_events (customer_id, event, on_date, source, run_id, note)"
                    + " SELECT customer_id, 'reactivated', ordered, 'order', :run,"
                    + " 'ordered on ' || ordered || ' after going dormant'"
                    + " FROM dormancy_next WHERE old_status = 'dormant' AND status = 'reactivated'")
            .bind("run", runId)
            .execute();
    // the notice first: the history reads in the order things happened
    long notices =
        h.createUpdate(
                "INSERT INTO account_events (customer_id, event, on_date, source, run_id, note)"
                    + " SELECT n.customer_id, 'notice_due', n.notice_due, 'run', :run,"
                    + " 'goes dormant on ' || n.dormant_on || ' unless they order before then'"
                    + " FROM dormancy_next n WHERE n.notice_due <= :asOf"
                    + " AND (n.status <> 'dormant' OR n.old_status IS DISTINCT FROM 'dormant')"
                    + " AND NOT EXISTS (SELECT 1 FROM account_events e"
                    + "  WHERE e.customer_id = n.customer_id AND e.event = 'notice_due'"
                    + "  AND e.on_date = n.notice_due)")
            .bind("run", runId)
            .bind("asOf", asOf)
            .execute();
    long dormant =
        h.createUpdate(
                "INSERT INTO account_events (customer_id, event, on_date, source, run_id, note)"
                    + " SELECT customer_id, 'dormant', dormant_on, 'run', :run,"
                    + " 'no order since ' || last_order || ': ' || :after || ' days without an"
                    + " order; the notice was due on ' || notice_due"
                    + " FROM dormancy_next WHERE status = 'dormant'"
                    + " AND old_status IS DISTINCT FROM 'dormant'")
            .bind("run", runId)
            .bind("after", policy.dormantAfterDays())
            .execute();
    long accounts =
        h.createUpdate(
                "INSERT INTO account_dormancy (customer_id, last_order, dormant_on, notice_due,"
                    + " status, run_id, reactivated_on, status_since, policy_days, notice_days)"
                    + " SELECT customer_id, last_order, dormant_on, notice_due, status, :run, reactivated_on,"
                    + " CASE WHEN status IS NOT DISTINCT FROM old_status THEN old_since"
                    + "  WHEN status = 'dormant' THEN dormant_on"
                    + "  WHEN status = 'reactivated' THEN ordered ELSE :asOf END,"
                    + " :after, :notice FROM dormancy_next"
                    + " ON CONFLICT (customer_id) DO UPDATE SET last_order = EXCLUDED.last_order,"
                    + " dormant_on = EXCLUDED.dormant_on, notice_due = EXCLUDED.notice_due,"
                    + " status = EXCLUDED.status, run_id = EXCLUDED.run_id,"
                    + " status_since = EXCLUDED.status_since, policy_days = EXCLUDED.policy_days,"
                    + " notice_days = EXCLUDED.notice_days")
            .bind("run", runId)
            .bind("asOf", asOf)
            .bind("after", policy.dormantAfterDays())
            .bind("notice", policy.noticeDays())
            .execute();
    return new Counts(accounts, notices, dormant, reactivated);
  }

  /**
   * A dormant account reactivated by command.
   *
   * @param customer the customer's external id
   * @param on the day of the reactivation
   * @param dormantOn the day it will go dormant again without an order
   * @param noticeDue the day the next notice is due
   */
  public record Reactivation(
      String customer, LocalDate on, LocalDate dormantOn, LocalDate noticeDue) {}

  /**
   * Reactivates a dormant credit account: its clock restarts on {@code on}, with the policy it was
   * last computed with, and the event is recorded with {@code note}.
   *
   * @throws StoreException if the customer is unknown, not a credit account, not dormant, {@code
   *     on} is before the day it went dormant, or a daily run is in progress
   */
  public static Reactivation reactivate(Store store, String customer, LocalDate on, String note) {
    return store
        .jdbi()
        .inTransaction(
            h -> {
              // the run writes every account in its transaction: do not interleave with one
              boolean free =
                  h.select("SELECT pg_try_advisory_xact_lock(?)", DailyRun.LOCK)
                      .mapTo(Boolean.class)
                      .one();
              if (!free) {
                throw new StoreException(
                    "a rekindle run is in progress on "
                        + store.describe()
                        + "; reactivate the account when it has finished");
              }
              Optional<String> kind =
                  h.select("SELECT account_kind FROM customers WHERE external_id = ?", customer)
                      .mapTo(String.class)
                      .findOne();
              if (kind.isEmpty()) {
                throw new UnknownCustomerException(customer);
              }
              if (!kind.get().equals("credit_account")) {
                throw new StoreException(
                    "customer '"
                        + customer
                        + "' is a "
                        + kind.get()
                        + ", not a credit account: only credit accounts go dormant");
              }
              record Row(
                  long id,
                  String status,
                  LocalDate dormantOn,
                  LocalDate noticeDue,
                  int after,
                  int notice) {}
              Optional<Row> row =
                  h.select(
                          "SELECT d.customer_id, d.status, d.dormant_on, d.notice_due,"
                              + " d.policy_days, d.notice_days FROM account_dormancy d"
                              + " JOIN customers c ON c.id = d.customer_id"
                              + " WHERE c.external_id = ? FOR UPDATE OF d",
                          customer)
                      .map(
                          (rs, ctx) ->
                              new Row(
                                  rs.getLong(1),
                                  rs.getString(2),
                                  rs.getObject(3, LocalDate.class),
                                  rs.getObject(4, LocalDate.class),
                                  rs.getInt(5),
                                  rs.getInt(6)))
                      .findOne();
              if (row.isEmpty()) {
                throw new StoreException(
                    "account '" + customer + "' has no dormancy record yet: it is not dormant");
              }
              Row r = row.get();
              if (!r.status().equals("dormant")) {
                throw new StoreException(
                    "account '"
                        + customer
                        + "' is not dormant: it would go dormant on "
                        + r.dormantOn()
                        + " (notice due "
                        + r.noticeDue()
                        + ") without an order");
              }
              if (on.isBefore(r.dormantOn())) {
                throw new StoreException(
                    "account '"
                        + customer
                        + "' went dormant on "
                        + r.dormantOn()
                        + ": it cannot be reactivated before that, on "
                        + on);
              }
              LocalDate dormantOn = on.plusDays(r.after());
              LocalDate noticeDue = dormantOn.minusDays(r.notice());
              h.createUpdate(
                      "UPDATE account_dormancy SET status = 'reactivated', reactivated_on = :on,"
                          + " status_since = :on, dormant_on = :dormant, notice_due = :notice"
                          + " WHERE customer_id = :id")
                  .bind("on", on)
                  .bind("dormant", dormantOn)
                  .bind("notice", noticeDue)
                  .bind("id", r.id())
                  .execute();
              h.createUpdate(
                      "INSERT INTO account_events (customer_id, event, on_date, source, note)"
                          + " VALUES (:id, 'reactivated', :on, 'command', :note)")
                  .bind("id", r.id())
                  .bind("on", on)
                  .bind("note", note.isBlank() ? "reactivated by command" : note)
                  .execute();
              return new Reactivation(customer, on, dormantOn, noticeDue);
            });
  }
}
