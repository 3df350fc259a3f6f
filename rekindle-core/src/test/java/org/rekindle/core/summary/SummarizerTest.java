package org.rekindle.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SummarizerTest {
  private static final LocalDate D0 = LocalDate.of(2024, 1, 1);
  private final Summarizer summarizer = new Summarizer();
  private long line = 2;

  /** A row on day {@code day} after D0 of {@code amount} currency units. */
  private void row(String customer, int day, String amount) {
    row(customer, day, amount, TransactionSink.NO_ORDER);
  }

  private void row(String customer, int day, String amount, long orderKey) {
    long minor =
        new java.math.BigDecimal(amount)
            .movePointRight(TransactionSink.AMOUNT_SCALE)
            .longValueExact();
    summarizer.accept(customer, (int) D0.plusDays(day).toEpochDay(), minor, orderKey, line++);
  }

  private CustomerSummary only(SummaryOptions options) {
    Summaries s = summarizer.summarize(options);
    assertThat(s.customers()).hasSize(1);
    return s.customers().get(0);
  }

  private static SummaryOptions days() {
    return SummaryOptions.defaults().withPeriod(Period.DAY);
  }

  @Test
  void summarize_threePurchaseDays_givesFrequencyRecencyAgeAndRepeatMean() {
    row("c", 0, "10");
    row("c", 7, "20");
    row("c", 21, "40");

    CustomerSummary c = only(days().withAsOf(D0.plusDays(28)));

    assertThat(c.frequency()).isEqualTo(2);
    assertThat(c.recency()).isEqualTo(21.0);
    assertThat(c.age()).isEqualTo(28.0);
    assertThat(c.monetary()).isEqualTo(30.0);
    assertThat(c.history().orElseThrow())
        .isEqualTo(new CustomerSummary.History(D0, D0.plusDays(21), 3, 700_000));
    assertThat(c.holdout()).isEmpty();
  }

  @Test
  void summarize_weeks_areDaysOverSeven() {
    row("c", 0, "10");
    row("c", 10, "20");

    CustomerSummary c = only(SummaryOptions.defaults().withAsOf(D0.plusDays(30)));

    assertThat(c.recency()).isCloseTo(10 / 7.0, within(1e-15));
    assertThat(c.age()).isCloseTo(30 / 7.0, within(1e-15));
  }

  @Test
  void summarize_singlePurchase_hasZeroRecencyAndMonetary() {
    row("c", 3, "99.99");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isZero();
    assertThat(c.recency()).isZero();
    assertThat(c.age()).isZero();
    assertThat(c.monetary()).isZero();
    assertThat(c.history().orElseThrow().totalSpend()).isEqualByComparingTo("99.99");
  }

  @Test
  void summarize_sameDayRows_mergeIntoOnePurchase() {
    row("c", 0, "5");
    row("c", 4, "10");
    row("c", 4, "15");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isEqualTo(1);
    assertThat(c.monetary()).isEqualTo(25.0);
  }

  @Test
  void summarize_sameDayRefund_netsAgainstThatDaysPurchase() {
    row("c", 0, "5");
    row("c", 4, "-4");
    row("c", 4, "10");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isEqualTo(1);
    assertThat(c.monetary()).isEqualTo(6.0);
  }

  @Test
  void summarize_refundOnALaterDay_netsAgainstTheLatestEarlierPurchaseDay() {
    row("c", 0, "50");
    row("c", 5, "30");
    row("c", 6, "-10");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isEqualTo(1);
    assertThat(c.recency()).isEqualTo(5.0);
    assertThat(c.age()).isEqualTo(6.0);
    assertThat(c.monetary()).isEqualTo(20.0);
    assertThat(c.history().orElseThrow().totalSpendMinor()).isEqualTo(700_000);
  }

  @Test
  void summarize_refundLargerThanThePurchase_stopsAtZero() {
    row("c", 0, "50");
    row("c", 5, "30");
    row("c", 6, "-45");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isEqualTo(1);
    assertThat(c.monetary()).isZero();
    assertThat(c.history().orElseThrow().totalSpendMinor()).isEqualTo(500_000);
  }

  @Test
  void summarize_sameDayRefundExceedingThePurchase_carriesTheRestToTheEarlierDay() {
    row("c", 0, "50");
    row("c", 5, "5");
    row("c", 5, "-25");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isEqualTo(1);
    assertThat(c.monetary()).isZero();
    assertThat(c.history().orElseThrow().totalSpendMinor()).isEqualTo(300_000);
  }

  @Test
  void summarize_refundBeforeAnyPurchase_isIgnoredAndCounted() {
    row("c", 0, "-5");
    row("c", 2, "20");

    Summaries s = summarizer.summarize(days());

    assertThat(s.customers().get(0).history().orElseThrow().firstPurchase())
        .isEqualTo(D0.plusDays(2));
    assertThat(s.customers().get(0).history().orElseThrow().totalSpendMinor()).isEqualTo(200_000);
    assertThat(s.counts().unmatchedRefunds()).isEqualTo(1);
  }

  @Test
  void summarize_refundOnlyDay_isNotAPurchase() {
    row("c", 0, "20");
    row("c", 9, "-5");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isZero();
    assertThat(c.recency()).isZero();
    assertThat(c.age()).isEqualTo(9.0);
    assertThat(c.history().orElseThrow().totalSpendMinor()).isEqualTo(150_000);
  }

  @Test
  void summarize_zeroAmountOrder_isAPurchase() {
    row("c", 0, "20");
    row("c", 3, "0");

    CustomerSummary c = only(days());

    assertThat(c.frequency()).isEqualTo(1);
    assertThat(c.monetary()).isZero();
  }

  @Test
  void summarize_customerWithOnlyRefunds_isLeftOutAndCounted() {
    row("a", 0, "20");
    row("b", 1, "-20");

    Summaries s = summarizer.summarize(days());

    assertThat(s.customers()).extracting(CustomerSummary::customerId).containsExactly("a");
    assertThat(s.counts().customersWithoutPurchase()).isEqualTo(1);
    assertThat(s.counts().unmatchedRefunds()).isEqualTo(1);
  }

  @Test
  void accept_duplicateOrderIdOfTheSameCustomer_keepsTheFirstRow() {
    row("c", 0, "10", 42);
    row("c", 0, "10", 42);
    row("c", 5, "99", 42);
    row("c", 6, "7", 43);

    Summaries s = summarizer.summarize(days());

    assertThat(s.counts().duplicateOrders()).isEqualTo(2);
    assertThat(s.counts().rows()).isEqualTo(4);
    assertThat(summarizer.rows()).isEqualTo(2);
    assertThat(s.customers().get(0).frequency()).isEqualTo(1);
    assertThat(s.customers().get(0).monetary()).isEqualTo(7.0);
  }

  @Test
  void accept_refundCarryingTheOrderIdItRefunds_isNotADuplicate() {
    row("c", 0, "10", 42);
    row("c", 3, "25", 43);
    row("c", 4, "-5", 43);

    CustomerSummary c = only(days());

    assertThat(c.monetary()).isEqualTo(20.0);
  }

  @Test
  void accept_orderIdOfAnotherCustomer_isRefused() {
    row("a", 0, "10", 42);

    assertThatThrownBy(() -> row("b", 0, "10", 42))
        .isInstanceOf(RejectedTransactionException.class)
        .hasMessage("order id already belongs to customer 'a'");
    assertThat(summarizer.summarize(days()).customers()).hasSize(1);
  }

  @Test
  void accept_dateOutOfRange_isRefused() {
    assertThatThrownBy(() -> summarizer.accept("c", Integer.MIN_VALUE / 2, 0, 0, 2))
        .isInstanceOf(RejectedTransactionException.class)
        .hasMessageContaining("is outside 1800-01-01 .. 2299-12-31");
  }

  @Test
  void summarize_rowsAfterAsOf_areIgnoredAndCounted() {
    row("a", 0, "10");
    row("a", 5, "10");
    row("a", 20, "10");
    row("b", 30, "10");

    Summaries s = summarizer.summarize(days().withAsOf(D0.plusDays(10)));

    assertThat(s.customers()).hasSize(1);
    CustomerSummary a = s.customers().get(0);
    assertThat(a.frequency()).isEqualTo(1);
    assertThat(a.age()).isEqualTo(10.0);
    assertThat(s.asOf()).contains(D0.plusDays(10));
    assertThat(s.counts().rowsAfterAsOf()).isEqualTo(2);
    assertThat(s.counts().customersWithoutPurchase()).isEqualTo(1);
  }

  @Test
  void summarize_withoutAsOf_usesTheLatestDate() {
    row("a", 0, "10");
    row("b", 12, "10");

    Summaries s = summarizer.summarize(days());

    assertThat(s.asOf()).contains(D0.plusDays(12));
    assertThat(s.customers().get(0).age()).isEqualTo(12.0);
    assertThat(summarizer.latestDate()).contains(D0.plusDays(12));
  }

  @Test
  void summarize_calibrationEnd_splitsCalibrationAndHoldout() {
    row("a", 0, "10");
    row("a", 4, "20");
    row("a", 12, "30");
    row("a", 12, "5");
    row("a", 15, "-7");
    row("a", 18, "1");
    row("b", 2, "10");
    row("c", 11, "10");
    row("d", 25, "10");

    Summaries s =
        summarizer.summarize(days().withCalibrationEnd(D0.plusDays(10)).withAsOf(D0.plusDays(20)));

    assertThat(s.customers()).extracting(CustomerSummary::customerId).containsExactly("a", "b");
    CustomerSummary a = s.customers().get(0);
    assertThat(a.frequency()).isEqualTo(1);
    assertThat(a.recency()).isEqualTo(4.0);
    assertThat(a.age()).isEqualTo(10.0);
    assertThat(a.monetary()).isEqualTo(20.0);
    assertThat(a.holdout()).contains(new CustomerSummary.Holdout(2, 290_000));
    assertThat(s.customers().get(1).holdout()).contains(new CustomerSummary.Holdout(0, 0));
    assertThat(s.calibrationEnd()).contains(D0.plusDays(10));
    assertThat(s.holdoutLength().orElseThrow()).isEqualTo(10.0);
    assertThat(s.totalHoldoutPurchases()).isEqualTo(2);
    assertThat(s.counts().customersFirstPurchaseAfterCalibration()).isEqualTo(1);
    // d buys only after the as-of date.
    assertThat(s.counts().customersWithoutPurchase()).isEqualTo(1);
    assertThat(s.counts().rowsAfterAsOf()).isEqualTo(1);
  }

  @Test
  void summarize_holdoutRefund_doesNotReachIntoTheCalibration() {
    row("a", 0, "10");
    row("a", 4, "20");
    row("a", 12, "-15");

    Summaries s =
        summarizer.summarize(days().withCalibrationEnd(D0.plusDays(10)).withAsOf(D0.plusDays(20)));

    assertThat(s.customers().get(0).monetary()).isEqualTo(20.0);
    assertThat(s.customers().get(0).holdout()).contains(new CustomerSummary.Holdout(0, 0));
    assertThat(s.counts().unmatchedRefunds()).isEqualTo(1);
  }

  @Test
  void summarize_unsortedInput_givesTheSameAsSorted() {
    row("a", 9, "3");
    row("b", 1, "1");
    row("a", 0, "1");
    row("a", 5, "-1");
    row("a", 4, "2");

    Summaries s = summarizer.summarize(days());

    CustomerSummary a = s.customers().get(0);
    assertThat(a.customerId()).isEqualTo("a");
    assertThat(a.frequency()).isEqualTo(2);
    assertThat(a.recency()).isEqualTo(9.0);
    assertThat(a.monetary()).isEqualTo(2.0);
  }

  /**
   * Any order of the same rows gives the same summaries: shuffled, in date order, and grouped by
   * customer in date order (the last two take the summariser's shortcuts).
   */
  @Property(tries = 200)
  void summarize_anyRowOrder_givesTheSameSummaries(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 4) Integer> customers,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<int[]> rows = new ArrayList<>();
    for (int c : customers) {
      // customer, day, amount in cents (one in five a refund)
      int cents = random.nextInt(5) == 0 ? -random.nextInt(2000) : random.nextInt(5000);
      rows.add(new int[] {c, random.nextInt(40), cents});
    }
    List<int[]> byDate = new ArrayList<>(rows);
    byDate.sort(Comparator.comparingInt(r -> r[1]));
    List<int[]> byCustomer = new ArrayList<>(byDate);
    byCustomer.sort(Comparator.comparingInt(r -> r[0]));
    Map<String, CustomerSummary> expected = summarise(rows, 20);
    assertThat(summarise(byDate, 20)).isEqualTo(expected);
    assertThat(summarise(byCustomer, 20)).isEqualTo(expected);
    Collections.shuffle(rows, random);
    assertThat(summarise(rows, 20)).isEqualTo(expected);
  }

  /** A base large enough to be summarised in parallel keeps its order and every count. */
  @Test
  void summarize_largeBase_inParallel_keepsOrderAndCounts() {
    int n = 120_000;
    // interleaved, as a date-ordered log would be: round k gives each customer its k-th row
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < n; i++) {
        if (k <= i % 5) {
          row("c" + i, 3 * k + i % 3, i % 11 == 0 && k == 0 ? "-4" : "10");
        }
      }
    }
    Summaries s = summarizer.summarize(days().withAsOf(D0.plusDays(30)));

    // customers whose only rows are one refund (i % 5 == 0 and i % 11 == 0) are left out
    int refundOnly = 0;
    for (int i = 0; i < n; i += 55) {
      refundOnly++;
    }
    assertThat(s.customers()).hasSize(n - refundOnly);
    assertThat(s.counts().customersWithoutPurchase()).isEqualTo(refundOnly);
    assertThat(s.counts().unmatchedRefunds()).isEqualTo((n + 10) / 11);
    int at = 0;
    for (int i = 0; i < n; i++) {
      if (i % 55 == 0) {
        continue;
      }
      CustomerSummary c = s.customers().get(at++);
      assertThat(c.customerId()).isEqualTo("c" + i);
      int days = i % 5 + 1 - (i % 11 == 0 ? 1 : 0);
      assertThat(c.frequency()).as(c.customerId()).isEqualTo(days - 1);
      int first = i % 11 == 0 ? 3 : 0;
      assertThat(c.age()).as(c.customerId()).isEqualTo(30.0 - first - i % 3);
    }
  }

  private static Map<String, CustomerSummary> summarise(List<int[]> rows, int calibrationDays) {
    Summarizer s = new Summarizer();
    long line = 2;
    for (int[] r : rows) {
      s.accept(
          "c" + r[0],
          (int) D0.plusDays(r[1]).toEpochDay(),
          r[2] * 100L,
          TransactionSink.NO_ORDER,
          line++);
    }
    Map<String, CustomerSummary> byId = new HashMap<>();
    Summaries summaries =
        s.summarize(
            days().withCalibrationEnd(D0.plusDays(calibrationDays)).withAsOf(D0.plusDays(50)));
    for (CustomerSummary c : summaries.customers()) {
      byId.put(c.customerId(), c);
    }
    return byId;
  }

  @Test
  void summarize_calibrationEndNotBeforeAsOf_fails() {
    row("a", 0, "10");
    row("a", 5, "10");

    assertThatThrownBy(() -> summarizer.summarize(days().withCalibrationEnd(D0.plusDays(5))))
        .isInstanceOf(SummaryException.class)
        .hasMessageContaining(
            "must be before the as-of date 2024-01-06 (the latest date in the data)");
  }

  @Test
  void summarize_noRows_fails() {
    assertThatThrownBy(() -> summarizer.summarize(days()))
        .isInstanceOf(SummaryException.class)
        .hasMessageContaining("no transactions");
  }

  @Test
  void summaryOptions_calibrationEndAfterAsOf_isRefused() {
    assertThatThrownBy(() -> days().withAsOf(D0).withCalibrationEnd(D0.plusDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be before the as-of date");
  }
}
