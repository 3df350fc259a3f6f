package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.query.CustomerList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle customers}: who is where, as the latest run left them. */
@Command(
    name = "customers",
    mixinStandardHelpOptions = true,
    description = {
      "Lists customers with their lifecycle state and scores from the latest run, most at stake"
          + " first.",
      ""
    })
final class CustomersCommand implements Callable<Integer> {
  private static final List<String> STATES =
      List.of("new", "active", "lapsing", "dormant", "lost", "reactivated");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--state", paramLabel = "STATE", description = "Only this lifecycle state.")
  @Nullable String state;

  @Option(names = "--segment", paramLabel = "SEGMENT", description = "Only this segment.")
  @Nullable String segment;

  @Option(names = "--rep", paramLabel = "REP", description = "Only this rep's accounts.")
  @Nullable String rep;

  @Option(
      names = "--sort",
      paramLabel = "value-at-risk|clv|overdue",
      defaultValue = "value-at-risk",
      description = "Order, largest first. Default: value-at-risk.")
  String sort = "value-at-risk";

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most N customers. Default: 50.")
  int limit = 50;

  @Option(
      names = "--format",
      paramLabel = "table|csv|json",
      defaultValue = "table",
      description = "Output format. Default: table.")
  String format = "table";

  @Override
  public Integer call() throws Exception {
    if (state != null && !STATES.contains(state.strip().toLowerCase(Locale.ROOT))) {
      throw new UsageException("--state must be one of " + String.join(", ", STATES));
    }
    CustomerList.Sort order;
    try {
      order = CustomerList.Sort.parse(sort);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--sort: " + e.getMessage());
    }
    if (limit < 1) {
      throw new UsageException("--limit must be at least 1");
    }
    String fmt = TableCsvJson.of(format);
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      CustomerList.Result result =
          CustomerList.list(
              s.jdbi(),
              new CustomerList.Filter(
                  Optional.ofNullable(state).map(String::strip),
                  Optional.ofNullable(segment),
                  Optional.ofNullable(rep),
                  order,
                  limit));
      switch (fmt) {
        case "csv" -> csv(out, result);
        case "json" -> json(out, result);
        default -> table(out, result);
      }
    }
    return 0;
  }

  private static void table(PrintWriter out, CustomerList.Result result) {
    out.printf(
        Locale.ROOT,
        "As of %s (run %d), %d customer%s:%n",
        result.asOf(),
        result.runId(),
        result.rows().size(),
        result.rows().size() == 1 ? "" : "s");
    out.printf(
        Locale.ROOT,
        "%-14s %-24s %-11s %7s %14s %8s %9s %8s%n",
        "customer",
        "name",
        "state",
        "P(alive)",
        "value at risk",
        "silent",
        "usual gap",
        "overdue");
    for (CustomerList.Row r : result.rows()) {
      out.printf(
          Locale.ROOT,
          "%-14s %-24s %-11s %7.2f %14s %7.0fd %9s %8s%n",
          Cells.shorten(r.customerId(), 14),
          Cells.shorten(r.name().orElse(""), 24),
          r.state(),
          r.pAlive(),
          r.valueAtRisk().map(v -> String.format(Locale.ROOT, "%,.2f", v)).orElse("-"),
          r.daysSinceLast(),
          r.usualGapDays().map(v -> String.format(Locale.ROOT, "%.0fd", v)).orElse("-"),
          r.overdueRatio().map(v -> String.format(Locale.ROOT, "%.1fx", v)).orElse("-"));
    }
  }

  private static void csv(PrintWriter out, CustomerList.Result result) {
    out.println(
        "customer_id,name,state,since,segment,rep,p_alive,clv,value_at_risk,"
            + "days_since_last_purchase,usual_gap_days,overdue_ratio");
    for (CustomerList.Row r : result.rows()) {
      out.println(
          String.join(
              ",",
              Cells.csv(r.customerId()),
              Cells.csv(r.name().orElse("")),
              r.state(),
              r.since().toString(),
              Cells.csv(r.segment().orElse("")),
              Cells.csv(r.rep().orElse("")),
              number(r.pAlive()),
              r.clv().map(CustomersCommand::number).orElse(""),
              r.valueAtRisk().map(CustomersCommand::number).orElse(""),
              number(r.daysSinceLast()),
              r.usualGapDays().map(CustomersCommand::number).orElse(""),
              r.overdueRatio().map(CustomersCommand::number).orElse("")));
    }
  }

  private static void json(PrintWriter out, CustomerList.Result result) throws Exception {
    ObjectMapper mapper = Json.indented();
    ObjectNode root = mapper.createObjectNode();
    root.put("asOf", result.asOf().toString());
    root.put("run", result.runId());
    ArrayNode rows = root.putArray("customers");
    for (CustomerList.Row r : result.rows()) {
      ObjectNode n = rows.addObject();
      n.put("customerId", r.customerId());
      r.name().ifPresent(v -> n.put("name", v));
      n.put("state", r.state());
      n.put("since", r.since().toString());
      r.segment().ifPresent(v -> n.put("segment", v));
      r.rep().ifPresent(v -> n.put("rep", v));
      n.put("pAlive", r.pAlive());
      r.clv().ifPresent(v -> n.put("clv", v));
      r.valueAtRisk().ifPresent(v -> n.put("valueAtRisk", v));
      n.put("daysSinceLastPurchase", r.daysSinceLast());
      r.usualGapDays().ifPresent(v -> n.put("usualGapDays", v));
      r.overdueRatio().ifPresent(v -> n.put("overdueRatio", v));
    }
    out.println(mapper.writeValueAsString(root));
  }

  /** At most six decimals, no trailing zeros: 11.00000000000001 is 11. */
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
