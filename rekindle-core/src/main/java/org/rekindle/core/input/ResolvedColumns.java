package org.rekindle.core.input;

import java.util.List;

/** Column positions of a transaction file; amount, order, currency and offer are -1 when absent. */
record ResolvedColumns(
    List<String> header, int customer, int date, int amount, int order, int currency, int offer) {

  ResolvedColumns {
    header = List.copyOf(header);
  }

  /** The mapping found, in the form {@link ColumnMapping#parse} reads. */
  ColumnMapping mapping() {
    ColumnMapping m =
        ColumnMapping.auto()
            .with(ColumnMapping.Role.CUSTOMER, header.get(customer))
            .with(ColumnMapping.Role.DATE, header.get(date));
    if (amount >= 0) {
      m = m.with(ColumnMapping.Role.AMOUNT, header.get(amount));
    }
    if (order >= 0) {
      m = m.with(ColumnMapping.Role.ORDER, header.get(order));
    }
    if (currency >= 0) {
      m = m.with(ColumnMapping.Role.CURRENCY, header.get(currency));
    }
    if (offer >= 0) {
      m = m.with(ColumnMapping.Role.OFFER, header.get(offer));
    }
    return m;
  }
}
