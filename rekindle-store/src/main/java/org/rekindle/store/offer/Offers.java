package org.rekindle.store.offer;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.core.offer.OfferKind;
import org.rekindle.store.StoreException;
import org.rekindle.store.query.UnknownCustomerException;

/**
 * Offers in the {@code offers} table: issued with a fresh code, redeemed exactly once, expired.
 *
 * <h2>The guarantee</h2>
 *
 * A redemption is one conditional {@code UPDATE … WHERE code = ? AND status = 'issued' AND
 * expires_at > ? … RETURNING}: PostgreSQL lets one transaction change the row, and every other one
 * that waited for it re-checks the condition on the changed row and finds it no longer issued. Any
 * number of simultaneous attempts on one code therefore redeem it exactly once, and an expired,
 * used or withdrawn code is never honoured. Only when the update changed nothing is the offer read
 * again, to say why.
 *
 * <h2>Cost</h2>
 *
 * Computed by the same statement, by {@link Offer#costOn}'s rule: a percentage, that share of the
 * redeeming order's amount (rounded half away from zero to 4 decimals), in the order's currency; an
 * amount, the amount but never more than the order; a free service, its nominal cost. Only an order
 * of more than 0 redeems anything.
 */
public final class Offers {
  /** Draws of a code that is already taken before giving up: at 63.8 bits, one is plenty. */
  private static final int CODE_DRAWS = 8;

  private static final String COLUMNS =
      "f.id, f.code, c.external_id, f.kind, f.value, f.currency, f.description, f.service_cost,"
          + " f.issued_at, f.expires_at, f.status, f.redeemed_at, o.external_id, f.cost,"
          + " f.cost_currency, f.any_order_in_window, f.playbook, f.step"
          + " FROM offers f JOIN customers c ON c.id = f.customer_id"
          + " LEFT JOIN orders o ON o.id = f.redeemed_order_id";

  /** The cost of redeeming offer {@code f} on an order of {@code :amount} in {@code :currency}. */
  private static final String COST =
      "cost = CASE f.kind WHEN 'percent' THEN round(%1$s * f.value * 0.01, 4)"
          + " WHEN 'amount' THEN least(f.value, %1$s) ELSE f.service_cost END,"
          + " cost_currency = coalesce(f.currency, %2$s)";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Random random;

  /**
   * @param clock what "now" is when an offer is issued
   */
  public Offers(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, new SecureRandom());
  }

  /** With the random source for the codes: a seeded one only in tests. */
  Offers(Jdbi jdbi, Clock clock, Random random) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * How an offer is issued beyond its terms.
   *
   * @param anyOrderInWindow whether the customer's first order between issue and expiry redeems it,
   *     whether or not it carries the code
   * @param playbook the playbook that issues it, if one does
   * @param step the playbook's step
   */
  public record IssueOptions(
      boolean anyOrderInWindow, Optional<String> playbook, Optional<String> step) {
    /** Redeemed only by its code, issued by hand. */
    public static final IssueOptions CODE_ONLY =
        new IssueOptions(false, Optional.empty(), Optional.empty());

    public IssueOptions {
      Objects.requireNonNull(playbook, "playbook");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * Issues an offer redeemed by its code only; see {@link #issue(String, Offer, Instant,
   * IssueOptions)}.
   */
  public StoredOffer issue(String customerId, Offer terms, Instant expiresAt) {
    return issue(customerId, terms, expiresAt, IssueOptions.CODE_ONLY);
  }

  /**
   * Issues an offer to a customer now, with a new code.
   *
   * @throws UnknownCustomerException if no customer has {@code customerId}
   * @throws IllegalArgumentException if it would expire before it is issued
   */
  public StoredOffer issue(
      String customerId, Offer terms, Instant expiresAt, IssueOptions options) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(options, "options");
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException(
          "an offer must expire after it is issued (" + now + "): " + expiresAt);
    }
    return jdbi.inTransaction(
        h -> {
          long customer =
              h.select("SELECT id FROM customers WHERE external_id = ?", customerId)
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(() -> new UnknownCustomerException(customerId));
          return issue(h, customer, terms, now, expiresAt, options, Optional.empty());
        });
  }

  /**
   * Issues an offer within the caller's transaction (a plan's, which a dry run rolls back).
   *
   * @param customer the customer's internal id
   * @param budgetCost what the offer may cost, counted against the offer budget
   */
  public StoredOffer issue(
      Handle h,
      long customer,
      Offer terms,
      Instant issuedAt,
      Instant expiresAt,
      IssueOptions options,
      Optional<BigDecimal> budgetCost) {
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "an offer must expire after it is issued (" + issuedAt + "): " + expiresAt);
    }
    boolean free = terms.kind() == OfferKind.FREE_SERVICE;
    for (int draw = 0; draw < CODE_DRAWS; draw++) {
      OfferCode code = OfferCode.generate(random);
      Optional<Long> id =
          h.createUpdate(
                  "INSERT INTO offers (code, customer_id, kind, value, currency, description,"
                      + " service_cost, issued_at, expires_at, any_order_in_window,"
                      + " playbook, step, budget_cost) VALUES (:code, :customer, :kind, :value,"
                      + " :currency, :description, :serviceCost, :issued, :expires, :window,"
                      + " :playbook, :step, :budget) ON CONFLICT (code) DO NOTHING")
              .bind("code", code.symbols())
              .bind("customer", customer)
              .bind("kind", terms.kind().label())
              .bind("value", free ? null : terms.value())
              .bind("currency", terms.currency().orElse(null))
              .bind("description", terms.description().orElse(null))
              .bind("serviceCost", free ? terms.value() : null)
              .bind("issued", utc(issuedAt))
              .bind("expires", utc(expiresAt))
              .bind("window", options.anyOrderInWindow())
              .bind("playbook", options.playbook().orElse(null))
              .bind("step", options.step().orElse(null))
              .bind("budget", budgetCost.orElse(null))
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .findOne();
      if (id.isPresent()) {
        return byId(h, id.get());
      }
    }
    throw new StoreException(
        "could not draw an unused offer code in "
            + CODE_DRAWS
            + " tries; is the random"
            + " source broken?");
  }

  /**
   * Offers issued together within the caller's transaction (a plan's): see {@link Batch}.
   *
   * @param h the transaction's handle
   */
  public Batch batch(Handle h) {
    return new Batch(h);
  }

  /** What a {@link Batch} gave an offer: its id and its code. */
  public record Issued(long id, OfferCode code) {}

  /**
   * Offers issued together within the caller's transaction, as {@link #issue(Handle, long, Offer,
   * Instant, Instant, IssueOptions, Optional)} issues one: each gets its id and code as it is
   * added, so what tells the customer of it can name them at once, and {@link #write} stores them
   * all in one batch. Ids are taken from the table's sequence and codes drawn a chunk at a time,
   * each chunk checked against the stored codes before any is handed out. Not thread-safe.
   */
  public final class Batch {
    private static final int MOST_AT_ONCE = 1024;

    private final Handle h;
    private final ArrayDeque<Long> ids = new ArrayDeque<>();
    private final ArrayDeque<OfferCode> codes = new ArrayDeque<>();
    private final Set<String> handedOut = new HashSet<>();
    private final List<Row> rows = new ArrayList<>();

    private record Row(
        long id,
        OfferCode code,
        long customer,
        Offer terms,
        Instant issuedAt,
        Instant expiresAt,
        IssueOptions options,
        Optional<BigDecimal> budgetCost) {}

    private Batch(Handle h) {
      this.h = h;
    }

    /**
     * Adds an offer to the batch.
     *
     * @param customer the customer's internal id
     * @param budgetCost what the offer may cost, counted against the offer budget
     * @throws IllegalArgumentException if it would expire before it is issued
     */
    public Issued add(
        long customer,
        Offer terms,
        Instant issuedAt,
        Instant expiresAt,
        IssueOptions options,
        Optional<BigDecimal> budgetCost) {
      if (!expiresAt.isAfter(issuedAt)) {
        throw new IllegalArgumentException(
            "an offer must expire after it is issued (" + issuedAt + "): " + expiresAt);
      }
      // the chunks grow with the batch: a plan of a few offers takes a few ids and codes
      int chunk = Math.min(MOST_AT_ONCE, Math.max(16, handedOut.size()));
      if (ids.isEmpty()) {
        h.select(
                "SELECT nextval(pg_get_serial_sequence('offers', 'id')) FROM generate_series(1, ?)",
                chunk)
            .mapTo(Long.class)
            .forEach(ids::add);
      }
      if (codes.isEmpty()) {
        draw(chunk);
      }
      Row row =
          new Row(
              ids.remove(),
              codes.remove(),
              customer,
              terms,
              issuedAt,
              expiresAt,
              options,
              budgetCost);
      rows.add(row);
      return new Issued(row.id(), row.code());
    }

    /** Draws codes that are neither stored nor handed out by this batch. */
    private void draw(int chunk) {
      Set<String> fresh = new LinkedHashSet<>();
      for (int draws = 0; fresh.size() < chunk; draws++) {
        if (draws > chunk * CODE_DRAWS) {
          throw new StoreException(
              "could not draw unused offer codes; is the random source broken?");
        }
        String code = OfferCode.generate(random).symbols();
        if (!handedOut.contains(code)) {
          fresh.add(code);
        }
      }
      h.select(
              "SELECT code FROM offers WHERE code = ANY (?)", (Object) fresh.toArray(String[]::new))
          .mapTo(String.class)
          .forEach(fresh::remove);
      for (String code : fresh) {
        codes.add(OfferCode.of(code));
      }
      handedOut.addAll(fresh);
    }

    /**
     * Stores the offers added since the last write, in one statement.
     *
     * @throws StoreException if a code drawn for the batch was issued elsewhere meanwhile (then
     *     nothing of the caller's transaction may be kept: run it again)
     */
    public void write() {
      if (rows.isEmpty()) {
        return;
      }
      int n = rows.size();
      Long[] id = new Long[n];
      String[] code = new String[n];
      Long[] customer = new Long[n];
      String[] kind = new String[n];
      String[] value = new String[n];
      String[] currency = new String[n];
      String[] description = new String[n];
      String[] serviceCost = new String[n];
      Instant[] issued = new Instant[n];
      Instant[] expires = new Instant[n];
      Boolean[] window = new Boolean[n];
      String[] playbook = new String[n];
      String[] step = new String[n];
      String[] budget = new String[n];
      for (int i = 0; i < n; i++) {
        Row r = rows.get(i);
        boolean free = r.terms().kind() == OfferKind.FREE_SERVICE;
        id[i] = r.id();
        code[i] = r.code().symbols();
        customer[i] = r.customer();
        kind[i] = r.terms().kind().label();
        value[i] = free ? null : r.terms().value().toPlainString();
        currency[i] = r.terms().currency().orElse(null);
        description[i] = r.terms().description().orElse(null);
        serviceCost[i] = free ? r.terms().value().toPlainString() : null;
        issued[i] = r.issuedAt();
        expires[i] = r.expiresAt();
        window[i] = r.options().anyOrderInWindow();
        playbook[i] = r.options().playbook().orElse(null);
        step[i] = r.options().step().orElse(null);
        budget[i] = r.budgetCost().map(BigDecimal::toPlainString).orElse(null);
      }
      int written =
          h.createUpdate(
                  "INSERT INTO offers (id, code, customer_id, kind, value, currency, description,"
                      + " service_cost, issued_at, expires_at, any_order_in_window, playbook, step,"
                      + " budget_cost) OVERRIDING SYSTEM VALUE SELECT x.id, x.code, x.customer,"
                      + " x.kind, CAST(x.value AS numeric), x.currency, x.description,"
                      + " CAST(x.service_cost AS numeric), x.issued, x.expires, x.in_window,"
                      + " x.playbook, x.step, CAST(x.budget AS numeric)"
                      + " FROM unnest(:id, :code, :customer, :kind, :value, :currency,"
                      + " :description, :serviceCost, :issued, :expires, :window, :playbook, :step,"
                      + " :budget) AS x(id, code, customer, kind, value, currency, description,"
                      + " service_cost, issued, expires, in_window, playbook, step, budget)"
                      + " ON CONFLICT (code) DO NOTHING")
              .bind("id", id)
              .bind("code", code)
              .bind("customer", customer)
              .bind("kind", kind)
              .bind("value", value)
              .bind("currency", currency)
              .bind("description", description)
              .bind("serviceCost", serviceCost)
              .bind("issued", issued)
              .bind("expires", expires)
              .bind("window", window)
              .bind("playbook", playbook)
              .bind("step", step)
              .bind("budget", budget)
              .execute();
      rows.clear();
      if (written != n) {
        throw new StoreException(
            "an offer code drawn for this batch was issued elsewhere at the same moment;"
                + " nothing was kept: try again");
      }
    }
  }

  /**
   * Redeems a code at the till, for an order not stored yet.
   *
   * @param typed the code as typed (see {@link OfferCode#parse} for what is accepted)
   * @param customerId the external id of the customer buying
   * @param amount the order's amount, more than 0
   * @param currency the order's currency
   * @param at when; an offer expiring at or before it is not honoured
   * @throws UnknownCustomerException if no customer has {@code customerId}
   */
  public Redemption redeem(
      String typed, String customerId, BigDecimal amount, String currency, Instant at) {
    requireSale(amount);
    return jdbi.withHandle(
        h -> {
          long customer =
              h.select("SELECT id FROM customers WHERE external_id = ?", customerId)
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(() -> new UnknownCustomerException(customerId));
          return redeem(h, typed, customer, amount, currency, null, at);
        });
  }

  /**
   * Redeems a code with a stored order: the order's customer, amount and currency; the order is
   * kept with the redemption, and redeems no other offer.
   *
   * @throws StoreException if no order has {@code orderId}
   * @throws IllegalArgumentException if the order is a refund (an amount of 0 or less)
   */
  public Redemption redeemOrder(String typed, String orderId, Instant at) {
    return jdbi.withHandle(
        h -> {
          record Order(long id, long customer, BigDecimal amount, String currency) {}
          Order o =
              h.select(
                      "SELECT id, customer_id, amount, currency FROM orders WHERE external_id = ?",
                      orderId)
                  .map(
                      (rs, ctx) ->
                          new Order(
                              rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getString(4)))
                  .findOne()
                  .orElseThrow(
                      () ->
                          new StoreException(
                              "no order with id '"
                                  + orderId
                                  + "': ids are the ones in the imported orders files"));
          requireSale(o.amount());
          return redeem(h, typed, o.customer(), o.amount(), o.currency(), o.id(), at);
        });
  }

  private static void requireSale(BigDecimal amount) {
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException(
          "only an order of more than 0 redeems an offer: " + amount.toPlainString());
    }
  }

  private Redemption redeem(
      Handle h,
      String typed,
      long customer,
      BigDecimal amount,
      String currency,
      @Nullable Long order,
      Instant at) {
    Optional<OfferCode> code = OfferCode.parse(typed);
    if (code.isEmpty()) {
      return new Redemption(Redemption.Outcome.UNKNOWN_CODE, typed, Optional.empty());
    }
    Optional<Long> redeemed;
    try {
      redeemed =
          h.inTransaction(
              t ->
                  t.createUpdate(
                          "UPDATE offers f SET status = 'redeemed', redeemed_at = :at,"
                              + " redeemed_order_id = :order, "
                              + String.format(COST, ":amount", ":currency")
                              + " WHERE f.code = :code AND f.status = 'issued'"
                              + " AND f.expires_at > :at AND f.customer_id = :customer"
                              + " AND (f.kind <> 'amount' OR f.currency = :currency)"
                              + " AND NOT EXISTS (SELECT 1 FROM offers g"
                              + " WHERE g.redeemed_order_id = :order)")
                      .bind("at", utc(at))
                      .bind("order", order)
                      .bind("amount", amount)
                      .bind("currency", currency)
                      .bind("code", code.get().symbols())
                      .bind("customer", customer)
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .findOne());
    } catch (UnableToExecuteStatementException e) {
      // two codes redeemed with one order at the same moment: the unique order lost
      if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
        redeemed = Optional.empty();
      } else {
        throw e;
      }
    }
    if (redeemed.isPresent()) {
      return new Redemption(
          Redemption.Outcome.REDEEMED, typed, Optional.of(byId(h, redeemed.get())));
    }
    // nothing changed: say why, from the offer as it stands
    Optional<StoredOffer> offer = find(h, code.get());
    if (offer.isEmpty()) {
      return new Redemption(Redemption.Outcome.UNKNOWN_CODE, typed, Optional.empty());
    }
    StoredOffer f = offer.get();
    long owner =
        h.select("SELECT customer_id FROM offers WHERE id = ?", f.id()).mapTo(Long.class).one();
    Redemption.Outcome why;
    if (f.status() == StoredOffer.Status.REDEEMED) {
      why = Redemption.Outcome.ALREADY_USED;
    } else if (f.status() == StoredOffer.Status.VOID) {
      why = Redemption.Outcome.VOID;
    } else if (f.status() == StoredOffer.Status.EXPIRED || !f.expiresAt().isAfter(at)) {
      why = Redemption.Outcome.EXPIRED;
    } else if (owner != customer) {
      why = Redemption.Outcome.WRONG_CUSTOMER;
    } else if (f.terms().kind() == OfferKind.AMOUNT
        && !f.terms().currency().orElseThrow().equals(currency)) {
      why = Redemption.Outcome.WRONG_CURRENCY;
    } else {
      why = Redemption.Outcome.ORDER_ALREADY_USED;
    }
    return new Redemption(why, typed, offer);
  }

  /**
   * What {@link #redeemFromOrders} did.
   *
   * @param byCode offers redeemed by an order carrying their code
   * @param inWindow offers redeemed by the customer's order within their window
   */
  public record OrderRedemptions(int byCode, int inWindow) {
    /** All redeemed. */
    public int total() {
      return byCode + inWindow;
    }
  }

  /**
   * Redeems, set-based, the offers the stored orders placed up to {@code asOf} have used:
   *
   * <ol>
   *   <li>every issued (or since expired) offer whose code is on an order of its customer's placed
   *       before its expiry — the code on the order read as a cashier's typing is ({@code
   *       offer_code_normal}); the earliest such order redeems it;
   *   <li>then every offer redeemed by any order in its window: the customer's first order placed
   *       at or after the issue and before the expiry that has not redeemed another offer. Of two
   *       such offers wanting the same order the earlier issued gets it, and the other the next
   *       order, if there is one.
   * </ol>
   *
   * An offer marked expired by {@link #expire} is still redeemed by an order placed before its
   * expiry that was imported late: the code was honoured when the order was placed. An order placed
   * after the expiry never redeems it. Orders of 0 or less (refunds) redeem nothing; an amount off
   * only orders in its currency; an order redeems at most one offer. The redemption time is the
   * order's.
   */
  public OrderRedemptions redeemFromOrders(Instant asOf) {
    return jdbi.inTransaction(
        h -> {
          int byCode =
              h.createUpdate(
                      "WITH m AS (SELECT DISTINCT ON (f.id) f.id AS offer_id, o.id AS order_id,"
                          + " o.ordered_at, o.amount, o.currency"
                          + " FROM orders o JOIN offers f ON f.code = offer_code_normal(o.offer_code)"
                          + " WHERE o.offer_code IS NOT NULL AND f.status IN ('issued', 'expired')"
                          + " AND o.customer_id = f.customer_id AND o.ordered_at < f.expires_at"
                          + " AND o.ordered_at <= :asOf AND o.amount > 0"
                          + " AND (f.kind <> 'amount' OR f.currency = o.currency)"
                          + " AND NOT EXISTS (SELECT 1 FROM offers g WHERE g.redeemed_order_id = o.id)"
                          + " ORDER BY f.id, o.ordered_at, o.id)"
                          + " UPDATE offers f SET status = 'redeemed', redeemed_at = m.ordered_at,"
                          + " redeemed_order_id = m.order_id, "
                          + String.format(COST, "m.amount", "m.currency")
                          + " FROM m WHERE f.id = m.offer_id AND f.status IN ('issued', 'expired')")
                  .bind("asOf", utc(asOf))
                  .execute();
          int inWindow = 0;
          while (true) {
            int n =
                h.createUpdate(
                        "WITH m AS (SELECT DISTINCT ON (o.id) f.id AS offer_id, o.id AS order_id,"
                            + " o.ordered_at, o.amount, o.currency FROM offers f"
                            + " CROSS JOIN LATERAL (SELECT o.id, o.ordered_at, o.amount, o.currency"
                            + " FROM orders o WHERE o.customer_id = f.customer_id"
                            + " AND o.ordered_at >= f.issued_at AND o.ordered_at < f.expires_at"
                            + " AND o.ordered_at <= :asOf AND o.amount > 0"
                            + " AND (f.kind <> 'amount' OR f.currency = o.currency)"
                            + " AND NOT EXISTS (SELECT 1 FROM offers g"
                            + " WHERE g.redeemed_order_id = o.id)"
                            + " ORDER BY o.ordered_at, o.id LIMIT 1) o"
                            + " WHERE f.any_order_in_window AND f.status IN ('issued', 'expired')"
                            + " ORDER BY o.id, f.issued_at, f.id)"
                            + " UPDATE offers f SET status = 'redeemed', redeemed_at = m.ordered_at,"
                            + " redeemed_order_id = m.order_id, "
                            + String.format(COST, "m.amount", "m.currency")
                            + " FROM m WHERE f.id = m.offer_id"
                            + " AND f.status IN ('issued', 'expired')")
                    .bind("asOf", utc(asOf))
                    .execute();
            if (n == 0) {
              break;
            }
            inWindow += n;
          }
          return new OrderRedemptions(byCode, inWindow);
        });
  }

  /** Marks every issued offer whose expiry is at or before {@code asOf} expired; how many. */
  public int expire(Instant asOf) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE offers SET status = 'expired'"
                        + " WHERE status = 'issued' AND expires_at <= :asOf")
                .bind("asOf", utc(asOf))
                .execute());
  }

  /**
   * Withdraws an offer that has not been used, so it is never honoured.
   *
   * @return the offer as it stands, void if it was issued (or expired); as it was otherwise
   */
  public Optional<StoredOffer> withdraw(String typed) {
    Optional<OfferCode> code = OfferCode.parse(typed);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    return jdbi.inTransaction(
        h -> {
          h.execute(
              "UPDATE offers SET status = 'void' WHERE code = ? AND status IN ('issued', 'expired')",
              code.get().symbols());
          return find(h, code.get());
        });
  }

  /** The offer with a code, as typed. */
  public Optional<StoredOffer> find(String typed) {
    Optional<OfferCode> code = OfferCode.parse(typed);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> find(h, code.get()));
  }

  /**
   * Offers, the latest issued first.
   *
   * @param customerId only this customer's, if given
   * @param status only those that stand so, if given
   * @param limit at most this many
   */
  public List<StoredOffer> list(
      Optional<String> customerId, Optional<StoredOffer.Status> status, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the limit must be at least 1: " + limit);
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " WHERE (CAST(:customer AS text) IS NULL OR c.external_id = :customer)"
                        + " AND (CAST(:status AS text) IS NULL OR f.status = :status)"
                        + " ORDER BY f.issued_at DESC, f.id DESC LIMIT :limit")
                .bind("customer", customerId.orElse(null))
                .bind("status", status.map(StoredOffer.Status::label).orElse(null))
                .bind("limit", limit)
                .map(Offers::row)
                .list());
  }

  private static Optional<StoredOffer> find(Handle h, OfferCode code) {
    return h.createQuery("SELECT " + COLUMNS + " WHERE f.code = ?")
        .bind(0, code.symbols())
        .map(Offers::row)
        .findOne();
  }

  private static StoredOffer byId(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " WHERE f.id = ?")
        .bind(0, id)
        .map(Offers::row)
        .one();
  }

  private static StoredOffer row(ResultSet rs, StatementContext ctx) throws SQLException {
    OfferKind kind = OfferKind.parse(rs.getString(4));
    BigDecimal value = kind == OfferKind.FREE_SERVICE ? rs.getBigDecimal(8) : rs.getBigDecimal(5);
    Offer terms =
        new Offer(
            kind,
            value,
            Optional.ofNullable(rs.getString(6)),
            Optional.ofNullable(rs.getString(7)));
    return new StoredOffer(
        rs.getLong(1),
        OfferCode.of(rs.getString(2)),
        rs.getString(3),
        terms,
        instant(rs, 9).orElseThrow(),
        instant(rs, 10).orElseThrow(),
        StoredOffer.Status.parse(rs.getString(11)),
        instant(rs, 12),
        Optional.ofNullable(rs.getString(13)),
        Optional.ofNullable(rs.getBigDecimal(14)),
        Optional.ofNullable(rs.getString(15)),
        rs.getBoolean(16),
        Optional.ofNullable(rs.getString(17)),
        Optional.ofNullable(rs.getString(18)));
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
