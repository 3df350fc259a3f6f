package org.rekindle.web.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.access.ApiKeys;
import org.rekindle.web.TestBusiness;
import org.rekindle.web.WebApp;
import org.rekindle.web.WebSettings;

/**
 * What the API's tests share: a real store (embedded PostgreSQL), the real web app on 127.0.0.1 on
 * a free port, an API key, and requests from {@link HttpClient}.
 */
final class ApiServer implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final Store store;
  final WebApp app;
  final String key;

  ApiServer(Path home) {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    app =
        WebApp.start(
            new WebSettings("127.0.0.1", 0, false),
            store,
            SigningKeys.generate(new SecureRandom()),
            TestBusiness.HILL);
    key = new ApiKeys(store.jdbi()).create("till-1", "cli").secret();
  }

  URI uri(String path) {
    return app.address().resolve(path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path, String type, String body)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return post(path, "application/json", json);
  }

  long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  void execute(String sql, Object... args) {
    store.jdbi().useHandle(h -> h.execute(sql, args));
  }

  @Override
  public void close() {
    app.close();
    store.close();
  }
}
