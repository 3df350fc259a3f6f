package org.rekindle.core.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.rekindle.core.summary.TransactionSink;

/** A sink that keeps what it receives, for assertions. */
final class Recorder implements TransactionSink {
  record Row(String customer, LocalDate date, long amountMinor, long orderKey, long line) {}

  final List<Row> rows = new ArrayList<>();

  @Override
  public void accept(String customerId, int epochDay, long amountMinor, long orderKey, long line) {
    rows.add(new Row(customerId, LocalDate.ofEpochDay(epochDay), amountMinor, orderKey, line));
  }

  List<LocalDate> dates() {
    return rows.stream().map(Row::date).toList();
  }

  List<Long> amounts() {
    return rows.stream().map(Row::amountMinor).toList();
  }

  List<String> customers() {
    return rows.stream().map(Row::customer).toList();
  }
}
