package org.rekindle.web.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.Role;
import org.rekindle.web.DashboardServer;

/** A fresh store, nothing imported: every page says what to do next, none fails. */
class EmptyStoreTest {
  @TempDir static Path home;
  static DashboardServer server;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    server.user("mona", Role.MANAGER, null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void overview_withoutARun_saysHowToStart() throws Exception {
    HttpResponse<String> r = server.loggedIn("mona").get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Nothing to show yet: the daily run has not run.")
        .contains("rekindle run")
        .doesNotContain("states-data");
  }

  @Test
  void results_withoutData_sayThereIsNothingYet() throws Exception {
    for (String period : new String[] {"month", "90d", "year", "all"}) {
      HttpResponse<String> r = server.loggedIn("mona").get("/results?period=" + period);
      assertThat(r.statusCode()).as(period).isEqualTo(200);
      assertThat(r.body())
          .contains("there is no daily run yet")
          .contains("No playbook has started for anyone in this period yet.")
          .contains("Nobody came back in this period.")
          .contains("id=\"comebacks\">0<");
    }
  }

  @Test
  void feedback_withoutData_saysWhereItComesFrom() throws Exception {
    HttpResponse<String> r = server.loggedIn("mona").get("/feedback");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("id=\"no-cases\"")
        .contains("id=\"no-feedback\"")
        .contains("id=\"no-reasons\"")
        .contains("none at all yet");
  }
}
