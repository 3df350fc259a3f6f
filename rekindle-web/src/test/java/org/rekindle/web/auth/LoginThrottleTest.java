package org.rekindle.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves. */
  static final class Hands extends Clock {
    Instant now = Instant.parse("2026-12-07T09:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aLoginIsRefusedAfterItsLimit_untilItsOldestFailureLeavesTheWindow() {
    Hands clock = new Hands();
    LoginThrottle t = new LoginThrottle(clock, 3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(t.refusal("maria", "10.0.0.1")).isEmpty();
      t.failed("maria", "10.0.0.1");
      clock.now = clock.now.plus(Duration.ofMinutes(1));
    }
    // failures at 9:00, 9:01, 9:02; now 9:03: the first leaves the window at 9:15
    assertThat(t.refusal("maria", "10.0.0.1")).contains(Duration.ofMinutes(12));
    // the name is what counts, however it is typed, and from any address
    assertThat(t.refusal("  MARIA ", "10.9.9.9")).contains(Duration.ofMinutes(12));
    assertThat(t.refusal("tom", "10.0.0.1")).isEmpty();
    clock.now = Instant.parse("2026-12-07T09:15:00Z");
    assertThat(t.refusal("maria", "10.0.0.1")).isEmpty();
  }

  @Test
  void anAddressIsRefusedAfterItsLimit_acrossLogins_andASuccessDoesNotForgiveIt() {
    Hands clock = new Hands();
    LoginThrottle t = new LoginThrottle(clock, 100, 4);
    for (String login : new String[] {"a", "b", "c", "d"}) {
      t.failed(login, "10.0.0.7");
    }
    t.succeeded("a");
    assertThat(t.refusal("e", "10.0.0.7")).isPresent();
    assertThat(t.refusal("e", "10.0.0.8")).isEmpty();
  }

  @Test
  void aSuccessForgivesTheLoginsFailures() {
    Hands clock = new Hands();
    LoginThrottle t = new LoginThrottle(clock, 2, 100);
    t.failed("maria", "10.0.0.1");
    t.failed("maria", "10.0.0.1");
    assertThat(t.refusal("maria", "10.0.0.1")).isPresent();
    t.succeeded("maria");
    assertThat(t.refusal("maria", "10.0.0.1")).isEmpty();
  }

  @Test
  void theRightWait_whenMoreFailuresThanTheLimitAreHeld() {
    Hands clock = new Hands();
    // the address limit is larger, so up to 5 failures of the login are held
    LoginThrottle t = new LoginThrottle(clock, 2, 5);
    for (int i = 0; i < 4; i++) {
      t.failed("maria", "10.0.0." + i);
      clock.now = clock.now.plus(Duration.ofMinutes(1));
    }
    // failures at 9:00..9:03, now 9:04; three must leave for fewer than 2 to remain, the last of
    // them (9:02) at 9:17
    assertThat(t.refusal("maria", "10.1.1.1")).contains(Duration.ofMinutes(13));
  }
}
