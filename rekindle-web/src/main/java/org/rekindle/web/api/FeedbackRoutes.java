package org.rekindle.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.FeedbackFileReader;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.RatingScale;
import org.rekindle.core.playbook.ServiceRecovery;
import org.rekindle.store.Store;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.feedback.FeedbackImporter;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;

/**
 * {@code POST /feedback}: reviews, ratings and complaints, by the rules of {@code rekindle feedback
 * import} ({@link FeedbackImporter}): one JSON object, a JSON array, or a CSV body in the import's
 * format. Negative feedback opens a service case. Every good row is kept; bad ones are reported
 * with their place and reason.
 */
final class FeedbackRoutes {
  static final List<String> HEADER =
      List.of("customer", "date", "id", "source", "rating", "text", "flagged");

  private final Store store;
  private final Path spool;
  private final Clock clock;

  FeedbackRoutes(Store store, Path spool, Clock clock) {
    this.store = store;
    this.spool = spool;
    this.clock = clock;
  }

  void register(Api.Endpoints e) {
    e.post("/feedback", this::ingest);
  }

  private void ingest(Context ctx, ApiKey caller) throws IOException {
    String type = Exchange.mediaType(ctx);
    RatingScale scale;
    try {
      scale = RatingScale.of(Exchange.queryInt(ctx, "scale", 5, 5, 100));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("scale", "scale must be 5, 10 or 100");
    }
    String source = Exchange.query(ctx, "source").orElse("api");
    Path file = spool.resolve("feedback-" + UUID.randomUUID() + ".csv");
    List<Integer> indexOfLine = new ArrayList<>();
    List<ObjectNode> refused = new ArrayList<>();
    long rows;
    if (Exchange.isJson(type)) {
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write(String.join(",", HEADER));
        out.write('\n');
        rows =
            Exchange.eachValue(
                ctx,
                Api.MAX_BULK_BODY,
                "feedback objects",
                true,
                (i, item) -> {
                  try {
                    Csv.row(out, cells(item));
                    indexOfLine.add(i);
                  } catch (ApiException e) {
                    refused.add(reject(i, null, String.valueOf(e.getMessage()), item.toString()));
                  }
                });
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    } else if (type.equals("text/csv")) {
      Exchange.toFile(ctx, Api.MAX_BULK_BODY, file);
      rows = -1;
    } else {
      throw Exchange.unsupported(type, "application/json or text/csv");
    }
    boolean json = rows >= 0;
    ObjectNode answer = Exchange.object();
    if (json && indexOfLine.isEmpty()) {
      answer.putNull("batch_id");
      answer.put("rows", rows);
      answer.put("inserted", 0);
      answer.put("updated", 0);
      answer.put("unchanged", 0);
      answer.put("duplicates", 0);
      answer.put("rejected", refused.size());
      answer.putArray("cases_opened");
      answer.putArray("rejects").addAll(refused);
      Exchange.send(ctx, 200, answer);
      return;
    }
    FeedbackFileReader.Builder reader = FeedbackFileReader.builder().scale(scale);
    Exchange.query(ctx, "columns").ifPresent(reader::columns);
    Exchange.query(ctx, "date_format").ifPresent(reader::dateFormat);
    FeedbackImporter.Result r;
    List<ObjectNode> rejects = new ArrayList<>(refused);
    try {
      r =
          store
              .jdbi()
              .inTransaction(
                  h -> {
                    FeedbackImporter.Result x =
                        new FeedbackImporter(
                                store,
                                reader,
                                1.0,
                                source,
                                ServiceRecovery.DEFAULT.firstContactWithin(),
                                clock)
                            .importFile(file);
                    ImportResult i = x.result();
                    if (i.rejected() > 0) {
                      ImportBatches.rejects(store.jdbi(), i.batchId())
                          .forEach(
                              row ->
                                  rejects.add(
                                      json
                                          ? reject(
                                              indexOfLine.get((int) row.line() - 2),
                                              null,
                                              row.reason(),
                                              row.raw())
                                          : reject(-1, row.line(), row.reason(), row.raw())));
                    }
                    AuditLog.record(
                        h,
                        caller.actor(),
                        "feedback.import",
                        "import batch " + i.batchId(),
                        Map.of(
                            "rows", i.rowsRead(),
                            "inserted", i.inserted(),
                            "updated", i.updated(),
                            "rejected", i.rejected(),
                            "cases_opened", x.casesOpened()));
                    return x;
                  });
    } catch (InputException e) {
      String message = String.valueOf(e.getMessage()).replace("file '" + file + "'", "the body");
      throw new ApiException(422, "invalid_body", message.replace(file.toString(), "the body"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("columns", String.valueOf(e.getMessage()));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the spool directory goes when the API closes
      }
    }
    ImportResult i = r.result();
    if (json) {
      rejects.sort((a, b) -> Integer.compare(a.get("index").asInt(), b.get("index").asInt()));
    }
    answer.put("batch_id", i.batchId());
    answer.put("rows", json ? rows : i.rowsRead());
    answer.put("inserted", i.inserted());
    answer.put("updated", i.updated());
    answer.put("unchanged", i.unchanged());
    answer.put("duplicates", i.duplicates());
    answer.put("rejected", rejects.size());
    ArrayNode cases = answer.putArray("cases_opened");
    r.casesOpened().forEach(cases::add);
    answer.putArray("rejects").addAll(rejects);
    Exchange.send(ctx, 200, answer);
  }

  private static ObjectNode reject(int index, @Nullable Long line, String reason, String raw) {
    ObjectNode o = Exchange.object();
    if (line != null) {
      o.put("line", line);
    } else {
      o.put("index", index);
    }
    o.put("reason", reason);
    o.put("row", raw);
    return o;
  }

  /** A JSON feedback as the import's CSV cells; types and the date checked here, the rest there. */
  private static List<Optional<String>> cells(JsonNode o) {
    if (!o.isObject()) {
      throw new ApiException(
          422, "invalid_field", "feedback must be a JSON object, not " + Exchange.kind(o));
    }
    String date = Exchange.requiredText(o, "date");
    try {
      LocalDate.parse(date);
    } catch (DateTimeException e) {
      throw ApiException.invalidField(
          "date", "date must be an ISO 8601 day such as 2026-12-07, not '" + date + "'");
    }
    return List.of(
        Optional.of(Exchange.requiredText(o, "customer_id")),
        Optional.of(date),
        Exchange.text(o, "id"),
        Exchange.text(o, "source"),
        Exchange.integer(o, "rating").map(String::valueOf),
        Exchange.text(o, "text"),
        Exchange.bool(o, "flagged").map(b -> b ? "yes" : "no"));
  }
}
