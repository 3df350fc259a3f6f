package org.rekindle.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.feedback.Feedback;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.StoredOffer;
import org.rekindle.store.query.CustomerProfile;

/**
 * The customers: the list, sorted by value at risk and paged, and one customer with what the store
 * knows of them (orders, scores over time, lifecycle events, offers, feedback).
 */
final class CustomerRoutes {
  /** The most customers (or orders, scores, ...) one page holds. */
  static final int MAX_LIMIT = 500;

  static final Set<String> STATES =
      Set.of("new", "active", "lapsing", "dormant", "lost", "reactivated");

  private final Jdbi jdbi;
  private final Clock clock;

  CustomerRoutes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  void register(Api.Endpoints e) {
    e.get("/customers", this::list);
    e.get("/customers/{customerId}", this::one);
    e.get("/customers/{customerId}/orders", this::orders);
    e.get("/customers/{customerId}/scores", this::scores);
    e.get("/customers/{customerId}/events", this::events);
    e.get("/customers/{customerId}/offers", this::offers);
    e.get("/customers/{customerId}/feedback", this::feedback);
  }

  /**
   * Where a page of the list ends. The list is the customers the latest run scored, most value at
   * risk first (then by their row), followed by those it did not score (by their row): {@code
   * scored} says which part the page ended in, {@code valueAtRisk} and {@code id} the last
   * customer's place in it.
   */
  record Cursor(boolean scored, @Nullable Double valueAtRisk, long id) {
    String encode() {
      String text =
          (scored ? "s" : "u")
              + "\n"
              + (valueAtRisk == null ? "" : Double.toString(valueAtRisk))
              + "\n"
              + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                .split("\n", -1);
        if (parts.length != 3 || !(parts[0].equals("s") || parts[0].equals("u"))) {
          throw new IllegalArgumentException("not a cursor");
        }
        return new Cursor(
            parts[0].equals("s"),
            parts[1].isEmpty() ? null : Double.valueOf(parts[1]),
            Long.parseLong(parts[2]));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidField(
            "cursor", "cursor is not one this API gave: pass next_cursor as it came");
      }
    }
  }

  /**
   * The filters of the list, as SQL conditions on customers {@code c} and their state {@code ls}.
   */
  private record Filters(Optional<String> state, Optional<String> segment, Optional<String> rep) {
    List<String> where() {
      List<String> w = new ArrayList<>();
      state.ifPresent(x -> w.add("ls.state = :state"));
      segment.ifPresent(x -> w.add("c.segment = :segment"));
      rep.ifPresent(x -> w.add("c.owner_rep = :rep"));
      return w;
    }

    void bind(Query q) {
      state.ifPresent(x -> q.bind("state", x));
      segment.ifPresent(x -> q.bind("segment", x));
      rep.ifPresent(x -> q.bind("rep", x));
    }
  }

  private static final String COLUMNS =
      "SELECT c.external_id, c.name, c.segment, c.owner_rep, ls.state, ls.since, s.p_alive,"
          + " s.clv, s.value_at_risk, s.days_since_last, s.overdue_ratio, c.id";

  /**
   * A page of the list, fetched by keyset (never by offset): the scored customers come from the
   * latest run's scores, sorted by value at risk and cut to the page before anything else is joined
   * when no filter needs the customers, so a page of a million customers reads the scores once and
   * joins a page's worth. An index on {@code scores (run_id, value_at_risk DESC NULLS LAST,
   * customer_id)} would make it read only the page.
   */
  private void list(Context ctx, ApiKey caller) {
    int limit = Exchange.queryInt(ctx, "limit", 100, 1, MAX_LIMIT);
    Optional<String> state = Exchange.query(ctx, "state").map(s -> s.toLowerCase(Locale.ROOT));
    if (state.isPresent() && !STATES.contains(state.get())) {
      throw ApiException.invalidField(
          "state",
          "state must be one of new, active, lapsing, dormant, lost, reactivated, not "
              + state.get());
    }
    Filters filters =
        new Filters(state, Exchange.query(ctx, "segment"), Exchange.query(ctx, "rep"));
    Optional<Cursor> cursor = Exchange.query(ctx, "cursor").map(Cursor::decode);
    ObjectNode body =
        jdbi.inTransaction(
            h -> {
              Optional<CustomerProfile.Run> run = CustomerProfile.latestRun(h);
              List<ObjectNode> rows = new ArrayList<>();
              Cursor last = null;
              boolean scoredPart = run.isPresent() && cursor.map(Cursor::scored).orElse(true);
              if (scoredPart) {
                for (ObjectNode o : scored(h, run.get().id(), filters, cursor, limit + 1)) {
                  rows.add(o);
                }
              }
              if (rows.size() <= limit) {
                // the scored part is done: the unscored ones, from the start or the cursor
                Optional<Cursor> after = cursor.filter(c -> !c.scored());
                rows.addAll(
                    unscored(
                        h,
                        run,
                        filters,
                        after.map(Cursor::id).orElse(0L),
                        limit + 1 - rows.size()));
              }
              ObjectNode b = Exchange.object();
              b.put("as_of", run.map(r -> r.asOf().toString()).orElse(null));
              b.put("run_id", run.map(CustomerProfile.Run::id).orElse(null));
              ArrayNode list = b.putArray("customers");
              for (int i = 0; i < Math.min(limit, rows.size()); i++) {
                ObjectNode o = rows.get(i);
                long id = o.remove("_id").asLong();
                boolean scored = o.remove("_scored").asBoolean();
                JsonNode v = o.get("value_at_risk");
                last = new Cursor(scored, v.isNull() ? null : v.doubleValue(), id);
                list.add(o);
              }
              if (rows.size() > limit && last != null) {
                b.put("next_cursor", last.encode());
              } else {
                b.putNull("next_cursor");
              }
              return b;
            });
    Exchange.send(ctx, 200, body);
  }

  /** The run's scored customers after the cursor, most value at risk first. */
  private static List<ObjectNode> scored(
      Handle h, long run, Filters filters, Optional<Cursor> cursor, int n) {
    List<String> where = new ArrayList<>(filters.where());
    where.add("s.run_id = :run");
    cursor.ifPresent(
        c ->
            where.add(
                c.valueAtRisk() == null
                    ? "(s.value_at_risk IS NULL AND s.customer_id > :after)"
                    : "(s.value_at_risk < :var OR (s.value_at_risk = :var AND"
                        + " s.customer_id > :after) OR s.value_at_risk IS NULL)"));
    String order = " ORDER BY s.value_at_risk DESC NULLS LAST, s.customer_id LIMIT :n";
    boolean joinsFirst =
        filters.state().isPresent() || filters.segment().isPresent() || filters.rep().isPresent();
    String sql =
        joinsFirst
            ? COLUMNS
                + " FROM scores s JOIN customers c ON c.id = s.customer_id"
                + " LEFT JOIN lifecycle_states ls ON ls.customer_id = s.customer_id WHERE "
                + String.join(" AND ", where)
                + order
            : COLUMNS
                + " FROM (SELECT * FROM scores s WHERE "
                + String.join(" AND ", where)
                + order
                + ") s JOIN customers c ON c.id = s.customer_id"
                + " LEFT JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
                + " ORDER BY s.value_at_risk DESC NULLS LAST, s.customer_id";
    Query q = h.createQuery(sql).bind("run", run).bind("n", n);
    filters.bind(q);
    cursor.ifPresent(
        c -> {
          q.bind("after", c.id());
          if (c.valueAtRisk() != null) {
            q.bind("var", c.valueAtRisk());
          }
        });
    return q.map((rs, x) -> listed(rs, true)).list();
  }

  /** The customers the run did not score (all, before the first run), by their row. */
  private static List<ObjectNode> unscored(
      Handle h, Optional<CustomerProfile.Run> run, Filters filters, long after, int n) {
    List<String> where = new ArrayList<>(filters.where());
    where.add("c.id > :after");
    run.ifPresent(
        r ->
            where.add(
                "NOT EXISTS (SELECT 1 FROM scores x WHERE x.run_id = :run"
                    + " AND x.customer_id = c.id)"));
    Query q =
        h.createQuery(
                COLUMNS
                    + " FROM customers c LEFT JOIN lifecycle_states ls ON ls.customer_id = c.id"
                    + " LEFT JOIN scores s ON false WHERE "
                    + String.join(" AND ", where)
                    + " ORDER BY c.id LIMIT :n")
            .bind("after", after)
            .bind("n", n);
    run.ifPresent(r -> q.bind("run", r.id()));
    filters.bind(q);
    return q.map((rs, x) -> listed(rs, false)).list();
  }

  private static ObjectNode listed(ResultSet rs, boolean scored) throws SQLException {
    ObjectNode o = Exchange.object();
    o.put("customer_id", rs.getString(1));
    o.put("name", rs.getString(2));
    o.put("segment", rs.getString(3));
    o.put("rep", rs.getString(4));
    o.put("state", rs.getString(5));
    o.put("state_since", Exchange.iso(rs.getObject(6, LocalDate.class)));
    o.put("p_alive", rs.getObject(7, Double.class));
    o.put("clv", finite(rs.getObject(8, Double.class)));
    o.put("value_at_risk", finite(rs.getObject(9, Double.class)));
    o.put("days_since_last", rs.getObject(10, Double.class));
    o.put("overdue_ratio", finite(rs.getObject(11, Double.class)));
    // where it stands in the list, for the cursor; taken out before the answer
    o.put("_id", rs.getLong(12));
    o.put("_scored", scored);
    return o;
  }

  private static @Nullable Double finite(@Nullable Double d) {
    return d == null || !Double.isFinite(d) ? null : d;
  }

  /** The customer's internal id, or 404. */
  private static long customer(Handle h, String customerId) {
    return h.select("SELECT id FROM customers WHERE external_id = ?", customerId)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> ApiException.notFound("no customer has the id '" + customerId + "'"));
  }

  private void one(Context ctx, ApiKey caller) {
    String id = ctx.pathParam("customerId");
    CustomerProfile.Profile p =
        CustomerProfile.find(jdbi, id, 0)
            .orElseThrow(() -> ApiException.notFound("no customer has the id '" + id + "'"));
    CustomerProfile.Customer c = p.customer();
    ObjectNode o = Exchange.object();
    o.put("customer_id", c.customerId());
    o.put("name", c.name().orElse(null));
    o.put("email", c.email().orElse(null));
    o.put("phone", c.phone().orElse(null));
    ArrayNode address = o.putArray("address");
    c.address().parts().forEach(address::add);
    o.put("birthday", c.birthday().map(LocalDate::toString).orElse(null));
    o.put("customer_since", c.customerSince().map(LocalDate::toString).orElse(null));
    o.put("rep", c.ownerRep().orElse(null));
    o.put("segment", c.segment().orElse(null));
    ArrayNode tags = o.putArray("tags");
    c.tags().forEach(tags::add);
    o.put("account_kind", c.accountKind());
    o.put("minimal", c.minimal());
    ObjectNode consents = o.putObject("consents");
    consents.put("email", c.consents().email());
    consents.put("letter", c.consents().letter());
    consents.put("phone", c.consents().phone());
    consents.put("sms", c.consents().sms());
    if (p.state().isPresent()) {
      ObjectNode s = o.putObject("lifecycle");
      s.put("state", p.state().get().state());
      s.put("since", p.state().get().since().toString());
    } else {
      o.putNull("lifecycle");
    }
    if (p.scores().isPresent()) {
      CustomerProfile.Scores s = p.scores().get();
      ObjectNode so = o.putObject("scores");
      so.put("run_id", s.runId());
      so.put("as_of", s.asOf().toString());
      so.put("repeat_purchases", s.repeatPurchases());
      so.put("p_alive", s.pAlive());
      so.put("expected_purchases", s.expectedPurchases());
      so.put("expected_spend", Exchange.number(s.expectedSpend()));
      so.put("clv", Exchange.number(s.clv()));
      so.put("value_at_risk", Exchange.number(s.valueAtRisk()));
      so.put("days_since_last", s.daysSinceLast());
      so.put("usual_gap_days", Exchange.number(s.usualGapDays()));
      so.put("overdue_ratio", Exchange.number(s.overdueRatio()));
      so.put("model_state", s.modelState());
    } else {
      o.putNull("scores");
    }
    o.put("order_count", p.orderCount());
    ArrayNode totals = o.putArray("totals");
    for (CustomerProfile.Total t : p.totals()) {
      ObjectNode x = totals.addObject();
      x.put("currency", t.currency());
      x.put("orders", t.orders());
      x.put("amount", Exchange.money(t.amount()));
    }
    Exchange.send(ctx, 200, o);
  }

  private void orders(Context ctx, ApiKey caller) {
    pagedList(
        ctx,
        "orders",
        "SELECT external_id, ordered_at, order_date, amount, currency, offer_code"
            + " FROM orders WHERE customer_id = :c"
            + " ORDER BY order_date DESC, ordered_at DESC, id DESC",
        rs -> {
          ObjectNode o = Exchange.object();
          o.put("order_id", rs.getString(1));
          o.put("ordered_at", rs.getObject(2, OffsetDateTime.class).toInstant().toString());
          o.put("date", rs.getObject(3, LocalDate.class).toString());
          o.put("amount", Exchange.money(rs.getBigDecimal(4)));
          o.put("currency", rs.getString(5));
          o.put("offer_code", rs.getString(6));
          return o;
        });
  }

  private void scores(Context ctx, ApiKey caller) {
    pagedList(
        ctx,
        "scores",
        "SELECT r.id, r.as_of, s.frequency, s.p_alive, s.expected_purchases,"
            + " s.expected_spend, s.clv, s.value_at_risk, s.days_since_last,"
            + " s.usual_gap_days, s.overdue_ratio, s.lifecycle FROM scores s"
            + " JOIN runs r ON r.id = s.run_id"
            + " WHERE s.customer_id = :c AND r.status = 'completed'"
            + " ORDER BY r.as_of DESC",
        rs -> {
          ObjectNode o = Exchange.object();
          o.put("run_id", rs.getLong(1));
          o.put("as_of", rs.getObject(2, LocalDate.class).toString());
          o.put("repeat_purchases", rs.getInt(3));
          o.put("p_alive", rs.getDouble(4));
          o.put("expected_purchases", rs.getDouble(5));
          o.put("expected_spend", finite(rs.getObject(6, Double.class)));
          o.put("clv", finite(rs.getObject(7, Double.class)));
          o.put("value_at_risk", finite(rs.getObject(8, Double.class)));
          o.put("days_since_last", rs.getDouble(9));
          o.put("usual_gap_days", finite(rs.getObject(10, Double.class)));
          o.put("overdue_ratio", finite(rs.getObject(11, Double.class)));
          o.put("model_state", rs.getString(12));
          return o;
        });
  }

  /** One row of a customer's sub-list as JSON. */
  @FunctionalInterface
  private interface RowJson {
    ObjectNode map(ResultSet rs) throws SQLException;
  }

  /**
   * A customer's rows a page at a time ({@code limit}, {@code offset}): {@code sql} selects them
   * for customer {@code :c}, in order; the answer holds them under {@code key} with {@code
   * next_offset}, null on the last page. An unknown customer is 404.
   */
  private void pagedList(Context ctx, String key, String sql, RowJson row) {
    String id = ctx.pathParam("customerId");
    int limit = Exchange.queryInt(ctx, "limit", 100, 1, MAX_LIMIT);
    int offset = Exchange.queryInt(ctx, "offset", 0, 0, 10_000_000);
    ObjectNode body =
        jdbi.inTransaction(
            h -> {
              long c = customer(h, id);
              ObjectNode b = Exchange.object();
              b.put("customer_id", id);
              ArrayNode list = b.putArray(key);
              // one row more than the page, to know whether another follows
              h.createQuery(sql + " LIMIT :limit OFFSET :offset")
                  .bind("c", c)
                  .bind("limit", limit + 1)
                  .bind("offset", offset)
                  .map((rs, x) -> row.map(rs))
                  .list()
                  .forEach(list::add);
              if (list.size() > limit) {
                list.remove(limit);
                b.put("next_offset", offset + limit);
              } else {
                b.putNull("next_offset");
              }
              return b;
            });
    Exchange.send(ctx, 200, body);
  }

  private void events(Context ctx, ApiKey caller) {
    String id = ctx.pathParam("customerId");
    CustomerProfile.Profile p =
        CustomerProfile.find(jdbi, id, 0)
            .orElseThrow(() -> ApiException.notFound("no customer has the id '" + id + "'"));
    ObjectNode b = Exchange.object();
    b.put("customer_id", id);
    ArrayNode list = b.putArray("events");
    for (CustomerProfile.Transition t : p.history()) {
      ObjectNode o = list.addObject();
      o.put("on", t.on().toString());
      o.put("from", t.from().orElse(null));
      o.put("to", t.to());
      o.put("reason", t.reason());
      o.put("p_alive", Exchange.number(t.pAlive()));
      o.put("overdue_ratio", Exchange.number(t.overdueRatio()));
      o.put("value_at_risk", Exchange.number(t.valueAtRisk()));
    }
    Exchange.send(ctx, 200, b);
  }

  private void offers(Context ctx, ApiKey caller) {
    String id = ctx.pathParam("customerId");
    int limit = Exchange.queryInt(ctx, "limit", 100, 1, MAX_LIMIT);
    jdbi.useHandle(h -> customer(h, id));
    List<StoredOffer> offers =
        new Offers(jdbi, clock).list(Optional.of(id), Optional.empty(), limit);
    ObjectNode b = Exchange.object();
    b.put("customer_id", id);
    ArrayNode list = b.putArray("offers");
    offers.forEach(o -> list.add(OfferRoutes.offer(o, clock.instant())));
    Exchange.send(ctx, 200, b);
  }

  private void feedback(Context ctx, ApiKey caller) {
    String id = ctx.pathParam("customerId");
    jdbi.useHandle(h -> customer(h, id));
    ObjectNode b = Exchange.object();
    b.put("customer_id", id);
    ArrayNode list = b.putArray("feedback");
    for (Feedback.Stored f : Feedback.list(jdbi, Optional.empty(), Optional.of(id))) {
      ObjectNode o = list.addObject();
      o.put("id", f.id());
      o.put("external_id", f.externalId().orElse(null));
      o.put("source", f.source());
      o.put("rating", f.rating().orElse(null));
      o.put("text", f.text().orElse(null));
      o.put("received_on", f.receivedOn().toString());
      o.put("flagged", f.flagged());
      o.put("case_id", f.caseId().orElse(null));
    }
    Exchange.send(ctx, 200, b);
  }
}
