package org.rekindle.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.offer.Offers;

/**
 * The dashboard's customer list, one customer's activity and their P(alive) over time, read from
 * the CDNOW store after two runs.
 */
class CustomerSearchTest extends QueryTestBase {

  private static CustomerSearch.Filter filter(
      Optional<String> text,
      Optional<String> state,
      Optional<String> rep,
      Optional<String> onlyRep,
      CustomerSearch.Sort sort,
      int offset,
      int limit) {
    return new CustomerSearch.Filter(
        text, state, Optional.empty(), rep, onlyRep, sort, offset, limit);
  }

  @Test
  void find_byValueAtRisk_pagesInOrderWithoutOverlap() {
    long run = count("SELECT id FROM runs WHERE as_of = ?", AS_OF);
    CustomerSearch.Page first = CustomerSearch.find(store.jdbi(), CustomerSearch.Filter.all(25));
    CustomerSearch.Page second =
        CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                CustomerSearch.Sort.VALUE_AT_RISK,
                25,
                25));

    assertThat(first.run()).contains(new CustomerProfile.Run(run, AS_OF));
    assertThat(first.rows()).hasSize(25);
    assertThat(first.more()).isTrue();
    List<CustomerSearch.Row> both = new ArrayList<>(first.rows());
    both.addAll(second.rows());
    assertThat(both)
        .extracting(r -> r.valueAtRisk().orElse(-1.0))
        .isSortedAccordingTo(Comparator.reverseOrder());
    Set<String> ids = new HashSet<>();
    both.forEach(r -> ids.add(r.customerId()));
    assertThat(ids).hasSize(50);
    // the top of the list is the run's largest value at risk
    assertThat(first.rows().get(0).valueAtRisk().orElseThrow())
        .isEqualTo(number("SELECT max(value_at_risk) FROM scores WHERE run_id = ?", run));
  }

  @Test
  void find_aRow_carriesStateLastAndNextOrder() {
    CustomerSearch.Row ada =
        CustomerSearch.find(
                store.jdbi(),
                filter(
                    Optional.of("1"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    CustomerSearch.Sort.VALUE_AT_RISK,
                    0,
                    10))
            .rows()
            .get(0);
    // orders on 1 Jan, 18 Jan and 2 Aug 1997: last order 2 Aug, usual gap 106.5 days
    assertThat(ada.customerId()).isEqualTo("1");
    assertThat(ada.name()).contains("Ada Roofing Ltd");
    assertThat(ada.rep()).contains("Maria");
    assertThat(ada.lastOrder()).isEqualTo(LocalDate.of(1997, 8, 2));
    assertThat(ada.nextOrder()).contains(LocalDate.of(1997, 8, 2).plusDays(107));
    assertThat(ada.state())
        .isEqualTo(
            text(
                "SELECT state FROM lifecycle_states ls JOIN customers c ON c.id = ls.customer_id"
                    + " WHERE c.external_id = '1'"));
  }

  @Test
  void find_onlyRep_isTheRepsAccountsWhateverTheRepFilterSays() {
    CustomerSearch.Page maria =
        CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(" MARIA "),
                CustomerSearch.Sort.NAME,
                0,
                100));
    assertThat(maria.rows()).extracting(CustomerSearch.Row::customerId).containsExactly("1", "2");

    CustomerSearch.Page asksForTom =
        CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.empty(),
                Optional.empty(),
                Optional.of("Tom"),
                Optional.of("maria"),
                CustomerSearch.Sort.NAME,
                0,
                100));
    assertThat(asksForTom.rows()).isEmpty();

    CustomerSearch.Page tom =
        CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.empty(),
                Optional.empty(),
                Optional.of("tom"),
                Optional.empty(),
                CustomerSearch.Sort.NAME,
                0,
                100));
    assertThat(tom.rows()).extracting(CustomerSearch.Row::customerId).containsExactly("3", "4");

    // a rep without a rep name owns nothing, not everything
    CustomerSearch.Page nameless =
        CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(" "),
                CustomerSearch.Sort.VALUE_AT_RISK,
                0,
                100));
    assertThat(nameless.rows()).isEmpty();
  }

  @Test
  void find_text_matchesPartOfANameAnIdOrAnEmail() {
    assertThat(search("roof")).containsExactly("1");
    assertThat(search("PLUMB")).containsExactly("4");
    assertThat(search("Bob.Stein@mail.example")).containsExactly("2");
    assertThat(search("3")).containsExactly("3");
    // a wildcard is text, not a wildcard
    assertThat(search("%%%")).isEmpty();
    // two letters are too few for a name
    assertThat(search("Ad")).isEmpty();
  }

  private static List<String> search(String text) {
    return CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.of(text),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                CustomerSearch.Sort.VALUE_AT_RISK,
                0,
                100))
        .rows()
        .stream()
        .map(CustomerSearch.Row::customerId)
        .toList();
  }

  @Test
  void find_stateAndSort_filterAndOrder() {
    String state =
        text("SELECT state FROM lifecycle_states GROUP BY state ORDER BY count(*) DESC LIMIT 1");
    CustomerSearch.Page page =
        CustomerSearch.find(
            store.jdbi(),
            filter(
                Optional.empty(),
                Optional.of(state.toUpperCase(java.util.Locale.ROOT)),
                Optional.empty(),
                Optional.empty(),
                CustomerSearch.Sort.P_ALIVE,
                0,
                200));
    assertThat(page.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.state()).isEqualTo(state));
    assertThat(page.rows()).extracting(CustomerSearch.Row::pAlive).isSorted();
  }

  /**
   * Every state (and none), with and without a rep, in every order: the page is what a plain
   * reading of the run's scores, the customers and their current states gives, which also says the
   * state a run keeps on its scores (V12) is the state the customer is in. With the thresholds as
   * they are, and so small that a rep's two accounts are read by walking the scores (narrow 2) or
   * from the accounts (narrow 3), with no window (five rows) or one that may miss the page (400
   * rows): every way of reading a page.
   */
  @Test
  void find_everyStateRepAndSort_isThePlainReading() {
    long run = count("SELECT id FROM runs WHERE as_of = ?", AS_OF);
    List<Optional<String>> states = new ArrayList<>();
    states.add(Optional.empty());
    CustomerSearch.STATES.forEach(x -> states.add(Optional.of(x)));
    List<Optional<String>> reps =
        List.of(Optional.empty(), Optional.of("maria"), Optional.of("TOM"));
    int nonEmpty = 0;
    for (CustomerSearch.Thresholds t :
        List.of(
            CustomerSearch.Thresholds.DEFAULT,
            new CustomerSearch.Thresholds(3, 5),
            new CustomerSearch.Thresholds(2, 5),
            new CustomerSearch.Thresholds(3, 400),
            new CustomerSearch.Thresholds(2, 400))) {
      boolean anyOrder = !t.equals(CustomerSearch.Thresholds.DEFAULT);
      for (Optional<String> state : states) {
        for (Optional<String> rep : reps) {
          for (CustomerSearch.Sort sort : CustomerSearch.Sort.values()) {
            for (int offset : new int[] {0, 40}) {
              List<String> found =
                  CustomerSearch.read(
                          store.jdbi(),
                          filter(Optional.empty(), state, rep, Optional.empty(), sort, offset, 40),
                          anyOrder,
                          t)
                      .rows()
                      .stream()
                      .map(CustomerSearch.Row::customerId)
                      .toList();
              String sql =
                  "SELECT c.external_id FROM scores s JOIN customers c ON c.id = s.customer_id"
                      + " JOIN lifecycle_states ls ON ls.customer_id = s.customer_id"
                      + " WHERE s.run_id = :run"
                      + (state.isPresent() ? " AND ls.state = :state" : "")
                      + (rep.isPresent() ? " AND lower(btrim(c.owner_rep)) = lower(:rep)" : "")
                      + " ORDER BY "
                      + sort.sql
                      + ", s.customer_id LIMIT 40 OFFSET :offset";
              List<String> plain =
                  store
                      .jdbi()
                      .withHandle(
                          h -> {
                            var q = h.createQuery(sql).bind("run", run).bind("offset", offset);
                            state.ifPresent(x -> q.bind("state", x));
                            rep.ifPresent(x -> q.bind("rep", x));
                            return q.mapTo(String.class).list();
                          });
              assertThat(found)
                  .as("%s %s %s %s from %d", t, state, rep, sort, offset)
                  .isEqualTo(plain);
              nonEmpty += found.isEmpty() ? 0 : 1;
            }
          }
        }
      }
    }
    // the combinations are not all empty lists agreeing with each other
    assertThat(nonEmpty).isGreaterThan(100);
  }

  @Test
  void aLongList_inAnOrderWithoutAnIndex_isRefusedInWords() {
    assertThatThrownBy(
            () ->
                CustomerSearch.read(
                    store.jdbi(),
                    byName(Optional.empty()),
                    false,
                    new CustomerSearch.Thresholds(100, 5)))
        .isInstanceOf(CustomerSearch.TooBroadException.class)
        .hasMessageContaining("choose a rep");
    // a state with fewer customers than the threshold is sorted
    String rare =
        text("SELECT state FROM lifecycle_states GROUP BY state ORDER BY count(*) LIMIT 1");
    long inRare = count("SELECT count(*) FROM lifecycle_states WHERE state = ?", rare);
    assertThat(
            CustomerSearch.read(
                    store.jdbi(),
                    byName(Optional.of(rare)),
                    false,
                    new CustomerSearch.Thresholds((int) inRare + 1, 5))
                .rows())
        .hasSize((int) Math.min(40, inRare));
  }

  /** The first 40 customers of a state, or of all, by name. */
  private static CustomerSearch.Filter byName(Optional<String> state) {
    return filter(
        Optional.empty(),
        state,
        Optional.empty(),
        Optional.empty(),
        CustomerSearch.Sort.NAME,
        0,
        40);
  }

  @Test
  void filter_outOfBounds_isRefusedInWords() {
    assertThatThrownBy(
            () ->
                filter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    CustomerSearch.Sort.NAME,
                    CustomerSearch.MAX_DEPTH + 1,
                    50))
        .hasMessageContaining("narrow the search");
    assertThatThrownBy(
            () ->
                filter(
                    Optional.empty(),
                    Optional.of("sleeping"),
                    Optional.empty(),
                    Optional.empty(),
                    CustomerSearch.Sort.NAME,
                    0,
                    50))
        .hasMessageContaining("lapsing");
    assertThatThrownBy(() -> CustomerSearch.Sort.parse("revenue"))
        .hasMessageContaining("value-at-risk");
  }

  @Test
  void segmentsAndReps_areTheDistinctValues() {
    assertThat(CustomerSearch.segments(store.jdbi(), 10)).containsExactly("contractor", "retail");
    assertThat(CustomerSearch.reps(store.jdbi(), 10)).containsExactly("Maria", "Tom");
    assertThat(CustomerSearch.reps(store.jdbi(), 1)).containsExactly("Maria");
  }

  @Test
  void aliveHistory_endsAtTheStoredScore_andRisesAtEachPurchase() {
    CustomerActivity.Owner ada = CustomerActivity.owner(store.jdbi(), "1").orElseThrow();
    assertThat(ada.ownerRep()).contains("Maria");
    AliveHistory.History h = AliveHistory.of(store.jdbi(), ada.id());

    assertThat(h.asOf()).contains(AS_OF);
    assertThat(h.model()).isPresent();
    assertThat(h.purchases())
        .containsExactly(
            LocalDate.of(1997, 1, 1), LocalDate.of(1997, 1, 18), LocalDate.of(1997, 8, 2));
    assertThat(h.scored()).extracting(AliveHistory.Point::on).containsExactly(FIRST_RUN, AS_OF);
    AliveHistory.Point last = h.curve().get(h.curve().size() - 1);
    assertThat(last.on()).isEqualTo(AS_OF);
    // recomputed from the stored fit, it is what the run stored
    assertThat(last.pAlive()).isCloseTo(h.scored().get(1).pAlive(), within(1e-9));
    assertThat(h.curve().get(0).on()).isEqualTo(LocalDate.of(1997, 1, 1));
    assertThat(h.curve())
        .extracting(AliveHistory.Point::pAlive)
        .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    // a repeat purchase lifts P(alive), which had sunk in the silence before it (by how much
    // depends on the model: BG/NBD back to 1, MBG/NBD and Pareto/NBD not quite)
    assertThat(at(h, LocalDate.of(1997, 8, 2))).isGreaterThan(at(h, LocalDate.of(1997, 8, 1)));
    assertThat(at(h, LocalDate.of(1997, 8, 1))).isLessThan(at(h, LocalDate.of(1997, 1, 18)));
    assertThat(h.curve()).extracting(AliveHistory.Point::on).isSorted().doesNotHaveDuplicates();

    assertThat(CustomerActivity.owner(store.jdbi(), "no such")).isEmpty();
  }

  private static double at(AliveHistory.History h, LocalDate day) {
    return h.curve().stream().filter(p -> p.on().equals(day)).findFirst().orElseThrow().pAlive();
  }

  @Test
  void activity_offersAndHandRecordedContacts() {
    CustomerActivity.Owner bob = CustomerActivity.owner(store.jdbi(), "2").orElseThrow();
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    Offers offers = new Offers(store.jdbi(), Clock.fixed(now, ZoneOffset.UTC));
    var offer =
        offers.issue(
            "2", Offer.percent(new BigDecimal("15"), Optional.empty()), now.plusSeconds(86_400));
    Contacts.record(
        store.jdbi(),
        "2",
        LocalDate.of(1997, 10, 1),
        Contacts.Channel.VISIT,
        Optional.of("came by the yard"),
        Contacts.SOURCE_COMMAND);
    try {
      CustomerActivity.Activity a = CustomerActivity.of(store.jdbi(), bob.id());
      assertThat(a.offers()).hasSize(1);
      assertThat(a.offers().get(0).code()).isEqualTo(offer.code().grouped());
      assertThat(a.offers().get(0).incentive()).isEqualTo("15% off");
      assertThat(a.offers().get(0).status()).isEqualTo("issued");
      assertThat(a.offers().get(0).expiresAt()).isEqualTo(now.plusSeconds(86_400));
      assertThat(a.contacts())
          .containsExactly(
              new CustomerActivity.Contact(
                  LocalDate.of(1997, 10, 1), "visit", "command", Optional.of("came by the yard")));
      assertThat(a.messages()).isEmpty();
      assertThat(a.calls()).isEmpty();
      assertThat(a.feedback()).isEmpty();
      assertThat(a.cases()).isEmpty();
    } finally {
      execute("DELETE FROM contacts");
      execute("DELETE FROM offers");
    }
  }
}
