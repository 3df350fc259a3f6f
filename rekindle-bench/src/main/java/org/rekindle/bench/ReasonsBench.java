package org.rekindle.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.reasons.Period;
import org.rekindle.store.reasons.ReasonPatterns;

/**
 * Times {@link ReasonPatterns#report}, as {@code rekindle reasons} calls it, on a home holding a
 * given number of exit-survey answers over 700 days (made with SQL the first time, in an empty
 * home): every tenth answer without a reason, a third with a comment (five complaints, each made
 * unique by a hash), half saying what would bring them back, 7 segments, 25 reps, 3 states. Prints
 * the time of each step of each run and the median of the runs.
 *
 * <p>Usage: {@code ReasonsBench HOME ANSWERS RUNS}.
 */
public final class ReasonsBench {
  private ReasonsBench() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    try (Store store = Store.open(StoreSettings.embedded(home), notice -> {})) {
      store
          .jdbi()
          .useHandle(
              h -> {
                if (h.select("SELECT count(*) FROM survey_answers").mapTo(Long.class).one() > 0) {
                  return;
                }
                long t0 = System.nanoTime();
                h.execute(
                    "INSERT INTO customers (external_id) SELECT 'bench-' || g"
                        + " FROM generate_series(1, ?) g",
                    n);
                h.execute(
                    "INSERT INTO survey_answers (customer_id, source, reason, come_back, comment,"
                        + " bring_back, segment, owner_rep, lifecycle_state, answered_at)"
                        + " SELECT id, 'survey', (ARRAY['price', 'service', 'quality', 'delivery',"
                        + " 'moved_or_closed', 'competitor', 'not_needed', 'forgot', 'other',"
                        + " NULL])[1 + id % 10],"
                        + " CASE WHEN id % 10 = 9 THEN 'maybe'"
                        + " ELSE (ARRAY['yes', 'maybe', 'no', NULL])[1 + id % 4] END,"
                        + " CASE WHEN id % 3 = 0 THEN (ARRAY['the staff were rude',"
                        + " 'prices went up', 'late delivery again', 'bread was stale',"
                        + " 'we moved away'])[1 + id % 5] || ' ' || md5(id::text) END,"
                        + " CASE WHEN id % 2 = 0 THEN (ARRAY['a discount', 'free delivery',"
                        + " 'better hours'])[1 + id % 3] END,"
                        + " 'seg' || (id % 7), 'rep' || (id % 25),"
                        + " (ARRAY['lapsing', 'dormant', 'lost'])[1 + id % 3],"
                        + " TIMESTAMPTZ '2025-01-01' + (id % 700) * INTERVAL '1 day'"
                        + " + (id % 86400) * INTERVAL '1 second'"
                        + " FROM customers WHERE external_id LIKE 'bench-%'");
                h.execute("ANALYZE survey_answers");
                System.out.printf(
                    Locale.ROOT, "made %d answers in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
              });
      ReasonPatterns.Options options =
          ReasonPatterns.Options.of(
              Optional.empty(), LocalDate.of(2026, 11, 30), Period.MONTH, false, ZoneOffset.UTC);
      double[] times = new double[runs];
      for (int k = 0; k < runs; k++) {
        long start = System.nanoTime();
        long[] last = {start};
        String[] step = {"start"};
        ReasonPatterns patterns = new ReasonPatterns(store.jdbi());
        patterns.report(
            options,
            next -> {
              long now = System.nanoTime();
              System.out.printf(Locale.ROOT, "  %-48s %6.2f s%n", step[0], (now - last[0]) / 1e9);
              last[0] = now;
              step[0] = next;
            });
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %-48s %6.2f s%n", step[0], (end - last[0]) / 1e9);
        times[k] = (end - start) / 1e9;
        System.out.printf(Locale.ROOT, "run %d: %.2f s%n", k + 1, times[k]);
      }
      Arrays.sort(times);
      System.out.printf(Locale.ROOT, "reasons n=%d median %.2f s%n", n, times[runs / 2]);
    }
  }
}
