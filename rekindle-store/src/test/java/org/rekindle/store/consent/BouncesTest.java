package org.rekindle.store.consent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.input.BounceFileReader;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog.Channel;
import org.rekindle.store.consent.ConsentLog.Source;
import org.rekindle.store.consent.Suppressions.Reason;
import org.rekindle.store.imports.CustomerImporter;

/** Bounces, complaints and unsubscribes applied on the embedded server. */
class BouncesTest {
  @TempDir Path home;
  @TempDir Path files;

  private static boolean emailConsent(Store store, String id) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select("SELECT consent_email FROM customers WHERE external_id = ?", id)
                    .mapTo(Boolean.class)
                    .one());
  }

  private static String reason(Suppressions s, String address) {
    return s.find(Channel.EMAIL, address).orElseThrow().reason();
  }

  @Test
  void apply_suppressesWhatFailedForGood_andTheCustomersOwnStopStands() throws IOException {
    Path customers = files.resolve("customers.csv");
    Files.writeString(
        customers,
        "id,email,consent_email\n"
            + "1,bob@mail.example,yes\n"
            + "2,ann@shop.example,yes\n"
            + "3,cy@corp.example,yes\n"
            + "4,eve@corp.example,yes\n"
            + "5,dee@corp.example,yes\n",
        UTF_8);
    Path bounces = files.resolve("bounces.csv");
    Files.writeString(
        bounces,
        "email,type,date,reason\n"
            + "Bob@Mail.Example,hard,2024-05-01T10:00:00Z,550 5.1.1 user unknown\n"
            + "ann@shop.example,complaint,2024-05-01T11:00:00Z,\n"
            + "cy@corp.example,unsubscribe,2024-05-01T12:00:00Z,\n"
            + "ghost@nowhere.example,hard,2024-05-01T12:00:00Z,550 no such user\n"
            + "dee@corp.example,soft,2024-05-01T12:00:00Z,452 mailbox full\n"
            + "not-an-address,hard,2024-05-01T12:00:00Z,\n"
            + "eve@corp.example,hard,2024-05-01T12:00:00Z,\n"
            + "eve@corp.example,spam,2024-05-02T08:00:00Z,\n"
            + "bob@mail.example,hard,2024-05-02T10:00:00Z,550 5.1.1 user unknown\n"
            + "fay@corp.example,hard,2024-05-02T10:00:00Z,\n",
        UTF_8);
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      new CustomerImporter(store, CustomerFileReader.builder(), 0.01).importFile(customers);
      Suppressions s = new Suppressions(store.jdbi());
      // staff marked fay before the bounce came in: that suppression is kept as it is
      s.suppress(
          Channel.EMAIL, "fay@corp.example", Reason.DO_NOT_CONTACT, Source.STAFF, "maria", "");
      BounceFile file = BounceFileReader.builder().build().read(bounces);

      Bounces.Result r = new Bounces(store).apply(file, "tom");

      // the bad row is rejected with its line; the rest apply
      assertThat(file.rejected())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.origin().number()).isEqualTo(7);
                assertThat(x.reason()).contains("'not-an-address' is not an email address");
              });
      assertThat(r.read()).isEqualTo(10);
      assertThat(r.rejected()).isEqualTo(1);
      assertThat(r.hard()).isEqualTo(5);
      assertThat(r.complaints()).isEqualTo(2);
      assertThat(r.unsubscribes()).isEqualTo(1);
      assertThat(r.soft()).isEqualTo(1);
      assertThat(r.suppressed())
          .isEqualTo(Map.of(Reason.BOUNCED, 2, Reason.COMPLAINED, 2, Reason.UNSUBSCRIBED, 1));
      assertThat(r.suppressedNew()).isEqualTo(5);
      assertThat(r.alreadySuppressed()).isEqualTo(1);
      assertThat(r.consentWithdrawn()).isEqualTo(3);
      assertThat(r.unmatched()).containsExactly("fay@corp.example", "ghost@nowhere.example");

      Suppressions.Suppression bob = s.find(Channel.EMAIL, "bob@mail.example").orElseThrow();
      assertThat(bob.reason()).isEqualTo("bounced");
      assertThat(bob.source()).isEqualTo("bounce");
      assertThat(bob.actor()).isEqualTo("tom");
      assertThat(bob.note())
          .contains(
              "hard bounce ("
                  + bounces
                  + " line 2) on 2024-05-01T10:00:00Z: 550 5.1.1 user unknown");
      assertThat(s.find(Channel.EMAIL, "ann@shop.example").orElseThrow().source())
          .isEqualTo("complaint");
      assertThat(reason(s, "cy@corp.example")).isEqualTo("unsubscribed");
      assertThat(reason(s, "ghost@nowhere.example")).isEqualTo("bounced");
      // the complaint stands over the bounce the file reported first
      assertThat(reason(s, "eve@corp.example")).isEqualTo("complained");
      assertThat(reason(s, "fay@corp.example")).isEqualTo("do_not_contact");
      // a soft bounce suppresses nothing
      assertThat(s.find(Channel.EMAIL, "dee@corp.example")).isEmpty();

      // a bounce leaves consent alone; a complaint or an unsubscribe is the customer's own stop
      assertThat(emailConsent(store, "1")).isTrue();
      assertThat(emailConsent(store, "2")).isFalse();
      assertThat(emailConsent(store, "3")).isFalse();
      assertThat(emailConsent(store, "4")).isFalse();
      assertThat(emailConsent(store, "5")).isTrue();
      assertThat(ConsentLog.history(store, "2").get(ConsentLog.history(store, "2").size() - 1))
          .satisfies(
              e -> {
                assertThat(e.channel()).isEqualTo("email");
                assertThat(e.granted()).isFalse();
                assertThat(e.source()).isEqualTo("complaint");
                assertThat(e.actor()).isEqualTo("tom");
              });
      assertThat(
              ConsentLog.history(store, "3")
                  .get(ConsentLog.history(store, "3").size() - 1)
                  .source())
          .isEqualTo("customer");

      // the same file again changes nothing, and says so
      int annHistory = ConsentLog.history(store, "2").size();
      Bounces.Result again = new Bounces(store).apply(file, "tom");
      assertThat(again.suppressed()).isEmpty();
      assertThat(again.alreadySuppressed()).isEqualTo(6);
      assertThat(again.consentWithdrawn()).isZero();
      assertThat(again.soft()).isEqualTo(1);
      assertThat(ConsentLog.history(store, "2")).hasSize(annHistory);
      assertThat(s.standing(100)).hasSize(6);

      // staff can lift a bounce once the address is fixed, never a complaint, nor turn its
      // consent back on
      assertThat(s.lift(Channel.EMAIL, "bob@mail.example", Source.STAFF, "maria", "new address"))
          .extracting(Suppressions.Suppression::reason)
          .isEqualTo("bounced");
      assertThatThrownBy(
              () -> s.lift(Channel.EMAIL, "ann@shop.example", Source.STAFF, "maria", "a mistake"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("only they can lift it");
      assertThatThrownBy(
              () -> ConsentLog.change(store, "2", Channel.EMAIL, true, Source.STAFF, "maria", ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("only they can opt in again");
    }
  }

  @Test
  void apply_onlySoftBounces_changesNothing() throws IOException {
    Path bounces = files.resolve("soft.csv");
    Files.writeString(
        bounces, "email,status\nbob@mail.example,4.2.2\nbob@mail.example,4.4.1\n", UTF_8);
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      Bounces.Result r =
          new Bounces(store).apply(BounceFileReader.builder().build().read(bounces), "tom");
      assertThat(r.soft()).isEqualTo(2);
      assertThat(r.suppressedNew()).isZero();
      assertThat(r.alreadySuppressed()).isZero();
      assertThat(r.unmatched()).isEmpty();
      assertThat(new Suppressions(store.jdbi()).standing(10)).isEmpty();
    }
  }
}
