package org.rekindle.store.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferCode;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.offer.Redemption.Outcome;

/**
 * Offers issued and expiring at random times, then random attempts in a random order: at the till
 * and with stored orders (an order used again now and then), by the owner or another customer, in
 * the offer's currency or another, just before, at and after the expiry, mixed with the daily
 * expiry and withdrawals. Every attempt's outcome is the one a direct reading of the rules gives: a
 * code is honoured only when it is issued (not used, withdrawn or marked expired), the attempt is
 * before its expiry, by its customer, in its currency, with an order that redeemed nothing yet; so
 * no code is ever honoured twice, and none at or after its expiry.
 */
class OffersPropertyTest {
  static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

  static Path home;
  static Store store;

  @BeforeContainer
  static void open() throws IOException {
    home = Files.createTempDirectory("offers-properties");
    store = Store.open(StoreSettings.embedded(home), notice -> {});
  }

  @AfterContainer
  static void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * An offer to issue.
   *
   * @param owner 0 for customer a, 1 for b
   * @param amount an amount off in USD, else a percentage
   * @param issued minutes after {@code BASE}
   * @param life minutes from issue to expiry
   */
  record Issue(int owner, boolean amount, int issued, int life) {}

  /**
   * Something that happens to the offers.
   *
   * @param kind 0 at the till, 1 with a stored order, 2 the daily expiry, 3 a withdrawal
   * @param offer which offer (modulo their number); -1 a code nobody issued
   * @param customer who buys: 0 a, 1 b
   * @param euro whether the order is in EUR
   * @param order for kind 1, a new order (-1) or an earlier one of this history
   * @param at when, as seconds from the offer's expiry
   */
  record Event(int kind, int offer, int customer, boolean euro, int order, int at) {}

  @Provide
  Arbitrary<List<Issue>> issues() {
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.just(1))),
            Arbitraries.of(false, true),
            Arbitraries.integers().between(0, 60 * 24 * 3),
            Arbitraries.integers().between(1, 60 * 24 * 10))
        .as(Issue::new)
        .list()
        .ofMinSize(2)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Event>> events() {
    // most attempts near the expiry, some exactly at it or a second either side
    Arbitrary<Integer> at =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of(-1, 0, 1)),
            Tuple.of(5, Arbitraries.integers().between(-3 * 86_400, 86_400)));
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(8, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.just(2)),
                Tuple.of(1, Arbitraries.just(3))),
            Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)),
                Tuple.of(12, Arbitraries.integers().between(0, 3))),
            Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0)), Tuple.of(1, Arbitraries.just(1))),
            Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.integers().between(0, 5))),
            at)
        .as(Event::new)
        .list()
        .ofMinSize(4)
        .ofMaxSize(16);
  }

  /** An offer as the rules see it, beside the store. */
  static final class Model {
    final String code;
    final int owner;
    final boolean amount;
    final Instant expires;
    StoredOffer.Status status = StoredOffer.Status.ISSUED;
    Optional<Instant> redeemedAt = Optional.empty();
    int redemptions;

    Model(String code, int owner, boolean amount, Instant expires) {
      this.code = code;
      this.owner = owner;
      this.amount = amount;
      this.expires = expires;
    }
  }

  private static String customer(int who) {
    return who == 0 ? "a" : "b";
  }

  @Property(tries = 60)
  void redeem_honoursACodeOnceAndOnlyBeforeItsExpiry(
      @ForAll("issues") List<Issue> issues,
      @ForAll("events") List<Event> events,
      @ForAll long seed) {
    store
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "TRUNCATE offers, orders, customers, import_rejects, import_batches"
                      + " RESTART IDENTITY CASCADE");
              h.execute("INSERT INTO customers (external_id) VALUES ('a'), ('b')");
            });
    Random random = new Random(seed);
    List<Model> models = new ArrayList<>();
    for (Issue i : issues) {
      Instant issued = BASE.plus(Duration.ofMinutes(i.issued()));
      Instant expires = issued.plus(Duration.ofMinutes(i.life()));
      Offers at = new Offers(store.jdbi(), Clock.fixed(issued, ZoneOffset.UTC), random);
      Offer terms =
          i.amount()
              ? Offer.amount(new BigDecimal("5"), "USD", Optional.empty())
              : Offer.percent(new BigDecimal("10"), Optional.empty());
      StoredOffer made = at.issue(customer(i.owner()), terms, expires);
      models.add(new Model(made.code().symbols(), i.owner(), i.amount(), expires));
    }
    Offers offers = new Offers(store.jdbi(), Clock.systemUTC(), random);
    String unknown = OfferCode.generate(new Random(seed + 1)).grouped();
    List<String> orders = new ArrayList<>();
    List<Integer> orderOwners = new ArrayList<>();
    List<Boolean> orderEuro = new ArrayList<>();
    List<Boolean> orderUsed = new ArrayList<>();

    for (Event e : events) {
      Model m = e.offer() < 0 ? null : models.get(e.offer() % models.size());
      Instant at = (m == null ? BASE : m.expires).plusSeconds(e.at());
      if (e.kind() == 2) {
        offers.expire(at);
        for (Model x : models) {
          if (x.status == StoredOffer.Status.ISSUED && !x.expires.isAfter(at)) {
            x.status = StoredOffer.Status.EXPIRED;
          }
        }
        continue;
      }
      if (e.kind() == 3) {
        offers.withdraw(m == null ? unknown : m.code);
        if (m != null
            && (m.status == StoredOffer.Status.ISSUED || m.status == StoredOffer.Status.EXPIRED)) {
          m.status = StoredOffer.Status.VOID;
        }
        continue;
      }
      String typed = m == null ? unknown : m.code;
      int buyer = e.customer();
      boolean euro = e.euro();
      int order = -1;
      Redemption r;
      if (e.kind() == 1) {
        if (e.order() >= 0 && e.order() < orders.size()) {
          order = e.order();
          buyer = orderOwners.get(order);
          euro = orderEuro.get(order);
        } else {
          order = orders.size();
          String id = "o" + order;
          int owner = buyer;
          boolean inEuro = euro;
          store
              .jdbi()
              .useHandle(
                  h ->
                      h.execute(
                          "INSERT INTO orders (external_id, customer_id, ordered_at, order_date,"
                              + " amount, currency) SELECT ?, id, ?, ?, 40, ? FROM customers"
                              + " WHERE external_id = ?",
                          id,
                          at.atOffset(ZoneOffset.UTC),
                          LocalDate.ofInstant(at, ZoneOffset.UTC),
                          inEuro ? "EUR" : "USD",
                          customer(owner)));
          orders.add(id);
          orderOwners.add(buyer);
          orderEuro.add(euro);
          orderUsed.add(false);
        }
        r = offers.redeemOrder(typed, orders.get(order), at);
      } else {
        r = offers.redeem(typed, customer(buyer), new BigDecimal("40"), euro ? "EUR" : "USD", at);
      }

      Outcome expected;
      if (m == null) {
        expected = Outcome.UNKNOWN_CODE;
      } else if (m.status == StoredOffer.Status.REDEEMED) {
        expected = Outcome.ALREADY_USED;
      } else if (m.status == StoredOffer.Status.VOID) {
        expected = Outcome.VOID;
      } else if (m.status == StoredOffer.Status.EXPIRED || !m.expires.isAfter(at)) {
        expected = Outcome.EXPIRED;
      } else if (m.owner != buyer) {
        expected = Outcome.WRONG_CUSTOMER;
      } else if (m.amount && euro) {
        expected = Outcome.WRONG_CURRENCY;
      } else if (order >= 0 && orderUsed.get(order)) {
        expected = Outcome.ORDER_ALREADY_USED;
      } else {
        expected = Outcome.REDEEMED;
      }
      assertThat(r.outcome())
          .as("%s at %s (expires %s)", e, at, m == null ? "-" : m.expires)
          .isEqualTo(expected);
      Statistics.label("outcome").collect(expected);
      if (expected == Outcome.REDEEMED) {
        m.status = StoredOffer.Status.REDEEMED;
        m.redeemedAt = Optional.of(at);
        m.redemptions++;
        if (order >= 0) {
          orderUsed.set(order, true);
        }
        assertThat(r.offer().orElseThrow().redeemedAt()).contains(at);
      }
    }

    for (Model m : models) {
      StoredOffer stored = offers.find(m.code).orElseThrow();
      assertThat(stored.status()).as("offer %s", m.code).isEqualTo(m.status);
      assertThat(stored.redeemedAt()).isEqualTo(m.redeemedAt);
      assertThat(m.redemptions).isLessThanOrEqualTo(1);
      if (stored.redeemedAt().isPresent()) {
        assertThat(stored.redeemedAt().get()).isBefore(stored.expiresAt());
      }
    }
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check(Outcome.REDEEMED).percentage(p -> p > 5);
              coverage.check(Outcome.EXPIRED).percentage(p -> p > 5);
              coverage.check(Outcome.ALREADY_USED).percentage(p -> p > 2);
            });
  }
}
