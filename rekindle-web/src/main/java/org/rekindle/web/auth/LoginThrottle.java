package org.rekindle.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing. Failed logins are counted over a sliding window, per login name and
 * per client address: a login that failed {@link #perLogin} times in the window, or an address that
 * failed {@link #perAddress} times, is refused without a password check until its oldest failure
 * leaves the window. A success clears the login's count (not the address's: one right password must
 * not reset a guesser who spreads over many logins).
 *
 * <p>Kept in memory: a restart forgets it, which is acceptable for a window of minutes. The number
 * of keys held is bounded; when full, the keys whose last failure is oldest go first.
 */
public final class LoginThrottle {
  /** The window failures are counted over. */
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final int perLogin;
  private final int perAddress;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  /**
   * @param perLogin failures of one login name allowed in the window
   * @param perAddress failures from one client address allowed in the window
   */
  public LoginThrottle(Clock clock, int perLogin, int perAddress) {
    if (perLogin < 1 || perAddress < 1) {
      throw new IllegalArgumentException("the limits must be at least 1");
    }
    this.clock = clock;
    this.perLogin = perLogin;
    this.perAddress = perAddress;
  }

  /** Five tries a login, thirty an address, per quarter hour. */
  public static LoginThrottle standard() {
    return new LoginThrottle(Clock.systemUTC(), 5, 30);
  }

  /** How long until a login from this address may be tried again, when it may not be tried now. */
  public synchronized Optional<Duration> refusal(String login, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    wait = max(wait, waitFor(loginKey(login), perLogin, now));
    wait = max(wait, waitFor(addressKey(address), perAddress, now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Counts a failed login. */
  public synchronized void failed(String login, String address) {
    Instant now = clock.instant();
    add(loginKey(login), now);
    add(addressKey(address), now);
  }

  /** A login succeeded: its name's failures are forgiven. */
  public synchronized void succeeded(String login) {
    failures.remove(loginKey(login));
  }

  private Duration waitFor(String key, int limit, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Duration.ZERO;
    }
    prune(times, now);
    if (times.isEmpty()) {
      failures.remove(key);
      return Duration.ZERO;
    }
    if (times.size() < limit) {
      return Duration.ZERO;
    }
    // the window frees one place when the failure `size - limit` from the oldest leaves it
    Iterator<Instant> it = times.iterator();
    Instant freeing = it.next();
    for (int i = 0; i < times.size() - limit; i++) {
      freeing = it.next();
    }
    return Duration.between(now, freeing.plus(WINDOW));
  }

  private void add(String key, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      if (failures.size() >= MAX_KEYS) {
        evictOldest(now);
      }
      times = new ArrayDeque<>();
      failures.put(key, times);
    }
    prune(times, now);
    times.addLast(now);
    // more than the larger limit is never needed to know the wait
    while (times.size() > Math.max(perLogin, perAddress)) {
      times.removeFirst();
    }
  }

  private void evictOldest(Instant now) {
    failures.values().forEach(t -> prune(t, now));
    failures.values().removeIf(Deque::isEmpty);
    if (failures.size() >= MAX_KEYS) {
      failures.entrySet().stream()
          .min((a, b) -> a.getValue().peekLast().compareTo(b.getValue().peekLast()))
          .map(Map.Entry::getKey)
          .ifPresent(failures::remove);
    }
  }

  private static void prune(Deque<Instant> times, Instant now) {
    Instant since = now.minus(WINDOW);
    while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
      times.removeFirst();
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String loginKey(String login) {
    return "login:" + login.strip().toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
