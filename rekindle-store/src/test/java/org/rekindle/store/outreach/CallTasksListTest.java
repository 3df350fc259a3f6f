package org.rekindle.store.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.outreach.CallFixtures.execute;
import static org.rekindle.store.outreach.CallFixtures.task;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.StoredOffer;
import org.rekindle.store.query.Contacts;
import org.rekindle.store.run.DailyRun;

/**
 * The open calls read back with their talking points, from the CDNOW sample with the example
 * customers (1 Ada Roofing and 2 Bob Stein are Maria's, 3 Carla Diaz and 4 Delta Plumbing Tom's, 5
 * Evan Ho nobody's) after a run as of 1997-10-14.
 */
class CallTasksListTest {
  static final Path CDNOW = Path.of("..", "examples", "cdnow").toAbsolutePath().normalize();
  static final LocalDate AS_OF = LocalDate.of(1997, 10, 14);

  @TempDir static Path home;
  static Store store;
  static CallTasks calls;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), notice -> {});
    new OrderImporter(store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(CDNOW.resolve("cdnow_sample.csv"));
    new CustomerImporter(store, CustomerFileReader.builder(), 0.01)
        .importFile(CDNOW.resolve("cdnow_customers_example.csv"));
    DailyRun.run(store, AS_OF, DailyRun.Options.defaults(), s -> {});
    calls = new CallTasks(store.jdbi());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @AfterEach
  void undo() {
    execute(store, "DELETE FROM contacts");
    execute(store, "DELETE FROM call_tasks");
    execute(store, "DELETE FROM offers");
  }

  private static List<Long> ids(List<CallTask> tasks) {
    return tasks.stream().map(CallTask::id).toList();
  }

  @Test
  void list_mostAtStakeFirst_withoutAValueLast() {
    long small = task("1").rep("Maria").valueAtRisk(10.0).insert(store);
    long none = task("2").rep("Maria").insert(store);
    long large = task("3").rep("Maria").valueAtRisk(300.0).insert(store);
    long middle = task("4").rep("Maria").valueAtRisk(50.0).insert(store);

    assertThat(ids(calls.list(Optional.empty(), AS_OF, 10)))
        .containsExactly(large, middle, small, none);
    assertThat(ids(calls.list(Optional.empty(), AS_OF, 2))).containsExactly(large, middle);
  }

  @Test
  void list_aRep_getsTheirsAndThePools() {
    long maria = task("1").rep("Maria").valueAtRisk(30.0).insert(store);
    long tom = task("3").rep("Tom").valueAtRisk(20.0).insert(store);
    long pool = task("5").valueAtRisk(10.0).insert(store);

    List<CallTask> marias = calls.list(Optional.of("Maria"), AS_OF, 10);
    assertThat(ids(marias)).containsExactly(maria, pool);
    assertThat(marias.get(0).assignedTo()).contains("Maria");
    assertThat(marias.get(0).pool()).isFalse();
    assertThat(marias.get(1).pool()).isTrue();
    assertThat(ids(calls.list(Optional.of("Tom"), AS_OF, 10))).containsExactly(tom, pool);
    // a rep without calls of their own still has the pool's
    assertThat(ids(calls.list(Optional.of("Zoe"), AS_OF, 10))).containsExactly(pool);
    assertThat(ids(calls.list(Optional.empty(), AS_OF, 10))).containsExactly(maria, tom, pool);
  }

  @Test
  void list_onlyOpenCallsDueByTheDay() {
    long due = task("1").due(AS_OF).insert(store);
    long early = task("2").due(AS_OF.minusDays(30)).insert(store);
    task("3").due(AS_OF.plusDays(1)).insert(store);
    long logged = task("4").insert(store);
    long cancelled = task("5").insert(store);
    execute(
        store,
        "UPDATE call_tasks SET status = 'done', outcome = 'reached', logged_at = now()"
            + " WHERE id = ?",
        logged);
    execute(store, "UPDATE call_tasks SET status = 'cancelled' WHERE id = ?", cancelled);

    assertThat(ids(calls.list(Optional.empty(), AS_OF, 10))).containsExactlyInAnyOrder(due, early);
    assertThat(calls.list(Optional.empty(), AS_OF.plusDays(1), 10)).hasSize(3);
  }

  @Test
  void list_aNumberSuppressedSinceThePlan_isLeftOut() {
    long kept = task("1").insert(store);
    // a number of its own: a suppression stands for the rest of the class
    task("3").phone("+1 (555) 019-8").insert(store);
    new Suppressions(store.jdbi())
        .suppress(
            ConsentLog.Channel.PHONE,
            "+1 555 0198",
            Suppressions.Reason.WRONG_NUMBER,
            ConsentLog.Source.STAFF,
            "test",
            "");

    assertThat(ids(calls.list(Optional.empty(), AS_OF, 10))).containsExactly(kept);
  }

  @Test
  void list_talkingPoints_whoWhatHowOftenWorthOffersAndHistory() {
    Offers offers =
        new Offers(
            store.jdbi(), Clock.fixed(Instant.parse("1997-10-01T09:00:00Z"), ZoneOffset.UTC));
    Instant expires = Instant.parse("1997-11-01T00:00:00Z");
    StoredOffer forTheCall =
        offers.issue(
            "1",
            Offer.percent(new BigDecimal("10"), Optional.empty()),
            expires,
            new Offers.IssueOptions(false, Optional.of("lapsing-check-in"), Optional.of("1")));
    StoredOffer another =
        offers.issue("1", Offer.amount(new BigDecimal("20"), "USD", Optional.empty()), expires);
    // expired before the day, used, or someone else's: not to be mentioned
    offers.issue(
        "1",
        Offer.percent(new BigDecimal("5"), Optional.empty()),
        Instant.parse("1997-10-14T00:00:00Z"));
    StoredOffer withdrawn =
        offers.issue("1", Offer.percent(new BigDecimal("15"), Optional.empty()), expires);
    offers.withdraw(withdrawn.code().symbols());
    offers.issue("2", Offer.percent(new BigDecimal("25"), Optional.empty()), expires);
    for (int day = 1; day <= 7; day++) {
      Contacts.record(
          store.jdbi(),
          "1",
          LocalDate.of(1997, 10, day),
          Contacts.Channel.LETTER,
          Optional.of("letter " + day),
          Contacts.SOURCE_COMMAND);
    }
    // after the day: not history yet
    Contacts.record(
        store.jdbi(),
        "1",
        AS_OF.plusDays(1),
        Contacts.Channel.CALL,
        Optional.empty(),
        Contacts.SOURCE_COMMAND);
    long id =
        task("1")
            .rep("Maria")
            .valueAtRisk(123.5)
            .talkingPoints("Ask how the roofing season went.")
            .offer(forTheCall.id())
            .insert(store);

    CallTask t = calls.list(Optional.of("Maria"), AS_OF, 10).get(0);

    assertThat(t.id()).isEqualTo(id);
    assertThat(t.customerId()).isEqualTo("1");
    assertThat(t.playbook()).isEqualTo("lapsing-check-in");
    assertThat(t.step()).isEqualTo(2);
    assertThat(t.dueOn()).isEqualTo(AS_OF);
    assertThat(t.phone()).isEqualTo("+1 555 0101");
    assertThat(t.valueAtRisk()).contains(123.5);
    CallTalkingPoints p = t.talkingPoints();
    assertThat(p.text()).contains("Ask how the roofing season went.");
    assertThat(p.name()).contains("Ada Roofing Ltd");
    assertThat(p.phoneOnRecord()).contains("+1 555 0101");
    // orders on 1 and 18 Jan, 2 Aug and 12 Dec 1997: the last one by 14 Oct is August's
    assertThat(p.lastOrder())
        .hasValueSatisfying(
            o -> {
              assertThat(o.date()).isEqualTo(LocalDate.of(1997, 8, 2));
              assertThat(o.amount()).isEqualByComparingTo("14.96");
              assertThat(o.currency()).isEqualTo("USD");
            });
    // two repeat purchases 213 days apart: every 106.5 days, said as about 3 months
    CallTalkingPoints.Scores s = p.scores().orElseThrow();
    assertThat(s.asOf()).isEqualTo(AS_OF);
    assertThat(s.repeatPurchases()).isEqualTo(2);
    assertThat(s.usualGapDays()).contains(106.5);
    assertThat(s.rhythm()).contains("every 3 months");
    String scored =
        "SELECT %s FROM scores s JOIN customers c ON c.id = s.customer_id"
            + " WHERE c.external_id = '1'";
    assertThat(s.valueAtRisk())
        .contains(
            store
                .jdbi()
                .withHandle(
                    h -> h.select(scored.formatted("value_at_risk")).mapTo(Double.class).one()));
    assertThat(s.clv())
        .contains(
            store
                .jdbi()
                .withHandle(h -> h.select(scored.formatted("clv")).mapTo(Double.class).one()));
    assertThat(p.lifecycle().orElseThrow().state())
        .isEqualTo(
            CallFixtures.text(
                store,
                "SELECT state FROM lifecycle_states ls JOIN customers c ON c.id = ls.customer_id"
                    + " WHERE c.external_id = '1'"));

    assertThat(p.offers())
        .extracting(CallTalkingPoints.OpenOffer::code)
        .containsExactly(forTheCall.code(), another.code());
    assertThat(p.offers().get(0).forThisCall()).isTrue();
    assertThat(p.offers().get(0).code().grouped()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{5}");
    assertThat(p.offers().get(0).terms().describe()).isEqualTo("10% off");
    assertThat(p.offers().get(0).expiresAt()).isEqualTo(expires);
    assertThat(p.offers().get(1).forThisCall()).isFalse();
    assertThat(p.offers().get(1).terms().describe()).isEqualTo("20.00 USD off");

    assertThat(p.history()).hasSize(CallTasks.HISTORY);
    assertThat(p.history())
        .extracting(c -> c.note().orElse(""))
        .containsExactly("letter 7", "letter 6", "letter 5", "letter 4", "letter 3");
    assertThat(p.history().get(0).on()).isEqualTo(LocalDate.of(1997, 10, 7));
    assertThat(p.history().get(0).channel()).isEqualTo(Contacts.Channel.LETTER);
    assertThat(p.history().get(0).customerId()).isEqualTo("1");
  }

  @Test
  void list_beforeAnyRun_hasNoScoresAndNoState() {
    task("5").due(LocalDate.of(1997, 3, 1)).insert(store);

    CallTalkingPoints p =
        calls.list(Optional.empty(), LocalDate.of(1997, 3, 1), 10).get(0).talkingPoints();

    assertThat(p.name()).contains("Evan Ho");
    assertThat(p.scores()).isEmpty();
    assertThat(p.lifecycle()).isEmpty();
    assertThat(p.offers()).isEmpty();
    assertThat(p.history()).isEmpty();
  }

  @Test
  void list_badArguments_refused() {
    assertThatThrownBy(() -> calls.list(Optional.empty(), AS_OF, 0))
        .hasMessageContaining("the limit must be at least 1");
    assertThatThrownBy(() -> calls.list(Optional.of(" "), AS_OF, 10))
        .hasMessageContaining("must not be blank");
  }
}
