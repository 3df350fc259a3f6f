package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.run.RunFixtures.CDNOW;
import static org.rekindle.store.run.RunFixtures.count;
import static org.rekindle.store.run.RunFixtures.importOrders;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;

/** Replaying the CDNOW history month by month leaves a consistent lifecycle. */
class BackfillTest {

  @TempDir Path home;

  @Test
  void dates_stepFromTheStartAndEndOnTheLastDay() {
    assertThat(DailyRun.backfillDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 10), 4))
        .containsExactly(
            LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 1, 5),
            LocalDate.of(2024, 1, 9),
            LocalDate.of(2024, 1, 10));
    assertThat(DailyRun.backfillDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1), 7))
        .containsExactly(LocalDate.of(2024, 1, 1));
    assertThatThrownBy(
            () -> DailyRun.backfillDates(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1), 1))
        .hasMessageContaining("ends (2024-01-01) before it starts (2024-01-02)");
    assertThatThrownBy(
            () -> DailyRun.backfillDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), 0))
        .hasMessageContaining("at least one day");
  }

  @Test
  void backfill_replaysInOrder_andLeavesStatesConsistent() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
      List<String> stages = new ArrayList<>();
      List<DailyRun.Outcome> outcomes =
          DailyRun.backfill(
              store,
              LocalDate.of(1997, 4, 30),
              LocalDate.of(1997, 9, 30),
              30,
              DailyRun.Options.defaults(),
              (day, stage) -> stages.add(day + " " + stage),
              o -> {});
      assertThat(outcomes)
          .extracting(DailyRun.Outcome::asOf)
          .containsExactly(
              LocalDate.of(1997, 4, 30),
              LocalDate.of(1997, 5, 30),
              LocalDate.of(1997, 6, 29),
              LocalDate.of(1997, 7, 29),
              LocalDate.of(1997, 8, 28),
              LocalDate.of(1997, 9, 27),
              LocalDate.of(1997, 9, 30));
      assertThat(stages).contains("1997-04-30 summarising", "1997-09-30 recording");
      assertThat(count(store, "SELECT count(*) FROM runs WHERE status = 'completed'")).isEqualTo(7);

      // every customer's history is a chain: each change starts where the previous one ended
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM (SELECT from_state, lag(to_state) OVER (PARTITION BY"
                      + " customer_id ORDER BY on_date, id) AS before FROM lifecycle_transitions) t"
                      + " WHERE from_state IS DISTINCT FROM before"))
          .isZero();
      // and ends in the state the customer is in now
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM lifecycle_states s JOIN LATERAL (SELECT to_state FROM"
                      + " lifecycle_transitions t WHERE t.customer_id = s.customer_id"
                      + " ORDER BY on_date DESC, id DESC LIMIT 1) last ON true"
                      + " WHERE last.to_state <> s.state"))
          .isZero();
      // each comeback is an order between the run before and its own run, from a slipping state
      assertThat(count(store, "SELECT count(*) FROM recoveries")).isPositive();
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM recoveries r JOIN runs n ON n.id = r.run_id"
                      + " JOIN orders o ON o.id = r.order_id"
                      + " WHERE o.order_date > n.as_of OR o.order_date <= (SELECT max(as_of)"
                      + " FROM runs p WHERE p.as_of < n.as_of)"
                      + " OR r.from_state NOT IN ('lapsing', 'dormant', 'lost')"))
          .isZero();
      long transitions = count(store, "SELECT count(*) FROM lifecycle_transitions");

      // the same range again changes nothing; a range before the latest run is refused
      List<DailyRun.Outcome> again =
          DailyRun.backfill(
              store,
              LocalDate.of(1997, 9, 27),
              LocalDate.of(1997, 9, 30),
              3,
              DailyRun.Options.defaults(),
              (day, stage) -> {},
              o -> {});
      assertThat(again).allMatch(DailyRun.Outcome::alreadyDone);
      assertThat(count(store, "SELECT count(*) FROM lifecycle_transitions")).isEqualTo(transitions);
      assertThatThrownBy(
              () ->
                  DailyRun.backfill(
                      store,
                      LocalDate.of(1997, 9, 1),
                      LocalDate.of(1997, 10, 31),
                      7,
                      DailyRun.Options.defaults(),
                      (day, stage) -> {},
                      o -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("runs go forward in time");
    }
  }
}
