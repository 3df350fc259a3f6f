package org.rekindle.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rekindle.store.Store;
import org.rekindle.store.query.Contacts;
import org.rekindle.store.query.CustomerProfile;
import org.rekindle.store.query.ScoreWords;
import org.rekindle.store.query.UnknownCustomerException;
import org.rekindle.store.run.DailyRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle customer ID}: everything known about one customer, the scores in words. */
@Command(
    name = "customer",
    mixinStandardHelpOptions = true,
    description = {
      "Shows one customer: the stored record, the latest run's scores explained in words, the"
          + " orders, the lifecycle history, a credit account's dormancy dates and the contacts.",
      ""
    })
final class CustomerCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(index = "0", paramLabel = "ID", description = "The customer's id, as imported.")
  String id = "";

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "20",
      description = "Show the latest N orders. Default: 20.")
  int orders = 20;

  @Mixin TextOrJson format = new TextOrJson();

  @Override
  public Integer call() throws Exception {
    if (orders < 0) {
      throw new UsageException("--orders must not be negative");
    }
    boolean json = format.json();
    String customerId = id.strip();
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      CustomerProfile.Profile p =
          CustomerProfile.find(s.jdbi(), customerId, orders)
              .orElseThrow(() -> new UnknownCustomerException(customerId));
      if (json) {
        json(out, p);
      } else {
        text(out, p);
      }
    }
    return 0;
  }

  /** The horizon of the expected purchases: the daily run's. */
  private static double horizonDays() {
    return DailyRun.Options.defaults().horizonDays();
  }

  /** The scores in words, one sentence a line, as {@link ScoreWords} says them. */
  static List<String> words(CustomerProfile.Scores s, Optional<String> currency) {
    return ScoreWords.words(s, currency, horizonDays());
  }

  /** Why there are no scores, and what to do. */
  static String notScored(CustomerProfile.Profile p) {
    if (p.latestRun().isEmpty()) {
      return "not scored yet: run 'rekindle run'";
    }
    LocalDate asOf = p.latestRun().get().asOf();
    if (p.orderCount() == 0) {
      return "not scored: no orders yet";
    }
    return "not scored yet: their orders come after the latest run (as of "
        + asOf
        + "); run 'rekindle run'";
  }

  private static void text(PrintWriter out, CustomerProfile.Profile p) {
    CustomerProfile.Customer c = p.customer();
    out.printf(
        Locale.ROOT, "Customer %s%s%n", c.customerId(), c.name().map(n -> ": " + n).orElse(""));
    field(out, "email", c.email());
    field(out, "phone", c.phone());
    field(out, "address", Optional.of(String.join(", ", c.address().parts())));
    field(out, "birthday", c.birthday().map(LocalDate::toString));
    field(out, "customer since", c.customerSince().map(LocalDate::toString));
    field(out, "owner rep", c.ownerRep());
    field(out, "segment", c.segment());
    field(out, "tags", Optional.of(String.join(", ", c.tags())));
    field(out, "account", Optional.of(c.isCreditAccount() ? "credit account" : "consumer"));
    field(out, "time zone", c.timeZone());
    CustomerProfile.Consents k = c.consents();
    field(
        out,
        "consent",
        Optional.of(
            String.format(
                Locale.ROOT,
                "email %s, letter %s, phone %s, sms %s",
                yes(k.email()),
                yes(k.letter()),
                yes(k.phone()),
                yes(k.sms()))));
    if (c.minimal()) {
      out.println(
          "  (only orders have named this customer: 'rekindle import customers FILE' completes"
              + " the record)");
    }

    out.println();
    if (p.scores().isEmpty()) {
      out.println(notScored(p));
    } else {
      CustomerProfile.Scores s = p.scores().get();
      out.printf(
          Locale.ROOT,
          "As of %s (run %d): %s%n",
          s.asOf(),
          s.runId(),
          p.state().map(st -> st.state() + " since " + st.since()).orElse(s.modelState()));
      for (String line : words(s, currency(p))) {
        out.println("  " + line);
      }
      out.println();
      row(out, "P(alive)", String.format(Locale.ROOT, "%.2f", s.pAlive()));
      row(
          out,
          "expected purchases",
          String.format(
              Locale.ROOT, "%.2f (next %.0f days)", s.expectedPurchases(), horizonDays()));
      row(out, "CLV", s.clv().map(CustomerCommand::amount).orElse("-"));
      row(out, "value at risk", s.valueAtRisk().map(CustomerCommand::amount).orElse("-"));
      row(out, "expected spend", s.expectedSpend().map(v -> amount(v) + " per order").orElse("-"));
      row(out, "repeat purchases", Integer.toString(s.repeatPurchases()));
      row(
          out,
          "usual gap",
          s.usualGapDays()
              .map(
                  v ->
                      String.format(Locale.ROOT, "%.0f days", v)
                          + (s.repeatPurchases() == 0 ? " (typical of repeat customers)" : ""))
              .orElse("-"));
      row(out, "silent", String.format(Locale.ROOT, "%.0f days", s.daysSinceLast()));
      row(
          out,
          "overdue",
          s.overdueRatio().map(v -> String.format(Locale.ROOT, "%.1fx", v)).orElse("-"));
      row(out, "model's state", s.modelState());
    }

    out.println();
    orders(out, p);
    out.println();
    history(out, p);
    if (c.isCreditAccount()) {
      out.println();
      out.println(account(p));
    }
    out.println();
    contacts(out, p);
  }

  private static void orders(PrintWriter out, CustomerProfile.Profile p) {
    if (p.orderCount() == 0) {
      out.println("Orders: none");
      return;
    }
    List<String> totals = new ArrayList<>();
    for (CustomerProfile.Total t : p.totals()) {
      totals.add(amount(t.amount()) + " " + t.currency());
    }
    String shown;
    if (p.orders().isEmpty()) {
      shown = "";
    } else if (p.moreOrders() == 0) {
      shown = ", the latest first";
    } else {
      shown =
          String.format(
              Locale.ROOT,
              "; the latest %d (%,d more: --orders %d shows all)",
              p.orders().size(),
              p.moreOrders(),
              p.orderCount());
    }
    out.printf(
        Locale.ROOT,
        "Orders: %,d, %s in all%s%s%n",
        p.orderCount(),
        String.join(" + ", totals),
        shown,
        p.orders().isEmpty() ? "" : ":");
    if (p.orders().isEmpty()) {
      return;
    }
    line(out, "  %-10s  %-24s %14s  %-8s  %s", "date", "order", "amount", "currency", "offer");
    for (CustomerProfile.Order o : p.orders()) {
      line(
          out,
          "  %-10s  %-24s %14s  %-8s  %s",
          o.date(),
          o.orderId(),
          amount(o.amount()),
          o.currency(),
          o.offerCode().orElse(""));
    }
  }

  private static void history(PrintWriter out, CustomerProfile.Profile p) {
    if (p.history().isEmpty()) {
      out.println("Lifecycle history: none yet");
      return;
    }
    out.println("Lifecycle history:");
    out.printf(Locale.ROOT, "  %-10s  %-11s %-11s %s%n", "date", "from", "to", "reason");
    for (CustomerProfile.Transition t : p.history()) {
      out.printf(
          Locale.ROOT,
          "  %-10s  %-11s %-11s %s%n",
          t.on(),
          t.from().orElse("-"),
          t.to(),
          t.reason());
    }
  }

  /** The dormancy line of a credit account. */
  static String account(CustomerProfile.Profile p) {
    if (p.account().isEmpty()) {
      return "Credit account: no dormancy dates yet";
    }
    CustomerProfile.AccountDormancy a = p.account().get();
    if (a.status().equals("dormant")) {
      return "Credit account: dormant"
          + a.statusSince().map(d -> " since " + d).orElse(" (due " + a.dormantOn() + ")")
          + "; last order "
          + a.lastOrder();
    }
    return "Credit account: "
        + a.status()
        + a.reactivatedOn().map(d -> " (reactivated " + d + ")").orElse("")
        + "; notice due "
        + a.noticeDue()
        + ", goes dormant "
        + a.dormantOn()
        + "; last order "
        + a.lastOrder();
  }

  private static void contacts(PrintWriter out, CustomerProfile.Profile p) {
    if (p.contacts().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "Contacts: none recorded ('rekindle contact %s --channel call' records one)%n",
          p.customer().customerId());
      return;
    }
    out.println("Contacts:");
    line(out, "  %-10s  %-7s  %-9s %s", "date", "channel", "source", "note");
    for (Contacts.Contact k : p.contacts()) {
      line(
          out,
          "  %-10s  %-7s  %-9s %s",
          k.on(),
          k.channel().label(),
          k.source(),
          k.note().orElse(""));
    }
  }

  private static void json(PrintWriter out, CustomerProfile.Profile p) throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    ObjectNode root = mapper.createObjectNode();
    CustomerProfile.Customer c = p.customer();
    root.put("customerId", c.customerId());
    root.put("name", c.name().orElse(null));
    root.put("email", c.email().orElse(null));
    root.put("phone", c.phone().orElse(null));
    ObjectNode address = root.putObject("address");
    address.put("line1", c.address().line1().orElse(null));
    address.put("line2", c.address().line2().orElse(null));
    address.put("city", c.address().city().orElse(null));
    address.put("region", c.address().region().orElse(null));
    address.put("postalCode", c.address().postalCode().orElse(null));
    address.put("country", c.address().country().orElse(null));
    root.put("birthday", c.birthday().map(LocalDate::toString).orElse(null));
    root.put("customerSince", c.customerSince().map(LocalDate::toString).orElse(null));
    root.put("ownerRep", c.ownerRep().orElse(null));
    root.put("segment", c.segment().orElse(null));
    ArrayNode tags = root.putArray("tags");
    c.tags().forEach(tags::add);
    root.put("accountKind", c.accountKind());
    root.put("timeZone", c.timeZone().orElse(null));
    ObjectNode consents = root.putObject("consents");
    consents.put("email", c.consents().email());
    consents.put("letter", c.consents().letter());
    consents.put("phone", c.consents().phone());
    consents.put("sms", c.consents().sms());
    root.put("minimal", c.minimal());

    if (p.latestRun().isPresent()) {
      ObjectNode run = root.putObject("latestRun");
      run.put("run", p.latestRun().get().id());
      run.put("asOf", p.latestRun().get().asOf().toString());
    } else {
      root.putNull("latestRun");
    }
    if (p.state().isPresent()) {
      ObjectNode state = root.putObject("lifecycle");
      state.put("state", p.state().get().state());
      state.put("since", p.state().get().since().toString());
    } else {
      root.putNull("lifecycle");
    }
    if (p.scores().isPresent()) {
      CustomerProfile.Scores s = p.scores().get();
      ObjectNode n = root.putObject("scores");
      n.put("pAlive", s.pAlive());
      n.put("expectedPurchases", s.expectedPurchases());
      n.put("horizonDays", horizonDays());
      n.put("clv", s.clv().orElse(null));
      n.put("valueAtRisk", s.valueAtRisk().orElse(null));
      n.put("expectedSpend", s.expectedSpend().orElse(null));
      n.put("repeatPurchases", s.repeatPurchases());
      n.put("usualGapDays", s.usualGapDays().orElse(null));
      n.put("daysSinceLastPurchase", s.daysSinceLast());
      n.put("overdueRatio", s.overdueRatio().orElse(null));
      n.put("modelState", s.modelState());
      root.putNull("notScored");
      ArrayNode words = root.putArray("words");
      words(s, currency(p)).forEach(words::add);
    } else {
      root.putNull("scores");
      root.put("notScored", notScored(p));
      root.putArray("words");
    }

    ObjectNode orderNode = root.putObject("orders");
    orderNode.put("count", p.orderCount());
    orderNode.put("more", p.moreOrders());
    ArrayNode totals = orderNode.putArray("totals");
    for (CustomerProfile.Total t : p.totals()) {
      ObjectNode n = totals.addObject();
      n.put("currency", t.currency());
      n.put("orders", t.orders());
      n.put("amount", plain(t.amount()));
    }
    ArrayNode latest = orderNode.putArray("latest");
    for (CustomerProfile.Order o : p.orders()) {
      ObjectNode n = latest.addObject();
      n.put("orderId", o.orderId());
      n.put("date", o.date().toString());
      n.put("amount", plain(o.amount()));
      n.put("currency", o.currency());
      n.put("offerCode", o.offerCode().orElse(null));
    }

    ArrayNode history = root.putArray("lifecycleHistory");
    for (CustomerProfile.Transition t : p.history()) {
      ObjectNode n = history.addObject();
      n.put("on", t.on().toString());
      n.put("from", t.from().orElse(null));
      n.put("to", t.to());
      n.put("reason", t.reason());
      n.put("pAlive", t.pAlive().orElse(null));
      n.put("overdueRatio", t.overdueRatio().orElse(null));
      n.put("valueAtRisk", t.valueAtRisk().orElse(null));
    }

    if (c.isCreditAccount() && p.account().isPresent()) {
      CustomerProfile.AccountDormancy a = p.account().get();
      ObjectNode n = root.putObject("account");
      n.put("status", a.status());
      n.put("lastOrder", a.lastOrder().toString());
      n.put("noticeDue", a.noticeDue().toString());
      n.put("dormantOn", a.dormantOn().toString());
      n.put("statusSince", a.statusSince().map(LocalDate::toString).orElse(null));
      n.put("reactivatedOn", a.reactivatedOn().map(LocalDate::toString).orElse(null));
    } else {
      root.putNull("account");
    }

    ArrayNode contacts = root.putArray("contacts");
    for (Contacts.Contact k : p.contacts()) {
      ObjectNode n = contacts.addObject();
      n.put("on", k.on().toString());
      n.put("channel", k.channel().label());
      n.put("source", k.source());
      n.put("note", k.note().orElse(null));
    }
    out.println(mapper.writeValueAsString(root));
  }

  /** A table row without the padding an empty last column would leave. */
  static void line(PrintWriter out, String format, Object... values) {
    out.println(String.format(Locale.ROOT, format, values).stripTrailing());
  }

  /** The currency of the customer's orders: one per store, so the first. */
  private static Optional<String> currency(CustomerProfile.Profile p) {
    return p.totals().stream().map(CustomerProfile.Total::currency).findFirst();
  }

  private static void field(PrintWriter out, String name, Optional<String> value) {
    out.printf(Locale.ROOT, "  %-15s %s%n", name, value.filter(v -> !v.isBlank()).orElse("-"));
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf(Locale.ROOT, "  %-19s %s%n", name, value);
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  /** As the customers list shows money: two decimals, grouped, no currency sign. */
  static String amount(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  static String amount(BigDecimal v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  /** 26.4800 as 26.48, 100.0000 as 100.00: at least two decimals, no trailing zeros beyond. */
  private static BigDecimal plain(BigDecimal v) {
    BigDecimal stripped = v.stripTrailingZeros();
    return stripped.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY) : stripped;
  }
}
