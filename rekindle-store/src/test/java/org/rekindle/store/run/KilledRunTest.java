package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rekindle.store.run.RunFixtures.CDNOW;
import static org.rekindle.store.run.RunFixtures.count;
import static org.rekindle.store.run.RunFixtures.importOrders;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;

/**
 * SIGKILL a Rekindle process in the middle of a daily run's transaction. While it lives, a second
 * process cannot open the same home; after it dies, the previous complete run is what is visible,
 * and the next run does the whole work.
 */
class KilledRunTest {

  @TempDir Path home;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void runKilledMidway_leavesThePreviousRun_andTheNextRunCompletesIt() throws Exception {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
    }
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BlockedRun.class.getName(),
                home.toString(),
                "1997-09-30",
                "1997-10-31")
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.equals("midway")) {
          break;
        }
      }
      assertThat(output).as(String.join("\n", output)).contains("completed", "midway");

      // a live Rekindle process holds the home: a second one is refused, not let in
      assertThatThrownBy(() -> Store.open(StoreSettings.embedded(home), n -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("another Rekindle process is using");

      child.destroyForcibly(); // SIGKILL, mid-transaction
      child.waitFor(30, TimeUnit.SECONDS);
    }

    List<String> notices = new ArrayList<>();
    try (Store store = Store.open(StoreSettings.embedded(home), notices::add)) {
      assertThat(notices).singleElement().asString().contains("left running");
      // only the complete run is visible: nothing of the killed one
      assertThat(count(store, "SELECT count(*) FROM runs")).isEqualTo(1);
      assertThat(
              count(
                  store,
                  "SELECT count(*) FROM runs WHERE as_of = '1997-09-30'"
                      + " AND status = 'completed'"))
          .isEqualTo(1);
      long runId = count(store, "SELECT id FROM runs");
      assertThat(count(store, "SELECT count(*) FROM scores WHERE run_id <> " + runId)).isZero();
      assertThat(count(store, "SELECT count(*) FROM lifecycle_states WHERE run_id <> " + runId))
          .isZero();
      assertThat(count(store, "SELECT count(*) FROM lifecycle_transitions")).isEqualTo(2357);
      assertThat(count(store, "SELECT count(*) FROM recoveries")).isZero();

      DailyRun.Outcome next =
          DailyRun.run(store, LocalDate.of(1997, 10, 31), DailyRun.Options.defaults(), s -> {});
      assertThat(next.alreadyDone()).isFalse();
      assertThat(next.customers()).isEqualTo(2357);
      assertThat(next.recoveries()).isPositive();
      assertThat(count(store, "SELECT count(*) FROM scores WHERE run_id = " + next.runId()))
          .isEqualTo(2357);
      assertThat(
              count(store, "SELECT count(*) FROM lifecycle_states WHERE run_id = " + next.runId()))
          .isEqualTo(2357);
    }
  }
}
