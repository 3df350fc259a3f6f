package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.rekindle.store.Store;
import org.rekindle.store.outreach.SendQueue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle outbox}: where the emails stand, and the decisions only a person can make. */
@Command(
    name = "outbox",
    mixinStandardHelpOptions = true,
    description = {
      "Shows how many emails stand in each state, and lists those that need a person: the"
          + " uncertain (the connection broke after sending began, or the sender was killed:"
          + " the server may or may not have them) and the failed. `rekindle outbox resolve`"
          + " settles an uncertain one.",
      ""
    },
    subcommands = {OutboxCommand.Resolve.class})
final class OutboxCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "List at most N emails that need a person. Default: 50.")
  int limit = 50;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new UsageException("--limit must be 0 or more, was " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      SendQueue queue = new SendQueue(s.jdbi());
      Map<String, Long> counts = new TreeMap<>(queue.counts());
      if (counts.isEmpty()) {
        out.println("The outbox holds no emails.");
        return 0;
      }
      out.print("Emails:");
      counts.forEach((status, n) -> out.printf(Locale.ROOT, " %s %d;", status, n));
      out.println();
      List<SendQueue.Attention> attention = queue.attention(limit);
      if (attention.isEmpty()) {
        return 0;
      }
      out.println();
      out.println("id  status  customer  address  playbook  attempts  when: what happened");
      for (SendQueue.Attention a : attention) {
        out.printf(
            Locale.ROOT,
            "%d  %s  %s  %s  %s  %d  %s: %s%n",
            a.id(),
            a.status(),
            a.customerId(),
            a.address(),
            a.playbook(),
            a.attempts(),
            a.updatedAt(),
            a.reply());
      }
      if (counts.getOrDefault("uncertain", 0L) > 0) {
        out.println();
        out.println(
            "Settle an uncertain email with: rekindle outbox resolve ID delivered|resend|drop");
      }
    }
    return 0;
  }

  /** {@code rekindle outbox resolve ID delivered|resend|drop}. */
  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = {
        "Settles an uncertain email: 'delivered' records it as sent (the customer has it, or the"
            + " server's log shows it); 'resend' queues it again with the same Message-ID, so a"
            + " copy that did arrive can be recognised as the same message; 'drop' never sends"
            + " it.",
        ""
      })
  static final class Resolve implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The email's id in the outbox.")
    long id;

    @Parameters(
        index = "1",
        paramLabel = "delivered|resend|drop",
        description = "What to do with it.")
    String decision = "";

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who decided, for the record. Default: the system user.")
    String by = System.getProperty("user.name", "unknown");

    @Override
    public Integer call() {
      SendQueue.Resolution resolution;
      try {
        resolution = SendQueue.Resolution.valueOf(decision.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("say delivered, resend or drop, not '" + decision + "'");
      }
      try (Store s = store.open(spec.commandLine().getErr())) {
        new SendQueue(s.jdbi()).resolve(id, resolution, by, Clock.systemUTC().instant());
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "Email %d: %s.%s%n",
              id,
              resolution.label(),
              resolution == SendQueue.Resolution.RESEND
                  ? " The next `rekindle send` sends it."
                  : "");
      return 0;
    }
  }
}
