package org.rekindle.core.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.summary.CustomerSummary;
import org.rekindle.core.summary.Period;
import org.rekindle.core.summary.Summaries;

class RfmSummaryReaderTest {
  private static final Path CDNOW = Path.of("..", "examples", "cdnow");

  @TempDir Path dir;

  @Test
  void read_cdnowSummary_readsLifetimesColumnNames() {
    RfmReadResult result =
        RfmSummaryReader.builder().build().read(CDNOW.resolve("cdnow_customers_summary.csv"));
    Summaries s = result.summaries();

    assertThat(result.report().rows()).isEqualTo(2357);
    assertThat(result.report().rejected()).isZero();
    assertThat(s.customers()).hasSize(2357);
    assertThat(s.period()).isEqualTo(Period.WEEK);
    assertThat(s.totalFrequency()).isEqualTo(2457);
    assertThat(s.customers().get(0)).isEqualTo(CustomerSummary.of("1", 2, 30.43, 38.86, 0));
    assertThat(s.asOf()).isEmpty();
  }

  @Test
  void read_cdnowSummaryWithTransactions_readsPaperColumnNamesAndZbar() {
    Summaries s =
        RfmSummaryReader.builder()
            .build()
            .read(CDNOW.resolve("cdnow_customers_summary_with_transactions.csv"))
            .summaries();

    assertThat(s.customers()).hasSize(2357);
    assertThat(s.totalFrequency()).isEqualTo(2457);
    assertThat(s.customers().get(0)).isEqualTo(CustomerSummary.of("1", 2, 30.43, 38.86, 22.35));
    assertThat(s.customers().stream().filter(c -> c.monetary() > 0)).hasSize(946);
    assertThat(s.customers().get(2356).customerId()).isEqualTo("2357");
  }

  @Test
  void read_invalidRows_areRejectedWithReasons() throws IOException {
    Path file = dir.resolve("rfm.csv");
    Files.writeString(
        file,
        "customer_id;x;t_x;age;m\n"
            + "a;1;2,5;10;12,5\n"
            + "b;1.5;1;10;0\n"
            + "c;-1;0;10;0\n"
            + "d;2;11;10;0\n"
            + "e;0;1;10;0\n"
            + "f;1;1;10;-3\n"
            + "g;1;NaN;10;0\n"
            + "a;1;1;10;1\n"
            + "h;2.0;1e1;1E1;0\n",
        UTF_8);
    Path rejects = dir.resolve("rejects.csv");

    RfmReadResult result =
        RfmSummaryReader.builder()
            .unit(Period.DAY)
            .maxRejects(1)
            .rejectsFile(rejects)
            .build()
            .read(file);

    assertThat(result.summaries().customers())
        .containsExactly(
            CustomerSummary.of("a", 1, 2.5, 10, 12.5), CustomerSummary.of("h", 2, 10, 10, 0));
    assertThat(result.report().rejected()).isEqualTo(7);
    assertThat(Files.readAllLines(rejects))
        .containsExactly(
            "line,reason,raw",
            "3,\"frequency must be a non-negative whole number, found 1.5\",b;1.5;1;10;0",
            "4,\"frequency must be a non-negative whole number, found -1.0\",c;-1;0;10;0",
            "5,\"recency must be between 0 and T (10.0), found 11.0\",d;2;11;10;0",
            "6,\"recency must be 0 when frequency is 0, found 1.0\",e;0;1;10;0",
            "7,\"monetary value must not be negative, found -3.0\",f;1;1;10;-3",
            "8,column 't_x': cannot read 'NaN' as a number,g;1;NaN;10;0",
            "9,customer id 'a' appears again (first on line 2),a;1;1;10;1");
  }

  @Test
  void read_missingColumn_namesWhatWasLookedFor() throws IOException {
    Path file = dir.resolve("rfm.csv");
    Files.writeString(file, "id,frequency,T\n1,0,3\n", UTF_8);

    assertThatThrownBy(() -> RfmSummaryReader.builder().build().read(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has no recency column: looked for recency, t_x")
        .hasMessageContaining("'id', 'frequency', 'T'");
  }

  @Test
  void read_tooManyRejects_fails() throws IOException {
    Path file = dir.resolve("rfm.csv");
    Files.writeString(file, "id,frequency,recency,T\n1,0,0,3\n2,0,1,3\n", UTF_8);

    assertThatThrownBy(() -> RfmSummaryReader.builder().build().read(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 of 2 rows (50%) rejected, above the 1% limit");
  }

  @Test
  void read_headerOnlyOrEmpty_fails() throws IOException {
    Path header = dir.resolve("h.csv");
    Files.writeString(header, "id,frequency,recency,T\n", UTF_8);
    Path empty = dir.resolve("e.csv");
    Files.writeString(empty, "", UTF_8);

    assertThatThrownBy(() -> RfmSummaryReader.builder().build().read(header))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has a header but no data rows");
    assertThatThrownBy(() -> RfmSummaryReader.builder().build().read(empty))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void read_mappedColumns_overrideTheUsualNames() throws IOException {
    Path file = dir.resolve("rfm.csv");
    // a "frequency" column that is not the one wanted, and names no detection would find
    Files.writeString(
        file,
        "Kunde,frequency,Wiederholungen,Letzte,Alter,Umsatz\nk1,99,2,3.5,10,12.5\nk2,99,0,0,4,0\n",
        UTF_8);

    Summaries s =
        RfmSummaryReader.builder()
            .columns(
                "customer=Kunde, frequency=Wiederholungen,recency=Letzte,t=Alter,monetary=Umsatz")
            .build()
            .read(file)
            .summaries();

    assertThat(s.customers())
        .extracting(CustomerSummary::customerId, CustomerSummary::frequency, CustomerSummary::age)
        .containsExactly(Tuple.tuple("k1", 2, 10.0), Tuple.tuple("k2", 0, 4.0));
    assertThat(s.customers().get(0).recency()).isEqualTo(3.5);
    assertThat(s.customers().get(0).monetary()).isEqualTo(12.5);
  }

  @Test
  void read_mappedColumnMissing_saysItWasMapped() throws IOException {
    Path file = dir.resolve("rfm.csv");
    Files.writeString(file, "id,frequency,recency,T\n1,0,0,3\n", UTF_8);

    assertThatThrownBy(
            () -> RfmSummaryReader.builder().columns("monetary=spend").build().read(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("has no monetary column: looked for 'spend' (as mapped)");
    assertThatThrownBy(() -> RfmSummaryReader.builder().columns("date=day"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("the fields are customer, frequency, recency, T, monetary");
  }
}
