package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.ServiceRecovery;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.feedback.Cases;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle case}: one service-recovery case, shown and worked. */
@Command(
    name = "case",
    mixinStandardHelpOptions = true,
    description = {
      "Works a service-recovery case ('rekindle cases' lists them): show it, record a contact"
          + " with the customer (the first one meets or misses the SLA), add a note, give it to"
          + " another rep, close it with its outcome, or reopen it. Every action is kept with who"
          + " did it. While a customer has an open case, Rekindle makes them no sales offer.",
      ""
    },
    subcommands = {
      CaseCommand.Show.class,
      CaseCommand.Contact.class,
      CaseCommand.Note.class,
      CaseCommand.Assign.class,
      CaseCommand.Close.class,
      CaseCommand.Reopen.class,
      CaseCommand.Escalate.class
    })
final class CaseCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every case subcommand that changes a case takes. */
  abstract static class Change implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The case's number.")
    long id;

    @Option(
        names = "--by",
        required = true,
        paramLabel = "NAME",
        description = "Who did it; kept with the action.")
    String by = "";

    @Override
    public Integer call() {
      if (by.isBlank()) {
        throw new UsageException("--by must name who did it");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        out.println(apply(new Cases(s.jdbi(), Clock.systemUTC())));
      }
      return 0;
    }

    /** Does it and says what was done. */
    abstract String apply(Cases cases);
  }

  /** {@code rekindle case show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {"Shows a case: the customer, the feedback, the SLA and every action.", ""})
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();
    @Mixin TextOrJson format = new TextOrJson();

    @Parameters(index = "0", paramLabel = "ID", description = "The case's number.")
    long id;

    @Override
    public Integer call() throws Exception {
      boolean json = format.json();
      ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        Cases.Detail d = new Cases(s.jdbi(), Clock.systemUTC()).show(id);
        Cases.Case k = d.summary();
        if (json) {
          var mapper = Json.indented();
          var n = mapper.createObjectNode();
          CasesCommand.node(n, k);
          d.feedbackText()
              .ifPresent(
                  t ->
                      ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("feedback"))
                          .put("text", t));
          var actions = n.putArray("actions");
          for (Cases.Action a : d.actions()) {
            var an = actions.addObject();
            an.put("at", a.at().toString());
            an.put("actor", a.actor());
            an.put("action", a.action());
            a.note().ifPresent(v -> an.put("note", v));
          }
          out.println(mapper.writeValueAsString(n));
          return 0;
        }
        out.printf(Locale.ROOT, "Case #%d: %s%n", k.id(), CasesCommand.status(k));
        out.printf(
            Locale.ROOT,
            "  Customer:      %s%s%n",
            k.customerId(),
            k.customerName().map(n -> " (" + n + ")").orElse(""));
        out.printf(
            Locale.ROOT,
            "  Feedback:      #%d received %s, %s%n",
            k.feedbackId(),
            k.receivedOn(),
            CasesCommand.feedback(k));
        d.feedbackText()
            .ifPresent(
                t -> out.printf(Locale.ROOT, "                 \"%s\"%n", Cells.terminal(t)));
        out.printf(Locale.ROOT, "  Assigned to:   %s%n", k.assignedTo().orElse("the pool"));
        out.printf(
            Locale.ROOT,
            "  Opened:        %s (%s)%n",
            config.time(k.openedAt()),
            config.zone().getId());
        out.printf(
            Locale.ROOT,
            "  First contact: %s%n",
            k.firstContactAt()
                .map(
                    f ->
                        config.time(f)
                            + (f.isAfter(k.dueAt())
                                ? " (late: was due " + config.time(k.dueAt()) + ")"
                                : ""))
                .orElse("due by " + config.time(k.dueAt()) + (k.overdue() ? ", OVERDUE" : "")));
        k.escalatedAt()
            .ifPresent(
                e ->
                    out.printf(
                        Locale.ROOT,
                        "  Escalated:     %s to %s%n",
                        config.time(e),
                        k.escalatedTo().orElse("")));
        k.closedAt()
            .ifPresent(
                c ->
                    out.printf(
                        Locale.ROOT,
                        "  Closed:        %s, %s%s%n",
                        config.time(c),
                        k.outcome().orElse(""),
                        k.outcomeNote().map(x -> ": " + x).orElse("")));
        out.println("  Actions:");
        for (Cases.Action a : d.actions()) {
          out.printf(
              Locale.ROOT,
              "    %s  %-10s %-16s %s%n",
              config.time(a.at()),
              a.action(),
              a.actor(),
              a.note().orElse(""));
        }
      }
      return 0;
    }
  }

  /** {@code rekindle case contact ID}. */
  @Command(
      name = "contact",
      mixinStandardHelpOptions = true,
      description = {
        "Records a contact with the customer on the case (the first one is what the SLA"
            + " measures). It is also recorded as a contact with the customer (source 'case').",
        ""
      })
  static final class Contact extends Change {
    @Option(
        names = "--channel",
        paramLabel = "call|email|visit|other",
        defaultValue = "call",
        description = "How they were reached. Default: call.")
    String channel = "call";

    @Option(names = "--note", paramLabel = "TEXT", description = "What was said or agreed.")
    @Nullable String note;

    @Override
    String apply(Cases cases) {
      Cases.Channel how;
      try {
        how = Cases.Channel.parse(channel);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--channel: " + e.getMessage());
      }
      Cases.Contacted c = cases.contact(id, by, how, Optional.ofNullable(note));
      return "Case #"
          + id
          + ": "
          + how.label()
          + " recorded"
          + (c.first()
              ? (c.late()
                  ? " (the first contact, after it was due)"
                  : " (the first" + " contact, within the SLA)")
              : "")
          + ".";
    }
  }

  /** {@code rekindle case note ID}. */
  @Command(
      name = "note",
      mixinStandardHelpOptions = true,
      description = {"Adds a note to a case, open or closed.", ""})
  static final class Note extends Change {
    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "The note.")
    String note = "";

    @Override
    String apply(Cases cases) {
      cases.note(id, by, note);
      return "Case #" + id + ": note added.";
    }
  }

  /** {@code rekindle case assign ID --to REP}. */
  @Command(
      name = "assign",
      mixinStandardHelpOptions = true,
      description = {"Gives an open case to another rep.", ""})
  static final class Assign extends Change {
    @Option(names = "--to", required = true, paramLabel = "REP", description = "The rep.")
    String to = "";

    @Override
    String apply(Cases cases) {
      if (to.isBlank()) {
        throw new UsageException("--to must name a rep");
      }
      cases.assign(id, to, by);
      return "Case #" + id + ": assigned to " + to.strip() + ".";
    }
  }

  /** {@code rekindle case close ID --outcome O}. */
  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = {
        "Closes an open case with its outcome; sales offers to the customer resume (unless"
            + " another case of theirs is open).",
        ""
      })
  static final class Close extends Change {
    @Option(
        names = "--outcome",
        required = true,
        paramLabel = "O",
        description = "resolved, unresolved, no_response or duplicate.")
    String outcome = "";

    @Option(names = "--note", paramLabel = "TEXT", description = "How it ended, in words.")
    @Nullable String note;

    @Override
    String apply(Cases cases) {
      Cases.Outcome o;
      try {
        o = Cases.Outcome.parse(outcome);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--outcome: " + e.getMessage());
      }
      cases.close(id, o, by, Optional.ofNullable(note));
      return "Case #" + id + ": closed, " + o.label() + ".";
    }
  }

  /** {@code rekindle case reopen ID}. */
  @Command(
      name = "reopen",
      mixinStandardHelpOptions = true,
      description = {"Opens a closed case again; sales offers to the customer pause again.", ""})
  static final class Reopen extends Change {
    @Option(names = "--note", paramLabel = "TEXT", description = "Why.")
    @Nullable String note;

    @Override
    String apply(Cases cases) {
      cases.reopen(id, by, Optional.ofNullable(note));
      return "Case #" + id + ": reopened.";
    }
  }

  /** {@code rekindle case escalate}. */
  @Command(
      name = "escalate",
      mixinStandardHelpOptions = true,
      description = {
        "Escalates now every open case whose first contact was not made by the time it was due,"
            + " once each, to the manager of rekindle.yaml (service_recovery.manager, else"
            + " 'manager'). The daily run does this too.",
        ""
      })
  static final class Escalate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Override
    public Integer call() {
      ServiceRecovery recovery = ServiceRecoveryConfig.of(store.homeDir()).recovery();
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        int n = new Cases(s.jdbi(), Clock.systemUTC()).escalate(recovery.escalateTo());
        out.printf(
            Locale.ROOT,
            "%d case%s escalated to %s.%n",
            n,
            n == 1 ? "" : "s",
            recovery.escalateTo());
      }
      return 0;
    }
  }
}
