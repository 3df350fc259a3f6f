package org.rekindle.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.StoreException;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.Redemption;
import org.rekindle.store.offer.StoredOffer;
import org.rekindle.store.query.UnknownCustomerException;

/**
 * Offer codes at the point of sale: {@code GET /offers/{code}} says whether a code may be honoured
 * and what it gives; {@code POST /offers/{code}/redeem} redeems it, exactly once ({@link Offers}'s
 * guarantee): a second redeem is a 409 that says when it was used.
 */
final class OfferRoutes {
  private final Jdbi jdbi;
  private final Clock clock;
  private final Offers offers;

  OfferRoutes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.offers = new Offers(jdbi, clock);
  }

  void register(Api.Endpoints e) {
    e.get("/offers/{code}", this::validate);
    e.post("/offers/{code}/redeem", this::redeem);
  }

  /**
   * Where an offer stands for the till: {@code valid} (issued and not expired), {@code expired},
   * {@code redeemed} or {@code void}.
   */
  static String standing(StoredOffer o, Instant now) {
    return switch (o.status()) {
      case ISSUED -> o.expiresAt().isAfter(now) ? "valid" : "expired";
      case REDEEMED -> "redeemed";
      case EXPIRED -> "expired";
      case VOID -> "void";
    };
  }

  static ObjectNode offer(StoredOffer o, Instant now) {
    ObjectNode n = Exchange.object();
    n.put("code", o.code().grouped());
    String status = standing(o, now);
    n.put("status", status);
    n.put("valid", status.equals("valid"));
    n.put("customer_id", o.customerId());
    ObjectNode incentive = n.putObject("incentive");
    Offer t = o.terms();
    incentive.put("kind", t.kind().label());
    switch (t.kind()) {
      case PERCENT -> incentive.put("percent", Exchange.money(t.value()));
      case AMOUNT -> incentive.put("amount", Exchange.money(t.value()));
      case FREE_SERVICE -> incentive.put("service_cost", Exchange.money(t.value()));
    }
    incentive.put("currency", t.currency().orElse(null));
    incentive.put("description", t.description().orElse(null));
    incentive.put("words", t.describe());
    n.put("issued_at", o.issuedAt().toString());
    n.put("expires_at", o.expiresAt().toString());
    n.put("redeemed_at", o.redeemedAt().map(Instant::toString).orElse(null));
    n.put("redeemed_order_id", o.redeemedOrderId().orElse(null));
    n.put("cost", o.cost().map(Exchange::money).orElse(null));
    n.put("cost_currency", o.costCurrency().orElse(null));
    n.put("playbook", o.playbook().orElse(null));
    return n;
  }

  private void validate(Context ctx, ApiKey caller) {
    String code = ctx.pathParam("code");
    StoredOffer o =
        offers
            .find(code)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "not_found",
                        "'" + code + "' is not a code Rekindle issued: do not honour it",
                        null,
                        Map.of("status", "unknown", "valid", false)));
    Exchange.send(ctx, 200, offer(o, clock.instant()));
  }

  private void redeem(Context ctx, ApiKey caller) {
    String code = ctx.pathParam("code");
    ObjectNode body = Exchange.jsonObject(ctx, Api.MAX_BODY);
    Optional<String> orderId = Exchange.text(body, "order_id");
    Optional<String> customerId = Exchange.text(body, "customer_id");
    Instant now = clock.instant();
    Redemption r;
    if (orderId.isPresent()) {
      if (customerId.isPresent() || body.has("amount")) {
        throw ApiException.invalidField(
            "order_id",
            "give a stored order's order_id, or customer_id with amount and currency, not both");
      }
      r = inTransaction(caller, () -> offers.redeemOrder(code, orderId.get(), now));
    } else {
      String customer =
          customerId.orElseThrow(
              () ->
                  ApiException.invalidField(
                      "customer_id",
                      "customer_id, amount and currency are required (or a stored order's"
                          + " order_id)"));
      BigDecimal amount =
          Exchange.decimal(body, "amount")
              .orElseThrow(() -> ApiException.invalidField("amount", "amount is required"));
      if (amount.signum() <= 0) {
        throw ApiException.invalidField(
            "amount", "amount must be more than 0: a refund redeems nothing");
      }
      String currency = Exchange.requiredText(body, "currency");
      if (!currency.matches("[A-Za-z]{3}")) {
        throw ApiException.invalidField(
            "currency", "currency must be a three-letter code such as EUR or USD");
      }
      String cur = currency.toUpperCase(Locale.ROOT);
      r = inTransaction(caller, () -> offers.redeem(code, customer, amount, cur, now));
    }
    if (r.redeemed()) {
      ObjectNode answer = offer(r.offer().orElseThrow(), now);
      answer.put("message", r.message());
      Exchange.send(ctx, 200, answer);
      return;
    }
    if (r.outcome() == Redemption.Outcome.UNKNOWN_CODE) {
      throw new ApiException(
          404, "not_found", r.message(), null, Map.of("status", "unknown", "valid", false));
    }
    ObjectNode facts = r.offer().map(o -> offer(o, now)).orElse(Exchange.object());
    facts.put("reason", r.outcome().name().toLowerCase(Locale.ROOT));
    throw new ApiException(409, "conflict", r.message(), facts);
  }

  /** A redemption and its audit entry, in one transaction; nothing is recorded if it failed. */
  private Redemption inTransaction(ApiKey caller, java.util.function.Supplier<Redemption> redeem) {
    try {
      return jdbi.inTransaction(
          h -> {
            Redemption r = redeem.get();
            if (r.redeemed()) {
              StoredOffer o = r.offer().orElseThrow();
              AuditLog.record(
                  h,
                  caller.actor(),
                  "offer.redeem",
                  "offer " + o.code().grouped(),
                  Map.of(
                      "customer", o.customerId(),
                      "cost", Exchange.money(o.cost().orElseThrow()),
                      "currency", o.costCurrency().orElseThrow(),
                      "order", o.redeemedOrderId().orElse("")));
            }
            return r;
          });
    } catch (UnknownCustomerException e) {
      throw ApiException.invalidField("customer_id", String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("order_id", String.valueOf(e.getMessage()));
    } catch (StoreException e) {
      // no such stored order
      throw ApiException.invalidField("order_id", String.valueOf(e.getMessage()));
    }
  }
}
