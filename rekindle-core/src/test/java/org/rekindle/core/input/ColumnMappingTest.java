package org.rekindle.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnMappingTest {
  @Test
  void parse_pairs_mapEachRole() {
    ColumnMapping m =
        ColumnMapping.parse("customer=Kunde, date = Datum ,amount=Betrag,order=Beleg");

    assertThat(m.column(ColumnMapping.Role.CUSTOMER)).contains("Kunde");
    assertThat(m.column(ColumnMapping.Role.DATE)).contains("Datum");
    assertThat(m.column(ColumnMapping.Role.AMOUNT)).contains("Betrag");
    assertThat(m.column(ColumnMapping.Role.ORDER)).contains("Beleg");
    assertThat(m).hasToString("customer=Kunde,date=Datum,amount=Betrag,order=Beleg");
  }

  @Test
  void parse_someRoles_leavesTheOthersToDetection() {
    ColumnMapping m = ColumnMapping.parse("DATE=day");

    assertThat(m.column(ColumnMapping.Role.DATE)).contains("day");
    assertThat(m.column(ColumnMapping.Role.CUSTOMER)).isEmpty();
    assertThat(ColumnMapping.parse(" ")).isEqualTo(ColumnMapping.auto());
  }

  @Test
  void parse_unknownRole_failsNamingTheRoles() {
    assertThatThrownBy(() -> ColumnMapping.parse("customer=a,price=b"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("at 'price=b'")
        .hasMessageContaining("the fields are customer, date, amount, order, currency, offer");
  }

  @Test
  void parse_missingColumnName_fails() {
    assertThatThrownBy(() -> ColumnMapping.parse("customer=")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> ColumnMapping.parse("customer")).isInstanceOf(InputException.class);
  }

  @Test
  void parse_roleTwice_fails() {
    assertThatThrownBy(() -> ColumnMapping.parse("date=a,date=b"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("maps 'date' twice");
  }
}
