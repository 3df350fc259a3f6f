package org.rekindle.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rekindle.store.run.RunFixtures.CDNOW;
import static org.rekindle.store.run.RunFixtures.importOrders;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.feedback.Cases;
import org.rekindle.store.feedback.Feedback;

/** The daily run escalates the service cases whose first contact is late, once. */
class RunCasesTest {
  @TempDir Path home;

  @Test
  void run_escalatesLateCasesToTheManager_once() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      importOrders(store, CDNOW);
      // two complaints a week ago with a 24-hour SLA: one was answered in time, one never
      Clock weekAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
      Feedback feedback = new Feedback(store.jdbi(), weekAgo, Duration.ofHours(24));
      long late = complaint(feedback, "1");
      long answered = complaint(feedback, "2");
      new Cases(store.jdbi(), weekAgo)
          .contact(answered, "Tom", Cases.Channel.CALL, Optional.empty());
      // and one today, not due yet
      long fresh =
          complaint(new Feedback(store.jdbi(), Clock.systemUTC(), Duration.ofHours(24)), "3");

      DailyRun.Outcome first =
          DailyRun.run(
              store,
              LocalDate.of(1997, 10, 25),
              DailyRun.Options.defaults().withEscalateTo("Dana Hill"),
              s -> {});
      DailyRun.Outcome second =
          DailyRun.run(
              store,
              LocalDate.of(1997, 10, 26),
              DailyRun.Options.defaults().withEscalateTo("Dana Hill"),
              s -> {});

      assertThat(first.casesEscalated()).isEqualTo(1);
      assertThat(second.casesEscalated()).isZero();
      Cases cases = new Cases(store.jdbi(), Clock.systemUTC());
      assertThat(cases.show(late).summary().escalatedTo()).contains("Dana Hill");
      assertThat(cases.show(answered).summary().escalatedAt()).isEmpty();
      assertThat(cases.show(fresh).summary().escalatedAt()).isEmpty();
    }
  }

  private static long complaint(Feedback feedback, String customer) {
    return feedback
        .add(
            new Feedback.Entry(
                customer,
                "phone",
                Optional.of(1),
                Optional.empty(),
                LocalDate.of(1997, 10, 20),
                false,
                Optional.empty()))
        .caseId()
        .orElseThrow();
  }
}
