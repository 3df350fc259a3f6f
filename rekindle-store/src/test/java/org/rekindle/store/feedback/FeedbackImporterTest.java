package org.rekindle.store.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.FeedbackFileReader;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.RatingScale;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.RejectedRow;
import org.rekindle.store.query.UnknownCustomerException;

class FeedbackImporterTest extends FeedbackTestBase {

  private FeedbackImporter importer(double maxRejects, RatingScale scale) {
    return new FeedbackImporter(
        store,
        FeedbackFileReader.builder().scale(scale),
        maxRejects,
        "file",
        Duration.ofHours(24),
        clock);
  }

  @Test
  void import_storesFeedbackOpensCasesForTheNegative_andAReimportAddsNothing() throws IOException {
    Path file =
        write(
            "feedback.csv",
            "customer,id,source,rating,text,date,flagged",
            "c1,r-1,reviews.example,5,Great service,2026-11-01,",
            "c2,r-2,reviews.example,1,Rude at the counter,2026-11-01,",
            "c3,,phone,,Invoice wrong twice,2026-11-01,yes",
            "c3,,phone,3,Fine,2026-11-01,",
            "zz,r-5,reviews.example,1,Who am I,2026-11-01,",
            "c1,r-6,reviews.example,7,Odd,2026-11-01,",
            "c1,r-1,reviews.example,5,Great service,2026-11-01,");

    FeedbackImporter.Result first = importer(1, RatingScale.FIVE).importFile(file);

    ImportResult r = first.result();
    assertThat(r.kind()).isEqualTo("feedback");
    assertThat(r.rowsRead()).isEqualTo(7);
    assertThat(r.inserted()).isEqualTo(4);
    assertThat(r.rejected()).isEqualTo(2);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(first.casesOpened()).hasSize(2);
    List<RejectedRow> rejects = ImportBatches.rejects(store.jdbi(), r.batchId());
    assertThat(rejects)
        .extracting(RejectedRow::line, RejectedRow::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                6L, "unknown customer 'zz': import the customers (or their orders) first"),
            org.assertj.core.groups.Tuple.tuple(
                7L,
                "column 'rating': the rating '7' is not a whole number from 1 to 5 (another"
                    + " scale: --scale 10 or --scale 100)"));
    // the rude review goes to Tom, the flagged phone call to the pool, both due in 24 hours
    Cases cases = new Cases(store.jdbi(), clock);
    List<Cases.Case> open = cases.list(true, Optional.empty());
    assertThat(open)
        .extracting(c -> c.customerId(), c -> c.assignedTo(), c -> c.dueAt())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "c2", Optional.of("Tom"), START.plus(Duration.ofHours(24))),
            org.assertj.core.groups.Tuple.tuple(
                "c3", Optional.empty(), START.plus(Duration.ofHours(24))));
    assertThat(count("SELECT count(*) FROM case_actions WHERE action = 'opened'")).isEqualTo(2);
    assertThat(strings("SELECT actor || ': ' || note FROM case_actions ORDER BY id"))
        .containsExactly(
            // r-1 is stored from its last row (line 8), so the rude review is feedback #1
            "import batch 1: negative feedback #1 from reviews.example, rated 1 of 5; assigned"
                + " to Tom; first contact due within 1 day",
            "import batch 1: negative feedback #2 from phone, flagged; assigned to the pool;"
                + " first contact due within 1 day");

    clock.advance(Duration.ofHours(1));
    FeedbackImporter.Result again = importer(1, RatingScale.FIVE).importFile(file);

    assertThat(again.result().inserted()).isZero();
    assertThat(again.result().updated()).isZero();
    assertThat(again.result().unchanged()).isEqualTo(4);
    assertThat(again.casesOpened()).isEmpty();
    assertThat(count("SELECT count(*) FROM feedback")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM cases")).isEqualTo(2);
  }

  @Test
  void changedRating_updatesAndOpensACaseWhenItTurnsNegative() throws IOException {
    importer(0, RatingScale.FIVE)
        .importFile(write("a.csv", "customer,id,rating,date", "c1,r-1,4,2026-11-01"));
    FeedbackImporter.Result changed =
        importer(0, RatingScale.FIVE)
            .importFile(write("b.csv", "customer,id,rating,date", "c1,r-1,2,2026-11-01"));

    assertThat(changed.result().updated()).isEqualTo(1);
    assertThat(changed.casesOpened()).hasSize(1);
    assertThat(count("SELECT rating FROM feedback")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM feedback WHERE source = 'file'")).isEqualTo(1);
  }

  @Test
  void sameIdTwiceInAFile_theLaterRowCounts() throws IOException {
    FeedbackImporter.Result r =
        importer(0, RatingScale.FIVE)
            .importFile(
                write(
                    "edited.csv",
                    "customer,id,rating,text,date",
                    "c1,rv-9,4,Fine,2026-11-01",
                    "c1,rv-9,1,Edited: the order never came,2026-11-02"));

    assertThat(r.result().inserted()).isEqualTo(1);
    assertThat(r.result().duplicates()).isEqualTo(1);
    assertThat(r.casesOpened()).hasSize(1);
    assertThat(count("SELECT rating FROM feedback WHERE external_id = 'rv-9'")).isEqualTo(1);
  }

  @Test
  void nulInAFile_droppedFromTheText_andARejectedRowIsStoredWithItsSymbol() throws IOException {
    FeedbackImporter.Result r =
        importer(0.5, RatingScale.FIVE)
            .importFile(
                write(
                    "broken-export.csv",
                    "customer,id,rating,text,date",
                    "c1,rv-1,1,Never\0 again,2026-11-01",
                    "c1,rv\0-2,1,Slow,2026-11-02"));

    assertThat(r.result().inserted()).isEqualTo(1);
    assertThat(r.result().rejected()).isEqualTo(1);
    assertThat(r.casesOpened()).hasSize(1);
    assertThat(count("SELECT count(*) FROM feedback WHERE text = 'Never again'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM import_rejects WHERE raw LIKE 'c1,rv\u2400-2,%'"))
        .isEqualTo(1);
  }

  @Test
  void tenPointScale_negativeAtFourOrLess() throws IOException {
    FeedbackImporter.Result r =
        importer(0, RatingScale.TEN)
            .importFile(
                write(
                    "nps.csv",
                    "customer,id,score,date",
                    "c1,n-1,4,2026-11-01",
                    "c2,n-2,5,2026-11-01",
                    "c3,n-3,0,2026-11-01"));

    assertThat(r.casesOpened()).hasSize(2);
    assertThat(strings("SELECT rating::text FROM feedback ORDER BY external_id"))
        .containsExactly("2", "3", "1");
  }

  @Test
  void idInUseByAnotherCustomer_isRejected() throws IOException {
    importer(0, RatingScale.FIVE)
        .importFile(write("a.csv", "customer,id,rating,date", "c1,r-1,4,2026-11-01"));
    FeedbackImporter.Result r =
        importer(1, RatingScale.FIVE)
            .importFile(
                write(
                    "b.csv",
                    "customer,id,rating,date",
                    "c2,r-1,4,2026-11-01",
                    "c2,r-2,4,2026-11-01",
                    "c3,r-2,5,2026-11-01"));

    assertThat(ImportBatches.rejects(store.jdbi(), r.result().batchId()))
        .extracting(RejectedRow::reason)
        .containsExactly(
            "feedback id 'r-1' is already stored for customer 'c1'",
            "feedback id 'r-2' belongs to customer 'c2' (line 3)");
    assertThat(r.result().inserted()).isEqualTo(1);
  }

  @Test
  void tooManyRejects_importNothing_andTheBatchIsRefused() throws IOException {
    Path file =
        write(
            "bad.csv",
            "customer,rating,date",
            "c1,1,2026-11-01",
            "nobody,1,2026-11-01",
            "c2,5,2026-11-01");

    assertThatThrownBy(() -> importer(0.1, RatingScale.FIVE).importFile(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 of 3 rows rejected (1 of unknown customers");
    assertThat(count("SELECT count(*) FROM feedback")).isZero();
    assertThat(count("SELECT count(*) FROM cases")).isZero();
    assertThat(count("SELECT count(*) FROM import_batches WHERE status = 'refused'")).isEqualTo(1);
  }

  @Test
  void manualEntry_opensACaseWhenNegative_andRefusesAnUnknownCustomer() {
    Feedback feedback = new Feedback(store.jdbi(), clock, Duration.ofHours(4));

    Feedback.Added good =
        feedback.add(
            new Feedback.Entry(
                "c1",
                "phone",
                Optional.of(4),
                Optional.of("thanks"),
                LocalDate.of(2026, 11, 2),
                false,
                Optional.of("Sam")));
    Feedback.Added bad =
        feedback.add(
            new Feedback.Entry(
                "c1",
                "phone",
                Optional.empty(),
                Optional.of("shouted at"),
                LocalDate.of(2026, 11, 2),
                true,
                Optional.of("Sam")));

    assertThat(good.caseId()).isEmpty();
    assertThat(bad.caseId()).isPresent();
    Cases.Detail d = new Cases(store.jdbi(), clock).show(bad.caseId().get());
    assertThat(d.summary().dueAt()).isEqualTo(START.plus(Duration.ofHours(4)));
    assertThat(d.summary().assignedTo()).contains("Maria");
    assertThat(d.feedbackText()).contains("shouted at");
    assertThat(d.actions()).extracting(Cases.Action::actor).containsExactly("Sam");
    assertThat(Feedback.list(store.jdbi(), Optional.empty(), Optional.of("c1")))
        .extracting(Feedback.Stored::caseId)
        .containsExactly(bad.caseId(), Optional.empty());
    assertThat(
            Feedback.list(store.jdbi(), Optional.of(LocalDate.of(2026, 11, 3)), Optional.empty()))
        .isEmpty();
    assertThatThrownBy(
            () ->
                feedback.add(
                    new Feedback.Entry(
                        "nobody",
                        "phone",
                        Optional.of(1),
                        Optional.empty(),
                        LocalDate.of(2026, 11, 2),
                        false,
                        Optional.empty())))
        .isInstanceOf(UnknownCustomerException.class);
    assertThatThrownBy(
            () ->
                new Feedback.Entry(
                    "c1",
                    "phone",
                    Optional.empty(),
                    Optional.of(" "),
                    LocalDate.of(2026, 11, 2),
                    false,
                    Optional.empty()))
        .hasMessageContaining("nothing to record");
  }
}
