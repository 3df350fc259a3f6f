package org.rekindle.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackFileReaderTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("feedback.csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private List<String> rejects(Path rejects) throws IOException {
    return Files.readAllLines(rejects, StandardCharsets.UTF_8);
  }

  @Test
  void read_goodRowsKept_badRowsRejectedWithTheirReason() throws IOException {
    Path f =
        file(
            "Customer ID,Review ID,Site,Stars,Comment,Date,Flagged\n"
                + "1,r-1,reviews.example,5,Great,2026-11-01,\n"
                + "2,r-2,reviews.example,1,\"Rude, slow\",2026-11-02,no\n"
                + "3,,phone,,Wrong invoice,2026-11-03,yes\n"
                + "4,r-4,reviews.example,6,Odd,2026-11-04,\n"
                + "5,r-5,reviews.example,3,Ok,31/12/2026,\n"
                + ",r-6,reviews.example,3,Ok,2026-11-06,\n"
                + "7,r-7,reviews.example,,,2026-11-07,\n"
                + "8,r-8,reviews.example,2,x,2026-11-08,maybe\n"
                + ",,,,,,\n"
                + "9,r-9,reviews.example,4.5,Good,2026-11-09,\n");
    Path rejects = dir.resolve("rejects.csv");
    List<FeedbackRecord> rows = new ArrayList<>();

    ReadReport report =
        FeedbackFileReader.builder().maxRejects(1).rejectsFile(rejects).build().read(f, rows::add);

    assertThat(report.rows()).isEqualTo(10);
    assertThat(report.rejected()).isEqualTo(7);
    assertThat(rows)
        .containsExactly(
            new FeedbackRecord(
                2,
                "1",
                Optional.of("r-1"),
                Optional.of("reviews.example"),
                Optional.of(5),
                Optional.of("5"),
                Optional.of("Great"),
                LocalDate.of(2026, 11, 1),
                false),
            new FeedbackRecord(
                3,
                "2",
                Optional.of("r-2"),
                Optional.of("reviews.example"),
                Optional.of(1),
                Optional.of("1"),
                Optional.of("Rude, slow"),
                LocalDate.of(2026, 11, 2),
                false),
            new FeedbackRecord(
                4,
                "3",
                Optional.empty(),
                Optional.of("phone"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("Wrong invoice"),
                LocalDate.of(2026, 11, 3),
                true));
    assertThat(rows).extracting(FeedbackRecord::negative).containsExactly(false, true, true);
    assertThat(String.join("\n", rejects(rejects)))
        .contains(
            "5,column 'Stars': the rating '6' is not a whole number from 1 to 5 (another scale:"
                + " --scale 10 or --scale 100)")
        .contains("6,column 'Date': cannot read '31/12/2026' as a date")
        .contains("7,missing customer id in column 'Customer ID'")
        .contains("8,\"nothing to record: no rating, no text and not flagged\"")
        .contains("9,\"column 'Flagged': 'maybe' is not yes or no")
        .contains("10,empty row")
        .contains("11,column 'Stars': the rating '4.5' is not a whole number from 1 to 5");
  }

  @Test
  void nul_inTheTextIsDropped_inAnIdTheRowIsRejected() throws IOException {
    // a broken export: NUL characters, which PostgreSQL's text cannot hold
    Path f =
        file(
            "customer,id,source,rating,text,date\n"
                + "1,r-1,site,1,\"Rude\0 and\0 slow\",2026-11-01\n"
                + "2,r\0-2,site,1,Slow,2026-11-02\n"
                + "3,r-3,si\0te,1,Slow,2026-11-03\n"
                + "4\0,r-4,site,1,Slow,2026-11-04\n"
                + "5,r-5,site,,\0,2026-11-05\n"
                + "6,r-6,site,2,ok,2026-11-06\n");
    Path rejects = dir.resolve("rejects.csv");
    List<FeedbackRecord> rows = new ArrayList<>();

    FeedbackFileReader.builder().maxRejects(1).rejectsFile(rejects).build().read(f, rows::add);

    assertThat(rows).extracting(FeedbackRecord::customerId).containsExactly("1", "6");
    assertThat(rows.get(0).text()).contains("Rude and slow");
    assertThat(String.join("\n", rejects(rejects)))
        .contains("3,\"column 'id': holds a NUL character, which no id can\"")
        .contains("4,\"column 'source': holds a NUL character, which no id can\"")
        .contains("5,\"column 'customer': holds a NUL character, which no id can\"")
        .contains("6,\"nothing to record: no rating, no text and not flagged\"")
        // the rejected rows keep their NULs as the symbol for one, so they can be stored
        .contains("\"2,r\u2400-2,site,1,Slow,2026-11-02\"")
        .doesNotContain("\0");
  }

  @Test
  void scales_mapOntoOneToFive() {
    assertThat(RatingScale.TEN.toFive("0")).contains(1);
    assertThat(RatingScale.TEN.toFive("2")).contains(1);
    assertThat(RatingScale.TEN.toFive("3")).contains(2);
    assertThat(RatingScale.TEN.toFive("4")).contains(2);
    assertThat(RatingScale.TEN.toFive("5")).contains(3);
    assertThat(RatingScale.TEN.toFive("7.5")).contains(4);
    assertThat(RatingScale.TEN.toFive("10")).contains(5);
    assertThat(RatingScale.TEN.toFive("11")).isEmpty();
    assertThat(RatingScale.HUNDRED.toFive("20")).contains(1);
    assertThat(RatingScale.HUNDRED.toFive("21")).contains(2);
    assertThat(RatingScale.HUNDRED.toFive("40")).contains(2);
    assertThat(RatingScale.HUNDRED.toFive("41")).contains(3);
    assertThat(RatingScale.HUNDRED.toFive("100")).contains(5);
    assertThat(RatingScale.HUNDRED.toFive("-1")).isEmpty();
    assertThat(RatingScale.FIVE.toFive("0")).isEmpty();
    assertThat(RatingScale.FIVE.toFive("3.0")).contains(3);
    assertThat(RatingScale.FIVE.toFive("three")).isEmpty();
    assertThat(RatingScale.of(10)).isEqualTo(RatingScale.TEN);
    assertThatThrownBy(() -> RatingScale.of(7)).hasMessageContaining("5, 10 or 100, not 7");
  }

  @Test
  void tenPointFile_readsOnItsScale() throws IOException {
    Path f = file("customer,rating,date\n1,4,2026-11-01\n2,9,2026-11-02\n");
    List<FeedbackRecord> rows = new ArrayList<>();

    FeedbackFileReader.builder().scale(RatingScale.TEN).build().read(f, rows::add);

    assertThat(rows)
        .extracting(FeedbackRecord::rating)
        .containsExactly(Optional.of(2), Optional.of(5));
    assertThat(rows)
        .extracting(FeedbackRecord::givenRating)
        .containsExactly(Optional.of("4"), Optional.of("9"));
  }

  @Test
  void missingColumns_refuseTheFile() throws IOException {
    Path noDate = file("customer,rating\n1,4\n");
    assertThatThrownBy(() -> FeedbackFileReader.builder().build().read(noDate, r -> {}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has no date column");
    Path mapped = file("Kunde,Sterne,Datum\n1,4,2026-11-01\n");
    List<FeedbackRecord> rows = new ArrayList<>();
    FeedbackFileReader.builder()
        .columns("customer=Kunde,rating=Sterne,date=Datum")
        .build()
        .read(mapped, rows::add);
    assertThat(rows).hasSize(1);
  }

  @Test
  void tooManyRejects_refuseTheFile() throws IOException {
    Path f = file("customer,rating,date\n1,9,2026-11-01\n2,4,2026-11-02\n");
    assertThatThrownBy(() -> FeedbackFileReader.builder().build().read(f, r -> {}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 of 2 rows (50%) rejected");
  }
}
