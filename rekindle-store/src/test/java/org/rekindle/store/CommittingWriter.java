package org.rekindle.store;

import java.nio.file.Path;

/**
 * A process for {@link CrashTest} to kill: opens the store in the given home and commits one
 * customer at a time, printing "committed N" after each commit, until it is killed.
 */
public final class CommittingWriter {
  private CommittingWriter() {}

  public static void main(String[] args) throws InterruptedException {
    Store store = Store.open(StoreSettings.embedded(Path.of(args[0])), System.out::println);
    for (int i = 0; ; i++) {
      int n = i;
      store
          .jdbi()
          .useHandle(h -> h.execute("INSERT INTO customers (external_id) VALUES (?)", "k-" + n));
      System.out.println("committed " + n);
      System.out.flush();
      Thread.sleep(5);
    }
  }
}
