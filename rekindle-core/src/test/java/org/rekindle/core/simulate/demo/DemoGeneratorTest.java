package org.rekindle.core.simulate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rekindle.core.RekindleException;

class DemoGeneratorTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
  private static final DemoBusiness BUSINESS =
      DemoGenerator.generate(new DemoSettings(2000, TODAY, 1));

  @Test
  void generate_sameSettings_sameFilesByteForByte() throws IOException {
    DemoBusiness again = DemoGenerator.generate(new DemoSettings(2000, TODAY, 1));
    assertThat(files(again)).isEqualTo(files(BUSINESS));
  }

  @Test
  void generate_otherSeed_otherBusiness() throws IOException {
    DemoBusiness other = DemoGenerator.generate(new DemoSettings(2000, TODAY, 2));
    assertThat(files(other).get(1)).isNotEqualTo(files(BUSINESS).get(1));
  }

  @Test
  void generate_contractorsBuyMonthsApart_shopsMonthly_keyAccountsWeekly() {
    // the steady accounts show the rhythm their kind claims: the median gap between orders
    Map<BuyerKind, Double> median = medianGaps(BUSINESS);
    assertThat(median.get(BuyerKind.CONTRACTOR)).isBetween(120.0, 330.0);
    assertThat(median.get(BuyerKind.TRADE)).isBetween(22.0, 40.0);
    assertThat(median.get(BuyerKind.KEY_ACCOUNT)).isBetween(5.0, 9.0);
    assertThat(median.get(BuyerKind.HOMEOWNER)).isBetween(60.0, 150.0);
  }

  @Test
  void generate_everyKindAndFateIsThere_inRoughlyItsShare() {
    for (BuyerKind k : BuyerKind.values()) {
      long n = BUSINESS.customers().stream().filter(c -> c.kind() == k).count();
      assertThat((double) n / 2000)
          .as(k.name())
          .isCloseTo(k.share(), org.assertj.core.data.Offset.offset(0.04));
    }
    Set<Fate> fates = EnumSet.noneOf(Fate.class);
    BUSINESS.customers().forEach(c -> fates.add(c.fate()));
    assertThat(fates).containsExactlyInAnyOrder(Fate.values());
  }

  @Test
  void generate_ordersFallInTheThreeYears_afterTheAccountJoined() {
    LocalDate first = TODAY.minusYears(3).plusDays(1);
    Map<String, List<DemoOrder>> by = BUSINESS.ordersByCustomer();
    assertThat(by).hasSize(2000);
    for (DemoCustomer c : BUSINESS.customers()) {
      List<DemoOrder> orders = by.get(c.id());
      assertThat(orders).as(c.id()).isNotEmpty();
      for (DemoOrder o : orders) {
        assertThat(o.date()).isBetween(first, TODAY).isAfterOrEqualTo(c.customerSince());
      }
    }
    assertThat(BUSINESS.orders()).extracting(DemoOrder::orderId).doesNotHaveDuplicates();
    assertThat(BUSINESS.orders().size()).isBetween(20_000, 80_000);
  }

  @Test
  void generate_accountsCarryWhatTheOutreachNeeds() {
    List<DemoCustomer> all = BUSINESS.customers();
    assertThat(BUSINESS.reps()).hasSize(4);
    for (DemoCustomer c : all) {
      if (c.kind().creditAccount()) {
        // reps call their accounts: each has an owner and a phone number
        assertThat(c.ownerRep()).as(c.id()).isPresent();
        assertThat(BUSINESS.reps()).contains(c.ownerRep().get());
        assertThat(c.phone()).as(c.id()).isPresent();
        assertThat(c.accountKind()).isEqualTo("credit_account");
      } else {
        assertThat(c.ownerRep()).isEmpty();
        assertThat(c.accountKind()).isEqualTo("consumer");
      }
      c.email().ifPresent(e -> assertThat(e).endsWith(".example"));
      c.phone().ifPresent(p -> assertThat(p).matches("\\+1 \\d{3} 555 01\\d\\d"));
    }
    assertThat(all.stream().filter(c -> c.email().isPresent()).count()).isGreaterThan(1600);
    assertThat(all.stream().filter(c -> c.birthday().isPresent()).count()).isBetween(300L, 900L);
    for (String rep : BUSINESS.reps()) {
      assertThat(all.stream().filter(c -> c.ownerRep().equals(java.util.Optional.of(rep))).count())
          .as(rep)
          .isGreaterThan(150);
    }
  }

  @Test
  void generate_feedbackHasComplaints_someInTheLastTwoWeeks() {
    List<DemoFeedback> fb = BUSINESS.feedback();
    Set<String> ids =
        BUSINESS.customers().stream().map(DemoCustomer::id).collect(Collectors.toSet());
    assertThat(fb).allSatisfy(f -> assertThat(ids).contains(f.customerId()));
    assertThat(fb).extracting(DemoFeedback::id).doesNotHaveDuplicates();
    long negative = fb.stream().filter(DemoFeedback::negative).count();
    assertThat(negative).isBetween(20L, fb.size() / 2L);
    assertThat(fb.stream().filter(f -> f.negative() && !f.date().isBefore(TODAY.minusDays(14))))
        .hasSizeGreaterThanOrEqualTo(8);
    assertThat(fb).allSatisfy(f -> assertThat(f.date()).isBeforeOrEqualTo(TODAY));
  }

  @Test
  void generate_someComeBackInTheLastWeek() {
    // the last daily run sees them come back: their order ends a pause of several usual gaps
    Map<String, List<DemoOrder>> by = BUSINESS.ordersByCustomer();
    long back =
        BUSINESS.customers().stream()
            .filter(c -> c.fate() == Fate.CAME_BACK)
            .filter(
                c -> {
                  List<DemoOrder> o = by.get(c.id());
                  return o.size() >= 2
                      && !o.get(o.size() - 1).date().isBefore(TODAY.minusDays(6))
                      && ChronoUnit.DAYS.between(
                              o.get(o.size() - 2).date(), o.get(o.size() - 1).date())
                          >= 3 * c.kind().meanGapDays() * 0.5;
                })
            .count();
    assertThat(back).isGreaterThanOrEqualTo(10);
  }

  @Test
  void settings_outOfRange_refusedWithTheRule() {
    assertThatThrownBy(() -> new DemoSettings(5, TODAY, 1))
        .isInstanceOf(RekindleException.class)
        .hasMessageContaining("from 20 to 100000 accounts, not 5");
    assertThat(new DemoSettings(300, TODAY, 1).reps()).isEqualTo(3);
    assertThat(new DemoSettings(100_000, TODAY, 1).reps()).isEqualTo(5);
  }

  @Test
  void csv_quotesCommasAndQuotes() {
    assertThat(DemoBusiness.csv("plain")).isEqualTo("plain");
    assertThat(DemoBusiness.csv("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
  }

  /** Per kind, the median over its steady accounts of each account's own median gap in days. */
  private static Map<BuyerKind, Double> medianGaps(DemoBusiness b) {
    Map<String, List<DemoOrder>> by = b.ordersByCustomer();
    Map<BuyerKind, List<Long>> medians = new EnumMap<>(BuyerKind.class);
    for (DemoCustomer c : b.customers()) {
      List<DemoOrder> o = by.get(c.id());
      if (c.fate() != Fate.STEADY || o.size() < 3) {
        continue;
      }
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < o.size(); i++) {
        gaps.add(ChronoUnit.DAYS.between(o.get(i - 1).date(), o.get(i).date()));
      }
      medians.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(median(gaps));
    }
    Map<BuyerKind, Double> median = new EnumMap<>(BuyerKind.class);
    medians.forEach((k, m) -> median.put(k, (double) median(m)));
    return median;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static List<String> files(DemoBusiness b) throws IOException {
    StringWriter c = new StringWriter();
    StringWriter o = new StringWriter();
    StringWriter f = new StringWriter();
    b.writeCustomers(c);
    b.writeOrders(o);
    b.writeFeedback(f);
    return List.of(c.toString(), o.toString(), f.toString());
  }
}
