package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.run.RunFixtures.CDNOW;
import static org.rekindle.store.run.RunFixtures.count;
import static org.rekindle.store.run.RunFixtures.importOrders;
import static org.rekindle.store.run.RunFixtures.text;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;

/** The daily run on the CDNOW history: first fit, idempotence, reuse, comebacks, refusals. */
class DailyRunTest {
  @TempDir Path home;
  private final List<String> stages = new ArrayList<>();

  @Test
  void runs_fitReuseComebacksAndIdempotence() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
      DailyRun.Options options = DailyRun.Options.defaults();

      DailyRun.Outcome first = DailyRun.run(store, LocalDate.of(1997, 9, 30), options, stages::add);
      assertThat(first.alreadyDone()).isFalse();
      assertThat(first.fitDecision()).isEqualTo("first fit");
      assertThat(first.customers()).isEqualTo(2357);
      assertThat(first.states().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2357);
      assertThat(first.transitions()).isEqualTo(2357);
      assertThat(first.recoveries()).isZero();
      assertThat(stages).containsSubsequence("summarising", "fitting", "scoring", "recording");
      assertThat(count(store, "SELECT count(*) FROM model_fits")).isEqualTo(1);
      // three months of history is too short for a 26-week holdout: the check says so
      assertThat(text(store, "SELECT diagnostics->>'holdout_skipped' FROM model_fits"))
          .contains("covers 90 days, less than the 182-day holdout");
      assertThat(count(store, "SELECT jsonb_array_length(diagnostics->'models') FROM model_fits"))
          .isEqualTo(3);
      // where the time went, for a run that got slow
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM runs, jsonb_each_text(timings) t WHERE t.value::bigint >= 0"
                      + " AND t.key IN ('total', 'summarising', 'fitting', 'scoring', 'recording',"
                      + " 'recording.scores', 'recording.states', 'recording.transitions')"))
          .isEqualTo(8);

      // the same date again: nothing changes
      long transitions = count(store, "SELECT count(*) FROM lifecycle_transitions");
      DailyRun.Outcome again = DailyRun.run(store, LocalDate.of(1997, 9, 30), options, stages::add);
      assertThat(again.alreadyDone()).isTrue();
      assertThat(again.runId()).isEqualTo(first.runId());
      assertThat(count(store, "SELECT count(*) FROM lifecycle_transitions")).isEqualTo(transitions);
      assertThat(count(store, "SELECT count(*) FROM runs")).isEqualTo(1);

      // two weeks on: the fit is reused; customers who were slipping and ordered came back
      DailyRun.Outcome later =
          DailyRun.run(store, LocalDate.of(1997, 10, 14), options, stages::add);
      assertThat(later.fitDecision()).startsWith("reusing the fit of 1997-09-30");
      assertThat(count(store, "SELECT count(*) FROM model_fits")).isEqualTo(1);
      long comebacks =
          count(
              store,
              "SELECT count(DISTINCT o.customer_id) FROM orders o JOIN scores s ON s.customer_id"
                  + " = o.customer_id JOIN runs r ON r.id = s.run_id AND r.as_of = '1997-09-30'"
                  + " WHERE s.lifecycle IN ('lapsing', 'dormant', 'lost') AND o.amount >= 0"
                  + " AND o.order_date > '1997-09-30' AND o.order_date <= '1997-10-14'");
      assertThat(comebacks).isPositive();
      assertThat(later.recoveries()).isEqualTo(comebacks);
      assertThat(later.states().get("reactivated")).isEqualTo(comebacks);
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM recoveries WHERE value_at_risk IS NULL"
                      + " OR from_state NOT IN ('lapsing', 'dormant', 'lost')"))
          .isZero();
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM lifecycle_transitions WHERE to_state = 'reactivated'"
                      + " AND reason LIKE 'ordered on 1997-10-%'"))
          .isEqualTo(comebacks);

      // backwards is refused; far later refits
      assertThatThrownBy(() -> DailyRun.run(store, LocalDate.of(1997, 10, 1), options, stages::add))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("runs go forward in time");
      // an enrollment's window closes before the next run: the run keeps what came of it
      store
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on,"
                          + " status, ended_on) SELECT customer_id, 'win', '1997-10-01', 'test',"
                          + " '1997-10-01', 'completed', '1997-10-01' FROM orders"
                          + " WHERE order_date BETWEEN '1997-10-02' AND '1997-10-31' LIMIT 1"));
      assertThat(count(store, "SELECT count(*) FROM enrollment_outcomes")).isZero();
      DailyRun.Outcome year = DailyRun.run(store, LocalDate.of(1998, 6, 30), options, stages::add);
      assertThat(stages).contains("outcomes of closed windows");
      assertThat(count(store, "SELECT count(*) FROM enrollment_outcomes WHERE came_back")).isOne();
      assertThat(year.fitDecision()).startsWith("refit: the last fit (as of 1997-09-30) is");
      assertThat(count(store, "SELECT count(*) FROM model_fits")).isEqualTo(2);
      // eighteen months: the models were tried on the last 26 weeks, the best one fitted on all
      String latest = " FROM model_fits ORDER BY id DESC LIMIT 1";
      assertThat(text(store, "SELECT diagnostics->'holdout'->>'calibration_end'" + latest))
          .isEqualTo("1997-12-30");
      long holdoutDays =
          count(
              store,
              "SELECT count(*) FROM (SELECT DISTINCT customer_id, order_date FROM orders"
                  + " WHERE order_date > '1997-12-30' AND order_date <= '1998-06-30') d");
      assertThat(count(store, "SELECT (diagnostics->'holdout'->>'actual')::float8" + latest))
          .isEqualTo(holdoutDays);
      assertThat(text(store, "SELECT diagnostics->'holdout'->>'model'" + latest))
          .isEqualTo(text(store, "SELECT model" + latest));
      assertThat(
              count(store, "SELECT jsonb_array_length(diagnostics->'holdout'->'models')" + latest))
          .isEqualTo(3);
      assertThat(count(store, "SELECT jsonb_array_length(diagnostics->'models')" + latest))
          .isEqualTo(1);
      double mae =
          store
              .jdbi()
              .withHandle(
                  h ->
                      h.select("SELECT (diagnostics->'holdout'->>'mae')::float8" + latest)
                          .mapTo(Double.class)
                          .one());
      assertThat(mae).isPositive().isLessThan(1.0);
    }
  }

  @Test
  void run_whileAnotherRuns_isRefused() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
      try (Handle other = store.jdbi().open()) {
        other.execute("SELECT pg_advisory_lock(" + DailyRun.LOCK + ")");
        assertThatThrownBy(
                () ->
                    DailyRun.run(
                        store, LocalDate.of(1997, 9, 30), DailyRun.Options.defaults(), s -> {}))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("another rekindle run is in progress");
      }
      assertThat(count(store, "SELECT count(*) FROM runs")).isZero();
    }
  }
}
