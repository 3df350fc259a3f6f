package org.rekindle.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.store.StoreException;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;

/**
 * Addresses nothing may be sent to ({@link Suppressions}): {@code GET} the standing ones, {@code
 * POST} one with its reason, {@code DELETE} lifts one. A suppression the customer asked for is only
 * lifted in the customer's name ({@code source=customer}), as in the store.
 */
final class SuppressionRoutes {
  private final Jdbi jdbi;
  private final Suppressions suppressions;

  SuppressionRoutes(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.suppressions = new Suppressions(jdbi);
  }

  void register(Api.Endpoints e) {
    e.get("/suppressions", this::list);
    e.post("/suppressions", this::add);
    e.delete("/suppressions", this::lift);
  }

  static ObjectNode json(Suppressions.Suppression s) {
    ObjectNode o = Exchange.object();
    o.put("channel", s.channel());
    o.put("address", s.address());
    o.put("reason", s.reason());
    o.put("source", s.source());
    o.put("actor", s.actor());
    o.put("note", s.note().orElse(null));
    o.put("since", s.since().toString());
    return o;
  }

  private void list(Context ctx, ApiKey caller) {
    int limit = Exchange.queryInt(ctx, "limit", 100, 1, CustomerRoutes.MAX_LIMIT);
    ObjectNode b = Exchange.object();
    ArrayNode list = b.putArray("suppressions");
    suppressions.standing(limit).forEach(s -> list.add(json(s)));
    Exchange.send(ctx, 200, b);
  }

  private static ConsentLog.Channel channel(Optional<String> text) {
    String t =
        text.orElseThrow(
            () ->
                ApiException.invalidField(
                    "channel", "channel is required: email, letter, phone or sms"));
    try {
      return ConsentLog.Channel.valueOf(t.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(
          "channel", "channel must be email, letter, phone or sms, not '" + t + "'");
    }
  }

  /** Staff by default; the customer when they asked for it themselves. */
  private static ConsentLog.Source source(Optional<String> text) {
    String t = text.orElse("staff").toLowerCase(Locale.ROOT);
    return switch (t) {
      case "staff" -> ConsentLog.Source.STAFF;
      case "customer" -> ConsentLog.Source.CUSTOMER;
      default ->
          throw ApiException.invalidField(
              "source",
              "source must be staff (the business's decision) or customer (the customer asked),"
                  + " not '"
                  + t
                  + "'");
    };
  }

  private void add(Context ctx, ApiKey caller) {
    ObjectNode body = Exchange.jsonObject(ctx, Api.MAX_BODY);
    ConsentLog.Channel channel = channel(Exchange.text(body, "channel"));
    String address = Exchange.requiredText(body, "address");
    Suppressions.Reason reason;
    try {
      reason = Suppressions.Reason.parse(Exchange.requiredText(body, "reason"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("reason", String.valueOf(e.getMessage()));
    }
    ConsentLog.Source source = source(Exchange.text(body, "source"));
    String note = Exchange.text(body, "note").orElse("");
    if (Suppressions.normalise(channel, address).isEmpty()) {
      throw ApiException.invalidField(
          "address", "there is no " + channel.id() + " address to suppress in '" + address + "'");
    }
    boolean added =
        jdbi.inTransaction(
            h -> {
              boolean a =
                  suppressions.suppress(channel, address, reason, source, caller.actor(), note);
              if (a) {
                AuditLog.record(
                    h,
                    caller.actor(),
                    "suppression.add",
                    channel.id() + " " + Suppressions.normalise(channel, address),
                    Map.of("reason", reason.id(), "source", source.id(), "note", note));
              }
              return a;
            });
    ObjectNode o = json(suppressions.find(channel, address).orElseThrow());
    o.put("added", added);
    Exchange.send(ctx, added ? 201 : 200, o);
  }

  private void lift(Context ctx, ApiKey caller) {
    ConsentLog.Channel channel = channel(Exchange.query(ctx, "channel"));
    String address =
        Exchange.query(ctx, "address")
            .orElseThrow(() -> ApiException.invalidField("address", "address is required"));
    ConsentLog.Source source = source(Exchange.query(ctx, "source"));
    String note = Exchange.query(ctx, "note").orElse("");
    if (suppressions.find(channel, address).isEmpty()) {
      throw ApiException.notFound(
          "no suppression stands on " + channel.id() + " address '" + address + "'");
    }
    Suppressions.Suppression lifted;
    try {
      lifted =
          jdbi.inTransaction(
              h -> {
                Suppressions.Suppression s =
                    suppressions.lift(channel, address, source, caller.actor(), note);
                AuditLog.record(
                    h,
                    caller.actor(),
                    "suppression.lift",
                    channel.id() + " " + s.address(),
                    Map.of("reason", s.reason(), "source", source.id(), "note", note));
                return s;
              });
    } catch (StoreException e) {
      throw new ApiException(409, "conflict", String.valueOf(e.getMessage()));
    }
    ObjectNode o = json(lifted);
    o.put("lifted", true);
    Exchange.send(ctx, 200, o);
  }
}
