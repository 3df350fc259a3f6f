package org.rekindle.store.query;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Everything the store knows about one customer, for {@code rekindle customer}: the record, the
 * latest completed run's scores and state, the orders, the lifecycle history, the credit account's
 * dormancy dates and the contacts.
 */
public final class CustomerProfile {
  private CustomerProfile() {}

  /** The postal address; every part may be missing. */
  public record Address(
      Optional<String> line1,
      Optional<String> line2,
      Optional<String> city,
      Optional<String> region,
      Optional<String> postalCode,
      Optional<String> country) {
    /** The parts there are, in postal order. */
    public List<String> parts() {
      return Stream.of(line1, line2, postalCode, city, region, country)
          .flatMap(Optional::stream)
          .filter(s -> !s.isBlank())
          .toList();
    }
  }

  /** What the customer agreed to be contacted by. */
  public record Consents(boolean email, boolean letter, boolean phone, boolean sms) {}

  /**
   * The stored record.
   *
   * @param accountKind {@code consumer} or {@code credit_account}
   * @param minimal true while only an order has named the customer
   */
  public record Customer(
      String customerId,
      Optional<String> name,
      Optional<String> email,
      Optional<String> phone,
      Address address,
      Optional<LocalDate> birthday,
      Optional<LocalDate> customerSince,
      Optional<String> ownerRep,
      Optional<String> segment,
      List<String> tags,
      String accountKind,
      Optional<String> timeZone,
      Consents consents,
      boolean minimal) {
    public Customer {
      Objects.requireNonNull(customerId, "customerId");
      tags = List.copyOf(tags);
    }

    public boolean isCreditAccount() {
      return "credit_account".equals(accountKind);
    }
  }

  /**
   * The scores of the latest completed run.
   *
   * @param repeatPurchases x: purchase days after the first
   * @param expectedPurchases over the run's horizon
   * @param clv discounted expected value from here on (empty without amounts)
   * @param valueAtRisk what they would be worth if surely still buying, minus the CLV
   * @param daysSinceLast silence so far, in days
   * @param usualGapDays their mean days between purchases; for a one-time buyer the typical gap of
   *     repeat buyers
   * @param overdueRatio silence ÷ usual gap
   * @param modelState the model's judgement: active, lapsing, dormant or lost
   */
  public record Scores(
      long runId,
      LocalDate asOf,
      int repeatPurchases,
      double pAlive,
      double expectedPurchases,
      Optional<Double> expectedSpend,
      Optional<Double> clv,
      Optional<Double> valueAtRisk,
      double daysSinceLast,
      Optional<Double> usualGapDays,
      Optional<Double> overdueRatio,
      String modelState) {}

  /** Where the customer stands in the lifecycle, and since when. */
  public record State(String state, LocalDate since) {}

  /** An order; a negative amount is a refund. */
  public record Order(
      String orderId,
      LocalDate date,
      BigDecimal amount,
      String currency,
      Optional<String> offerCode) {}

  /** The sum of the orders in one currency. */
  public record Total(String currency, long orders, BigDecimal amount) {}

  /** A change of lifecycle state; {@code from} is empty for the first. */
  public record Transition(
      Optional<String> from,
      String to,
      LocalDate on,
      String reason,
      Optional<Double> pAlive,
      Optional<Double> overdueRatio,
      Optional<Double> valueAtRisk) {}

  /** A B2B credit account's dormancy dates. */
  public record AccountDormancy(
      LocalDate lastOrder,
      LocalDate dormantOn,
      LocalDate noticeDue,
      String status,
      Optional<LocalDate> statusSince,
      Optional<LocalDate> reactivatedOn) {}

  /** The latest completed run. */
  public record Run(long id, LocalDate asOf) {}

  /**
   * The profile.
   *
   * @param latestRun the latest completed run, if any
   * @param scores the customer's scores in that run (empty when not scored there)
   * @param state the lifecycle state (empty before the first run that scored them)
   * @param orderCount all the customer's orders
   * @param totals the orders summed per currency
   * @param orders the latest orders, the most recent first
   * @param history lifecycle changes, the oldest first
   * @param account dormancy dates, for a credit account that has them
   * @param contacts the contacts, the latest first
   */
  public record Profile(
      Customer customer,
      Optional<Run> latestRun,
      Optional<Scores> scores,
      Optional<State> state,
      long orderCount,
      List<Total> totals,
      List<Order> orders,
      List<Transition> history,
      Optional<AccountDormancy> account,
      List<Contacts.Contact> contacts) {
    public Profile {
      totals = List.copyOf(totals);
      orders = List.copyOf(orders);
      history = List.copyOf(history);
      contacts = List.copyOf(contacts);
    }

    /** Orders not in {@link #orders}. */
    public long moreOrders() {
      return orderCount - orders.size();
    }
  }

  /**
   * The profile of the customer with this external id.
   *
   * @param orders at most this many of the latest orders
   * @return empty when no customer has the id
   */
  public static Optional<Profile> find(Jdbi jdbi, String customerId, int orders) {
    if (orders < 0) {
      throw new IllegalArgumentException(
          "the number of orders must not be negative, was " + orders);
    }
    // one snapshot: a run finishing meanwhile cannot pair old scores with a new state
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          Optional<Long> id = Contacts.internalId(h, customerId);
          if (id.isEmpty()) {
            return Optional.empty();
          }
          long c = id.get();
          Optional<Run> run = latestRun(h);
          long count =
              h.select("SELECT count(*) FROM orders WHERE customer_id = ?", c)
                  .mapTo(Long.class)
                  .one();
          return Optional.of(
              new Profile(
                  customer(h, c),
                  run,
                  run.flatMap(r -> scores(h, c, r)),
                  h.select("SELECT state, since FROM lifecycle_states WHERE customer_id = ?", c)
                      .map(
                          (rs, ctx) -> new State(rs.getString(1), rs.getObject(2, LocalDate.class)))
                      .findOne(),
                  count,
                  totals(h, c),
                  orders(h, c, orders),
                  history(h, c),
                  account(h, c),
                  Contacts.of(h, c, customerId)));
        });
  }

  /** The latest completed run. */
  public static Optional<Run> latestRun(Handle h) {
    return h.select(
            "SELECT id, as_of FROM runs WHERE status = 'completed' ORDER BY as_of DESC LIMIT 1")
        .map((rs, ctx) -> new Run(rs.getLong(1), rs.getObject(2, LocalDate.class)))
        .findOne();
  }

  private static Customer customer(Handle h, long c) {
    return h.select(
            "SELECT external_id, name, email, phone, address_line1, address_line2, city, region,"
                + " postal_code, country, birthday, customer_since, owner_rep, segment, tags,"
                + " account_kind, time_zone, consent_email, consent_letter, consent_phone,"
                + " consent_sms, minimal FROM customers WHERE id = ?",
            c)
        .map(
            (rs, ctx) ->
                new Customer(
                    rs.getString(1),
                    text(rs, 2),
                    text(rs, 3),
                    text(rs, 4),
                    new Address(
                        text(rs, 5),
                        text(rs, 6),
                        text(rs, 7),
                        text(rs, 8),
                        text(rs, 9),
                        text(rs, 10)),
                    Optional.ofNullable(rs.getObject(11, LocalDate.class)),
                    Optional.ofNullable(rs.getObject(12, LocalDate.class)),
                    text(rs, 13),
                    text(rs, 14),
                    tags(rs.getArray(15)),
                    rs.getString(16),
                    text(rs, 17),
                    new Consents(
                        rs.getBoolean(18), rs.getBoolean(19), rs.getBoolean(20), rs.getBoolean(21)),
                    rs.getBoolean(22)))
        .one();
  }

  private static Optional<Scores> scores(Handle h, long c, Run run) {
    return h.select(
            "SELECT frequency, p_alive, expected_purchases, expected_spend, clv, value_at_risk,"
                + " days_since_last, usual_gap_days, overdue_ratio, lifecycle FROM scores"
                + " WHERE run_id = ? AND customer_id = ?",
            run.id(),
            c)
        .map(
            (rs, ctx) ->
                new Scores(
                    run.id(),
                    run.asOf(),
                    rs.getInt(1),
                    rs.getDouble(2),
                    rs.getDouble(3),
                    number(rs, 4),
                    number(rs, 5),
                    number(rs, 6),
                    rs.getDouble(7),
                    number(rs, 8),
                    number(rs, 9),
                    rs.getString(10)))
        .findOne();
  }

  private static List<Total> totals(Handle h, long c) {
    return h.select(
            "SELECT currency, count(*), sum(amount) FROM orders WHERE customer_id = ?"
                + " GROUP BY currency ORDER BY count(*) DESC, currency",
            c)
        .map((rs, ctx) -> new Total(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)))
        .list();
  }

  private static List<Order> orders(Handle h, long c, int limit) {
    return h.select(
            "SELECT external_id, order_date, amount, currency, offer_code FROM orders"
                + " WHERE customer_id = ? ORDER BY order_date DESC, ordered_at DESC, id DESC"
                + " LIMIT ?",
            c,
            limit)
        .map(
            (rs, ctx) ->
                new Order(
                    rs.getString(1),
                    rs.getObject(2, LocalDate.class),
                    rs.getBigDecimal(3),
                    rs.getString(4),
                    text(rs, 5)))
        .list();
  }

  private static List<Transition> history(Handle h, long c) {
    return h.select(
            "SELECT from_state, to_state, on_date, reason, p_alive, overdue_ratio, value_at_risk"
                + " FROM lifecycle_transitions WHERE customer_id = ? ORDER BY on_date, id",
            c)
        .map(
            (rs, ctx) ->
                new Transition(
                    text(rs, 1),
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getString(4),
                    number(rs, 5),
                    number(rs, 6),
                    number(rs, 7)))
        .list();
  }

  private static Optional<AccountDormancy> account(Handle h, long c) {
    return h.select(
            "SELECT last_order, dormant_on, notice_due, status, status_since, reactivated_on"
                + " FROM account_dormancy d JOIN customers c ON c.id = d.customer_id"
                + " WHERE d.customer_id = ? AND c.account_kind = 'credit_account'",
            c)
        .map(
            (rs, ctx) ->
                new AccountDormancy(
                    rs.getObject(1, LocalDate.class),
                    rs.getObject(2, LocalDate.class),
                    rs.getObject(3, LocalDate.class),
                    rs.getString(4),
                    Optional.ofNullable(rs.getObject(5, LocalDate.class)),
                    Optional.ofNullable(rs.getObject(6, LocalDate.class))))
        .findOne();
  }

  static Optional<String> text(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static Optional<Double> number(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, Double.class)).filter(Double::isFinite);
  }

  private static List<String> tags(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).map(String::valueOf).toList();
  }
}
