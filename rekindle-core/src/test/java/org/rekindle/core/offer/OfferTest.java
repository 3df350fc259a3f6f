package org.rekindle.core.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferTest {
  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void costOn_percent_isTheShareOfTheOrderRoundedHalfUp() {
    Offer o = Offer.percent(d("15"), Optional.empty());
    assertThat(o.costOn(d("200.00"))).isEqualByComparingTo("30");
    assertThat(o.costOn(d("0.0003"))).isEqualByComparingTo("0.0000"); // 0.000045
    assertThat(Offer.percent(d("12.5"), Optional.empty()).costOn(d("0.0004")))
        .isEqualByComparingTo("0.0001"); // 0.00005 rounds up
    assertThat(Offer.percent(d("100"), Optional.empty()).costOn(d("80")))
        .isEqualByComparingTo("80");
  }

  @Test
  void costOn_amount_isNeverMoreThanTheOrder() {
    Offer o = Offer.amount(d("20"), "USD", Optional.of("welcome back"));
    assertThat(o.costOn(d("150"))).isEqualByComparingTo("20");
    assertThat(o.costOn(d("12.34"))).isEqualByComparingTo("12.34");
  }

  @Test
  void costOn_freeService_isItsNominalCost() {
    Offer o = Offer.freeService("free delivery", d("35"), "USD");
    assertThat(o.costOn(d("1"))).isEqualByComparingTo("35");
    assertThat(o.costOn(d("5000"))).isEqualByComparingTo("35");
    assertThat(o.describe()).isEqualTo("free delivery");
  }

  @Test
  void costOn_refund_isRefused() {
    assertThatThrownBy(() -> Offer.percent(d("10"), Optional.empty()).costOn(d("-5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 0");
  }

  @Test
  void terms_areValidated() {
    assertThatThrownBy(() -> Offer.percent(d("0"), Optional.empty()))
        .hasMessageContaining("more than 0 and at most 100");
    assertThatThrownBy(() -> Offer.percent(d("100.01"), Optional.empty()))
        .hasMessageContaining("more than 0 and at most 100");
    assertThatThrownBy(
            () -> new Offer(OfferKind.PERCENT, d("5"), Optional.of("USD"), Optional.empty()))
        .hasMessageContaining("no currency of its own");
    assertThatThrownBy(() -> Offer.amount(d("0"), "USD", Optional.empty()))
        .hasMessageContaining("an amount off must be more than 0");
    assertThatThrownBy(() -> Offer.amount(d("5"), "usd", Optional.empty()))
        .hasMessageContaining("three-letter currency");
    assertThatThrownBy(
            () -> new Offer(OfferKind.AMOUNT, d("5"), Optional.empty(), Optional.empty()))
        .hasMessageContaining("three-letter currency");
    assertThatThrownBy(() -> Offer.freeService("  ", d("5"), "USD"))
        .hasMessageContaining("needs a description");
    assertThatThrownBy(() -> Offer.freeService("delivery", d("-1"), "USD"))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Offer.amount(d("1.00001"), "USD", Optional.empty()))
        .hasMessageContaining("at most 4 decimals");
    assertThat(Offer.freeService("delivery", d("0"), "USD").value()).isZero();
    assertThat(Offer.amount(d("1.50000"), "USD", Optional.empty()).describe())
        .isEqualTo("1.50 USD off");
    assertThat(Offer.money(d("0.0125"))).isEqualTo("0.0125");
    assertThat(Offer.money(d("20.0000"))).isEqualTo("20.00");
    assertThat(Offer.money(d("1E+3"))).isEqualTo("1000.00");
    assertThat(Offer.percent(d("12.50"), Optional.empty()).describe()).isEqualTo("12.5% off");
  }

  @Test
  void kind_parse_acceptsTheLabels() {
    assertThat(OfferKind.parse("Free service")).isEqualTo(OfferKind.FREE_SERVICE);
    assertThat(OfferKind.parse("percent")).isEqualTo(OfferKind.PERCENT);
    assertThatThrownBy(() -> OfferKind.parse("gift"))
        .hasMessage("the offer kind must be percent, amount or free_service, not 'gift'");
  }
}
