package org.rekindle.web.survey;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.web.TestBusiness;
import org.rekindle.web.WebApp;
import org.rekindle.web.WebSettings;

/**
 * What the survey page's tests share: a real store (embedded PostgreSQL), fresh signing keys, and
 * the web app on 127.0.0.1 on a free port.
 */
final class SurveyServer implements AutoCloseable {
  static final Business BUSINESS = TestBusiness.HILL;

  final Store store;
  final SigningKeys keys = SigningKeys.generate(new SecureRandom());
  final UnsubscribeTokens tokens = UnsubscribeTokens.forSurveys(keys);
  final WebApp app;

  SurveyServer(Path home) {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    app = WebApp.start(new WebSettings("127.0.0.1", 0, false), store, keys, BUSINESS);
  }

  /** A customer in a lifecycle state, with a segment and a rep; returns the internal id. */
  long customer(String id, String state) {
    return store
        .jdbi()
        .withHandle(
            h -> {
              long c =
                  h.createQuery(
                          "INSERT INTO customers (external_id, name, segment, owner_rep) VALUES"
                              + " (?, 'Secret Name', 'contractors', 'maria') RETURNING id")
                      .bind(0, id)
                      .mapTo(Long.class)
                      .one();
              h.execute(
                  "INSERT INTO lifecycle_states (customer_id, state, since) VALUES (?, ?,"
                      + " '2026-01-01')",
                  c,
                  state);
              return c;
            });
  }

  /** The customer's survey link's path. */
  String path(long customer) {
    return "/s/" + tokens.token(customer);
  }

  URI uri(String path) {
    return app.address().resolve(path);
  }

  long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  String text(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(String.class).one());
  }

  @Override
  public void close() {
    app.close();
    store.close();
  }
}
