package org.rekindle.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.Role;
import org.rekindle.store.imports.ImportBatch;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.web.DashboardServer;

/**
 * The Imports page over HTTP: real multipart uploads into a real store, the import in the
 * background, its progress and its rejected rows, and who may upload.
 */
class ImportsPageTest {
  @TempDir static Path home;
  static DashboardServer server;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    server.user("mia", Role.MANAGER, null);
    server.user("rob", Role.REP, "Rob");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void empty() throws Exception {
    awaitIdle(server.loggedIn("mia"));
    server
        .store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "TRUNCATE orders, customers, import_rejects, import_batches, audit_log"
                        + " RESTART IDENTITY CASCADE"));
  }

  static final String ORDERS =
      "customer,date,amount\n"
          + "C-1,2026-01-05,10.50\n"
          + "=HYPERLINK(\"http://x\"),someday,5\n"
          + "C-2,2026-02-01,7\n"
          + "C-1,2026-03-01,3\n";

  @Test
  void upload_aCsvWithABadRow_storesTheGoodRowsAndReportsTheBadOne() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    assertThat(mia.get("/imports").body()).contains("Import a file", "Nothing has been imported");

    HttpResponse<String> r =
        upload(mia, fields("kind", "auto", "max_rejects", "50"), "orders.csv", ORDERS, true);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/imports");

    String done = awaitIdle(mia);
    assertThat(done).contains("Imported: orders.csv", "by user mia");
    assertThat(count(done, "read")).isEqualTo("4");
    assertThat(count(done, "inserted")).isEqualTo("3");
    assertThat(count(done, "rejected")).isEqualTo("1");
    assertThat(done)
        .contains("<td class=\"num\">3</td>")
        .contains("cannot read 'someday' as a date")
        .contains("<code class=\"raw\">=HYPERLINK(\"http://x\"),someday,5</code>");
    assertThat(count("SELECT count(*) FROM orders")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM customers")).isEqualTo(2);

    ImportBatch batch = ImportBatches.recent(server.store.jdbi(), 1).get(0);
    assertThat(batch.kind()).isEqualTo("orders");
    assertThat(batch.rejected()).isEqualTo(1);
    // the upload is kept until its import ends, then deleted
    assertThat(Path.of(batch.fileName())).doesNotExist();
    assertThat(ImportsPage.fileName(batch.fileName())).isEqualTo("orders.csv");

    // the past imports and the batch's own page
    assertThat(mia.get("/imports").body()).contains("href=\"/imports/" + batch.id() + "\"");
    String page = mia.get("/imports/" + batch.id()).body();
    assertThat(page).contains("Import " + batch.id() + ": orders.csv", "someday", "completed");

    // every reject as CSV, the formula neutralised
    HttpResponse<String> csv = mia.get("/imports/" + batch.id() + "/rejects.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment", "import-" + batch.id() + "-rejects.csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("file,line,reason,row");
    assertThat(lines.get(1))
        .startsWith("\"orders.csv\",3,\"column 'date': cannot read 'someday'")
        .endsWith(",\"'=HYPERLINK(\"\"http://x\"\"),someday,5\"");

    // the audit log says who imported what
    List<AuditLog.Entry> audit =
        new AuditLog(server.store.jdbi())
            .recent(10, "user mia").stream().filter(e -> e.action().startsWith("import.")).toList();
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).action()).isEqualTo("import.orders");
    assertThat(audit.get(0).subject()).isEqualTo("import batch " + batch.id());
    assertThat(audit.get(0).detail())
        .contains("\"file\": \"orders.csv\"", "\"status\": \"completed\"", "\"rejected\": 1");
  }

  @Test
  void upload_customersAndFeedback_toldFromTheirHeaders() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    mia.get("/imports");
    upload(
        mia,
        fields(),
        "people.csv",
        "customer_id,name,email\nC-7,Ann,ann@example.com\nC-8,Bo,bo@example.com\n",
        true);
    assertThat(awaitIdle(mia)).contains("Imported: people.csv", "customers,");
    upload(
        mia,
        fields("max_rejects", "50"),
        "reviews.csv",
        "customer,date,rating,text\nC-7,2026-11-01,1,Late again\nC-99,2026-11-02,5,Who?\n",
        true);
    String done = awaitIdle(mia);
    assertThat(done).contains("Imported: reviews.csv", "feedback,", "unknown customer");
    assertThat(count("SELECT count(*) FROM customers")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM feedback")).isEqualTo(1);
    // negative feedback opens a case, as the CLI's import does
    assertThat(count("SELECT count(*) FROM cases")).isEqualTo(1);
  }

  @Test
  void upload_largerThanAPublicFormMayBe_isTaken() throws Exception {
    StringBuilder csv = new StringBuilder("customer_id,name,email\n");
    for (int i = 0; i < 8_000; i++) {
      csv.append("C-").append(i).append(",Customer ").append(i).append(",c").append(i);
      csv.append("@example.com\n");
    }
    assertThat(csv.length()).isGreaterThan(3 * 64 * 1024);
    DashboardServer.Client mia = server.loggedIn("mia");
    mia.get("/imports");
    assertThat(upload(mia, fields(), "big.csv", csv.toString(), true).statusCode()).isEqualTo(303);
    assertThat(awaitIdle(mia)).contains("Imported: big.csv");
    assertThat(count("SELECT count(*) FROM customers")).isEqualTo(8_000);

    // the same body to a route that is not the upload: over the public limit, not taken
    mia.get("/admin/users");
    HttpResponse<String> other =
        multipart(mia, "/login", fields("login", "mia", "password", "x"), "big.csv", csv);
    assertThat(other.statusCode()).isGreaterThanOrEqualTo(400);
  }

  @Test
  void upload_byARep_isRefusedAndNothingImported() throws Exception {
    DashboardServer.Client rob = server.loggedIn("rob");
    HttpResponse<String> page = rob.get("/imports");
    assertThat(page.statusCode()).isEqualTo(403);
    // the menu a rep sees has no Imports
    assertThat(page.body()).contains("Not for your role").doesNotContain("href=\"/imports\"");
    assertThat(rob.get("/imports/progress").statusCode()).isEqualTo(403);

    // with the rep's own valid token: the guard checks the role once the token is right
    HttpResponse<String> r = upload(rob, fields("max_rejects", "50"), "orders.csv", ORDERS, true);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Not for your role");
    Thread.sleep(300);
    assertThat(count("SELECT count(*) FROM import_batches")).isZero();
    assertThat(count("SELECT count(*) FROM orders")).isZero();
  }

  @Test
  void upload_withoutTheCsrfToken_isRefusedAndNothingImported() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    mia.get("/imports");
    HttpResponse<String> r = upload(mia, fields("max_rejects", "50"), "orders.csv", ORDERS, false);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("nothing was changed");
    HttpResponse<String> wrong =
        multipart(mia, "/imports", fields("_csrf", "not-the-token"), "orders.csv", ORDERS);
    assertThat(wrong.statusCode()).isEqualTo(403);
    Thread.sleep(300);
    assertThat(count("SELECT count(*) FROM import_batches")).isZero();
    assertThat(count("SELECT count(*) FROM orders")).isZero();
  }

  @Test
  void upload_aFileThatIsNoneOfTheKinds_saysWhatToDo() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    mia.get("/imports");
    HttpResponse<String> r = upload(mia, fields(), "notes.csv", "foo,bar\n1,2\n", true);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("The header of notes.csv does not tell whether it holds customers, orders or");

    HttpResponse<String> gz = upload(mia, fields(), "broken.csv.gz", "\u001f\u008bnot gzip", true);
    assertThat(gz.statusCode()).isEqualTo(400);
    assertThat(gz.body()).contains("broken.csv.gz", "not a valid gzip file");
    assertThat(gz.body()).doesNotContain("rekindle-upload-");

    HttpResponse<String> none = upload(mia, fields(), "", "", true);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("Choose a file to import.");

    HttpResponse<String> notMultipart = mia.post("/imports", fields("kind", "orders"));
    assertThat(notMultipart.statusCode()).isEqualTo(400);
    assertThat(notMultipart.body()).contains("Choose a file to import.");

    HttpResponse<String> badShare =
        upload(mia, fields("max_rejects", "200"), "o.csv", ORDERS, true);
    assertThat(badShare.statusCode()).isEqualTo(400);
    assertThat(badShare.body()).contains("a percentage from 0 to 100");
    assertThat(count("SELECT count(*) FROM import_batches")).isZero();
  }

  @Test
  void upload_ofTheWrongKind_endsWithTheReasonAndImportsNothing() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    mia.get("/imports");
    HttpResponse<String> r =
        upload(mia, fields("kind", "orders"), "customers.csv", "customer_id,name\nC-1,Ann\n", true);
    assertThat(r.statusCode()).isEqualTo(303);
    String done = awaitIdle(mia);
    assertThat(done)
        .contains("Refused: nothing was imported: customers.csv")
        .contains("file 'customers.csv' has no date column")
        .doesNotContain("rekindle-upload-");
    assertThat(count("SELECT count(*) FROM customers")).isZero();
    assertThat(count("SELECT count(*) FROM import_batches WHERE status = 'refused'")).isEqualTo(1);
    assertThat(new AuditLog(server.store.jdbi()).recent(5, "user mia").get(0).detail())
        .contains("\"status\": \"refused\"");
  }

  @Test
  void upload_whileAnImportRuns_isRefusedAndTheRunningOneShowsProgress() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    mia.get("/imports");
    // an import waits for this lock (imports run one at a time in the store): hold it
    try (Handle lock = server.store.jdbi().open()) {
      lock.execute("SELECT pg_advisory_lock(hashtext('rekindle.import'))");
      assertThat(upload(mia, fields("max_rejects", "50"), "a.csv", ORDERS, true).statusCode())
          .isEqualTo(303);
      String running = mia.get("/imports/progress").body();
      assertThat(running)
          .contains("Importing a.csv", "hx-get=\"/imports/progress\"", "hx-trigger=\"every 1s\"")
          .contains("<progress");
      // the background import writes its batch row before it waits for the lock: give it time
      List<ImportBatch> started = ImportBatches.recent(server.store.jdbi(), 1);
      for (int i = 0; started.isEmpty() && i < 300; i++) {
        Thread.sleep(100);
        started = ImportBatches.recent(server.store.jdbi(), 1);
      }
      assertThat(started).as("the running import's batch").hasSize(1);
      ImportBatch batch = started.get(0);
      assertThat(batch.status()).isEqualTo("running");
      assertThat(Path.of(batch.fileName())).exists();

      HttpResponse<String> second = upload(mia, fields("max_rejects", "50"), "b.csv", ORDERS, true);
      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(second.body()).contains("An import is running (a.csv, started by user mia)");
      lock.execute("SELECT pg_advisory_unlock(hashtext('rekindle.import'))");
    }
    String done = awaitIdle(mia);
    assertThat(done).contains("Imported: a.csv").doesNotContain("hx-trigger");
    assertThat(count("SELECT count(*) FROM import_batches")).isEqualTo(1);
  }

  @Test
  void batch_unknownOrNotANumber_isNotFound() throws Exception {
    DashboardServer.Client mia = server.loggedIn("mia");
    assertThat(mia.get("/imports/999").statusCode()).isEqualTo(404);
    assertThat(mia.get("/imports/x").statusCode()).isEqualTo(404);
    assertThat(mia.get("/imports/999/rejects.csv").statusCode()).isEqualTo(404);
  }

  // --- helpers

  private static final Pattern COUNT = Pattern.compile("data-count=\"(\\w+)\">([0-9,]+)<");

  /** A figure of the result: rows read, inserted, rejected... */
  private static String count(String html, String name) {
    Matcher m = COUNT.matcher(html);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no count " + name + " in " + html);
  }

  /** Polls the progress fragment until no import runs; returns the last fragment. */
  static String awaitIdle(DashboardServer.Client c) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      String body = c.get("/imports/progress").body();
      if (!body.contains("aria-busy=\"true\"")) {
        return body;
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("the import did not end: " + body);
      }
      Thread.sleep(50);
    }
  }

  private static long count(String sql) {
    return server.store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }

  private static Map<String, String> fields(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** Uploads to /imports as the page's form does, with the client's token or without. */
  static HttpResponse<String> upload(
      DashboardServer.Client c,
      Map<String, String> fields,
      String fileName,
      CharSequence content,
      boolean withToken)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>();
    if (withToken) {
      all.put("_csrf", Objects.requireNonNull(c.csrf(), "read a page first"));
    }
    all.putAll(fields);
    return multipart(c, "/imports", all, fileName, content);
  }

  /** A multipart/form-data POST: the fields, then the file as part "file". */
  static HttpResponse<String> multipart(
      DashboardServer.Client c,
      String path,
      Map<String, String> fields,
      String fileName,
      CharSequence content)
      throws IOException, InterruptedException {
    String boundary = "----rekindle" + Long.toHexString(System.nanoTime());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      write(body, "--" + boundary + "\r\n");
      write(body, "Content-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n");
      write(body, f.getValue() + "\r\n");
    }
    write(body, "--" + boundary + "\r\n");
    write(body, "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n");
    write(body, "Content-Type: text/csv\r\n\r\n");
    // the test's "bytes" are Latin-1 characters, so a gzip header can be written as text
    body.write(content.toString().getBytes(StandardCharsets.ISO_8859_1));
    write(body, "\r\n--" + boundary + "--\r\n");
    return c.http.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
