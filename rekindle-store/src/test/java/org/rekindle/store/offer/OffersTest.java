package org.rekindle.store.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.query.UnknownCustomerException;

/** Offers on a real PostgreSQL: issue, redeem exactly once, never an expired or used code. */
class OffersTest {
  static final Instant ISSUED = Instant.parse("2024-03-01T09:00:00Z");
  static final Instant EXPIRES = Instant.parse("2024-04-01T00:00:00Z");

  @TempDir static Path home;
  static Store store;
  @TempDir Path dir;
  Offers offers;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @BeforeEach
  void empty() throws IOException {
    store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "TRUNCATE offers, orders, customers, import_rejects, import_batches"
                        + " RESTART IDENTITY CASCADE"));
    offers = new Offers(store.jdbi(), Clock.fixed(ISSUED, ZoneOffset.UTC));
    // the customers, with an order each before any offer
    importOrders(
        "customer,order_id,date,amount,offer_code", "a,a0,2024-01-10,50,", "b,b0,2024-01-11,60,");
  }

  private void importOrders(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "orders", ".csv");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    new OrderImporter(store, OrderFileReader.builder(), 0.0, "USD", s -> {}).importFile(file);
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static Offer tenPercent() {
    return Offer.percent(d("10"), Optional.empty());
  }

  private static long count(String sql, Object... args) {
    return store.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
  }

  /** The way a cashier might type a code: lower case, spaces for dashes, U for V. */
  private static String sloppy(OfferCode code) {
    return "  " + code.grouped().toLowerCase(Locale.ROOT).replace('-', ' ').replace('v', 'u') + " ";
  }

  @Test
  void issue_storesTheTermsWithAFreshCode() {
    StoredOffer f =
        offers.issue(
            "a",
            Offer.freeService("free delivery", d("35"), "USD"),
            EXPIRES,
            new Offers.IssueOptions(true, Optional.of("win-back"), Optional.of("2")));
    assertThat(f.customerId()).isEqualTo("a");
    assertThat(f.status()).isEqualTo(StoredOffer.Status.ISSUED);
    assertThat(f.issuedAt()).isEqualTo(ISSUED);
    assertThat(f.expiresAt()).isEqualTo(EXPIRES);
    assertThat(f.terms()).isEqualTo(Offer.freeService("free delivery", d("35.0000"), "USD"));
    assertThat(f.anyOrderInWindow()).isTrue();
    assertThat(f.playbook()).contains("win-back");
    assertThat(f.step()).contains("2");
    assertThat(f.redeemedAt()).isEmpty();
    assertThat(f.cost()).isEmpty();
    assertThat(offers.find(f.code().grouped())).contains(f);
    StoredOffer g = offers.issue("a", tenPercent(), EXPIRES);
    assertThat(g.code()).isNotEqualTo(f.code());
    assertThat(offers.list(Optional.of("a"), Optional.empty(), 10)).containsExactly(g, f);
    assertThat(offers.list(Optional.of("b"), Optional.empty(), 10)).isEmpty();
  }

  @Test
  void issue_refusesAnUnknownCustomerAndAnExpiryBeforeNow() {
    assertThatThrownBy(() -> offers.issue("nobody", tenPercent(), EXPIRES))
        .isInstanceOf(UnknownCustomerException.class);
    assertThatThrownBy(() -> offers.issue("a", tenPercent(), ISSUED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must expire after it is issued");
    assertThat(count("SELECT count(*) FROM offers")).isZero();
  }

  @Test
  void issue_aTakenCode_drawsAgain() {
    java.util.Random seeded = new java.util.Random(7);
    OfferCode first = OfferCode.generate(new java.util.Random(7));
    OfferCode second;
    {
      java.util.Random r = new java.util.Random(7);
      OfferCode.generate(r);
      second = OfferCode.generate(r);
    }
    Offers drawing = new Offers(store.jdbi(), Clock.fixed(ISSUED, ZoneOffset.UTC), seeded);
    assertThat(drawing.issue("a", tenPercent(), EXPIRES).code()).isEqualTo(first);
    Offers again =
        new Offers(store.jdbi(), Clock.fixed(ISSUED, ZoneOffset.UTC), new java.util.Random(7));
    // the first draw is taken: the second is stored
    assertThat(again.issue("b", tenPercent(), EXPIRES).code()).isEqualTo(second);
  }

  @Test
  void batch_handsOutIdsAndUnusedCodesAtOnce_andWritesThemTogether() {
    // the first code the batch draws is taken already: it is never handed out
    StoredOffer taken =
        new Offers(store.jdbi(), Clock.fixed(ISSUED, ZoneOffset.UTC), new java.util.Random(7))
            .issue("a", tenPercent(), EXPIRES);
    Offers seeded =
        new Offers(store.jdbi(), Clock.fixed(ISSUED, ZoneOffset.UTC), new java.util.Random(7));
    long a = customerId("a");

    List<Offers.Issued> issued =
        store
            .jdbi()
            .inTransaction(
                h -> {
                  Offers.Batch batch = seeded.batch(h);
                  List<Offers.Issued> made = new ArrayList<>();
                  for (int i = 0; i < 40; i++) {
                    made.add(
                        batch.add(
                            a,
                            Offer.amount(d("5"), "USD", Optional.empty()),
                            ISSUED,
                            EXPIRES,
                            new Offers.IssueOptions(
                                false, Optional.of("win-back"), Optional.of("0")),
                            Optional.of(d("5"))));
                  }
                  batch.write();
                  return made;
                });

    assertThat(issued).extracting(Offers.Issued::id).doesNotHaveDuplicates();
    assertThat(issued)
        .extracting(Offers.Issued::code)
        .doesNotHaveDuplicates()
        .doesNotContain(taken.code());
    for (Offers.Issued made : issued) {
      StoredOffer stored = offers.find(made.code().symbols()).orElseThrow();
      assertThat(stored.id()).isEqualTo(made.id());
      assertThat(stored.customerId()).isEqualTo("a");
      assertThat(stored.terms().describe())
          .isEqualTo(Offer.amount(d("5"), "USD", Optional.empty()).describe());
      assertThat(stored.issuedAt()).isEqualTo(ISSUED);
      assertThat(stored.expiresAt()).isEqualTo(EXPIRES);
      assertThat(stored.playbook()).contains("win-back");
      assertThat(stored.status()).isEqualTo(StoredOffer.Status.ISSUED);
    }
  }

  @Test
  void batch_aCodeIssuedElsewhereMeanwhile_failsTheWholeBatch() {
    long a = customerId("a");
    assertThatThrownBy(
            () ->
                store
                    .jdbi()
                    .useTransaction(
                        h -> {
                          Offers.Batch batch =
                              new Offers(
                                      store.jdbi(),
                                      Clock.fixed(ISSUED, ZoneOffset.UTC),
                                      new java.util.Random(11))
                                  .batch(h);
                          batch.add(
                              a,
                              tenPercent(),
                              ISSUED,
                              EXPIRES,
                              Offers.IssueOptions.CODE_ONLY,
                              Optional.empty());
                          // another process issues the same code before the batch is written
                          new Offers(
                                  store.jdbi(),
                                  Clock.fixed(ISSUED, ZoneOffset.UTC),
                                  new java.util.Random(11))
                              .issue("b", tenPercent(), EXPIRES);
                          batch.write();
                        }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("issued elsewhere at the same moment");
    assertThat(offers.list(Optional.of("a"), Optional.empty(), 10)).isEmpty();
  }

  private static long customerId(String externalId) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.select("SELECT id FROM customers WHERE external_id = ?", externalId)
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void redeem_hundredSimultaneousAttempts_redeemExactlyOnce() throws Exception {
    int threads = 100;
    for (int round = 0; round < 5; round++) {
      StoredOffer f = offers.issue("a", Offer.amount(d("20"), "USD", Optional.empty()), EXPIRES);
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Redemption>> results = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          results.add(
              pool.submit(
                  () -> {
                    // a connection of its own, opened before the start
                    try (Connection c = store.dataSource().getConnection()) {
                      Offers mine = new Offers(Jdbi.create(c), Clock.systemUTC());
                      ready.countDown();
                      start.await();
                      return mine.redeem(
                          f.code().grouped(),
                          "a",
                          d("100"),
                          "USD",
                          Instant.parse("2024-03-10T12:00:00Z"));
                    }
                  }));
        }
        assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<Redemption.Outcome> outcomes = new ArrayList<>();
        for (Future<Redemption> r : results) {
          outcomes.add(r.get(60, TimeUnit.SECONDS).outcome());
        }
        assertThat(outcomes).filteredOn(o -> o == Redemption.Outcome.REDEEMED).hasSize(1);
        assertThat(outcomes)
            .filteredOn(o -> o == Redemption.Outcome.ALREADY_USED)
            .hasSize(threads - 1);
      } finally {
        pool.shutdownNow();
      }
      StoredOffer after = offers.find(f.code().symbols()).orElseThrow();
      assertThat(after.status()).isEqualTo(StoredOffer.Status.REDEEMED);
      assertThat(after.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("20"));
    }
    assertThat(count("SELECT count(*) FROM offers WHERE status = 'redeemed'")).isEqualTo(5);
  }

  @Test
  void redeem_usedCode_isNeverHonouredAgainAndSaysWhen() {
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    Instant at = Instant.parse("2024-03-05T10:00:00Z");
    Redemption first = offers.redeem(sloppy(f.code()), "a", d("80"), "USD", at);
    assertThat(first.outcome()).isEqualTo(Redemption.Outcome.REDEEMED);
    assertThat(first.offer().orElseThrow().redeemedAt()).contains(at);
    assertThat(first.message()).contains("redeemed", "10% off", "cost 8.00 USD");
    Redemption second = offers.redeem(f.code().grouped(), "a", d("80"), "USD", at.plusSeconds(60));
    assertThat(second.outcome()).isEqualTo(Redemption.Outcome.ALREADY_USED);
    assertThat(second.offer().orElseThrow().redeemedAt()).contains(at);
    assertThat(second.message()).contains("already used at 2024-03-05T10:00:00Z");
    assertThat(offers.find(f.code().grouped()).orElseThrow().cost())
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("8"));
  }

  @Test
  void redeem_expiredCode_isNeverHonoured() {
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    String code = f.code().grouped();
    assertThat(offers.redeem(code, "a", d("10"), "USD", EXPIRES).outcome())
        .isEqualTo(Redemption.Outcome.EXPIRED);
    assertThat(offers.redeem(code, "a", d("10"), "USD", EXPIRES.plusSeconds(1)).outcome())
        .isEqualTo(Redemption.Outcome.EXPIRED);
    assertThat(offers.expire(EXPIRES.minusSeconds(1))).isZero();
    assertThat(offers.expire(EXPIRES)).isOne();
    assertThat(offers.find(code).orElseThrow().status()).isEqualTo(StoredOffer.Status.EXPIRED);
    // marked expired: not honoured even at a moment before the expiry
    assertThat(offers.redeem(code, "a", d("10"), "USD", ISSUED.plusSeconds(60)).outcome())
        .isEqualTo(Redemption.Outcome.EXPIRED);
    assertThat(count("SELECT count(*) FROM offers WHERE status = 'redeemed'")).isZero();
  }

  @Test
  void redeem_unknownMalformedWithdrawnOrAnotherCustomersCode_isRefused() {
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    Instant at = ISSUED.plusSeconds(3600);
    Redemption unknown = offers.redeem("2222-2222-22222", "a", d("10"), "USD", at);
    assertThat(unknown.outcome()).isEqualTo(Redemption.Outcome.UNKNOWN_CODE);
    assertThat(unknown.offer()).isEmpty();
    assertThat(unknown.message()).contains("not a code Rekindle issued");
    assertThat(offers.redeem("SUMMER10", "a", d("10"), "USD", at).outcome())
        .isEqualTo(Redemption.Outcome.UNKNOWN_CODE);
    assertThat(offers.redeem(f.code().grouped(), "b", d("10"), "USD", at).outcome())
        .isEqualTo(Redemption.Outcome.WRONG_CUSTOMER);
    assertThatThrownBy(() -> offers.redeem(f.code().grouped(), "zz", d("10"), "USD", at))
        .isInstanceOf(UnknownCustomerException.class);
    assertThatThrownBy(() -> offers.redeem(f.code().grouped(), "a", d("-10"), "USD", at))
        .hasMessageContaining("more than 0");
    assertThat(offers.withdraw(f.code().grouped()).orElseThrow().status())
        .isEqualTo(StoredOffer.Status.VOID);
    assertThat(offers.redeem(f.code().grouped(), "a", d("10"), "USD", at).outcome())
        .isEqualTo(Redemption.Outcome.VOID);
    assertThat(count("SELECT count(*) FROM offers WHERE status = 'redeemed'")).isZero();
  }

  @Test
  void redeem_costOfEachKind_isTheCoreRule() {
    Instant at = ISSUED.plusSeconds(3600);
    Offer[] terms = {
      Offer.percent(d("12.5"), Optional.empty()),
      Offer.amount(d("20"), "USD", Optional.empty()),
      Offer.freeService("free inspection", d("45.50"), "USD")
    };
    String[][] orders = {{"123.4567", "8"}, {"200", "12.34"}, {"1", "9999"}};
    for (Offer t : terms) {
      for (String[] pair : orders) {
        for (String amount : pair) {
          StoredOffer f = offers.issue("a", t, EXPIRES);
          Redemption r = offers.redeem(f.code().grouped(), "a", d(amount), "USD", at);
          assertThat(r.redeemed()).isTrue();
          assertThat(r.offer().orElseThrow().cost())
              .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo(t.costOn(d(amount))));
          assertThat(r.offer().orElseThrow().costCurrency()).contains("USD");
        }
      }
    }
    // 12.5% of 123.4567 = 15.4320875, rounded half up to 15.4321; 20 off 12.34 costs 12.34
    assertThat(count("SELECT count(*) FROM offers WHERE cost = 15.4321")).isOne();
    assertThat(count("SELECT count(*) FROM offers WHERE kind = 'amount' AND cost = 12.34")).isOne();
    assertThat(count("SELECT count(*) FROM offers WHERE kind = 'free_service' AND cost = 45.5"))
        .isEqualTo(6);
  }

  @Test
  void redeem_amountInAnotherCurrency_isRefused() {
    StoredOffer f = offers.issue("a", Offer.amount(d("20"), "EUR", Optional.empty()), EXPIRES);
    assertThat(
            offers
                .redeem(f.code().grouped(), "a", d("100"), "USD", ISSUED.plusSeconds(1))
                .outcome())
        .isEqualTo(Redemption.Outcome.WRONG_CURRENCY);
  }

  @Test
  void redeemOrder_keepsTheOrder_whichRedeemsNoOtherOffer() throws IOException {
    importOrders("customer,order_id,date,amount", "a,a1,2024-03-02,40");
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    StoredOffer g = offers.issue("a", tenPercent(), EXPIRES);
    Instant at = Instant.parse("2024-03-02T15:00:00Z");
    Redemption r = offers.redeemOrder(f.code().grouped(), "a1", at);
    assertThat(r.redeemed()).isTrue();
    assertThat(r.offer().orElseThrow().redeemedOrderId()).contains("a1");
    assertThat(r.offer().orElseThrow().cost())
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("4"));
    assertThat(offers.redeemOrder(g.code().grouped(), "a1", at).outcome())
        .isEqualTo(Redemption.Outcome.ORDER_ALREADY_USED);
    assertThat(offers.redeemOrder(f.code().grouped(), "a1", at).message())
        .contains("already used", "on order a1");
    assertThat(offers.redeemOrder(g.code().grouped(), "b0", at).outcome())
        .isEqualTo(Redemption.Outcome.WRONG_CUSTOMER);
    assertThatThrownBy(() -> offers.redeemOrder(g.code().grouped(), "nope", at))
        .hasMessageContaining("no order with id 'nope'");
  }

  @Test
  void redeemFromOrders_anImportedOrderCarryingTheCodeAsTyped_redeemsIt() throws IOException {
    StoredOffer f = offers.issue("a", Offer.amount(d("20"), "USD", Optional.empty()), EXPIRES);
    StoredOffer other = offers.issue("b", tenPercent(), EXPIRES);
    StoredOffer late = offers.issue("b", tenPercent(), EXPIRES);
    importOrders(
        "customer,order_id,date,amount,offer_code",
        // the code typed at the till, lower case with spaces: redeems on the earliest order
        "a,a1,2024-03-05T10:00:00Z,150," + sloppy(f.code()),
        "a,a2,2024-03-06T10:00:00Z,150," + f.code().grouped(),
        // a's code on b's order: not b's to use
        "b,b1,2024-03-05T11:00:00Z,70," + f.code().grouped(),
        // b's code on a's order
        "a,a3,2024-03-07T10:00:00Z,70," + other.code().grouped(),
        // after the expiry
        "b,b2,2024-04-02,70," + late.code().grouped(),
        // not a code of ours
        "b,b3,2024-03-08,70,SUMMER10");
    Offers.OrderRedemptions done = offers.redeemFromOrders(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(done).isEqualTo(new Offers.OrderRedemptions(1, 0));
    StoredOffer after = offers.find(f.code().grouped()).orElseThrow();
    assertThat(after.status()).isEqualTo(StoredOffer.Status.REDEEMED);
    assertThat(after.redeemedOrderId()).contains("a1");
    assertThat(after.redeemedAt()).contains(Instant.parse("2024-03-05T10:00:00Z"));
    assertThat(after.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("20"));
    assertThat(offers.find(other.code().grouped()).orElseThrow().status())
        .isEqualTo(StoredOffer.Status.ISSUED);
    assertThat(offers.find(late.code().grouped()).orElseThrow().status())
        .isEqualTo(StoredOffer.Status.ISSUED);
    // again: nothing more
    assertThat(offers.redeemFromOrders(Instant.parse("2024-05-01T00:00:00Z")).total()).isZero();
    assertThat(offers.expire(Instant.parse("2024-05-01T00:00:00Z"))).isEqualTo(2);
  }

  @Test
  void redeemFromOrders_anOrderPlacedBeforeTheExpiryButImportedLate_stillRedeems()
      throws IOException {
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    assertThat(offers.expire(EXPIRES.plusSeconds(3600))).isOne();
    importOrders(
        "customer,order_id,date,amount,offer_code",
        "a,a1,2024-03-31T23:00:00Z,100," + f.code().grouped());
    assertThat(offers.redeemFromOrders(EXPIRES.plusSeconds(7200)).byCode()).isOne();
    assertThat(offers.find(f.code().grouped()).orElseThrow().status())
        .isEqualTo(StoredOffer.Status.REDEEMED);
  }

  @Test
  void redeemFromOrders_asOf_ignoresLaterOrders() throws IOException {
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    importOrders(
        "customer,order_id,date,amount,offer_code",
        "a,a1,2024-03-20T10:00:00Z,100," + f.code().grouped());
    assertThat(offers.redeemFromOrders(Instant.parse("2024-03-15T00:00:00Z")).total()).isZero();
    assertThat(offers.redeemFromOrders(Instant.parse("2024-03-21T00:00:00Z")).total()).isOne();
  }

  @Test
  void redeemFromOrders_anyOrderInWindow_takesTheFirstFreeOrderInTheWindow() throws IOException {
    Offers.IssueOptions window = new Offers.IssueOptions(true, Optional.empty(), Optional.empty());
    StoredOffer first = offers.issue("a", tenPercent(), EXPIRES, window);
    StoredOffer second =
        new Offers(store.jdbi(), Clock.fixed(ISSUED.plusSeconds(60), ZoneOffset.UTC))
            .issue("a", Offer.freeService("free delivery", d("30"), "USD"), EXPIRES, window);
    StoredOffer third =
        new Offers(store.jdbi(), Clock.fixed(ISSUED.plusSeconds(120), ZoneOffset.UTC))
            .issue("a", tenPercent(), EXPIRES.plusSeconds(86400 * 30L), window);
    StoredOffer byCode = offers.issue("a", tenPercent(), EXPIRES);
    StoredOffer codeOnly = offers.issue("b", tenPercent(), EXPIRES);
    importOrders(
        "customer,order_id,date,amount,offer_code",
        // before the issue (the day only: midnight, before 09:00)
        "a,a1,2024-03-01,100,",
        // in the window, but it carries another offer's code, which takes it
        "a,a2,2024-03-02T10:00:00Z,100," + byCode.code().grouped(),
        "a,a3,2024-03-03T10:00:00Z,100,",
        "a,a4,2024-03-04T10:00:00Z,-20,",
        "a,a5,2024-03-05T10:00:00Z,50,",
        // b's order: b's offer is redeemed only by its code
        "b,b1,2024-03-05T10:00:00Z,50,");
    Offers.OrderRedemptions done = offers.redeemFromOrders(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(done).isEqualTo(new Offers.OrderRedemptions(1, 2));
    assertThat(offers.find(byCode.code().grouped()).orElseThrow().redeemedOrderId()).contains("a2");
    StoredOffer one = offers.find(first.code().grouped()).orElseThrow();
    assertThat(one.redeemedOrderId()).contains("a3");
    assertThat(one.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("10"));
    StoredOffer two = offers.find(second.code().grouped()).orElseThrow();
    assertThat(two.redeemedOrderId()).contains("a5");
    assertThat(two.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("30"));
    // no order left for the third
    assertThat(offers.find(third.code().grouped()).orElseThrow().status())
        .isEqualTo(StoredOffer.Status.ISSUED);
    assertThat(offers.find(codeOnly.code().grouped()).orElseThrow().status())
        .isEqualTo(StoredOffer.Status.ISSUED);
    importOrders("customer,order_id,date,amount,offer_code", "a,a6,2024-04-10T10:00:00Z,10,");
    assertThat(offers.redeemFromOrders(Instant.parse("2024-05-01T00:00:00Z")).inWindow()).isOne();
    assertThat(offers.find(third.code().grouped()).orElseThrow().redeemedOrderId()).contains("a6");
  }

  @Test
  void schema_refusesAnOfferThatBreaksTheRules() {
    StoredOffer f = offers.issue("a", tenPercent(), EXPIRES);
    assertThatThrownBy(
            () ->
                store
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE offers SET status = 'redeemed' WHERE id = ?", f.id())))
        .hasMessageContaining("check constraint");
    assertThatThrownBy(
            () ->
                store
                    .jdbi()
                    .useHandle(
                        h -> h.execute("UPDATE offers SET value = 120 WHERE id = ?", f.id())))
        .hasMessageContaining("check constraint");
    assertThatThrownBy(
            () ->
                store
                    .jdbi()
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE offers SET code = 'K7QH2MXC9TRW0' WHERE id = ?", f.id())))
        .hasMessageContaining("check constraint");
  }

  @Test
  void sqlNormaliser_agreesWithTheJavaOne() {
    java.util.Random random = new java.util.Random(2024);
    String pieces = OfferCode.ALPHABET + "0O1ILUuvabcxyz -\u2013\u2212\t\u00A0_.éß";
    List<String> typed = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      OfferCode c = OfferCode.generate(random);
      StringBuilder b = new StringBuilder();
      String base = random.nextBoolean() ? c.grouped() : c.symbols();
      for (char ch : base.toCharArray()) {
        int roll = random.nextInt(20);
        if (roll == 0) {
          b.append(pieces.charAt(random.nextInt(pieces.length())));
        } else if (roll == 1) {
          continue;
        } else if (roll < 6) {
          b.append(Character.toLowerCase(ch));
        } else {
          b.append(ch);
        }
        if (random.nextInt(10) == 0) {
          b.append(random.nextBoolean() ? ' ' : '-');
        }
      }
      typed.add(b.toString());
    }
    typed.addAll(List.of("", " ", "k7qh 2mxc 9trwu", "K7QH-2MXC-9TRW0", "SUMMER10"));
    List<Optional<String>> sql =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT offer_code_normal(t) FROM unnest(CAST(:t AS text[]))"
                                + " WITH ORDINALITY AS x(t, n) ORDER BY n")
                        .bindArray("t", String.class, typed)
                        .map((rs, ctx) -> Optional.ofNullable(rs.getString(1)))
                        .list());
    long valid = 0;
    for (int i = 0; i < typed.size(); i++) {
      Optional<String> java = OfferCode.parse(typed.get(i)).map(OfferCode::symbols);
      assertThat(sql.get(i)).as("'%s'", typed.get(i)).isEqualTo(java);
      valid += java.isPresent() ? 1 : 0;
    }
    // both kinds of answer are exercised
    assertThat(valid).isBetween(500L, 4500L);
  }
}
