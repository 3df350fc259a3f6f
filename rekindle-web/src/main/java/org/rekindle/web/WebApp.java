package org.rekindle.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.util.JavalinBindException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.jetty.http.BadMessageException;
import org.rekindle.core.RekindleException;
import org.rekindle.core.playbook.Business;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.store.Store;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.Sessions;
import org.rekindle.store.access.Users;
import org.rekindle.web.admin.UsersPage;
import org.rekindle.web.api.Api;
import org.rekindle.web.auth.Guard;
import org.rekindle.web.auth.LoginPage;
import org.rekindle.web.auth.LoginThrottle;
import org.rekindle.web.calllist.CallsPage;
import org.rekindle.web.customers.CustomersPage;
import org.rekindle.web.feedback.FeedbackPage;
import org.rekindle.web.imports.ImportsPage;
import org.rekindle.web.outreach.OutreachPage;
import org.rekindle.web.overview.OverviewPage;
import org.rekindle.web.results.ResultsCache;
import org.rekindle.web.results.ResultsPage;
import org.rekindle.web.survey.SurveyPage;
import org.rekindle.web.unsubscribe.UnsubscribePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app, started: Javalin on the address of its {@link WebSettings}, serving the public exit
 * survey ({@code /s/TOKEN}) and the emails' unsubscribe page ({@code /u/TOKEN}), and the dashboard
 * behind a login ({@link Guard}). Templates are jte, compiled to classes when the module is built,
 * so serving needs no compiler. {@link #close} stops it; the store it was given stays open.
 */
public final class WebApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

  /**
   * The largest request body taken, in bytes: a survey answer is two texts of at most 2,000
   * characters, which URL-encoded is well under this even in scripts of four UTF-8 bytes a
   * character.
   */
  public static final long MAX_BODY = 64 * 1024;

  private final Javalin javalin;
  private final String host;

  private WebApp(Javalin javalin, String host) {
    this.javalin = javalin;
    this.host = host;
  }

  /**
   * Starts serving, with the built-in playbooks and the shipped letter templates ({@link
   * OutreachSetup#builtIn}).
   *
   * @param store the records the pages read and write
   * @param keys the keys that sign the survey and unsubscribe links (the home's {@code link-keys})
   * @param business whose name the pages show, and whose public address a form may be posted from
   */
  public static WebApp start(
      WebSettings settings, Store store, SigningKeys keys, Business business) {
    return start(settings, store, keys, OutreachSetup.builtIn(business));
  }

  /**
   * Starts serving.
   *
   * @param store the records the pages read and write
   * @param keys the keys that sign the survey and unsubscribe links (the home's {@code link-keys})
   * @param outreach the home's playbooks (with the business whose name the pages show) and letter
   *     templates
   */
  public static WebApp start(
      WebSettings settings, Store store, SigningKeys keys, OutreachSetup outreach) {
    Objects.requireNonNull(settings, "settings");
    Business business = outreach.business();
    Playbooks books = outreach.playbooks();
    Clock clock = Clock.systemUTC();
    TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    Navigation menu = new Navigation();
    Pages pages = new Pages(templates, business, menu);
    Assets assets = new Assets();
    SurveyPage survey = new SurveyPage(store.jdbi(), keys, business, pages);
    UnsubscribePage unsubscribe = new UnsubscribePage(store, keys, business, pages);
    Users users = new Users(store.jdbi());
    Sessions sessions = new Sessions(store.jdbi());
    Guard guard =
        new Guard(
            sessions,
            clock,
            new Guard.Refusals() {
              @Override
              public void forged(Context ctx) {
                pages.forged(ctx);
              }

              @Override
              public void forbidden(Context ctx) {
                pages.forbidden(ctx);
              }
            });
    LoginPage login =
        new LoginPage(
            users,
            sessions,
            new AuditLog(store.jdbi()),
            LoginThrottle.standard(),
            clock,
            pages,
            menu::landing);
    UsersPage usersPage = new UsersPage(users, pages);
    CallsPage calls = new CallsPage(store, outreach, users, pages, clock);
    OutreachPage outreachPage = new OutreachPage(store, outreach, keys, pages, clock);
    ResultsCache resultsCache = new ResultsCache(store.jdbi(), books);
    OverviewPage overview = new OverviewPage(store, resultsCache, pages);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = MAX_BODY;
              // a multipart form has the same limit (Javalin's default is none); the upload of
              // ImportsPage raises it for its own route
              config.jetty.multipartConfig.maxTotalRequestSize(MAX_BODY, SizeUnit.BYTES);
              config.routes.before(Headers::secure);
              // the last step of every request, even one whose handlers skipped the rest
              config.requestLogger.http((ctx, ms) -> UnreadBody.after(ctx));
              overview.warmUp(config.events);
              // on routes that exist only: an unknown path is "not found" for everyone
              config.routes.beforeMatched(guard::check);
              config.routes.get(Assets.PATH, assets::serve);
              survey.routes(config.routes);
              unsubscribe.routes(config.routes);
              Api.install(config, store);
              login.routes(config.routes);
              // the dashboard's pages, in the order of the menu
              overview.routes(config.routes, menu);
              new CustomersPage(store.jdbi(), pages).routes(config.routes, menu);
              calls.routes(config.routes, menu);
              outreachPage.routes(config.routes, menu);
              new ImportsPage(store, pages).routes(config.routes, menu);
              new ResultsPage(resultsCache, pages).routes(config.routes, menu);
              new FeedbackPage(store, books, clock, pages).routes(config.routes, menu);
              usersPage.routes(config.routes, menu);
              config.routes.error(
                  404,
                  ctx -> {
                    // the API answers its own 404s, in JSON
                    if (!Api.owns(ctx)) {
                      pages.notFound(ctx);
                    }
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    int refused = refusedRequest(e);
                    if (refused > 0) {
                      // in plain words, on a public page or a dashboard's alike; Jetty drops
                      // the connection of a body it failed to read, so the client is told
                      ctx.status(refused)
                          .header("Connection", "close")
                          .contentType("text/plain; charset=utf-8")
                          .result(
                              refused == 413
                                  ? "The form sent is larger than "
                                      + MAX_BODY / 1024
                                      + " KiB: only the imports page takes files."
                                  : "The form sent could not be read.");
                      return;
                    }
                    // the path may hold a token: log what failed, never the path
                    LOG.error("{} failed", ctx.method(), e);
                    pages.failed(ctx);
                  });
            });
    try {
      app.start(settings.host(), settings.port());
    } catch (JavalinBindException e) {
      throw new CannotListenException(settings, e);
    }
    return new WebApp(app, settings.host());
  }

  /**
   * The status of a request Jetty refused to read (a multipart body over the limit, a malformed
   * one), or 0 for a failure of the server's own. Jetty reports them as a 400 wrapped in the
   * servlet's exception, with a body over the limit as its cause.
   */
  static int refusedRequest(Throwable e) {
    int status = 0;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadMessageException b && status == 0) {
        status = b.getCode();
      }
      if (t instanceof IllegalStateException
          && String.valueOf(t.getMessage()).startsWith("max length exceeded")) {
        return 413;
      }
    }
    return status >= 400 && status < 500 ? status : 0;
  }

  /** The address or port cannot be listened on: taken by another server, or not this machine's. */
  public static final class CannotListenException extends RekindleException {
    private static final long serialVersionUID = 1L;

    CannotListenException(WebSettings settings, Exception cause) {
      super(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + ": is another server using that port, or is the address not this machine's?",
          cause);
    }
  }

  /** The port it listens on (the one chosen when asked for 0). */
  public int port() {
    return javalin.port();
  }

  /** Its address, such as {@code http://127.0.0.1:8080}. */
  public URI address() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /** Stops serving; requests under way are finished first. */
  @Override
  public void close() {
    javalin.stop();
  }
}
