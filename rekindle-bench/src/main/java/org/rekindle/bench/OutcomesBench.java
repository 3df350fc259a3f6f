package org.rekindle.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.results.Outcomes;
import org.rekindle.store.results.Results;

/**
 * Times keeping the enrollments' outcomes ({@link Outcomes#keep}) on a prepared home, as the daily
 * run does: {@code OutcomesBench HOME AS_OF [forget]}. With {@code forget} the kept outcomes are
 * dropped first, so the keep is the first one of a home (every closed window); without, it keeps
 * only the windows closed since the last keep. Prints how many were kept and the time.
 */
public final class OutcomesBench {
  private OutcomesBench() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: OutcomesBench HOME AS_OF [forget]");
      System.exit(2);
    }
    Path home = Path.of(args[0]);
    LocalDate asOf = LocalDate.parse(args[1]);
    boolean forget = args.length > 2 && args[2].equals("forget");
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      if (forget) {
        store.jdbi().useHandle(h -> h.execute("TRUNCATE enrollment_outcomes"));
      }
      long start = System.nanoTime();
      int kept = Outcomes.keep(store.jdbi(), Results.DEFAULT_WINDOW_DAYS, asOf);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "kept %d outcomes in %.2f s%n", kept, seconds);
    }
  }
}
