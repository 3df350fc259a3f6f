package org.rekindle.store.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog.Channel;

/**
 * The unsubscribe link's "stop": consent off as the customer's own word, the address suppressed.
 */
class UnsubscribesTest {
  @TempDir Path home;

  @Test
  void unsubscribe_turnsConsentOffAndSuppressesTheAddress_once() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      long ann = customer(store, "ann", " Ann@Mail.Example ");
      long bob = customer(store, "bob", null);
      Unsubscribes u = new Unsubscribes(store);

      assertThat(u.standing(ann))
          .contains(
              new Unsubscribes.Standing("ann", java.util.Optional.of(" Ann@Mail.Example "), false));
      Unsubscribes.Standing after = u.unsubscribe(ann, "one-click POST").orElseThrow();
      assertThat(after.unsubscribed()).isTrue();
      assertThat(count(store, "SELECT count(*) FROM customers WHERE consent_email")).isEqualTo(1);
      Suppressions.Suppression s =
          new Suppressions(store.jdbi()).find(Channel.EMAIL, "ann@mail.example").orElseThrow();
      assertThat(s.reason()).isEqualTo("unsubscribed");
      assertThat(s.source()).isEqualTo("customer");
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM consent_events WHERE channel = 'email' AND NOT granted"
                      + " AND source = 'customer' AND note = 'unsubscribe link: one-click POST'"))
          .isEqualTo(1);

      // a mail program posting twice, or the button after it: nothing more is written
      assertThat(u.unsubscribe(ann, "the page's button")).contains(after);
      assertThat(count(store, "SELECT count(*) FROM suppressions")).isEqualTo(1);
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM consent_events WHERE channel = 'email' AND NOT granted"
                      + " AND source = 'customer'"))
          .isEqualTo(1);

      // no address: consent off all the same, nothing to suppress
      assertThat(u.unsubscribe(bob, "one-click POST").orElseThrow().unsubscribed()).isTrue();
      assertThat(count(store, "SELECT count(*) FROM suppressions")).isEqualTo(1);
      assertThat(count(store, "SELECT count(*) FROM customers WHERE consent_email")).isZero();

      // a link whose customer is no longer on file
      assertThat(u.standing(999_999)).isEmpty();
      assertThat(u.unsubscribe(999_999, "one-click POST")).isEmpty();
    }
  }

  private static long customer(Store store, String id, String email) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO customers (external_id, email, consent_email)"
                            + " VALUES (?, ?, true) RETURNING id")
                    .bind(0, id)
                    .bind(1, email)
                    .mapTo(Long.class)
                    .one());
  }

  private static long count(Store store, String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }
}
