package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.results.Difference;
import org.rekindle.core.results.Lift;
import org.rekindle.core.results.Verdict;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.results.Attribution;
import org.rekindle.store.results.Coverage;
import org.rekindle.store.results.LedgerCustomer;
import org.rekindle.store.results.LedgerLine;
import org.rekindle.store.results.Lost;
import org.rekindle.store.results.LostCustomer;
import org.rekindle.store.results.OfferLift;
import org.rekindle.store.results.PlaybookLift;
import org.rekindle.store.results.Results;
import org.rekindle.store.results.Revenue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle results}: did winning them back pay? */
@Command(
    name = "results",
    mixinStandardHelpOptions = true,
    description = {
      "Did winning them back pay? Five sections, the rules of each in docs/results.md:",
      "",
      "Lift per playbook: of the customers each playbook started for, those it contacted against"
          + " those it held out at random, everyone assigned (whether or not a message got"
          + " through). Came back = an order within the window after the start. The difference"
          + " in points with its 95%% interval (Newcombe), or 'not enough data yet' below 30 in a"
          + " group or 5 in a cell; revenue in the window per customer, contacted minus held out,"
          + " with a bootstrap interval (the normal one for very large groups), and in all.",
      "Lift per offer: the contacted who were made one offer (kind, value, days) against the"
          + " same playbook's whole holdout.",
      "Recovered revenue: every comeback credited to the offer its order redeemed, else to the"
          + " latest contact within the window before it, else to nobody ('came back on their"
          + " own'); revenue until the customer's next comeback, the cost of the offers redeemed,"
          + " net, and ROI = net / cost per playbook.",
      "What was lost: customers who slid from lapsing or dormant into lost, the value at risk when"
          + " the slide began, and whether anyone was in touch in between.",
      "Check-in coverage: per playbook with a no_contact_for trigger, the share of its segment"
          + " contacted within the cadence's days up to the as-of date.",
      ""
    })
final class ResultsCommand implements Callable<Integer> {
  /** Comebacks and lost customers listed in the table with --customers. */
  static final int TABLE_ROWS = 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description =
          "Only the playbook runs started, comebacks made and slides into lost on or after DATE"
              + " (ISO, e.g. 2024-01-01). Default: all. Check-in coverage is as of --as-of"
              + " whatever this says.")
  @Nullable String since;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "The last day counted: orders, contacts and comebacks after it are not seen, and a"
              + " playbook run counts once its window has ended by it. Default: today, in the"
              + " business's time zone (rekindle.yaml contact_policy.time_zone).")
  @Nullable String asOf;

  @Option(
      names = "--window",
      paramLabel = "DAYS",
      defaultValue = "30",
      description =
          "Days after a contact (or after a playbook run starts) in which an order counts for it:"
              + " 1 to 3650. Default: 30.")
  int window = Results.DEFAULT_WINDOW_DAYS;

  @Option(
      names = "--customers",
      description =
          "Also list the comebacks one by one (with what each is credited to) and the lost"
              + " customers (most value at risk first): all of them in csv and json, the first "
              + TABLE_ROWS
              + " of each in the table.")
  boolean customers;

  @Option(
      names = "--resamples",
      paramLabel = "N",
      defaultValue = "2000",
      description =
          "Bootstrap resamples for the revenue intervals, at least 100. Default: 2000. The"
              + " intervals are seeded: the same records give the same intervals.")
  int resamples = Results.DEFAULT_RESAMPLES;

  @Option(
      names = "--format",
      paramLabel = "table|csv|json",
      defaultValue = "table",
      description =
          "Output format. Default: table. csv: one block per section, each with its own header"
              + " and a first column naming the section, blocks separated by an empty line.")
  String format = "table";

  @Option(names = "--progress", description = "Show progress even when stderr is not a terminal.")
  boolean progress;

  @Override
  public Integer call() throws Exception {
    String fmt = TableCsvJson.of(format);
    if (window < 1 || window > Results.MAX_WINDOW_DAYS) {
      throw new UsageException(
          "--window must be between 1 and " + Results.MAX_WINDOW_DAYS + " days, was " + window);
    }
    if (resamples < 100) {
      throw new UsageException("--resamples must be at least 100, was " + resamples);
    }
    PrintWriter err = spec.commandLine().getErr();
    Path home = store.homeDir();
    Playbooks books = Outreach.playbooks(home, err);
    // today is the business's, like the days of its orders
    LocalDate day =
        DateOption.orToday("--as-of", asOf, books.policy().defaultZone(), Clock.systemUTC());
    Optional<LocalDate> from =
        since == null ? Optional.empty() : Optional.of(DateOption.parse("--since", since));
    if (from.isPresent() && from.get().isAfter(day)) {
      throw new UsageException(
          "--since (" + from.get() + ") must not be after the as-of date (" + day + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    Results.Report r;
    try (Store s = store.open(err)) {
      r =
          Results.compute(
              s.jdbi(),
              books,
              new Results.Options(day, from, window, customers, resamples),
              Progress.create(progress)::stage);
    }
    switch (fmt) {
      case "csv" -> csv(out, r);
      case "json" -> json(out, r);
      default -> table(out, r);
    }
    return 0;
  }

  // ---- table

  private static void table(PrintWriter out, Results.Report r) {
    String unit = r.currency().map(c -> " " + c).orElse("");
    out.printf(
        Locale.ROOT,
        "Results as of %s, %s, with a window of %d days.%s%n",
        r.asOf(),
        r.since().map(d -> "since " + d).orElse("since the beginning"),
        r.windowDays(),
        r.currency().map(c -> " Amounts in " + c + ".").orElse(""));
    out.println();
    out.printf(
        Locale.ROOT,
        "Lift over the holdout, per playbook (playbook runs whose %d-day window has ended):%n",
        r.windowDays());
    if (r.playbooks().isEmpty()) {
      out.println("  no playbook has started for anyone yet.");
    }
    for (PlaybookLift p : r.playbooks()) {
      out.printf(Locale.ROOT, "  %s%n", title(p.name(), p.playbook()));
      if (p.lift().contacted().customers() + p.lift().holdout().customers() == 0) {
        out.println("    no run has reached the end of its window yet");
      } else {
        lift(out, p.lift(), p.revenue(), unit);
      }
      if (p.stillOpen() > 0) {
        out.printf(
            Locale.ROOT,
            "    still open: %,d run%s whose window has not ended, not counted yet%n",
            p.stillOpen(),
            p.stillOpen() == 1 ? "" : "s");
      }
    }
    out.println();
    if (!r.offers().isEmpty()) {
      out.println(
          "Lift per offer (the contacted who were made the offer, against the playbook's whole"
              + " holdout; who got an offer was not drawn at random, see docs/results.md):");
      for (OfferLift o : r.offers()) {
        out.printf(Locale.ROOT, "  %s: %s%n", o.name(), o.offer());
        lift(out, o.lift(), o.revenue(), unit);
      }
      out.println();
    }
    ledger(out, r, unit);
    out.println();
    lost(out, r.lost(), unit);
    out.println();
    coverage(out, r);
  }

  private static String title(String name, String id) {
    return name.equals(id) ? id : name + " (" + id + ")";
  }

  private static void lift(PrintWriter out, Lift lift, Revenue revenue, String unit) {
    out.printf(
        Locale.ROOT,
        "    came back: %s of %,d contacted, %s of %,d held out%n",
        percent(lift.contactedRate().orElse(Double.NaN)),
        lift.contacted().customers(),
        percent(lift.holdoutRate().orElse(Double.NaN)),
        lift.holdout().customers());
    out.println("    lift: " + liftWords(lift));
    if (revenue.perEnrollment().isPresent() && revenue.total().isPresent()) {
      Difference d = revenue.perEnrollment().get();
      Difference t = revenue.total().get();
      out.printf(
          Locale.ROOT,
          "    revenue per customer in the window: %s contacted, %s held out: %s (95%% CI %s to"
              + " %s); in all %s%s (95%% CI %s to %s, %s)%n",
          CustomerCommand.amount(revenue.contactedMean()),
          CustomerCommand.amount(revenue.holdoutMean()),
          signedMoney(d.estimate()),
          signedMoney(d.interval().lower()),
          signedMoney(d.interval().upper()),
          signedMoney(t.estimate()),
          unit,
          signedMoney(t.interval().lower()),
          signedMoney(t.interval().upper()),
          revenue.method() == Revenue.Method.BOOTSTRAP ? "bootstrap" : "normal approximation");
    }
  }

  /** "+4.8 points (95% CI +1.2 to +8.4): more came back than would have anyway". */
  static String liftWords(Lift lift) {
    Optional<Difference> d = lift.difference();
    if (d.isEmpty()) {
      return lift.notEnoughData().orElse("not enough data yet");
    }
    Difference diff = d.get();
    String numbers =
        String.format(
            Locale.ROOT,
            "%s points (95%% CI %s to %s)",
            points(diff.estimate()),
            points(diff.interval().lower()),
            points(diff.interval().upper()));
    Verdict v = lift.verdict();
    return numbers
        + switch (v) {
          case MORE_CAME_BACK -> ": more came back than would have anyway";
          case FEWER_CAME_BACK -> ": fewer came back than without it";
          case NO_CLEAR_DIFFERENCE -> ": no clear difference";
          case NOT_ENOUGH_DATA -> ": not enough data yet";
        };
  }

  private static void ledger(PrintWriter out, Results.Report r, String unit) {
    out.printf(
        Locale.ROOT,
        "Recovered revenue: the comebacks, each credited to the offer its order redeemed, else"
            + " the latest contact in the %d days before it; revenue until the next comeback or"
            + " %s%s:%n",
        r.windowDays(),
        r.asOf(),
        unit.isEmpty() ? "" : ", in" + unit);
    if (r.ledger().isEmpty()) {
      out.println("  nobody came back.");
      return;
    }
    String row = "  %-30s %9s %8s %10s %14s %12s %14s %8s%n";
    out.printf(
        Locale.ROOT,
        row,
        "credited to",
        "comebacks",
        "by offer",
        "by contact",
        "revenue",
        "offer cost",
        "net",
        "ROI");
    for (LedgerLine l : r.ledger()) {
      out.printf(
          Locale.ROOT,
          row,
          Cells.shorten(l.name(), 30),
          String.format(Locale.ROOT, "%,d", l.comebacks()),
          String.format(Locale.ROOT, "%,d", l.byOffer()),
          String.format(Locale.ROOT, "%,d", l.byContact()),
          CustomerCommand.amount(l.revenue()),
          CustomerCommand.amount(l.offerCost()),
          CustomerCommand.amount(l.net()),
          l.roi().map(ResultsCommand::roi).orElse("no cost"));
    }
    if (!r.comebacks().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "  %,d comebacks%s:%n",
          r.comebacks().size(),
          r.comebacks().size() > TABLE_ROWS ? ", the first " + TABLE_ROWS : "");
      String c = "    %-10s %-14s %-10s %-34s %12s %10s%n";
      out.printf(Locale.ROOT, c, "day", "customer", "from", "credited to", "revenue", "offer cost");
      for (LedgerCustomer lc :
          r.comebacks().subList(0, Math.min(TABLE_ROWS, r.comebacks().size()))) {
        out.printf(
            Locale.ROOT,
            c,
            lc.recoveredOn(),
            Cells.shorten(lc.customerId(), 14),
            lc.fromState(),
            Cells.shorten(credit(lc.attribution()), 34),
            CustomerCommand.amount(lc.revenue()),
            CustomerCommand.amount(lc.offerCost()));
      }
    }
  }

  /** "win-back step 1 (offer)", "a contact outside the playbooks", "came back on their own". */
  static String credit(Attribution a) {
    if (a.method() == Attribution.Method.NONE) {
      return "came back on their own";
    }
    String how = a.method() == Attribution.Method.OFFER ? "offer" : "contact";
    if (a.playbook().isEmpty()) {
      return "an " + how + " outside the playbooks";
    }
    return a.playbook().get() + a.step().map(s -> " step " + s).orElse("") + " (" + how + ")";
  }

  private static void lost(PrintWriter out, Lost lost, String unit) {
    if (lost.lost() == 0) {
      out.println("What was lost: nobody slid from lapsing or dormant into lost.");
      return;
    }
    out.printf(
        Locale.ROOT,
        "What was lost: %,d customer%s slid from lapsing or dormant into lost, %s%s at risk when"
            + " the slide began.%n",
        lost.lost(),
        lost.lost() == 1 ? "" : "s",
        CustomerCommand.amount(lost.valueAtRisk()),
        unit);
    out.printf(
        Locale.ROOT,
        "  contacted in between: %,12d, %16s at risk%n",
        lost.contacted(),
        CustomerCommand.amount(lost.contactedValueAtRisk()));
    out.printf(
        Locale.ROOT,
        "  nobody in touch:      %,12d, %16s at risk%n",
        lost.notContacted(),
        CustomerCommand.amount(lost.notContactedValueAtRisk()));
    if (!lost.customers().isEmpty()) {
      String c = "    %-14s %-24s %-10s %-8s %-10s %14s %8s%n";
      out.printf(
          Locale.ROOT,
          "  the %s most at risk:%n",
          lost.customers().size() > TABLE_ROWS ? TABLE_ROWS : lost.customers().size());
      out.printf(
          Locale.ROOT,
          c,
          "customer",
          "name",
          "slid from",
          "from",
          "lost on",
          "value at risk",
          "contacts");
      for (LostCustomer lc :
          lost.customers().subList(0, Math.min(TABLE_ROWS, lost.customers().size()))) {
        out.printf(
            Locale.ROOT,
            c,
            Cells.shorten(lc.customerId(), 14),
            Cells.shorten(lc.name().orElse(""), 24),
            lc.slideBegan(),
            lc.fromState(),
            lc.lostOn(),
            lc.valueAtRisk().map(CustomerCommand::amount).orElse("-"),
            String.format(Locale.ROOT, "%,d", lc.contacts()));
      }
    }
  }

  private static void coverage(PrintWriter out, Results.Report r) {
    if (r.coverage().isEmpty()) {
      out.println("Check-in coverage: no enabled playbook has a no_contact_for trigger.");
      return;
    }
    out.printf(
        Locale.ROOT, "Check-in coverage (contacted within the cadence, up to %s):%n", r.asOf());
    for (Coverage c : r.coverage()) {
      out.printf(
          Locale.ROOT,
          "  %s, every %d days, %s: %,d of %,d contacted (%s)%n",
          title(c.name(), c.playbook()),
          c.days(),
          segment(c),
          c.contacted(),
          c.customers(),
          c.share().isPresent() ? percent(c.share().getAsDouble()) : "no customers");
    }
  }

  private static String segment(Coverage c) {
    List<String> parts = new ArrayList<>();
    c.segment().ifPresent(s -> parts.add("segment " + s));
    c.tag().ifPresent(t -> parts.add("tag " + t));
    return parts.isEmpty() ? "every customer" : String.join(", ", parts);
  }

  // ---- csv

  private static void csv(PrintWriter out, Results.Report r) {
    out.println(
        "section,playbook,name,offer,contacted,contacted_came_back,held_out,held_out_came_back,"
            + "still_open,lift_points,lift_low,lift_high,verdict,note,revenue_contacted_mean,"
            + "revenue_held_out_mean,revenue_difference,revenue_low,revenue_high,revenue_total,"
            + "revenue_total_low,revenue_total_high,revenue_interval");
    for (PlaybookLift p : r.playbooks()) {
      liftRow(
          out,
          "lift_per_playbook",
          p.playbook(),
          p.name(),
          "",
          p.lift(),
          p.stillOpen(),
          p.revenue());
    }
    for (OfferLift o : r.offers()) {
      liftRow(out, "lift_per_offer", o.playbook(), o.name(), o.offer(), o.lift(), -1, o.revenue());
    }
    out.println();
    out.println(
        "section,credited_to,name,comebacks,by_offer,by_contact,revenue,offer_cost,net,roi");
    for (LedgerLine l : r.ledger()) {
      out.println(
          String.join(
              ",",
              "ledger",
              Cells.csv(l.key()),
              Cells.csv(l.name()),
              Long.toString(l.comebacks()),
              Long.toString(l.byOffer()),
              Long.toString(l.byContact()),
              l.revenue().toPlainString(),
              l.offerCost().toPlainString(),
              l.net().toPlainString(),
              l.roi().map(BigDecimal::toPlainString).orElse("")));
    }
    if (!r.comebacks().isEmpty()) {
      out.println();
      out.println(
          "section,customer_id,recovered_on,from_state,order_id,credited_by,playbook,step,"
              + "credited_contact_or_offer_on,revenue,offer_cost,net");
      for (LedgerCustomer c : r.comebacks()) {
        Attribution a = c.attribution();
        out.println(
            String.join(
                ",",
                "comeback",
                Cells.csv(c.customerId()),
                c.recoveredOn().toString(),
                c.fromState(),
                Cells.csv(c.orderId()),
                a.method().label(),
                Cells.csv(a.playbook().orElse("")),
                a.step().map(String::valueOf).orElse(""),
                a.on().map(LocalDate::toString).orElse(""),
                c.revenue().toPlainString(),
                c.offerCost().toPlainString(),
                c.net().toPlainString()));
      }
    }
    out.println();
    Lost l = r.lost();
    out.println("section,group,customers,value_at_risk");
    out.println("lost,all," + l.lost() + "," + number(l.valueAtRisk()));
    out.println("lost,contacted," + l.contacted() + "," + number(l.contactedValueAtRisk()));
    out.println(
        "lost,not_contacted," + l.notContacted() + "," + number(l.notContactedValueAtRisk()));
    if (!l.customers().isEmpty()) {
      out.println();
      out.println(
          "section,customer_id,name,slide_began,from_state,lost_on,value_at_risk,contacts,"
              + "last_contact");
      for (LostCustomer c : l.customers()) {
        out.println(
            String.join(
                ",",
                "lost_customer",
                Cells.csv(c.customerId()),
                Cells.csv(c.name().orElse("")),
                c.slideBegan().toString(),
                c.fromState(),
                c.lostOn().toString(),
                c.valueAtRisk().map(ResultsCommand::number).orElse(""),
                Long.toString(c.contacts()),
                c.lastContact().map(LocalDate::toString).orElse("")));
      }
    }
    out.println();
    out.println("section,playbook,name,days,segment,tag,customers,contacted,share");
    for (Coverage c : r.coverage()) {
      out.println(
          String.join(
              ",",
              "coverage",
              Cells.csv(c.playbook()),
              Cells.csv(c.name()),
              Integer.toString(c.days()),
              Cells.csv(c.segment().orElse("")),
              Cells.csv(c.tag().orElse("")),
              Long.toString(c.customers()),
              Long.toString(c.contacted()),
              c.share().isPresent() ? number(c.share().getAsDouble()) : ""));
    }
  }

  private static void liftRow(
      PrintWriter out,
      String section,
      String playbook,
      String name,
      String offer,
      Lift lift,
      long stillOpen,
      Revenue revenue) {
    Optional<Difference> d = lift.difference();
    List<String> cells = new ArrayList<>();
    cells.add(section);
    cells.add(Cells.csv(playbook));
    cells.add(Cells.csv(name));
    cells.add(Cells.csv(offer));
    cells.add(Long.toString(lift.contacted().customers()));
    cells.add(Long.toString(lift.contacted().reactivated()));
    cells.add(Long.toString(lift.holdout().customers()));
    cells.add(Long.toString(lift.holdout().reactivated()));
    cells.add(stillOpen < 0 ? "" : Long.toString(stillOpen));
    cells.add(d.map(x -> number(100 * x.estimate())).orElse(""));
    cells.add(d.map(x -> number(100 * x.interval().lower())).orElse(""));
    cells.add(d.map(x -> number(100 * x.interval().upper())).orElse(""));
    cells.add(lift.verdict().name().toLowerCase(Locale.ROOT));
    cells.add(Cells.csv(lift.notEnoughData().orElse("")));
    cells.add(number(revenue.contactedMean()));
    cells.add(number(revenue.holdoutMean()));
    Optional<Difference> rd = revenue.perEnrollment();
    cells.add(rd.map(x -> number(x.estimate())).orElse(""));
    cells.add(rd.map(x -> number(x.interval().lower())).orElse(""));
    cells.add(rd.map(x -> number(x.interval().upper())).orElse(""));
    Optional<Difference> t = revenue.total();
    cells.add(t.map(x -> number(x.estimate())).orElse(""));
    cells.add(t.map(x -> number(x.interval().lower())).orElse(""));
    cells.add(t.map(x -> number(x.interval().upper())).orElse(""));
    cells.add(revenue.method().name().toLowerCase(Locale.ROOT));
    out.println(String.join(",", cells));
  }

  // ---- json

  private static void json(PrintWriter out, Results.Report r) throws Exception {
    ObjectMapper mapper = Json.indented();
    ObjectNode root = mapper.createObjectNode();
    root.put("asOf", r.asOf().toString());
    root.put("since", r.since().map(LocalDate::toString).orElse(null));
    root.put("windowDays", r.windowDays());
    root.put("currency", r.currency().orElse(null));
    ArrayNode playbooks = root.putArray("liftPerPlaybook");
    for (PlaybookLift p : r.playbooks()) {
      ObjectNode n = playbooks.addObject();
      n.put("playbook", p.playbook());
      n.put("name", p.name());
      liftJson(n, p.lift(), p.revenue());
      n.put("stillOpen", p.stillOpen());
    }
    ArrayNode offers = root.putArray("liftPerOffer");
    for (OfferLift o : r.offers()) {
      ObjectNode n = offers.addObject();
      n.put("playbook", o.playbook());
      n.put("name", o.name());
      n.put("offer", o.offer());
      liftJson(n, o.lift(), o.revenue());
    }
    ArrayNode ledger = root.putArray("ledger");
    for (LedgerLine l : r.ledger()) {
      ObjectNode n = ledger.addObject();
      n.put("creditedTo", l.key());
      n.put("name", l.name());
      n.put("comebacks", l.comebacks());
      n.put("byOffer", l.byOffer());
      n.put("byContact", l.byContact());
      n.put("revenue", l.revenue());
      n.put("offerCost", l.offerCost());
      n.put("net", l.net());
      n.put("roi", l.roi().orElse(null));
    }
    if (!r.comebacks().isEmpty()) {
      ArrayNode rows = root.putArray("comebacks");
      for (LedgerCustomer c : r.comebacks()) {
        ObjectNode n = rows.addObject();
        n.put("customerId", c.customerId());
        n.put("recoveredOn", c.recoveredOn().toString());
        n.put("fromState", c.fromState());
        n.put("orderId", c.orderId());
        ObjectNode a = n.putObject("creditedTo");
        a.put("method", c.attribution().method().label());
        a.put("playbook", c.attribution().playbook().orElse(null));
        a.put("step", c.attribution().step().orElse(null));
        a.put("on", c.attribution().on().map(LocalDate::toString).orElse(null));
        n.put("revenue", c.revenue());
        n.put("offerCost", c.offerCost());
        n.put("net", c.net());
      }
    }
    Lost l = r.lost();
    ObjectNode lost = root.putObject("lost");
    lost.put("customers", l.lost());
    lost.put("valueAtRisk", l.valueAtRisk());
    lost.put("contacted", l.contacted());
    lost.put("contactedValueAtRisk", l.contactedValueAtRisk());
    lost.put("notContacted", l.notContacted());
    lost.put("notContactedValueAtRisk", l.notContactedValueAtRisk());
    if (!l.customers().isEmpty()) {
      ArrayNode rows = lost.putArray("list");
      for (LostCustomer c : l.customers()) {
        ObjectNode n = rows.addObject();
        n.put("customerId", c.customerId());
        n.put("name", c.name().orElse(null));
        n.put("slideBegan", c.slideBegan().toString());
        n.put("fromState", c.fromState());
        n.put("lostOn", c.lostOn().toString());
        n.put("valueAtRisk", c.valueAtRisk().orElse(null));
        n.put("contacts", c.contacts());
        n.put("lastContact", c.lastContact().map(LocalDate::toString).orElse(null));
      }
    }
    ArrayNode coverage = root.putArray("coverage");
    for (Coverage c : r.coverage()) {
      ObjectNode n = coverage.addObject();
      n.put("playbook", c.playbook());
      n.put("name", c.name());
      n.put("days", c.days());
      n.put("segment", c.segment().orElse(null));
      n.put("tag", c.tag().orElse(null));
      n.put("customers", c.customers());
      n.put("contacted", c.contacted());
      n.put("share", c.share().isPresent() ? c.share().getAsDouble() : null);
    }
    out.println(mapper.writeValueAsString(root));
  }

  private static void liftJson(ObjectNode n, Lift lift, Revenue revenue) {
    ObjectNode c = n.putObject("contacted");
    c.put("customers", lift.contacted().customers());
    c.put("cameBack", lift.contacted().reactivated());
    ObjectNode h = n.putObject("heldOut");
    h.put("customers", lift.holdout().customers());
    h.put("cameBack", lift.holdout().reactivated());
    n.put("verdict", lift.verdict().name().toLowerCase(Locale.ROOT));
    n.put("notEnoughData", lift.notEnoughData().orElse(null));
    lift.difference()
        .ifPresentOrElse(
            d -> difference(n.putObject("difference"), d), () -> n.putNull("difference"));
    ObjectNode rev = n.putObject("revenuePerCustomer");
    rev.put("contactedMean", revenue.contactedMean());
    rev.put("heldOutMean", revenue.holdoutMean());
    rev.put("interval", revenue.method().name().toLowerCase(Locale.ROOT));
    revenue
        .perEnrollment()
        .ifPresentOrElse(
            d -> difference(rev.putObject("difference"), d), () -> rev.putNull("difference"));
    revenue
        .total()
        .ifPresentOrElse(d -> difference(rev.putObject("total"), d), () -> rev.putNull("total"));
  }

  private static void difference(ObjectNode n, Difference d) {
    n.put("estimate", d.estimate());
    n.put("low", d.interval().lower());
    n.put("high", d.interval().upper());
  }

  // ---- numbers in words

  private static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "-";
  }

  private static String points(double difference) {
    return String.format(Locale.ROOT, "%+.1f", 100 * difference);
  }

  private static String signedMoney(double v) {
    return String.format(Locale.ROOT, "%+,.2f", v);
  }

  /** Net over cost as a percentage: 12 is "1,200%". */
  private static String roi(BigDecimal ratio) {
    return String.format(
        Locale.ROOT,
        "%,d%%",
        ratio.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValue());
  }

  /** At most six decimals, no trailing zeros. */
  private static String number(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    return BigDecimal.valueOf(v)
        .setScale(6, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
