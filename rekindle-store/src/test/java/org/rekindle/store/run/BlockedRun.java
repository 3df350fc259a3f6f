package org.rekindle.store.run;

import java.nio.file.Path;
import java.time.LocalDate;
import org.jdbi.v3.core.Handle;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * A process for {@link KilledRunTest} to kill: in the given home (orders already imported), runs as
 * of the first date, then starts a run as of the second while another connection holds the
 * account-dormancy table, so the run's one transaction stops midway with its scores, states and
 * transitions written but not committed. Prints "completed" after the first run and "midway" once
 * the second is waiting, then waits to be killed.
 */
public final class BlockedRun {
  private BlockedRun() {}

  public static void main(String[] args) throws InterruptedException {
    Store store = Store.open(StoreSettings.embedded(Path.of(args[0])), System.out::println);
    DailyRun.run(store, LocalDate.parse(args[1]), DailyRun.Options.defaults(), s -> {});
    System.out.println("completed");
    System.out.flush();
    Handle blocker = store.jdbi().open();
    blocker.begin();
    blocker.execute("LOCK TABLE account_dormancy IN ACCESS EXCLUSIVE MODE");
    Thread watcher =
        new Thread(
            () -> {
              try (Handle h = store.jdbi().open()) {
                while (true) {
                  boolean waiting =
                      h.select(
                              "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type"
                                  + " = 'Lock' AND query LIKE '%dormancy_next%'")
                          .mapTo(Boolean.class)
                          .one();
                  if (waiting) {
                    System.out.println("midway");
                    System.out.flush();
                    return;
                  }
                  Thread.sleep(50);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    watcher.start();
    DailyRun.run(store, LocalDate.parse(args[2]), DailyRun.Options.defaults(), s -> {});
    System.out.println("the run finished: it should have been killed");
  }
}
