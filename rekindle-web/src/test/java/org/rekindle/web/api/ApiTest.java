package org.rekindle.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.access.ApiKeys;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.StoredOffer;

/**
 * The REST API over real HTTP: the web app on 127.0.0.1 on a free port with a real PostgreSQL
 * behind it. Each test works on customers and orders of its own.
 */
class ApiTest {
  @TempDir static Path home;
  static ApiServer server;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    server = new ApiServer(home);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String code)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = json(r);
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
  }

  // --- authentication

  @Test
  void request_withoutKey_is401WithBearerChallenge() throws Exception {
    HttpResponse<String> r =
        server.send(HttpRequest.newBuilder(server.uri("/api/v1/customers")).GET().build());

    assertError(r, 401, "unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void request_withUnknownKey_is401() throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/customers"))
                .header("Authorization", "Bearer rk_notakeyatall")
                .GET()
                .build());

    assertError(r, 401, "unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
  }

  @Test
  void request_withRevokedKey_is401AtOnce() throws Exception {
    ApiKeys keys = new ApiKeys(server.store.jdbi());
    ApiKeys.Created k = keys.create("till-revoked", "cli");
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/api/v1/audit"))
            .header("Authorization", "Bearer " + k.secret())
            .GET()
            .build();
    assertThat(server.send(request).statusCode()).isEqualTo(200);

    keys.revoke(k.key().prefix(), "cli");

    assertError(server.send(request), 401, "unauthorized");
  }

  @Test
  void request_withBasicScheme_is401() throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/customers"))
                .header("Authorization", "Basic " + server.key)
                .GET()
                .build());

    assertError(r, 401, "unauthorized");
  }

  @Test
  void openApi_needsNoKey() throws Exception {
    HttpResponse<String> r =
        server.send(HttpRequest.newBuilder(server.uri(Api.OPENAPI)).GET().build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("openapi").asText()).startsWith("3.1");
  }

  @Test
  void openApi_describesEveryRouteUnderApiV1_andNoOther() throws Exception {
    // the routes as Javalin is told of them, by its own event, whatever Api keeps itself
    Set<String> registered = new TreeSet<>();
    Api[] api = new Api[1];
    Javalin.create(
        config -> {
          config.events.handlerAdded(
              h -> {
                if (h.getPath().startsWith(Api.PREFIX)) {
                  registered.add(
                      h.getHttpMethod().name().toLowerCase(Locale.ROOT) + " " + h.getPath());
                }
              });
          api[0] = Api.install(config, server.store);
        });
    api[0].close();
    JsonNode doc =
        JSON.readTree(
            server.send(HttpRequest.newBuilder(server.uri(Api.OPENAPI)).GET().build()).body());
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> documented.add(m + " " + p.getKey())));

    assertThat(registered).hasSizeGreaterThanOrEqualTo(18);
    assertThat(documented).isEqualTo(registered);
    // every operation says what a missing key gets
    doc.path("paths")
        .forEach(
            p ->
                p.forEach(
                    op -> assertThat(op.path("responses").has("401")).as(op.toString()).isTrue()));
  }

  @Test
  void unknownPath_isJson404_andWrongMethodJson405() throws Exception {
    assertError(server.get("/api/v1/nothing-here"), 404, "not_found");
    HttpResponse<String> r = server.send(server.request("/api/v1/customers").DELETE().build());
    assertError(r, 405, "method_not_allowed");
    assertThat(r.headers().firstValue("Allow")).contains("GET");
  }

  @Test
  void webPages_keepTheirHtml404() throws Exception {
    HttpResponse<String> r =
        server.send(HttpRequest.newBuilder(server.uri("/no-such-page")).GET().build());

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
  }

  // --- orders

  @Test
  void postOrder_new_is201AndStored_thenTheSameAgainIsUnchanged() throws Exception {
    String order =
        "{\"customer_id\":\"po-1\",\"order_id\":\"PO-1-A\",\"date\":\"2026-11-02\","
            + "\"amount\":\"120.50\",\"currency\":\"USD\"}";

    HttpResponse<String> r = server.postJson("/api/v1/orders", order);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).path("outcome").asText()).isEqualTo("inserted");
    assertThat(
            server.count(
                "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                    + " WHERE o.external_id = 'PO-1-A' AND c.external_id = 'po-1'"
                    + " AND o.amount = 120.50 AND o.order_date = '2026-11-02'"))
        .isEqualTo(1);

    HttpResponse<String> again = server.postJson("/api/v1/orders", order);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("outcome").asText()).isEqualTo("unchanged");

    HttpResponse<String> changed = server.postJson("/api/v1/orders", order.replace("120.50", "99"));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(changed).path("outcome").asText()).isEqualTo("updated");
  }

  @Test
  void postOrder_badFields_are422NamingTheField() throws Exception {
    assertError(
        server.postJson(
            "/api/v1/orders",
            "{\"customer_id\":\"x\",\"order_id\":\"o\",\"date\":\"07/12/2026\"," + "\"amount\":1}"),
        422,
        "invalid_field");
    JsonNode noAmount =
        json(
            server.postJson(
                "/api/v1/orders",
                "{\"customer_id\":\"x\",\"order_id\":\"o\",\"date\":\"2026-12-07\"}"));
    assertThat(noAmount.path("field").asText()).isEqualTo("amount");
    JsonNode noId =
        json(
            server.postJson(
                "/api/v1/orders", "{\"customer_id\":\"x\",\"date\":\"2026-12-07\",\"amount\":1}"));
    assertThat(noId.path("field").asText()).isEqualTo("order_id");
    JsonNode badAmount =
        json(
            server.postJson(
                "/api/v1/orders",
                "{\"customer_id\":\"x\",\"order_id\":\"o\",\"date\":\"2026-12-07\","
                    + "\"amount\":\"lots\"}"));
    assertThat(badAmount.path("field").asText()).isEqualTo("amount");
  }

  @Test
  void postOrder_idOfAnotherCustomer_isRejectedWithTheImportsReason() throws Exception {
    server.postJson(
        "/api/v1/orders",
        "{\"customer_id\":\"owner-1\",\"order_id\":\"OWNED-1\",\"date\":\"2026-11-02\","
            + "\"amount\":5}");

    HttpResponse<String> r =
        server.postJson(
            "/api/v1/orders",
            "{\"customer_id\":\"thief-1\",\"order_id\":\"OWNED-1\",\"date\":\"2026-11-02\","
                + "\"amount\":5}");

    assertError(r, 422, "rejected");
    assertThat(json(r).path("message").asText()).contains("already stored for customer 'owner-1'");
  }

  @Test
  void postOrder_badJson_is400WithWhere() throws Exception {
    HttpResponse<String> r = server.postJson("/api/v1/orders", "{\"customer_id\": \"x\",");

    assertError(r, 400, "invalid_json");
    assertThat(json(r).path("message").asText()).contains("line 1");
  }

  @Test
  void postOrder_notJson_is415() throws Exception {
    assertError(
        server.post("/api/v1/orders", "application/x-www-form-urlencoded", "a=b"),
        415,
        "unsupported_media_type");
  }

  @Test
  void postOrder_bodyOverTheLimit_is413InJson() throws Exception {
    String big = "{\"customer_id\":\"" + "x".repeat((int) Api.MAX_BODY) + "\"}";

    assertError(server.postJson("/api/v1/orders", big), 413, "too_large");
  }

  @Test
  void postOrders_concurrently_eachGetsItsOwnOutcome() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String body =
            "{\"customer_id\":\"conc-"
                + (i % 20)
                + "\",\"order_id\":\"CONC-"
                + i
                + "\",\"date\":\"2026-10-"
                + (10 + i % 10)
                + "\",\"amount\":"
                + (i + 1)
                + "}";
        sent.add(pool.submit(() -> server.postJson("/api/v1/orders", body)));
      }
      // one bad order among them: only it is refused
      Future<HttpResponse<String>> bad =
          pool.submit(
              () ->
                  server.postJson(
                      "/api/v1/orders",
                      "{\"customer_id\":\"conc-1\",\"order_id\":\"CONC-BAD\","
                          + "\"date\":\"2026-10-10\",\"amount\":1,\"currency\":\"EURO\"}"));
      for (Future<HttpResponse<String>> f : sent) {
        assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(201);
      }
      assertThat(bad.get().statusCode()).as(bad.get().body()).isEqualTo(422);
    } finally {
      pool.shutdown();
    }
    assertThat(server.count("SELECT count(*) FROM orders WHERE external_id LIKE 'CONC-%'"))
        .isEqualTo(200);
    assertThat(
            server.count("SELECT sum(amount)::bigint FROM orders WHERE external_id LIKE 'CONC-%'"))
        .isEqualTo(200L * 201 / 2);
  }

  /**
   * The single-order path (OrderMerge) and the importer (through the bulk endpoint, one order per
   * request) are held to the same outcome for every case, and leave the same orders behind.
   */
  @Test
  void singleOrders_endAsTheImporterEndsThem() throws Exception {
    List<String> cases =
        List.of(
            "{'customer_id':'P-c1','order_id':'P-A','date':'2026-05-01','amount':'10.50'}",
            "{'customer_id':'P-c1','order_id':'P-A','date':'2026-05-01','amount':'10.5'}",
            "{'customer_id':'P-c1','order_id':'P-A','date':'2026-05-01','amount':'11'}",
            "{'customer_id':'P-c2','order_id':'P-A','date':'2026-05-01','amount':'11'}",
            "{'customer_id':'P-c1','order_id':'P-B','date':'2026-05-02','amount':1,"
                + "'currency':'EUR'}",
            "{'customer_id':'P-c1','order_id':'P-C','date':'1700-01-01','amount':1}",
            "{'customer_id':'P-c1','order_id':'P-D','date':'2026-05-03','amount':'1e40'}",
            "{'customer_id':'P-c1','order_id':'P-E','date':'2026-05-03','amount':2,"
                + "'currency':'usd'}",
            "{'customer_id':'P-c3','order_id':'P-F','date':'2026-05-04T23:30:00-05:00',"
                + "'amount':-4.25,'offer_code':'SAVE-10'}",
            "{'customer_id':'P-c3','order_id':'P-F','date':'2026-05-04T23:30:00-05:00',"
                + "'amount':-4.25,'offer_code':'SAVE-11'}",
            "{'customer_id':'P-c1','order_id':'P-G','date':'2026-05-05','amount':3,"
                + "'currency':'US'}");
    List<String> single = new ArrayList<>();
    List<String> imported = new ArrayList<>();
    for (String c : cases) {
      String one = c.replace('\'', '"').replace("P-", "s-");
      HttpResponse<String> r = server.postJson("/api/v1/orders", one);
      JsonNode body = json(r);
      single.add(
          r.statusCode() == 422 && body.path("error").asText().equals("rejected")
              ? "rejected: " + body.path("message").asText().replace("s-", "P-")
              : body.path("outcome").asText(body.path("error").asText()));

      String many = "[" + c.replace('\'', '"').replace("P-", "b-") + "]";
      JsonNode out = json(server.postJson("/api/v1/orders/bulk", many));
      imported.add(
          out.path("rejected").asInt() > 0
              ? "rejected: "
                  + out.path("rejects").get(0).path("reason").asText().replace("b-", "P-")
              : out.path("inserted").asInt() == 1
                  ? "inserted"
                  : out.path("updated").asInt() == 1 ? "updated" : "unchanged");
    }

    assertThat(single).isEqualTo(imported);
    assertThat(single)
        .startsWith("inserted", "unchanged", "updated")
        .contains("inserted", "updated");
    assertThat(single.get(3)).contains("already stored for customer 'P-c1'");
    assertThat(single.get(4)).contains("currency EUR");
    assertThat(
            server.count(
                "SELECT count(*) FROM orders s JOIN orders b ON b.external_id ="
                    + " replace(s.external_id, 's-', 'b-') WHERE s.external_id LIKE 's-%' AND"
                    + " (s.ordered_at, s.order_date, s.amount, s.currency, s.offer_code)"
                    + " IS NOT DISTINCT FROM"
                    + " (b.ordered_at, b.order_date, b.amount, b.currency, b.offer_code)"))
        .isEqualTo(server.count("SELECT count(*) FROM orders WHERE external_id LIKE 's-%'"))
        .isEqualTo(server.count("SELECT count(*) FROM orders WHERE external_id LIKE 'b-%'"))
        .isEqualTo(3);
  }

  @Test
  void bulk_overTheBulkLimit_is413_declaredOrStreamed() throws Exception {
    byte[] big = new byte[(int) Api.MAX_BULK_BODY + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '[';

    HttpResponse<String> declared =
        server.send(
            server
                .request("/api/v1/orders/bulk")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build());
    assertError(declared, 413, "too_large");

    HttpResponse<String> streamed =
        server.send(
            server
                .request("/api/v1/orders/bulk")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build());
    assertError(streamed, 413, "too_large");
  }

  @Test
  void bulkJson_badRowReportedByIndex_goodRowsKept() throws Exception {
    String body =
        "[{\"customer_id\":\"bulk-1\",\"order_id\":\"BJ-1\",\"date\":\"2026-09-01\",\"amount\":10},"
            + "{\"customer_id\":\"bulk-1\",\"order_id\":\"BJ-2\",\"date\":\"not a date\","
            + "\"amount\":10},"
            + "{\"customer_id\":\"bulk-2\",\"order_id\":\"BJ-3\",\"date\":\"2026-09-02T10:00:00Z\","
            + "\"amount\":\"20.25\"},"
            + "{\"customer_id\":\"bulk-2\",\"order_id\":\"BJ-4\",\"date\":\"2026-09-03\","
            + "\"amount\":1,\"currency\":\"EURO\"}]";

    HttpResponse<String> r = server.postJson("/api/v1/orders/bulk", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode out = json(r);
    assertThat(out.path("rows").asLong()).isEqualTo(4);
    assertThat(out.path("inserted").asLong()).isEqualTo(2);
    assertThat(out.path("rejected").asLong()).isEqualTo(2);
    assertThat(out.path("rejects").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(out.path("rejects").get(0).path("reason").asText()).contains("date");
    assertThat(out.path("rejects").get(1).path("index").asInt()).isEqualTo(3);
    assertThat(out.path("rejects").get(1).path("reason").asText()).contains("EURO");
    assertThat(server.count("SELECT count(*) FROM orders WHERE external_id IN ('BJ-1', 'BJ-3')"))
        .isEqualTo(2);
  }

  @Test
  void bulkCsv_asTheCliImportsIt_badLineReportedGoodRowsKept() throws Exception {
    String csv =
        "customer_id;date;total;invoice\n"
            + "csv-1;2026-08-01;10,50;BC-1\n"
            + "csv-1;yesterday;3,00;BC-2\n"
            + "csv-2;2026-08-02;1.234,00;BC-3\n";

    HttpResponse<String> r = server.post("/api/v1/orders/bulk", "text/csv", csv);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode out = json(r);
    assertThat(out.path("inserted").asLong()).isEqualTo(2);
    assertThat(out.path("rejects").get(0).path("line").asLong()).isEqualTo(3);
    assertThat(out.path("rejects").get(0).path("reason").asText()).contains("yesterday");
    assertThat(
            server.count(
                "SELECT count(*) FROM orders WHERE external_id = 'BC-3'" + " AND amount = 1234.00"))
        .isEqualTo(1);
    assertThat(
            server.count(
                "SELECT count(*) FROM import_rejects WHERE batch_id = ?",
                out.path("batch_id").asLong()))
        .isEqualTo(1);
  }

  @Test
  void bulkJson_brokenOrNotAnArray_is400_andNothingStored() throws Exception {
    HttpResponse<String> broken =
        server.postJson(
            "/api/v1/orders/bulk",
            "[{\"customer_id\":\"broken-1\",\"order_id\":\"BRK-1\",\"date\":\"2026-01-01\","
                + "\"amount\":1},\n{\"customer_id\": }]");
    assertError(broken, 400, "invalid_json");
    assertThat(json(broken).path("message").asText()).contains("line 2");
    assertError(
        server.postJson("/api/v1/orders/bulk", "{\"customer_id\":\"broken-1\"}"),
        400,
        "invalid_json");
    assertThat(server.count("SELECT count(*) FROM orders WHERE external_id = 'BRK-1'")).isZero();
  }

  @Test
  void bulkCsv_withoutTheRequiredColumns_is422() throws Exception {
    assertError(
        server.post("/api/v1/orders/bulk", "text/csv", "what,ever\n1,2\n"), 422, "invalid_body");
  }

  @Test
  void bulk_otherMediaType_is415() throws Exception {
    assertError(
        server.post("/api/v1/orders/bulk", "text/plain", "x"), 415, "unsupported_media_type");
  }

  @Test
  void bulk_largerThanSingleLimit_isTaken() throws Exception {
    StringBuilder csv = new StringBuilder("customer,order_id,date,amount\n");
    int i = 0;
    while (csv.length() <= 2 * Api.MAX_BODY) {
      csv.append("big-")
          .append(i % 50)
          .append(",BIG-")
          .append(i)
          .append(",2026-07-01,")
          .append(i % 100 + 1)
          .append('\n');
      i++;
    }

    HttpResponse<String> r = server.post("/api/v1/orders/bulk", "text/csv", csv.toString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("inserted").asLong()).isEqualTo(i);
  }

  // --- customers

  /** A customer scored by the one run the tests share, lapsing. */
  private static void scored(String id, String segment, String rep, double valueAtRisk) {
    server.execute(
        "INSERT INTO runs (as_of, status) VALUES ('2026-12-01', 'completed')"
            + " ON CONFLICT (as_of) DO NOTHING");
    long run = server.count("SELECT id FROM runs WHERE as_of = '2026-12-01'");
    server.execute(
        "INSERT INTO customers (external_id, segment, owner_rep) VALUES (?, ?, ?)",
        id,
        segment,
        rep);
    server.execute(
        "INSERT INTO lifecycle_states (customer_id, state, since)"
            + " SELECT id, 'lapsing', '2026-11-01' FROM customers WHERE external_id = ?",
        id);
    server.execute(
        "INSERT INTO scores (run_id, customer_id, frequency, recency, age, monetary, p_alive,"
            + " expected_purchases, days_since_last, lifecycle, value_at_risk)"
            + " SELECT ?, id, 3, 10, 100, 50, 0.4, 1.2, 60, 'lapsing', ? FROM customers"
            + " WHERE external_id = ?",
        run,
        valueAtRisk,
        id);
  }

  @Test
  void customers_listedByValueAtRisk_pagedByCursor_andFiltered() throws Exception {
    for (int i = 0; i < 5; i++) {
      scored("list-" + i, "shops", i % 2 == 0 ? "maria" : "tom", 100_000.0 + i * 1000);
    }

    JsonNode first = json(server.get("/api/v1/customers?state=lapsing&segment=shops&limit=2"));
    assertThat(first.path("customers").size()).isEqualTo(2);
    assertThat(first.path("customers").get(0).path("customer_id").asText()).isEqualTo("list-4");
    assertThat(first.path("customers").get(1).path("customer_id").asText()).isEqualTo("list-3");
    String cursor = first.path("next_cursor").asText();
    JsonNode second =
        json(server.get("/api/v1/customers?state=lapsing&segment=shops&limit=2&cursor=" + cursor));
    assertThat(second.path("customers").get(0).path("customer_id").asText()).isEqualTo("list-2");
    JsonNode third =
        json(
            server.get(
                "/api/v1/customers?state=lapsing&segment=shops&limit=2&cursor="
                    + second.path("next_cursor").asText()));
    assertThat(third.path("customers").size()).isEqualTo(1);
    assertThat(third.path("next_cursor").isNull()).isTrue();

    JsonNode toms = json(server.get("/api/v1/customers?rep=tom&segment=shops"));
    assertThat(toms.path("customers").size()).isEqualTo(2);

    JsonNode one = json(server.get("/api/v1/customers/list-4"));
    assertThat(one.path("lifecycle").path("state").asText()).isEqualTo("lapsing");
    assertThat(one.path("scores").path("value_at_risk").asDouble()).isEqualTo(104_000.0);
    JsonNode scores = json(server.get("/api/v1/customers/list-4/scores"));
    assertThat(scores.path("scores").get(0).path("as_of").asText()).isEqualTo("2026-12-01");
  }

  @Test
  void customers_pagedByCursorToTheEnd_eachOnce_scoredFirst() throws Exception {
    server.postJson(
        "/api/v1/orders/bulk",
        "[{\"customer_id\":\"walk-1\",\"order_id\":\"WALK-1\",\"date\":\"2026-01-01\","
            + "\"amount\":1}]");
    // equal values at risk: the cursor must tell them apart by more than the value
    for (int k = 0; k < 9; k++) {
      scored("walk-s" + k, "walkers", "ann", k < 5 ? 500.0 : 20.0 * k);
    }
    List<JsonNode> all = new ArrayList<>();
    String cursor = "";
    for (int pages = 0; pages < 1000; pages++) {
      JsonNode page =
          json(
              server.get(
                  "/api/v1/customers?limit=7" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)));
      page.path("customers").forEach(all::add);
      if (page.path("next_cursor").isNull()) {
        break;
      }
      cursor = page.path("next_cursor").asText();
    }

    List<String> ids = all.stream().map(c -> c.path("customer_id").asText()).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat((long) ids.size()).isEqualTo(server.count("SELECT count(*) FROM customers"));
    assertThat(ids).contains("walk-1", "walk-s0", "walk-s8");
    assertThat(ids.indexOf("walk-s0")).isLessThan(ids.indexOf("walk-1"));
    // value at risk never rises along the list, and the unscored come last
    double previous = Double.MAX_VALUE;
    boolean unscored = false;
    for (JsonNode c : all) {
      if (c.path("value_at_risk").isNull()) {
        unscored = true;
      } else {
        assertThat(unscored).as("a scored customer after an unscored one").isFalse();
        assertThat(c.path("value_at_risk").asDouble()).isLessThanOrEqualTo(previous);
        previous = c.path("value_at_risk").asDouble();
      }
    }
  }

  @Test
  void customers_badQuery_is422() throws Exception {
    assertError(server.get("/api/v1/customers?limit=501"), 422, "invalid_field");
    assertError(server.get("/api/v1/customers?state=sleepy"), 422, "invalid_field");
    assertError(server.get("/api/v1/customers?cursor=%25%25"), 422, "invalid_field");
  }

  @Test
  void customer_unknown_is404_andItsPartsToo() throws Exception {
    for (String part : List.of("", "/orders", "/scores", "/events", "/offers", "/feedback")) {
      assertError(server.get("/api/v1/customers/nobody-here" + part), 404, "not_found");
    }
  }

  @Test
  void customerOrders_pagedLatestFirst() throws Exception {
    server.postJson(
        "/api/v1/orders/bulk",
        "[{\"customer_id\":\"ord-1\",\"order_id\":\"ORD-1\",\"date\":\"2026-01-01\",\"amount\":1},"
            + "{\"customer_id\":\"ord-1\",\"order_id\":\"ORD-2\",\"date\":\"2026-02-01\","
            + "\"amount\":2},"
            + "{\"customer_id\":\"ord-1\",\"order_id\":\"ORD-3\",\"date\":\"2026-03-01\","
            + "\"amount\":3}]");

    JsonNode page = json(server.get("/api/v1/customers/ord-1/orders?limit=2"));

    assertThat(page.path("orders").get(0).path("order_id").asText()).isEqualTo("ORD-3");
    assertThat(page.path("orders").get(0).path("amount").asText()).isEqualTo("3.00");
    assertThat(page.path("next_offset").asInt()).isEqualTo(2);
    JsonNode rest = json(server.get("/api/v1/customers/ord-1/orders?limit=2&offset=2"));
    assertThat(rest.path("orders").get(0).path("order_id").asText()).isEqualTo("ORD-1");
    assertThat(rest.path("next_offset").isNull()).isTrue();
  }

  // --- offers

  private static StoredOffer offer(String customer) throws Exception {
    server.postJson(
        "/api/v1/orders",
        "{\"customer_id\":\""
            + customer
            + "\",\"order_id\":\""
            + customer
            + "-first\",\"date\":\"2026-01-01\",\"amount\":1}");
    return new Offers(server.store.jdbi(), Clock.systemUTC())
        .issue(
            customer,
            Offer.percent(new BigDecimal("15"), Optional.empty()),
            Instant.now().plus(Duration.ofDays(30)));
  }

  @Test
  void offer_validate_thenRedeem_thenRedeemAgainIs409() throws Exception {
    StoredOffer o = offer("offer-1");
    String code = o.code().grouped();

    JsonNode valid = json(server.get("/api/v1/offers/" + code));
    assertThat(valid.path("status").asText()).isEqualTo("valid");
    assertThat(valid.path("incentive").path("percent").asText()).isEqualTo("15.00");

    HttpResponse<String> r =
        server.postJson(
            "/api/v1/offers/" + code + "/redeem",
            "{\"customer_id\":\"offer-1\",\"amount\":\"200\",\"currency\":\"USD\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("cost").asText()).isEqualTo("30.00");

    HttpResponse<String> again =
        server.postJson(
            "/api/v1/offers/" + code + "/redeem",
            "{\"customer_id\":\"offer-1\",\"amount\":\"200\",\"currency\":\"USD\"}");
    assertError(again, 409, "conflict");
    assertThat(json(again).path("reason").asText()).isEqualTo("already_used");
    assertThat(json(server.get("/api/v1/offers/" + code)).path("status").asText())
        .isEqualTo("redeemed");
    assertThat(
            server.count(
                "SELECT count(*) FROM audit_log WHERE action = 'offer.redeem'"
                    + " AND actor = 'key till-1' AND subject = ?",
                "offer " + code))
        .isEqualTo(1);
    JsonNode listed = json(server.get("/api/v1/customers/offer-1/offers"));
    assertThat(listed.path("offers").get(0).path("status").asText()).isEqualTo("redeemed");
  }

  @Test
  void offer_unknownCode_is404Unknown() throws Exception {
    HttpResponse<String> r = server.get("/api/v1/offers/2345-6789-ABCD-E");

    assertError(r, 404, "not_found");
    assertThat(json(r).path("status").asText()).isEqualTo("unknown");
  }

  @Test
  void offer_redeemWithoutAmount_is422() throws Exception {
    StoredOffer o = offer("offer-2");

    HttpResponse<String> r =
        server.postJson(
            "/api/v1/offers/" + o.code().symbols() + "/redeem",
            "{\"customer_id\":\"offer-2\",\"currency\":\"USD\"}");

    assertError(r, 422, "invalid_field");
    assertThat(json(r).path("field").asText()).isEqualTo("amount");
  }

  @Test
  void offer_redeemedConcurrently_onlyOnce() throws Exception {
    StoredOffer o = offer("offer-3");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> tries = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        tries.add(
            pool.submit(
                () ->
                    server.postJson(
                        "/api/v1/offers/" + o.code().symbols() + "/redeem",
                        "{\"customer_id\":\"offer-3\",\"amount\":50,\"currency\":\"USD\"}")));
      }
      int ok = 0;
      int conflict = 0;
      for (Future<HttpResponse<String>> f : tries) {
        int status = f.get().statusCode();
        ok += status == 200 ? 1 : 0;
        conflict += status == 409 ? 1 : 0;
      }
      assertThat(ok).isEqualTo(1);
      assertThat(conflict).isEqualTo(7);
    } finally {
      pool.shutdown();
    }
  }

  // --- calls

  private static long task(String customer) throws Exception {
    server.postJson(
        "/api/v1/orders",
        "{\"customer_id\":\""
            + customer
            + "\",\"order_id\":\""
            + customer
            + "-o\",\"date\":\"2026-01-01\",\"amount\":1}");
    server.execute(
        "INSERT INTO call_tasks (dedupe_key, customer_id, playbook, step, cycle, assigned_to,"
            + " phone, due_on) SELECT ?, id, 'win-back', 1, '2026-12-01', 'maria', '+1 555 0100',"
            + " '2026-12-01' FROM customers WHERE external_id = ?",
        "task-" + customer,
        customer);
    return server.count("SELECT id FROM call_tasks WHERE dedupe_key = ?", "task-" + customer);
  }

  @Test
  void callOutcome_logged_thenAgainIs409() throws Exception {
    long t = task("call-1");

    HttpResponse<String> r =
        server.postJson(
            "/api/v1/calls/" + t + "/outcome", "{\"outcome\":\"will-order\",\"note\":\"Friday\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("logged_by").asText()).isEqualTo("key till-1");
    assertThat(
            server.count(
                "SELECT count(*) FROM call_tasks WHERE id = ? AND outcome =" + " 'will_order'", t))
        .isEqualTo(1);
    assertThat(
            server.count(
                "SELECT count(*) FROM audit_log WHERE action = 'call.outcome' AND subject = ?",
                "call task " + t))
        .isEqualTo(1);

    assertError(
        server.postJson("/api/v1/calls/" + t + "/outcome", "{\"outcome\":\"reached\"}"),
        409,
        "conflict");
  }

  @Test
  void callOutcome_unknownTaskOrOutcome() throws Exception {
    assertError(
        server.postJson("/api/v1/calls/999999/outcome", "{\"outcome\":\"reached\"}"),
        404,
        "not_found");
    long t = task("call-2");
    HttpResponse<String> r =
        server.postJson("/api/v1/calls/" + t + "/outcome", "{\"outcome\":\"went well\"}");
    assertError(r, 422, "invalid_field");
    assertThat(json(r).path("field").asText()).isEqualTo("outcome");
    assertThat(json(server.get("/api/v1/calls?rep=maria")).path("calls").toString())
        .contains("call-2");
  }

  // --- suppressions

  @Test
  void suppression_added_listed_lifted() throws Exception {
    HttpResponse<String> r =
        server.postJson(
            "/api/v1/suppressions",
            "{\"channel\":\"email\",\"address\":\"Ann@Mail.example\",\"reason\":\"do-not-contact\","
                + "\"note\":\"asked at the counter\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).path("address").asText()).isEqualTo("ann@mail.example");
    assertThat(
            server
                .postJson(
                    "/api/v1/suppressions",
                    "{\"channel\":\"email\",\"address\":\"ann@mail.example\","
                        + "\"reason\":\"do_not_contact\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(json(server.get("/api/v1/suppressions")).toString()).contains("ann@mail.example");

    HttpResponse<String> lifted =
        server.send(
            server
                .request("/api/v1/suppressions?channel=email&address=ann@mail.example")
                .DELETE()
                .build());
    assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
    assertThat(
            server.count(
                "SELECT count(*) FROM suppressions WHERE address = 'ann@mail.example'"
                    + " AND lifted_at IS NULL"))
        .isZero();
    assertThat(
            server.count(
                "SELECT count(*) FROM audit_log WHERE action IN ('suppression.add',"
                    + " 'suppression.lift') AND subject = 'email ann@mail.example'"))
        .isEqualTo(2);
    assertError(
        server.send(
            server
                .request("/api/v1/suppressions?channel=email&address=ann@mail.example")
                .DELETE()
                .build()),
        404,
        "not_found");
  }

  @Test
  void suppression_theCustomersOwn_isNotLiftedByStaff() throws Exception {
    server.postJson(
        "/api/v1/suppressions",
        "{\"channel\":\"phone\",\"address\":\"+1 555 0199\",\"reason\":\"unsubscribed\","
            + "\"source\":\"customer\"}");

    assertError(
        server.send(
            server
                .request("/api/v1/suppressions?channel=phone&address=%2B15550199")
                .DELETE()
                .build()),
        409,
        "conflict");
  }

  @Test
  void suppression_badChannel_is422() throws Exception {
    HttpResponse<String> r =
        server.postJson(
            "/api/v1/suppressions",
            "{\"channel\":\"pigeon\",\"address\":\"x\",\"reason\":\"bounced\"}");

    assertError(r, 422, "invalid_field");
    assertThat(json(r).path("field").asText()).isEqualTo("channel");
  }

  // --- feedback

  @Test
  void feedback_negativeOpensCase_unknownCustomerReported() throws Exception {
    server.postJson(
        "/api/v1/orders",
        "{\"customer_id\":\"fb-1\",\"order_id\":\"FB-1\",\"date\":\"2026-01-01\",\"amount\":1}");

    HttpResponse<String> r =
        server.postJson(
            "/api/v1/feedback",
            "[{\"customer_id\":\"fb-1\",\"date\":\"2026-12-01\",\"rating\":1,"
                + "\"text\":\"late again\",\"id\":\"rev-1\"},"
                + "{\"customer_id\":\"fb-nobody\",\"date\":\"2026-12-01\",\"rating\":5}]");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode out = json(r);
    assertThat(out.path("inserted").asLong()).isEqualTo(1);
    assertThat(out.path("cases_opened").size()).isEqualTo(1);
    assertThat(out.path("rejects").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(out.path("rejects").get(0).path("reason").asText()).contains("unknown customer");
    JsonNode listed = json(server.get("/api/v1/customers/fb-1/feedback"));
    assertThat(listed.path("feedback").get(0).path("text").asText()).isEqualTo("late again");
    assertThat(listed.path("feedback").get(0).path("case_id").isNumber()).isTrue();
  }

  @Test
  void feedback_oneObject_isTaken_andSentAgainAddsNothing() throws Exception {
    server.postJson(
        "/api/v1/orders",
        "{\"customer_id\":\"fb-3\",\"order_id\":\"FB-3\",\"date\":\"2026-01-01\",\"amount\":1}");
    String review =
        "{\"customer_id\":\"fb-3\",\"date\":\"2026-12-02\",\"rating\":9,\"id\":\"rev-3\","
            + "\"text\":\"great\"}";

    JsonNode first = json(server.postJson("/api/v1/feedback?scale=10", review));
    JsonNode again = json(server.postJson("/api/v1/feedback?scale=10", review));

    assertThat(first.path("inserted").asLong()).isEqualTo(1);
    assertThat(first.path("cases_opened").size()).isZero();
    assertThat(again.path("inserted").asLong()).isZero();
    assertThat(again.path("unchanged").asLong()).isEqualTo(1);
    assertThat(server.count("SELECT rating FROM feedback WHERE external_id = 'rev-3'"))
        .isEqualTo(5);
  }

  @Test
  void feedback_badRating_isRejectedRow() throws Exception {
    HttpResponse<String> r =
        server.postJson(
            "/api/v1/feedback",
            "{\"customer_id\":\"fb-2\",\"date\":\"2026-12-01\",\"rating\":\"great\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("rejects").get(0).path("reason").asText()).contains("rating");
  }

  // --- audit

  @Test
  void audit_listsTheKeysWrites() throws Exception {
    server.postJson(
        "/api/v1/orders",
        "{\"customer_id\":\"aud-1\",\"order_id\":\"AUD-1\",\"date\":\"2026-01-01\",\"amount\":1}");

    JsonNode entries = json(server.get("/api/v1/audit?actor=key%20till-1&limit=500"));

    assertThat(entries.path("entries").toString()).contains("AUD-1").contains("order.ingest");
    assertThat(entries.path("entries").get(0).path("actor").asText()).isEqualTo("key till-1");
  }
}
