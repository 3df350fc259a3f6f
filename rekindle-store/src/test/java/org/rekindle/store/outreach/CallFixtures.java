package org.rekindle.store.outreach;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;

/**
 * What the call task tests share: call tasks written straight into the table, as the planner will
 * write them, and one-value queries.
 */
final class CallFixtures {
  private CallFixtures() {}

  /** A call task as the planner writes one. */
  static final class Task {
    private final String customer;
    private @Nullable String rep;
    private String playbook = "lapsing-check-in";
    private int step = 2;
    private LocalDate due = LocalDate.of(1997, 10, 14);
    private @Nullable Double valueAtRisk;
    private @Nullable String talkingPoints;
    private @Nullable String phone;
    private @Nullable Long offer;

    private Task(String customer) {
      this.customer = customer;
    }

    Task rep(@Nullable String name) {
      rep = name;
      return this;
    }

    Task playbook(String name, int index) {
      playbook = name;
      step = index;
      return this;
    }

    Task due(LocalDate day) {
      due = day;
      return this;
    }

    Task valueAtRisk(@Nullable Double v) {
      valueAtRisk = v;
      return this;
    }

    Task talkingPoints(String text) {
      talkingPoints = text;
      return this;
    }

    Task phone(String number) {
      phone = number;
      return this;
    }

    Task offer(long id) {
      offer = id;
      return this;
    }

    /** Inserts it; returns its id. The phone defaults to the customer's, else +1 555 0199. */
    long insert(Store store) {
      return store
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "INSERT INTO call_tasks (dedupe_key, customer_id, playbook, step, cycle,"
                              + " assigned_to, phone, due_on, value_at_risk, talking_points,"
                              + " offer_id)"
                              + " SELECT :playbook || ':' || c.id || ':' || :step || ':'"
                              + "   || gen_random_uuid(), c.id, :playbook, :step, :due, :rep,"
                              + "   coalesce(:phone, c.phone, '+1 555 0199'), :due, :var, :points, :offer"
                              + " FROM customers c WHERE c.external_id = :customer"
                              + " RETURNING id")
                      .bind("playbook", playbook)
                      .bind("step", step)
                      .bind("due", due)
                      .bind("rep", rep)
                      .bind("phone", phone)
                      .bind("var", valueAtRisk)
                      .bind("points", talkingPoints)
                      .bind("offer", offer)
                      .bind("customer", customer)
                      .mapTo(Long.class)
                      .one());
    }
  }

  /** A call task for the customer with this external id. */
  static Task task(String customer) {
    return new Task(customer);
  }

  /**
   * A customer with a name, email, phone and the postal address "1 ID Street, 12345 Springfield";
   * consent to email, and the other consents as the columns' defaults.
   */
  static void customer(
      Store store, String id, String name, @Nullable String email, @Nullable String phone) {
    store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO customers (external_id, name, email, phone, address_line1, city,"
                        + " postal_code, consent_email) VALUES (?, ?, ?, ?, ?, 'Springfield',"
                        + " '12345', true)",
                    id,
                    name,
                    email,
                    phone,
                    "1 " + id + " Street"));
  }

  static long count(Store store, String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  static String text(Store store, String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(String.class).one());
  }

  static void execute(Store store, String sql, Object... args) {
    store.jdbi().useHandle(h -> h.execute(sql, args));
  }
}
