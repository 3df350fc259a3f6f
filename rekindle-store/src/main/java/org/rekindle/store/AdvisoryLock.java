package org.rekindle.store;

import java.util.function.Supplier;

/**
 * A PostgreSQL session advisory lock held on its own connection while some work runs: the way
 * Rekindle keeps a second run, plan or sender from starting while one is at work. A process that
 * dies loses its connection and with it the lock.
 */
public final class AdvisoryLock {
  /** Daily runs, backfills and plans: they read and write the same scores and states. */
  public static final long RUN = 0x5245_4B49_4E44_4C45L; // "REKINDLE"

  /** The outbox's sending runner: only one at a time. */
  public static final long SEND = 0x524B_5345_4E44_4552L; // "RKSENDER"

  private AdvisoryLock() {}

  /**
   * Runs {@code work} holding lock {@code key}.
   *
   * @param busy what to tell the user when another process holds it
   * @throws StoreException with {@code busy} when the lock is held elsewhere
   */
  public static <T> T holding(Store store, long key, String busy, Supplier<T> work) {
    return store
        .jdbi()
        .withHandle(
            lockHolder -> {
              boolean locked =
                  lockHolder
                      .select("SELECT pg_try_advisory_lock(?)", key)
                      .mapTo(Boolean.class)
                      .one();
              if (!locked) {
                throw new StoreException(busy);
              }
              try {
                return work.get();
              } finally {
                lockHolder.select("SELECT pg_advisory_unlock(?)", key).mapTo(Boolean.class).one();
              }
            });
  }
}
