package org.rekindle.web.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.store.Store;
import org.rekindle.store.access.ApiKeys;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API, installed into the web app's Javalin: JSON under {@code /api/v1} for clients with
 * an API key, and its OpenAPI document at {@code /api/openapi.json} for anyone.
 *
 * <h2>What every request gets</h2>
 *
 * <ul>
 *   <li>Authentication by {@code Authorization: Bearer rk_...}: the key is looked up by its SHA-256
 *       ({@link ApiKeys#find}) on every request, so a revoked key stops working at once. No key, an
 *       unknown one or a revoked one: 401 with {@code WWW-Authenticate: Bearer}.
 *   <li>Errors as JSON, always: {@code {"error": "invalid_field", "message": "...", "field":
 *       "amount"}}, whatever went wrong, including a path that is not there and a failure of ours.
 *   <li>A body limit per endpoint, checked while reading (a declared length over it before): {@link
 *       #MAX_BODY} for single records, {@link #MAX_BULK_BODY} for bulk ingest, streamed to a file.
 *       The web app's own {@code maxRequestSize} is not involved: the API reads the raw request.
 *   <li>Every change recorded in the audit log under the key's name ({@link ApiKey#actor}), in the
 *       same transaction as the change.
 * </ul>
 *
 * The API reads and writes through the store's connection pool, as the dashboard does.
 */
public final class Api implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  /** Where the API's endpoints are. */
  public static final String PREFIX = "/api/v1";

  /** Where its OpenAPI document is. */
  public static final String OPENAPI = "/api/openapi.json";

  /** The largest body of a single record (an order, a redemption, a call outcome), in bytes. */
  public static final long MAX_BODY = 64 * 1024;

  /** The largest body of a bulk ingest, in bytes. */
  public static final long MAX_BULK_BODY = 32L * 1024 * 1024;

  private final Store store;
  private final Clock clock;
  private final Jdbi jdbi;
  private final ApiKeys keys;
  private final Path spool;
  private final OrderIngest ingest;
  private final OrderQueue orders;
  private final List<String> routes = new ArrayList<>();
  private final byte[] openApi;

  private Api(Store store, Clock clock) {
    this.jdbi = store.jdbi();
    this.keys = new ApiKeys(jdbi);
    try {
      this.spool = Files.createTempDirectory("rekindle-api-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory for bulk bodies", e);
    }
    this.ingest = new OrderIngest(store, spool);
    this.orders = new OrderQueue(new OrderMerge(jdbi, spool));
    try (InputStream in =
        Objects.requireNonNull(
            Api.class.getResourceAsStream("openapi.json"), "the OpenAPI document is in the jar")) {
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document", e);
    }
    this.clock = clock;
    this.store = store;
  }

  /**
   * Adds the API's routes to a Javalin being configured; its order queue ends when the server
   * stops.
   */
  public static Api install(JavalinConfig config, Store store) {
    Api api = new Api(store, Clock.systemUTC());
    api.register(config);
    config.events.serverStopped(api::close);
    config.events.serverStartFailed(api::close);
    return api;
  }

  /** Whether a request is the API's: its errors are JSON, and no browser session applies. */
  public static boolean owns(Context ctx) {
    return ctx.path().startsWith("/api/");
  }

  /** The routes added, as {@code METHOD path}. */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  private void register(JavalinConfig config) {
    config.routes.get(
        OPENAPI,
        ctx ->
            ctx.contentType("application/json")
                .header("Cache-Control", "no-cache")
                .result(openApi));
    Endpoints e = new Endpoints(config, this);
    new CustomerRoutes(jdbi, clock).register(e);
    new OrderRoutes(orders, ingest).register(e);
    new OfferRoutes(jdbi, clock).register(e);
    new CallRoutes(jdbi, clock).register(e);
    new SuppressionRoutes(jdbi).register(e);
    new FeedbackRoutes(store, spool, clock).register(e);
    new AuditRoutes(jdbi).register(e);
    // last: what no route above took is a JSON 404 (or 405 for a path there with another method)
    for (HandlerType m :
        List.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE)) {
      config.routes.addHttpHandler(m, "/api/*", this::nothingHere);
    }
  }

  /** What an endpoint does once the caller is known. */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, ApiKey caller) throws Exception;
  }

  /** Adds endpoints with authentication and JSON errors around them. */
  static final class Endpoints {
    private final JavalinConfig config;
    private final Api api;

    Endpoints(JavalinConfig config, Api api) {
      this.config = config;
      this.api = api;
    }

    void add(HandlerType method, String path, Handler handler) {
      String full = PREFIX + path;
      api.routes.add(method.name() + " " + full);
      config.routes.addHttpHandler(method, full, ctx -> api.serve(ctx, handler));
    }

    void get(String path, Handler handler) {
      add(HandlerType.GET, path, handler);
    }

    void post(String path, Handler handler) {
      add(HandlerType.POST, path, handler);
    }

    void delete(String path, Handler handler) {
      add(HandlerType.DELETE, path, handler);
    }
  }

  private void serve(Context ctx, Handler handler) {
    try {
      handler.handle(ctx, authenticate(ctx));
    } catch (ApiException e) {
      Exchange.error(ctx, e);
    } catch (Exception e) {
      // the path may hold a customer's id or a code: log what failed and where, once
      LOG.error("{} {} failed", ctx.method().name(), ctx.endpoint().path, e);
      Exchange.error(
          ctx,
          new ApiException(500, "internal", "the request failed on our side; it is in our log"));
    }
  }

  private ApiKey authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"rekindle\"");
      throw new ApiException(
          401, "unauthorized", "an API key is needed: send Authorization: Bearer rk_...");
    }
    String h = header.strip();
    Optional<ApiKey> key = Optional.empty();
    if (h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      key = keys.find(h.substring(7).strip());
    }
    if (key.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"rekindle\", error=\"invalid_token\"");
      throw new ApiException(
          401, "unauthorized", "the API key is not valid: unknown, revoked, or not a Bearer key");
    }
    return key.get();
  }

  private void nothingHere(Context ctx) {
    String path = ctx.path();
    List<String> methods = new ArrayList<>();
    for (String r : routes) {
      int space = r.indexOf(' ');
      if (matches(r.substring(space + 1), path)) {
        methods.add(r.substring(0, space));
      }
    }
    if (!methods.isEmpty()) {
      ctx.header("Allow", String.join(", ", methods));
      Exchange.error(
          ctx,
          new ApiException(
              405,
              "method_not_allowed",
              ctx.method().name() + " is not allowed here: " + String.join(", ", methods)));
      return;
    }
    Exchange.error(
        ctx, ApiException.notFound("there is no endpoint " + path + " (see " + OPENAPI + ")"));
  }

  /** Whether a route's path, with {@code {params}}, matches a request's path. */
  static boolean matches(String route, String path) {
    String[] r = route.split("/", -1);
    String[] p = path.split("/", -1);
    if (r.length != p.length) {
      return false;
    }
    for (int i = 0; i < r.length; i++) {
      if (!(r[i].startsWith("{") || r[i].equals(p[i]))) {
        return false;
      }
    }
    return true;
  }

  /** Ends the order queue and removes the spooled bodies; the store stays open. */
  @Override
  public void close() {
    orders.close();
    try (var files = Files.list(spool)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", spool, e.toString());
    }
  }
}
