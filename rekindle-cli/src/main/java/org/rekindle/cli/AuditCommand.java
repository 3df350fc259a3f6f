package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.access.AuditLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle audit}: who changed what. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the audit log, newest first: who changed what, when. Actors are named 'user LOGIN'"
          + " (the dashboard), 'key NAME' (a REST API client) or 'cli (OS user)' (this command"
          + " line). Times are in the business's time zone (rekindle.yaml"
          + " contact_policy.time_zone).",
      ""
    })
final class AuditCommand implements Callable<Integer> {
  /** The most entries one listing shows. */
  static final int MAX_LIMIT = 100_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();
  @Mixin ListFormat format = new ListFormat();

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "How many of the latest entries to show, 1 to 100000. Default: 50.")
  int limit = 50;

  @Option(
      names = "--actor",
      paramLabel = "X",
      description =
          "Only the entries of this actor, written exactly as the log shows it, such as 'user"
              + " maria' or 'key till-1'.")
  @Nullable String actor;

  @Override
  public Integer call() throws Exception {
    String fmt = format.of();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new UsageException("--limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
    }
    if (actor != null && actor.isBlank()) {
      throw new UsageException("--actor must not be empty");
    }
    String who = actor == null ? null : actor.strip();
    ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      List<AuditLog.Entry> entries = new AuditLog(s.jdbi()).recent(limit, who);
      switch (fmt) {
        case "csv" -> {
          out.println("id,at,actor,action,subject,detail");
          for (AuditLog.Entry e : entries) {
            out.println(
                String.join(
                    ",",
                    Long.toString(e.id()),
                    e.at().toString(),
                    Cells.csv(e.actor()),
                    Cells.csv(e.action()),
                    Cells.csv(Objects.toString(e.subject(), "")),
                    Cells.csv(e.detail())));
          }
        }
        case "json" -> {
          ObjectMapper mapper = Json.indented();
          ArrayNode list = mapper.createArrayNode();
          for (AuditLog.Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("id", e.id());
            n.put("at", e.at().toString());
            n.put("actor", e.actor());
            n.put("action", e.action());
            n.put("subject", e.subject());
            n.set("detail", mapper.readTree(e.detail()));
          }
          out.println(mapper.writeValueAsString(list));
        }
        default -> {
          if (entries.isEmpty()) {
            out.println(
                who == null
                    ? "The audit log is empty."
                    : "No entries by '"
                        + who
                        + "'. Actors are named as 'user LOGIN', 'key NAME' or 'cli (OS user)';"
                        + " 'rekindle audit' shows them all.");
            return 0;
          }
          out.printf(
              Locale.ROOT,
              "The latest %d entr%s (times in %s):%n",
              entries.size(),
              entries.size() == 1 ? "y" : "ies",
              config.zone().getId());
          ListFormat.row(
              out, "%-16s %-20s %-16s %-24s %s", "at", "actor", "action", "subject", "detail");
          for (AuditLog.Entry e : entries) {
            ListFormat.row(
                out,
                "%-16s %-20s %-16s %-24s %s",
                config.time(e.at()),
                Cells.shorten(Cells.terminal(e.actor()), 20),
                Cells.shorten(Cells.terminal(e.action()), 16),
                Cells.shorten(Cells.terminal(Objects.toString(e.subject(), "")), 24),
                e.detail().equals("{}") ? "" : Cells.terminal(e.detail()));
          }
        }
      }
    }
    return 0;
  }
}
