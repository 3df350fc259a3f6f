package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rekindle.core.text.Cells;
import org.rekindle.model.ModelException;
import org.rekindle.model.ModelKind;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.query.BusinessReport;
import org.rekindle.store.query.ForgottenCustomers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle report}: the state of the business as the latest run left it. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "The state of the business as of the latest run: customers and value at risk per lifecycle"
          + " state, the customers who came back, the model and how well it predicted, the credit"
          + " accounts' dormancy, and the forgotten customers: valuable, overdue against their own"
          + " rhythm, and not contacted since their last order.",
      ""
    })
final class ReportCommand implements Callable<Integer> {
  private static final DateTimeFormatter FITTED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--forgotten",
      paramLabel = "N",
      defaultValue = "10",
      description = "List the N forgotten customers with the most at risk. Default: 10.")
  int forgotten = 10;

  @Mixin TextOrJson format = new TextOrJson();

  @Override
  public Integer call() throws Exception {
    if (forgotten < 0) {
      throw new UsageException("--forgotten must not be negative");
    }
    boolean json = format.json();
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      BusinessReport.Report r =
          BusinessReport.latest(s.jdbi(), forgotten)
              .orElseThrow(
                  () ->
                      new StoreException(
                          "there is no run yet, so nothing to report: import orders, then"
                              + " 'rekindle run'"));
      if (json) {
        json(out, r);
      } else {
        text(out, r);
      }
    }
    return 0;
  }

  private static void text(PrintWriter out, BusinessReport.Report r) {
    out.printf(
        Locale.ROOT,
        "As of %s (run %d): %,d customers, %s%s value at risk.%n%n",
        r.asOf(),
        r.runId(),
        r.customers(),
        money(r.valueAtRisk()),
        unit(r));

    out.printf(Locale.ROOT, "  %-12s %10s %16s%n", "lifecycle", "customers", "value at risk");
    for (BusinessReport.StateLine line : r.states()) {
      out.printf(
          Locale.ROOT,
          "  %-12s %,10d %16s%n",
          line.state(),
          line.customers(),
          line.customers() == 0 ? "-" : money(line.valueAtRisk()));
    }
    out.printf(
        Locale.ROOT, "  %-12s %,10d %16s%n%n", "total", r.customers(), money(r.valueAtRisk()));

    out.printf(
        Locale.ROOT,
        "Came back in the last %d days: %s.%nCame back in all: %s.%n%n",
        BusinessReport.RECENT_DAYS,
        recoveries(r.recent(), unit(r)),
        recoveries(r.allTime(), unit(r)));

    fit(out, r.fit());
    out.println();

    BusinessReport.Accounts a = r.accounts();
    if (a.creditAccounts() == 0) {
      out.println("Credit accounts: none.");
    } else {
      long undated = a.creditAccounts() - a.open() - a.dormant();
      out.printf(
          Locale.ROOT,
          "Credit accounts: %,d open, %,d with a notice due now, %,d going dormant within %d days,"
              + " %,d dormant%s.%n",
          a.open(),
          a.noticesDue(),
          a.goingDormantSoon(),
          BusinessReport.RECENT_DAYS,
          a.dormant(),
          undated > 0
              ? String.format(Locale.ROOT, "; %,d without dormancy dates yet", undated)
              : "");
    }
    out.println();
    forgotten(out, r.forgotten(), unit(r));
  }

  private static String recoveries(BusinessReport.Recoveries rec, String unit) {
    if (rec.count() == 0) {
      return "nobody";
    }
    List<String> from = new ArrayList<>();
    for (Map.Entry<String, Long> e : rec.from().entrySet()) {
      if (e.getValue() > 0) {
        from.add(String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()));
      }
    }
    return String.format(
        Locale.ROOT,
        "%,d customer%s (%s before), %s%s was at risk",
        rec.count(),
        rec.count() == 1 ? "" : "s",
        String.join(", ", from),
        CustomerCommand.amount(rec.valueAtRisk()),
        unit);
  }

  private static void fit(PrintWriter out, BusinessReport.Fit f) {
    out.printf(
        Locale.ROOT,
        "Model: %s, %s (time in weeks); log-likelihood %.3f, %s.%n",
        f.modelName(),
        params(f.params()),
        f.logLikelihood(),
        f.converged() ? "converged" : "did not converge");
    out.printf(
        Locale.ROOT,
        "  fitted on the orders up to %s%s, at %s%n",
        f.dataAsOf(),
        f.customers()
            .map(
                c ->
                    String.format(Locale.ROOT, " (%,d customers", c)
                        + f.repeatPurchases()
                            .map(x -> String.format(Locale.ROOT, ", %,d repeat purchases)", x))
                            .orElse(")"))
            .orElse(""),
        FITTED_AT.format(f.fittedAt()));
    f.decision().ifPresent(d -> out.printf(Locale.ROOT, "  this run: %s%n", d));
    if (!f.spendParams().isEmpty()) {
      out.printf(Locale.ROOT, "  spend (Gamma-Gamma): %s%n", params(f.spendParams()));
    }
    if (!f.comparison().isEmpty()) {
      out.printf(
          Locale.ROOT, "  %-12s %15s %12s  %s%n", "model", "log-likelihood", "BIC", "converged");
      for (BusinessReport.ModelFit m : f.comparison()) {
        out.printf(
            Locale.ROOT,
            "  %-12s %15s %12s  %s%n",
            name(m.model()),
            m.logLikelihood().map(v -> String.format(Locale.ROOT, "%.3f", v)).orElse("-"),
            m.bic().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("-"),
            m.converged().map(v -> v ? "yes" : "no").orElse("-"));
      }
    }
    out.println("  " + holdout(f.holdout()));
    if (f.holdout() instanceof BusinessReport.Checked c && !c.models().isEmpty()) {
      out.printf(Locale.ROOT, "  %-12s %12s %10s%n", "model", "predicted", "MAE");
      for (BusinessReport.ModelHoldout m : c.models()) {
        out.printf(
            Locale.ROOT,
            "  %-12s %12s %10s%s%n",
            name(m.model()),
            m.predicted().map(v -> String.format(Locale.ROOT, "%,.1f", v)).orElse("-"),
            m.mae().map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse("-"),
            c.model().filter(m.model()::equals).isPresent() ? "   <- chosen" : "");
      }
    }
  }

  /** The holdout check in one line. */
  static String holdout(BusinessReport.HoldoutCheck check) {
    if (check instanceof BusinessReport.Skipped s) {
      // the run words its reasons "no holdout check: why"; an older or other writer may not
      return s.reason().startsWith("no holdout check")
          ? s.reason()
          : "no holdout check: " + s.reason();
    }
    if (!(check instanceof BusinessReport.Checked c)) {
      return "no holdout check recorded";
    }
    StringBuilder b = new StringBuilder("holdout check: ");
    b.append(c.calibrationEnd().map(d -> "fitted on the orders up to " + d).orElse("fitted"));
    b.append(", judged on the ");
    b.append(c.days().map(d -> String.format(Locale.ROOT, "%.0f days", d)).orElse("days"));
    b.append(c.asOf().map(d -> " to " + d).orElse(" after"));
    c.customers().ifPresent(n -> b.append(String.format(Locale.ROOT, " (%,d customers)", n)));
    b.append(": ");
    b.append(
        c.actual().map(v -> String.format(Locale.ROOT, "%,.0f purchases happened", v)).orElse(""));
    b.append(
        c.predicted()
            .map(
                v ->
                    String.format(
                        Locale.ROOT, "%s%,.1f predicted", c.actual().isPresent() ? ", " : "", v))
            .orElse(""));
    c.mae().ifPresent(v -> b.append(String.format(Locale.ROOT, "; MAE per customer %.4f", v)));
    c.model().ifPresent(m -> b.append(" (").append(name(m)).append(')'));
    return b.toString();
  }

  /** " USD" after an amount, when the store has orders. */
  private static String unit(BusinessReport.Report r) {
    return r.currency().map(c -> " " + c).orElse("");
  }

  private static void forgotten(PrintWriter out, ForgottenCustomers.Result f, String unit) {
    if (f.count() == 0) {
      out.println(
          "Forgotten customers: none. Every customer overdue against their own rhythm has been"
              + " contacted since their last order.");
      return;
    }
    out.printf(
        Locale.ROOT,
        "Forgotten customers: %,d overdue against their own rhythm and not contacted since their"
            + " last order, %s%s at risk%s%n",
        f.count(),
        CustomerCommand.amount(f.valueAtRisk()),
        unit,
        f.top().isEmpty()
            ? "."
            : f.top().size() == f.count()
                ? ":"
                : String.format(Locale.ROOT, "; the first %d:", f.top().size()));
    if (f.top().isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "  %-14s %-24s %-12s %-9s %9s %8s %8s %14s%n",
        "customer",
        "name",
        "rep",
        "state",
        "usual gap",
        "silent",
        "overdue",
        "value at risk");
    for (ForgottenCustomers.Row row : f.top()) {
      out.printf(
          Locale.ROOT,
          "  %-14s %-24s %-12s %-9s %9s %7.0fd %8s %14s%n",
          Cells.shorten(row.customerId(), 14),
          Cells.shorten(row.name().orElse(""), 24),
          Cells.shorten(row.rep().orElse(""), 12),
          row.state(),
          row.usualGapDays().map(v -> String.format(Locale.ROOT, "%.0fd", v)).orElse("-"),
          row.daysSilent(),
          row.overdueRatio().map(v -> String.format(Locale.ROOT, "%.1fx", v)).orElse("-"),
          row.valueAtRisk().map(CustomerCommand::amount).orElse("-"));
    }
    out.println(
        "  'rekindle contact ID --channel call' records a contact; 'rekindle customer ID' shows"
            + " one.");
  }

  private static void json(PrintWriter out, BusinessReport.Report r) throws Exception {
    ObjectMapper mapper = Json.indented();
    ObjectNode root = mapper.createObjectNode();
    root.put("asOf", r.asOf().toString());
    root.put("run", r.runId());
    root.put("currency", r.currency().orElse(null));
    root.put("customers", r.customers());
    root.put("valueAtRisk", r.valueAtRisk().orElse(null));
    ArrayNode states = root.putArray("states");
    for (BusinessReport.StateLine line : r.states()) {
      ObjectNode n = states.addObject();
      n.put("state", line.state());
      n.put("customers", line.customers());
      if (line.valueAtRisk().isPresent() || line.customers() == 0) {
        n.put("valueAtRisk", line.valueAtRisk().orElse(0.0));
      } else {
        n.putNull("valueAtRisk");
      }
    }
    ObjectNode rec = root.putObject("recoveries");
    recoveries(rec.putObject("last30Days"), r.recent());
    recoveries(rec.putObject("allTime"), r.allTime());

    BusinessReport.Fit f = r.fit();
    ObjectNode model = root.putObject("model");
    model.put("model", f.model());
    model.put("name", f.modelName());
    numbers(model.putObject("params"), f.params());
    model.put("logLikelihood", f.logLikelihood());
    model.put("converged", f.converged());
    model.put("fittedAt", f.fittedAt().toString());
    model.put("dataAsOf", f.dataAsOf().toString());
    model.put("customers", f.customers().orElse(null));
    model.put("repeatPurchases", f.repeatPurchases().orElse(null));
    if (f.spendParams().isEmpty()) {
      model.putNull("spendParams");
    } else {
      numbers(model.putObject("spendParams"), f.spendParams());
    }
    model.put("decision", f.decision().orElse(null));
    ArrayNode comparison = model.putArray("comparison");
    for (BusinessReport.ModelFit m : f.comparison()) {
      ObjectNode n = comparison.addObject();
      n.put("model", m.model());
      n.put("logLikelihood", m.logLikelihood().orElse(null));
      n.put("bic", m.bic().orElse(null));
      n.put("converged", m.converged().orElse(null));
    }
    ObjectNode holdout = model.putObject("holdout");
    if (f.holdout() instanceof BusinessReport.Checked c) {
      holdout.put("status", "checked");
      holdout.put("calibrationEnd", c.calibrationEnd().map(Object::toString).orElse(null));
      holdout.put("asOf", c.asOf().map(Object::toString).orElse(null));
      holdout.put("days", c.days().orElse(null));
      holdout.put("customers", c.customers().orElse(null));
      holdout.put("actual", c.actual().orElse(null));
      holdout.put("predicted", c.predicted().orElse(null));
      holdout.put("mae", c.mae().orElse(null));
      holdout.put("model", c.model().orElse(null));
      ArrayNode models = holdout.putArray("models");
      for (BusinessReport.ModelHoldout m : c.models()) {
        ObjectNode n = models.addObject();
        n.put("model", m.model());
        n.put("predicted", m.predicted().orElse(null));
        n.put("mae", m.mae().orElse(null));
      }
    } else if (f.holdout() instanceof BusinessReport.Skipped s) {
      holdout.put("status", "skipped");
      holdout.put("reason", s.reason());
    } else {
      holdout.put("status", "not recorded");
    }

    BusinessReport.Accounts a = r.accounts();
    ObjectNode accounts = root.putObject("accounts");
    accounts.put("creditAccounts", a.creditAccounts());
    accounts.put("open", a.open());
    accounts.put("noticesDue", a.noticesDue());
    accounts.put("goingDormantWithin30Days", a.goingDormantSoon());
    accounts.put("dormant", a.dormant());

    ForgottenCustomers.Result fc = r.forgotten();
    ObjectNode forgottenNode = root.putObject("forgotten");
    forgottenNode.put("count", fc.count());
    forgottenNode.put("valueAtRisk", fc.valueAtRisk());
    ArrayNode top = forgottenNode.putArray("top");
    for (ForgottenCustomers.Row row : fc.top()) {
      ObjectNode n = top.addObject();
      n.put("customerId", row.customerId());
      n.put("name", row.name().orElse(null));
      n.put("rep", row.rep().orElse(null));
      n.put("state", row.state());
      n.put("usualGapDays", row.usualGapDays().orElse(null));
      n.put("daysSilent", row.daysSilent());
      n.put("overdueRatio", row.overdueRatio().orElse(null));
      n.put("valueAtRisk", row.valueAtRisk().orElse(null));
      n.put("lastOrder", row.lastOrder().toString());
    }
    out.println(mapper.writeValueAsString(root));
  }

  private static void recoveries(ObjectNode n, BusinessReport.Recoveries rec) {
    n.put("count", rec.count());
    n.put("valueAtRisk", rec.valueAtRisk());
    ObjectNode from = n.putObject("from");
    rec.from().forEach(from::put);
  }

  private static void numbers(ObjectNode n, Map<String, Double> values) {
    values.forEach(n::put);
  }

  private static String params(Map<String, Double> p) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Double> e : p.entrySet()) {
      parts.add(e.getKey() + " = " + String.format(Locale.ROOT, "%.4g", e.getValue()));
    }
    return String.join(", ", parts);
  }

  /** BG/NBD for bgnbd; an id we do not know as it is. */
  private static String name(String model) {
    try {
      return ModelKind.fromId(model).displayName();
    } catch (ModelException e) {
      return model;
    }
  }

  private static String money(Optional<Double> v) {
    return v.map(CustomerCommand::amount).orElse("-");
  }
}
