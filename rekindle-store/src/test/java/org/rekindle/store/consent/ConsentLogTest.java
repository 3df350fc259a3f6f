package org.rekindle.store.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog.Channel;
import org.rekindle.store.consent.ConsentLog.Source;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.OrderImporter;

/** Consent on the embedded server: logged whoever changes it, and a customer's stop stands. */
class ConsentLogTest {
  private static final Path EXAMPLE =
      Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();

  @TempDir Path home;

  private static ImportResult importCustomers(Store store) {
    return new CustomerImporter(store, CustomerFileReader.builder(), 0.01)
        .importFile(EXAMPLE.resolve("cdnow_customers_example.csv"));
  }

  private static boolean emailConsent(Store store, String id) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select("SELECT consent_email FROM customers WHERE external_id = ?", id)
                    .mapTo(Boolean.class)
                    .one());
  }

  private static List<String> emailHistory(Store store, String id) {
    return ConsentLog.history(store, id).stream()
        .filter(e -> e.channel().equals("email"))
        .map(e -> e.granted() + " " + e.source() + " " + e.actor())
        .toList();
  }

  @Test
  void aCustomersStop_standsAgainstStaffImportsAndSql_untilTheCustomerOptsIn() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      // orders first: minimal records, whose default consents nobody chose, are not logged
      new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {})
          .importFile(EXAMPLE.resolve("cdnow_sample.csv"));
      assertThat(ConsentLog.history(store, "1")).isEmpty();

      importCustomers(store);
      assertThat(emailConsent(store, "1")).isTrue();
      assertThat(ConsentLog.history(store, "1"))
          .hasSize(4)
          .allSatisfy(
              e -> {
                assertThat(e.source()).isEqualTo("import");
                assertThat(e.actor()).isEqualTo("import batch 2 (cdnow_customers_example.csv)");
              });

      // the customer clicks unsubscribe
      assertThat(
              ConsentLog.change(
                  store, "1", Channel.EMAIL, false, Source.CUSTOMER, "unsubscribe link", ""))
          .isTrue();
      assertThat(emailConsent(store, "1")).isFalse();

      // staff cannot take it back
      assertThatThrownBy(
              () ->
                  ConsentLog.change(
                      store, "1", Channel.EMAIL, true, Source.STAFF, "maria", "they called"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("said stop to email themselves")
          .hasMessageContaining("only they can opt in again");
      // nor can the same customers file again, which now changes nothing at all
      ImportResult again = importCustomers(store);
      assertThat(again.updated()).isZero();
      assertThat(again.unchanged()).isEqualTo(5);
      assertThat(emailConsent(store, "1")).isFalse();
      // nor can someone with SQL
      store
          .jdbi()
          .useHandle(
              h -> h.execute("UPDATE customers SET consent_email = true WHERE external_id = '1'"));
      assertThat(emailConsent(store, "1")).isFalse();
      // other channels and other customers are not affected
      assertThat(ConsentLog.change(store, "1", Channel.SMS, true, Source.STAFF, "maria", ""))
          .isTrue();

      // the customer opts in again: that they may
      assertThat(
              ConsentLog.change(
                  store, "1", Channel.EMAIL, true, Source.CUSTOMER, "preference page", "back"))
          .isTrue();
      assertThat(emailConsent(store, "1")).isTrue();
      assertThat(emailHistory(store, "1"))
          .containsExactly(
              "true import import batch 2 (cdnow_customers_example.csv)",
              "false customer unsubscribe link",
              "true customer preference page");
      // staff may withdraw consent, and that does not lock the customer's own choice
      assertThat(ConsentLog.change(store, "1", Channel.EMAIL, false, Source.STAFF, "maria", ""))
          .isTrue();
      assertThat(ConsentLog.change(store, "1", Channel.EMAIL, true, Source.STAFF, "maria", ""))
          .isTrue();
      // unchanged is no event
      assertThat(ConsentLog.change(store, "1", Channel.EMAIL, true, Source.STAFF, "maria", ""))
          .isFalse();
      assertThatThrownBy(
              () -> ConsentLog.change(store, "nope", Channel.EMAIL, true, Source.STAFF, "m", ""))
          .hasMessageContaining("no customer with id 'nope'");
    }
  }

  @Test
  void theLog_isAppendOnly() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importCustomers(store);
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(h -> h.execute("UPDATE consent_events SET granted = true")))
          .isInstanceOf(UnableToExecuteStatementException.class)
          .hasMessageContaining("consent_events is append-only");
      assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute("DELETE FROM consent_events")))
          .hasMessageContaining("append-only");
      long events =
          store
              .jdbi()
              .withHandle(
                  h -> h.select("SELECT count(*) FROM consent_events").mapTo(Long.class).one());
      assertThat(events).isEqualTo(20);
    }
  }
}
