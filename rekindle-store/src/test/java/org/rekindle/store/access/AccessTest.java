package org.rekindle.store.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/** Users, sessions, API keys and the audit entries of their changes, on a real store. */
class AccessTest {
  @TempDir static Path home;
  static Store store;

  @BeforeAll
  static void open() {
    store = Store.open(StoreSettings.embedded(home), n -> {});
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void users_areAddedCheckedAndAudited() {
    Users users = new Users(store.jdbi());
    User admin = users.add(" Boss ", "The Boss", Role.ADMIN, null, pw("boss password"), "cli");
    assertThat(admin.login()).isEqualTo("boss");
    assertThat(users.any()).isTrue();
    User maria = users.add("maria", null, Role.REP, " Maria ", pw("maria password"), admin.actor());
    assertThat(maria.rep()).isEqualTo("Maria");

    assertThatThrownBy(() -> users.add("BOSS", null, Role.ADMIN, null, pw("another one"), "cli"))
        .isInstanceOf(AccessException.class)
        .hasMessageContaining("already a user 'boss'");
    assertThatThrownBy(() -> users.add("tom", null, Role.REP, " ", pw("tom password"), "cli"))
        .hasMessageContaining("--rep");
    assertThatThrownBy(() -> users.add("tom", null, Role.MANAGER, null, pw("short"), "cli"))
        .hasMessageContaining("at least 8");
    assertThatThrownBy(
            () -> users.add("tom smith", null, Role.MANAGER, null, pw("long enough"), "cli"))
        .hasMessageContaining("bad login");
    assertThat(users.find("tom")).isEmpty();

    assertThat(users.authenticate("MARIA", pw("maria password"))).contains(maria);
    assertThat(users.authenticate("maria", pw("maria passwore"))).isEmpty();
    assertThat(users.authenticate("nobody", pw("maria password"))).isEmpty();

    assertThat(maria.maySee("maria ")).isTrue();
    assertThat(maria.maySee("Tom")).isFalse();
    assertThat(maria.maySee(null)).isFalse();
    assertThat(admin.maySee("Tom")).isTrue();

    AuditLog audit = new AuditLog(store.jdbi());
    assertThat(audit.recent(10, "user boss"))
        .extracting(AuditLog.Entry::action, AuditLog.Entry::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user.add", "user maria"));
    assertThat(audit.recent(100, "cli"))
        .filteredOn(e -> "user boss".equals(e.subject()))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("\"role\": \"admin\""));
  }

  @Test
  void sessions_lastTheirLifetime_andEndWithThePasswordOrTheUser() {
    Users users = new Users(store.jdbi());
    Sessions sessions = new Sessions(store.jdbi());
    User ann = users.add("ann", "Ann", Role.MANAGER, null, pw("ann password"), "cli");
    Instant t0 = Instant.parse("2026-12-07T08:00:00Z");

    Sessions.Opened s = sessions.open(ann, t0);
    assertThat(s.token()).hasSize(43).isNotEqualTo(s.csrf());
    Sessions.Session live = sessions.find(s.token(), t0.plusSeconds(60)).orElseThrow();
    assertThat(live.user()).isEqualTo(ann);
    assertThat(live.csrf()).isEqualTo(s.csrf());
    assertThat(sessions.find(s.token(), t0.plus(Sessions.LIFETIME).plusSeconds(1))).isEmpty();
    assertThat(sessions.find(s.token() + "x", t0)).isEmpty();
    assertThat(sessions.find("", t0)).isEmpty();
    // only the hash is kept
    long plain =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM web_sessions WHERE position(convert_to(?, 'UTF8')"
                                + " IN token_hash) > 0 OR csrf_token = ?")
                        .bind(0, s.token())
                        .bind(1, s.token())
                        .mapTo(Long.class)
                        .one());
    assertThat(plain).isZero();

    Sessions.Opened second = sessions.open(ann, t0);
    sessions.close(s.token());
    assertThat(sessions.find(s.token(), t0)).isEmpty();
    assertThat(sessions.find(second.token(), t0)).isPresent();

    users.setPassword("ann", pw("new ann password"), "cli");
    assertThat(sessions.find(second.token(), t0)).isEmpty();
    assertThat(users.authenticate("ann", pw("ann password"))).isEmpty();
    assertThat(users.authenticate("ann", pw("new ann password"))).isPresent();

    Sessions.Opened third = sessions.open(ann, t0);
    assertThat(users.setDisabled("ann", true, "cli").disabled()).isTrue();
    assertThat(sessions.find(third.token(), t0)).isEmpty();
    assertThat(users.authenticate("ann", pw("new ann password"))).isEmpty();
    assertThat(users.setDisabled("ann", false, "cli").disabled()).isFalse();
    assertThat(users.authenticate("ann", pw("new ann password"))).isPresent();
    assertThatThrownBy(() -> users.setDisabled("ghost", true, "cli"))
        .hasMessageContaining("no user 'ghost'");
  }

  @Test
  void apiKeys_workUntilRevoked_andAreKeptOnlyAsHashes() {
    ApiKeys keys = new ApiKeys(store.jdbi());
    ApiKeys.Created till = keys.create("till-1", "user boss");
    assertThat(till.secret()).startsWith("rk_").hasSize(46);
    assertThat(till.key().prefix()).isEqualTo(till.secret().substring(0, 10));
    assertThat(keys.find(till.secret())).contains(till.key());
    assertThat(keys.find(till.secret().substring(0, 45))).isEmpty();
    assertThat(keys.find("not a key")).isEmpty();

    ApiKeys.Created shop = keys.create("shop", "cli");
    assertThat(keys.list()).extracting(ApiKeys.ApiKey::name).containsExactly("shop", "till-1");

    ApiKeys.ApiKey revoked = keys.revoke(till.key().prefix(), "cli");
    assertThat(revoked.revokedAt()).isNotNull();
    assertThat(keys.find(till.secret())).isEmpty();
    assertThat(keys.find(shop.secret())).isPresent();
    assertThat(keys.revoke(String.valueOf(till.key().id()), "cli").revokedAt())
        .isEqualTo(revoked.revokedAt());
    assertThatThrownBy(() -> keys.revoke("rk_nothing", "cli")).hasMessageContaining("no key");
    assertThatThrownBy(() -> keys.create(" ", "cli")).hasMessageContaining("needs a name");

    assertThat(new AuditLog(store.jdbi()).recent(50, null))
        .extracting(AuditLog.Entry::action)
        .containsSubsequence("key.revoke", "key.add", "key.add");
  }

  private static char[] pw(String s) {
    return s.toCharArray();
  }
}
