package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the Java process in the middle of a run, then start again: the embedded server it left
 * behind is noticed and stopped (not joined, not doubled), every committed row is there, and the
 * new server is durable.
 */
class CrashTest {
  @TempDir Path home;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void killedWriter_nextStartStopsTheLeftoverAndKeepsEveryCommit() throws Exception {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CommittingWriter.class.getName(),
                home.toString())
            .redirectErrorStream(true)
            .start();
    int lastCommitted = -1;
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lastCommitted < 50 && (line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("committed ")) {
          lastCommitted = Integer.parseInt(line.substring("committed ".length()));
        }
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hook runs, the server stays up
      writer.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(lastCommitted).as(String.join("\n", output)).isGreaterThanOrEqualTo(50);

    Path dataDir = home.resolve("postgres");
    OptionalLong leftover = EmbeddedServer.readPid(dataDir.resolve("postmaster.pid"));
    assertThat(leftover).as("the killed process's server is still running").isPresent();
    assertThat(ProcessHandle.of(leftover.getAsLong()).map(ProcessHandle::isAlive)).contains(true);

    List<String> notices = new ArrayList<>();
    try (Store store = Store.open(StoreSettings.embedded(home), notices::add)) {
      assertThat(notices)
          .singleElement()
          .asString()
          .contains("left running")
          .contains("pid " + leftover.getAsLong());
      assertThat(ProcessHandle.of(leftover.getAsLong()).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
      OptionalLong now = EmbeddedServer.readPid(dataDir.resolve("postmaster.pid"));
      assertThat(now).isPresent();
      assertThat(now.getAsLong()).isNotEqualTo(leftover.getAsLong());
      assertThat(postmastersOn(dataDir)).as("servers on the data directory").isEqualTo(1);

      int committed = lastCommitted;
      List<String> missing =
          store
              .jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT 'k-' || i FROM generate_series(0, ?) i"
                                  + " EXCEPT SELECT external_id FROM customers",
                              committed)
                          .mapTo(String.class)
                          .list());
      assertThat(missing).as("committed rows lost").isEmpty();
      assertThat(Store.durabilityOff(store.dataSource())).isEmpty();
    }
  }

  /** Postmasters (postgres processes whose parent is not postgres) started on this directory. */
  private static long postmastersOn(Path dataDir) throws IOException {
    String dir = dataDir.toRealPath().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir)).orElse(false))
        .filter(
            p ->
                p.parent()
                    .flatMap(q -> q.info().command())
                    .map(c -> !c.endsWith("/postgres"))
                    .orElse(true))
        .count();
  }
}
