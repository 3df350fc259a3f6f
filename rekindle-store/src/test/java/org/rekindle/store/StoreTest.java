package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server in a Rekindle home: the contract, plus durable and on loopback. */
class StoreTest extends StoreContract {
  @TempDir Path home;

  @Override
  StoreSettings settings() {
    return StoreSettings.embedded(home);
  }

  @Test
  void open_embedded_isDurableOnLoopback() {
    try (Store store = Store.open(settings(), notices::add)) {
      assertThat(Store.durabilityOff(store.dataSource())).isEmpty();
      String listen =
          store.jdbi().withHandle(h -> h.select("SHOW listen_addresses").mapTo(String.class).one());
      assertThat(listen).isEqualTo("127.0.0.1");
      assertThat(store.describe()).contains(home.resolve("postgres").toString());
      assertThat(store.embeddedPort()).isPresent();
    }
    assertThat(notices).isEmpty();
  }

  /** The sender's 64 workers each keep a connection, and its lock holder one more. */
  @Test
  void pool_givesSixtyFiveHoldersAConnectionEach() {
    try (Store store = Store.open(settings(), notices::add)) {
      List<Handle> held = new ArrayList<>();
      try {
        for (int i = 0; i < 65; i++) {
          Handle h = store.jdbi().open();
          held.add(h);
          assertThat(h.select("SELECT 1").mapTo(Integer.class).one()).isEqualTo(1);
        }
      } finally {
        held.forEach(Handle::close);
      }
      assertThat(held).hasSize(65);
    }
  }

  @Test
  void sharedBuffers_anEighthOfTheMemory_between128MiBAnd1GiB() {
    long gib = 1024L * 1024 * 1024;
    assertThat(EmbeddedServer.sharedBuffersMb(0)).isEqualTo(128);
    assertThat(EmbeddedServer.sharedBuffersMb(gib)).isEqualTo(128);
    assertThat(EmbeddedServer.sharedBuffersMb(2 * gib)).isEqualTo(256);
    assertThat(EmbeddedServer.sharedBuffersMb(4 * gib)).isEqualTo(512);
    assertThat(EmbeddedServer.sharedBuffersMb(64 * gib)).isEqualTo(1024);
    try (Store store = Store.open(settings(), notices::add)) {
      long mb =
          store
              .jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT setting::bigint * 8192 / (1024 * 1024) FROM pg_settings"
                                  + " WHERE name = 'shared_buffers'")
                          .mapTo(Long.class)
                          .one());
      assertThat(mb).isEqualTo(EmbeddedServer.sharedBuffersMb(EmbeddedServer.physicalMemory()));
    }
  }

  @Test
  void open_stalePidFileOfAnotherProgram_isRemovedAndSaid() throws Exception {
    Store.open(settings(), notices::add).close();
    Path pidFile = home.resolve("postgres").resolve("postmaster.pid");
    // as after a crash and a reboot: the old server's pid now belongs to this test's JVM
    java.nio.file.Files.writeString(
        pidFile, ProcessHandle.current().pid() + "\n" + home.resolve("postgres") + "\n");
    try (Store store = Store.open(settings(), notices::add)) {
      assertThat(Store.durabilityOff(store.dataSource())).isEmpty();
    }
    assertThat(notices).singleElement().asString().contains("removed a stale");
  }

  @Test
  void settings_fromEnvironment_homeAndExternalServer() {
    StoreSettings byDefault = StoreSettings.from(Optional.empty(), Map.of());
    assertThat(byDefault.home()).isEqualTo(StoreSettings.DEFAULT_HOME);
    assertThat(byDefault.isEmbedded()).isTrue();
    StoreSettings fromEnv =
        StoreSettings.from(
            Optional.empty(),
            Map.of(
                "REKINDLE_HOME", "/srv/rk",
                "REKINDLE_DB_URL", "jdbc:postgresql://127.0.0.1:5433/rk",
                "REKINDLE_DB_USER", "rk",
                "REKINDLE_DB_PASSWORD", "s3cret"));
    assertThat(fromEnv.home()).isEqualTo(Path.of("/srv/rk"));
    assertThat(fromEnv.isEmbedded()).isFalse();
    assertThat(fromEnv.toString()).contains("5433/rk").contains("as rk").doesNotContain("s3cret");
    assertThat(StoreSettings.from(Optional.of(Path.of("x")), Map.of("REKINDLE_HOME", "y")).home())
        .isEqualTo(Path.of("x"));
    assertThatThrownBy(
            () -> StoreSettings.from(Optional.empty(), Map.of("REKINDLE_DB_URL", "mysql://x")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("PostgreSQL JDBC URL");
  }
}
