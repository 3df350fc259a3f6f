package org.rekindle.core.simulate.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sample business as {@link DemoGenerator} drew it: its reps, accounts, orders and feedback, and
 * the three files that bring them into Rekindle ({@link #write}).
 *
 * @param reps the sales reps who own the business accounts, as the customers file names them
 * @param orders every order, by date (then account), numbered in that order
 */
public record DemoBusiness(
    DemoSettings settings,
    List<String> reps,
    List<DemoCustomer> customers,
    List<DemoOrder> orders,
    List<DemoFeedback> feedback) {

  /** The customers file's name. */
  public static final String CUSTOMERS_FILE = "customers.csv";

  /** The orders file's name. */
  public static final String ORDERS_FILE = "orders.csv";

  /** The feedback file's name. */
  public static final String FEEDBACK_FILE = "feedback.csv";

  public DemoBusiness {
    Objects.requireNonNull(settings, "settings");
    reps = List.copyOf(reps);
    customers = List.copyOf(customers);
    orders = List.copyOf(orders);
    feedback = List.copyOf(feedback);
  }

  /** Where {@link #write} put the files. */
  public record Written(Path customers, Path orders, Path feedback) {}

  /** Each account's orders, in date order. */
  public Map<String, List<DemoOrder>> ordersByCustomer() {
    Map<String, List<DemoOrder>> by = new HashMap<>();
    for (DemoOrder o : orders) {
      by.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o);
    }
    return by;
  }

  /**
   * Writes {@value #CUSTOMERS_FILE}, {@value #ORDERS_FILE} and {@value #FEEDBACK_FILE} into {@code
   * dir} (made if needed), replacing files of those names.
   */
  public Written write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Written files =
        new Written(
            dir.resolve(CUSTOMERS_FILE), dir.resolve(ORDERS_FILE), dir.resolve(FEEDBACK_FILE));
    try (Writer w = Files.newBufferedWriter(files.customers(), StandardCharsets.UTF_8)) {
      writeCustomers(w);
    }
    try (Writer w = Files.newBufferedWriter(files.orders(), StandardCharsets.UTF_8)) {
      writeOrders(w);
    }
    try (Writer w = Files.newBufferedWriter(files.feedback(), StandardCharsets.UTF_8)) {
      writeFeedback(w);
    }
    return files;
  }

  /** The customers file, in the columns {@code rekindle import customers} finds by name. */
  public void writeCustomers(Writer out) throws IOException {
    BufferedWriter w = buffered(out);
    w.write(
        "customer_id,name,email,phone,address_line1,city,postal_code,country,birthday,"
            + "customer_since,owner_rep,segment,tags,account_kind,consent_email,consent_letter,"
            + "consent_phone\n");
    for (DemoCustomer c : customers) {
      row(
          w,
          c.id(),
          c.name(),
          c.email().orElse(""),
          c.phone().orElse(""),
          c.street(),
          c.city(),
          c.postalCode(),
          "US",
          c.birthday().map(LocalDate::toString).orElse(""),
          c.customerSince().toString(),
          c.ownerRep().orElse(""),
          c.kind().segment(),
          String.join(";", c.tags()),
          c.accountKind(),
          yesNo(c.consentEmail()),
          yesNo(c.consentLetter()),
          yesNo(c.consentPhone()));
    }
    w.flush();
  }

  /** The orders file: {@code order_id,customer_id,date,amount}, in US dollars. */
  public void writeOrders(Writer out) throws IOException {
    BufferedWriter w = buffered(out);
    w.write("order_id,customer_id,date,amount\n");
    for (DemoOrder o : orders) {
      row(w, o.orderId(), o.customerId(), o.date().toString(), o.amount().toPlainString());
    }
    w.flush();
  }

  /** The feedback file: {@code customer,id,source,rating,text,date,flagged}. */
  public void writeFeedback(Writer out) throws IOException {
    BufferedWriter w = buffered(out);
    w.write("customer,id,source,rating,text,date,flagged\n");
    for (DemoFeedback f : feedback) {
      row(
          w,
          f.customerId(),
          f.id(),
          f.source(),
          f.rating().isPresent() ? Integer.toString(f.rating().getAsInt()) : "",
          f.text(),
          f.date().toString(),
          f.flagged() ? "yes" : "");
    }
    w.flush();
  }

  /** The account with this id. */
  public Optional<DemoCustomer> customer(String id) {
    return customers.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private static BufferedWriter buffered(Writer out) {
    return out instanceof BufferedWriter b ? b : new BufferedWriter(out);
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static void row(Writer w, String... cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(csv(cells[i]));
    }
    w.write('\n');
  }

  /** A cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
  static String csv(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
