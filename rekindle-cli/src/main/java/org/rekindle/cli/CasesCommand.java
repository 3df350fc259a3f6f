package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.feedback.Cases;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle cases}: the service-recovery cases. */
@Command(
    name = "cases",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the service-recovery cases that negative feedback opened: open ones first, the"
          + " escalated and the overdue (no first contact by the time it was due) at the top and"
          + " marked, then by due time. Times are in the business's time zone (rekindle.yaml"
          + " contact_policy.time_zone). Work a case with 'rekindle case'.",
      ""
    })
final class CasesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--open", description = "Only the open cases.")
  boolean open;

  @Option(names = "--rep", paramLabel = "R", description = "Only the cases assigned to this rep.")
  @Nullable String rep;

  @Option(
      names = "--format",
      paramLabel = "table|csv|json",
      defaultValue = "table",
      description = "Output format. Default: table.")
  String format = "table";

  @Override
  public Integer call() throws Exception {
    String fmt = TableCsvJson.of(format);
    if (rep != null && rep.isBlank()) {
      throw new UsageException("--rep must name a rep");
    }
    ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      List<Cases.Case> cases =
          new Cases(s.jdbi(), Clock.systemUTC()).list(open, Optional.ofNullable(rep));
      switch (fmt) {
        case "csv" -> csv(out, cases);
        case "json" -> json(out, cases);
        default -> table(out, cases, config);
      }
    }
    return 0;
  }

  /** Where a case stands, in a word or two. */
  static String status(Cases.Case c) {
    if (!c.open()) {
      return "closed: " + c.outcome().orElse("");
    }
    if (c.escalatedAt().isPresent()) {
      return "ESCALATED";
    }
    if (c.overdue()) {
      return "OVERDUE";
    }
    return c.firstContactAt().isPresent() ? "contacted" : "open";
  }

  private static void table(PrintWriter out, List<Cases.Case> cases, ServiceRecoveryConfig c) {
    long open = cases.stream().filter(Cases.Case::open).count();
    out.printf(
        Locale.ROOT,
        "%d case%s, %d open (times in %s):%n",
        cases.size(),
        cases.size() == 1 ? "" : "s",
        open,
        c.zone().getId());
    out.printf(
        Locale.ROOT,
        "%-6s %-18s %-12s %-20s %-14s %-16s %-17s %s%n",
        "case",
        "status",
        "customer",
        "name",
        "assigned to",
        "opened",
        "first contact due",
        "feedback");
    for (Cases.Case k : cases) {
      out.printf(
          Locale.ROOT,
          "%-6s %-18s %-12s %-20s %-14s %-16s %-17s %s%n",
          "#" + k.id(),
          status(k),
          Cells.shorten(k.customerId(), 12),
          Cells.shorten(k.customerName().orElse(""), 20),
          Cells.shorten(k.assignedTo().orElse("(pool)"), 14),
          c.time(k.openedAt()),
          k.firstContactAt().isPresent() ? "done" : c.time(k.dueAt()),
          feedback(k));
    }
  }

  static String feedback(Cases.Case k) {
    return k.source()
        + k.rating().map(r -> ", " + r + " of 5").orElse("")
        + (k.flagged() ? ", flagged" : "");
  }

  private static void csv(PrintWriter out, List<Cases.Case> cases) {
    out.println(
        "case,status,customer_id,name,assigned_to,opened_at,due_at,first_contact_at,overdue,"
            + "escalated_at,escalated_to,closed_at,outcome,feedback_id,source,rating,flagged");
    for (Cases.Case k : cases) {
      out.println(
          String.join(
              ",",
              Long.toString(k.id()),
              k.open() ? (k.escalatedAt().isPresent() ? "escalated" : "open") : "closed",
              Cells.csv(k.customerId()),
              Cells.csv(k.customerName().orElse("")),
              Cells.csv(k.assignedTo().orElse("")),
              k.openedAt().toString(),
              k.dueAt().toString(),
              k.firstContactAt().map(Object::toString).orElse(""),
              k.overdue() ? "yes" : "no",
              k.escalatedAt().map(Object::toString).orElse(""),
              Cells.csv(k.escalatedTo().orElse("")),
              k.closedAt().map(Object::toString).orElse(""),
              k.outcome().orElse(""),
              Long.toString(k.feedbackId()),
              Cells.csv(k.source()),
              k.rating().map(String::valueOf).orElse(""),
              k.flagged() ? "yes" : "no"));
    }
  }

  private static void json(PrintWriter out, List<Cases.Case> cases) throws Exception {
    ObjectMapper mapper = Json.indented();
    ArrayNode list = mapper.createArrayNode();
    for (Cases.Case k : cases) {
      node(list.addObject(), k);
    }
    out.println(mapper.writeValueAsString(list));
  }

  /** A case's fields in JSON, as the list and 'case show' print them. */
  static void node(ObjectNode n, Cases.Case k) {
    n.put("case", k.id());
    n.put("open", k.open());
    n.put("customerId", k.customerId());
    k.customerName().ifPresent(v -> n.put("name", v));
    k.assignedTo().ifPresent(v -> n.put("assignedTo", v));
    n.put("openedAt", k.openedAt().toString());
    n.put("dueAt", k.dueAt().toString());
    n.put("overdue", k.overdue());
    k.firstContactAt().ifPresent(v -> n.put("firstContactAt", v.toString()));
    k.escalatedAt().ifPresent(v -> n.put("escalatedAt", v.toString()));
    k.escalatedTo().ifPresent(v -> n.put("escalatedTo", v));
    k.closedAt().ifPresent(v -> n.put("closedAt", v.toString()));
    k.outcome().ifPresent(v -> n.put("outcome", v));
    k.outcomeNote().ifPresent(v -> n.put("outcomeNote", v));
    ObjectNode f = n.putObject("feedback");
    f.put("id", k.feedbackId());
    f.put("source", k.source());
    k.rating().ifPresent(v -> f.put("rating", v));
    f.put("flagged", k.flagged());
    f.put("receivedOn", k.receivedOn().toString());
  }
}
