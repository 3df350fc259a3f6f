package org.rekindle.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rekindle.core.input.InputException;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.imports.ImportResult;

/**
 * {@code POST /orders}, one order, and {@code POST /orders/bulk}, many: a JSON array, or a CSV body
 * in the format {@code rekindle import orders} reads.
 */
final class OrderRoutes {
  private final OrderQueue queue;
  private final OrderIngest ingest;

  OrderRoutes(OrderQueue queue, OrderIngest ingest) {
    this.queue = queue;
    this.ingest = ingest;
  }

  void register(Api.Endpoints e) {
    e.post("/orders", this::one);
    e.post("/orders/bulk", this::bulk);
  }

  private void one(Context ctx, ApiKey caller) throws InterruptedException {
    OrderIngest.Row row = OrderIngest.Row.of(Exchange.jsonObject(ctx, Api.MAX_BODY));
    if (row.orderId().isEmpty()) {
      throw ApiException.invalidField(
          "order_id",
          "order_id is required for a single order, so that sending it again changes nothing");
    }
    OrderQueue.Answer a;
    try {
      a = queue.submit(row, caller.actor()).get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException x) {
        throw x;
      }
      if (e.getCause() instanceof InputException x) {
        throw new ApiException(422, "rejected", String.valueOf(x.getMessage()));
      }
      throw new IllegalStateException("the order's import failed", e.getCause());
    } catch (TimeoutException e) {
      throw new ApiException(503, "busy", "the order was not stored in time: send it again");
    }
    ObjectNode body = Exchange.object();
    body.put("order_id", row.orderId().get());
    body.put("customer_id", row.customer());
    body.put("outcome", a.outcome());
    body.put("batch_id", a.batchId());
    if (a.reason().isPresent()) {
      throw new ApiException(
          422,
          "rejected",
          a.reason().get(),
          null,
          Map.of("order_id", row.orderId().get(), "batch_id", a.batchId()));
    }
    Exchange.send(ctx, a.outcome().equals("inserted") ? 201 : 200, body);
  }

  private void bulk(Context ctx, ApiKey caller) throws IOException {
    String type = Exchange.mediaType(ctx);
    if (Exchange.isJson(type)) {
      bulkJson(ctx, caller);
    } else if (type.equals("text/csv")) {
      bulkCsv(ctx, caller);
    } else {
      throw Exchange.unsupported(type, "application/json (an array of orders) or text/csv");
    }
  }

  /**
   * A JSON array of orders, read one order at a time from the request and written as the CSV the
   * importer reads: a 32 MiB array never stands in memory as a whole.
   */
  private void bulkJson(Context ctx, ApiKey caller) throws IOException {
    List<Integer> indexOfRow = new ArrayList<>();
    List<OrderIngest.Reject> refused = new ArrayList<>();
    Path file = ingest.newFile();
    int count;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", OrderIngest.HEADER));
      out.write('\n');
      count =
          Exchange.eachValue(
              ctx,
              Api.MAX_BULK_BODY,
              "orders",
              false,
              (i, item) -> {
                try {
                  OrderIngest.Row.of(item).write(out);
                  indexOfRow.add(i);
                } catch (ApiException e) {
                  refused.add(
                      new OrderIngest.Reject(
                          0, i, String.valueOf(e.getMessage()), item.toString()));
                }
              });
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    if (indexOfRow.isEmpty()) {
      Files.deleteIfExists(file);
      Exchange.send(ctx, 200, summary(Optional.empty(), count, refused));
      return;
    }
    OrderIngest.Outcome out = run(file, OrderIngest.Reading.JSON, caller, refused.size());
    List<OrderIngest.Reject> all = new ArrayList<>(refused);
    for (OrderIngest.Reject r : out.rejects()) {
      all.add(new OrderIngest.Reject(0, indexOfRow.get((int) r.line() - 2), r.reason(), r.raw()));
    }
    all.sort((a, b) -> Integer.compare(a.index(), b.index()));
    Exchange.send(ctx, 200, summary(Optional.of(out.result()), count, all));
  }

  private void bulkCsv(Context ctx, ApiKey caller) {
    OrderIngest.Reading reading =
        new OrderIngest.Reading(
            Exchange.query(ctx, "columns"),
            Exchange.query(ctx, "date_format"),
            Exchange.query(ctx, "zone").map(OrderRoutes::zone),
            Exchange.query(ctx, "currency").map(OrderRoutes::currency));
    Path file = ingest.newFile();
    Exchange.toFile(ctx, Api.MAX_BULK_BODY, file);
    OrderIngest.Outcome out = run(file, reading, caller, 0);
    Exchange.send(
        ctx, 200, summary(Optional.of(out.result()), out.result().rowsRead(), out.rejects()));
  }

  /**
   * @param refusedEarly rows of the body refused before the import (a JSON order whose fields are
   *     not of the right kind), counted in the audit entry with the import's own
   */
  private OrderIngest.Outcome run(
      Path file, OrderIngest.Reading reading, ApiKey caller, int refusedEarly) {
    try {
      return ingest.ingest(
          file,
          reading,
          (h, r) ->
              AuditLog.record(
                  h,
                  caller.actor(),
                  "orders.import",
                  "import batch " + r.batchId(),
                  Map.of(
                      "rows", r.rowsRead() + refusedEarly,
                      "inserted", r.inserted(),
                      "updated", r.updated(),
                      "unchanged", r.unchanged(),
                      "rejected", r.rejected() + refusedEarly)));
    } catch (InputException e) {
      String message = String.valueOf(e.getMessage()).replace("file '" + file + "'", "the body");
      throw new ApiException(422, "invalid_body", message.replace(file.toString(), "the body"));
    } catch (IllegalArgumentException e) {
      // a --columns mapping that does not parse
      throw ApiException.invalidField("columns", String.valueOf(e.getMessage()));
    }
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ApiException.invalidField(
          "zone", "zone '" + text + "' is not a time zone: use a region such as Europe/Berlin");
    }
  }

  private static String currency(String text) {
    if (!text.matches("[A-Za-z]{3}")) {
      throw ApiException.invalidField(
          "currency", "currency must be a three-letter code such as EUR or USD, not " + text);
    }
    return text.toUpperCase(Locale.ROOT);
  }

  private static ObjectNode summary(
      Optional<ImportResult> r, long rows, List<OrderIngest.Reject> rejects) {
    ObjectNode body = Exchange.object();
    if (r.isPresent()) {
      body.put("batch_id", r.get().batchId());
    } else {
      body.putNull("batch_id");
    }
    body.put("rows", rows);
    body.put("inserted", r.map(ImportResult::inserted).orElse(0L));
    body.put("updated", r.map(ImportResult::updated).orElse(0L));
    body.put("unchanged", r.map(ImportResult::unchanged).orElse(0L));
    body.put("duplicates", r.map(ImportResult::duplicates).orElse(0L));
    body.put("customers_created", r.map(ImportResult::customersCreated).orElse(0L));
    body.put("rejected", rejects.size());
    ArrayNode list = body.putArray("rejects");
    for (OrderIngest.Reject x : rejects) {
      ObjectNode o = list.addObject();
      if (x.index() >= 0) {
        o.put("index", x.index());
      } else {
        o.put("line", x.line());
      }
      o.put("reason", x.reason());
      o.put("row", x.raw());
    }
    return body;
  }
}
