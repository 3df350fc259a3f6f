package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rekindle.store.run.RunFixtures.CDNOW;
import static org.rekindle.store.run.RunFixtures.importOrders;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.StoredOffer;

/** The daily run redeems the offers orders used and expires the rest. */
class RunOffersTest {
  @TempDir Path home;
  @TempDir Path dir;

  @Test
  void run_redeemsByCodeAndWindow_andExpiresTheRest() throws IOException {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
      Offers offers =
          new Offers(
              store.jdbi(), Clock.fixed(Instant.parse("1997-10-01T09:00:00Z"), ZoneOffset.UTC));
      Offer tenOff = Offer.amount(new BigDecimal("10"), "USD", Optional.empty());
      StoredOffer used = offers.issue("1", tenOff, Instant.parse("1997-10-31T00:00:00Z"));
      StoredOffer unused = offers.issue("2", tenOff, Instant.parse("1997-10-20T00:00:00Z"));
      StoredOffer later = offers.issue("3", tenOff, Instant.parse("1997-12-31T00:00:00Z"));
      Path file = dir.resolve("coded.csv");
      Files.write(
          file,
          List.of(
              "customer_id,order_id,date,amount,offer_code",
              // typed by a cashier: lower case and spaces
              "1,coded-1,1997-10-10,"
                  + "42.50,"
                  + used.code().grouped().toLowerCase().replace('-', ' ')));
      importOrders(store, file);

      DailyRun.Outcome o =
          DailyRun.run(store, LocalDate.of(1997, 10, 25), DailyRun.Options.defaults(), s -> {});
      assertThat(o.offers()).isEqualTo(new DailyRun.OfferCounts(1, 0, 1));
      assertThat(offers.find(used.code().grouped()).orElseThrow().status())
          .isEqualTo(StoredOffer.Status.REDEEMED);
      assertThat(offers.find(used.code().grouped()).orElseThrow().cost())
          .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("10"));
      assertThat(offers.find(unused.code().grouped()).orElseThrow().status())
          .isEqualTo(StoredOffer.Status.EXPIRED);
      assertThat(offers.find(later.code().grouped()).orElseThrow().status())
          .isEqualTo(StoredOffer.Status.ISSUED);
    }
  }
}
