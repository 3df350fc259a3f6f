package org.rekindle.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.Store;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.outreach.CallLogged;
import org.rekindle.store.outreach.CallTalkingPoints;
import org.rekindle.store.outreach.CallTask;
import org.rekindle.store.outreach.CallTasks;
import org.rekindle.store.query.Contacts;
import org.rekindle.store.survey.ComeBack;
import org.rekindle.store.survey.StoredAnswer;
import org.rekindle.store.survey.SurveyAnswer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rekindle calls}: the calls due, with what to talk about; {@code calls log}: how one went.
 */
@Command(
    name = "calls",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the calls due for reps to make, most at stake first, each with what to talk about:"
          + " the playbook's points, the customer's last order and usual rhythm, what they are"
          + " worth, the offers they hold and who talked to them last. Calls no rep is assigned"
          + " are the pool's, shown to every rep. A call to a number suppressed since it was"
          + " planned is not shown. 'rekindle calls log TASK OUTCOME' records how a call went.",
      ""
    },
    subcommands = {CallsCommand.Log.class})
final class CallsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--rep",
      paramLabel = "REP",
      description =
          "Only this rep's calls, and the pool's. The name as the customers file gives the owner"
              + " rep. Default: every call.")
  @Nullable String rep;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "The calls due by this day, with talking points as of it. Default: today.")
  @Nullable String asOf;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "25",
      description = "At most N calls. Default: 25.")
  int limit = 25;

  @Mixin TextOrJson format = new TextOrJson();

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new UsageException("--limit must be at least 1");
    }
    if (rep != null && rep.isBlank()) {
      throw new UsageException("--rep needs a name");
    }
    boolean json = format.json();
    LocalDate day = DateOption.orToday("--as-of", asOf);
    Optional<String> who = Optional.ofNullable(rep).map(String::strip);
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      List<CallTask> calls = new CallTasks(s.jdbi()).list(who, day, limit);
      if (json) {
        json(out, day, who, calls);
      } else {
        text(out, day, who, calls);
      }
    }
    return 0;
  }

  private static void text(
      PrintWriter out, LocalDate day, Optional<String> rep, List<CallTask> calls) {
    String whose = rep.map(r -> " for " + r + " and the pool").orElse("");
    if (calls.isEmpty()) {
      out.printf(Locale.ROOT, "No calls due by %s%s.%n", day, whose);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%d call%s due by %s%s, most at stake first:%n",
        calls.size(),
        calls.size() == 1 ? "" : "s",
        day,
        whose);
    for (CallTask t : calls) {
      out.println();
      call(out, t);
    }
    out.println();
    out.println(
        "Log each call: rekindle calls log TASK OUTCOME [--note TEXT] (reached, voicemail,"
            + " no-answer, wrong-number, will-order, do-not-contact, reason-for-leaving).");
  }

  /** One call, a label and a value a line, as a rep reads it before dialling. */
  private static void call(PrintWriter out, CallTask t) {
    CallTalkingPoints p = t.talkingPoints();
    Optional<String> currency = p.lastOrder().map(CallTalkingPoints.LastOrder::currency);
    out.printf(
        Locale.ROOT,
        "Task %d: call %s on %s%n",
        t.id(),
        p.name()
            .map(n -> n + " (customer " + t.customerId() + ")")
            .orElse("customer " + t.customerId()),
        t.phone());
    List<String> about = new ArrayList<>();
    about.add(t.assignedTo().map(r -> "for " + r).orElse("the pool's: any rep"));
    about.add("due " + t.dueOn());
    about.add(t.playbook() + ", step " + t.step());
    t.valueAtRisk().ifPresent(v -> about.add("value at risk " + money(v, currency)));
    out.println("  " + String.join(" - ", about));
    p.phoneOnRecord()
        .filter(ph -> !ph.equals(t.phone()))
        .ifPresent(
            ph -> field(out, "Phone now", ph + " (the record's; the task has the number above)"));
    p.text().ifPresent(x -> field(out, "Say", x));
    field(
        out,
        "Last order",
        p.lastOrder()
            .map(o -> o.date() + ", " + CustomerCommand.amount(o.amount()) + " " + o.currency())
            .orElse("none yet"));
    List<String> rhythm = new ArrayList<>();
    p.scores().flatMap(CallsCommand::rhythm).ifPresent(rhythm::add);
    p.lifecycle().ifPresent(l -> rhythm.add(l.state() + " since " + l.since()));
    field(out, "Rhythm", rhythm.isEmpty() ? "not scored yet" : String.join("; ", rhythm));
    p.scores()
        .ifPresent(
            s -> {
              List<String> worth = new ArrayList<>();
              s.clv().ifPresent(v -> worth.add("CLV " + money(v, currency)));
              s.valueAtRisk().ifPresent(v -> worth.add("value at risk " + money(v, currency)));
              if (!worth.isEmpty()) {
                field(out, "Worth", String.join(", ", worth) + " (run of " + s.asOf() + ")");
              }
            });
    String label = "Offers";
    if (p.offers().isEmpty()) {
      field(out, label, "none open");
    }
    for (CallTalkingPoints.OpenOffer f : p.offers()) {
      field(
          out,
          label,
          f.code().grouped()
              + "  "
              + f.terms().describe()
              + ", valid until "
              + lastDay(f.expiresAt())
              + (f.forThisCall() ? " - the offer for this call" : ""));
      label = "";
    }
    label = "History";
    if (p.history().isEmpty()) {
      field(out, label, "no contacts recorded");
    }
    for (Contacts.Contact k : p.history()) {
      field(
          out,
          label,
          String.format(
                  Locale.ROOT,
                  "%s  %-6s  %-8s %s",
                  k.on(),
                  k.channel().label(),
                  k.source(),
                  k.note().orElse(""))
              .stripTrailing());
      label = "";
    }
  }

  /** Their rhythm; a one-time buyer has none yet, only what repeat buyers do. */
  private static Optional<String> rhythm(CallTalkingPoints.Scores s) {
    return s.rhythm()
        .map(
            every ->
                s.repeatPurchases() == 0
                    ? "one order so far; repeat customers order about " + every
                    : "orders about " + every);
  }

  private static void field(PrintWriter out, String label, String value) {
    out.printf(
        Locale.ROOT, "  %-11s %s%n", label.isEmpty() ? "" : label + ":", value.replace("\n", " "));
  }

  /**
   * The last day an offer is honoured, in this machine's zone: an expiry at midnight is the day
   * before's.
   */
  private static LocalDate lastDay(Instant expiresAt) {
    return expiresAt.minusNanos(1).atZone(ZoneId.systemDefault()).toLocalDate();
  }

  private static String money(double v, Optional<String> currency) {
    return CustomerCommand.amount(v) + currency.map(c -> " " + c).orElse("");
  }

  private static void json(
      PrintWriter out, LocalDate day, Optional<String> rep, List<CallTask> calls) throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    ObjectNode root = mapper.createObjectNode();
    root.put("asOf", day.toString());
    root.put("rep", rep.orElse(null));
    ArrayNode list = root.putArray("calls");
    for (CallTask t : calls) {
      ObjectNode n = list.addObject();
      n.put("task", t.id());
      n.put("customerId", t.customerId());
      n.put("phone", t.phone());
      n.put("assignedTo", t.assignedTo().orElse(null));
      n.put("pool", t.pool());
      n.put("playbook", t.playbook());
      n.put("step", t.step());
      n.put("dueOn", t.dueOn().toString());
      n.put("valueAtRisk", t.valueAtRisk().orElse(null));
      CallTalkingPoints p = t.talkingPoints();
      ObjectNode points = n.putObject("talkingPoints");
      points.put("text", p.text().orElse(null));
      points.put("name", p.name().orElse(null));
      points.put("phoneOnRecord", p.phoneOnRecord().orElse(null));
      if (p.lastOrder().isPresent()) {
        CallTalkingPoints.LastOrder o = p.lastOrder().get();
        ObjectNode last = points.putObject("lastOrder");
        last.put("date", o.date().toString());
        last.put("amount", plain(o.amount()));
        last.put("currency", o.currency());
      } else {
        points.putNull("lastOrder");
      }
      if (p.scores().isPresent()) {
        CallTalkingPoints.Scores s = p.scores().get();
        ObjectNode scores = points.putObject("scores");
        scores.put("asOf", s.asOf().toString());
        scores.put("repeatPurchases", s.repeatPurchases());
        scores.put("usualGapDays", s.usualGapDays().orElse(null));
        scores.put("rhythm", s.rhythm().orElse(null));
        scores.put("valueAtRisk", s.valueAtRisk().orElse(null));
        scores.put("clv", s.clv().orElse(null));
      } else {
        points.putNull("scores");
      }
      if (p.lifecycle().isPresent()) {
        ObjectNode state = points.putObject("lifecycle");
        state.put("state", p.lifecycle().get().state());
        state.put("since", p.lifecycle().get().since().toString());
      } else {
        points.putNull("lifecycle");
      }
      ArrayNode offers = points.putArray("offers");
      for (CallTalkingPoints.OpenOffer f : p.offers()) {
        ObjectNode o = offers.addObject();
        o.put("code", f.code().grouped());
        o.put("offer", f.terms().describe());
        o.put("kind", f.terms().kind().label());
        o.put("expiresAt", f.expiresAt().toString());
        o.put("forThisCall", f.forThisCall());
      }
      ArrayNode history = points.putArray("history");
      for (Contacts.Contact k : p.history()) {
        ObjectNode c = history.addObject();
        c.put("on", k.on().toString());
        c.put("channel", k.channel().label());
        c.put("source", k.source());
        c.put("note", k.note().orElse(null));
      }
    }
    out.println(mapper.writeValueAsString(root));
  }

  private static BigDecimal plain(BigDecimal v) {
    return new BigDecimal(Offer.money(v));
  }

  /** {@code rekindle calls log TASK OUTCOME}. */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = {
        "Records how a call went, once: a second attempt, by anyone, is refused and told who"
            + " logged it, when and with what.",
        "The call is kept with the customer's contacts. OUTCOME is one of (with - or _):",
        "  reached             spoke with the customer",
        "  voicemail           left a voicemail",
        "  no-answer           nobody answered",
        "  wrong-number        the number is not the customer's: it is suppressed for",
        "                      calls (staff can lift that once the number is checked)",
        "  will-order          the customer said they will order",
        "  do-not-contact      the customer asked not to be contacted: their phone,",
        "                      email and postal address are suppressed and their",
        "                      consent withdrawn on every channel, as their own word,",
        "                      which only they can undo",
        "  reason-for-leaving  the customer said why they left: --note in their words",
        "                      (or --reason), kept as their exit-survey answer from a",
        "                      call, with --reason, --come-back and --bring-back;",
        "                      without --reason, the reason is read from a note that",
        "                      names one (\"price\", or \"price: found it cheaper\")",
        ""
      })
  static final class Log implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(
        index = "0",
        paramLabel = "TASK",
        description = "The task's number, as 'rekindle calls' shows it.")
    long task;

    @Parameters(index = "1", paramLabel = "OUTCOME", description = "How the call went.")
    String outcome = "";

    @Option(
        names = "--note",
        paramLabel = "TEXT",
        description = "What was said; for reason-for-leaving, the reason.")
    @Nullable String note;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who made the call. Default: the user name.")
    @Nullable String by;

    @Option(
        names = "--reason",
        paramLabel = "REASON",
        description =
            "For reason-for-leaving: why they left, one of price, service, quality, delivery,"
                + " moved_or_closed, competitor, not_needed, forgot, other (or the words, such as"
                + " 'service or staff'). Default: read from --note when the note names one,"
                + " else none.")
    @Nullable String reason;

    @Option(
        names = "--come-back",
        paramLabel = "yes|maybe|no",
        description = "For reason-for-leaving: would they come back.")
    @Nullable String comeBack;

    @Option(
        names = "--bring-back",
        paramLabel = "TEXT",
        description = "For reason-for-leaving: what would bring them back, in their words.")
    @Nullable String bringBack;

    @Override
    public Integer call() {
      CallTasks.Outcome how;
      try {
        how = CallTasks.Outcome.parse(outcome);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e);
      }
      Optional<String> text =
          Optional.ofNullable(note).map(String::strip).filter(n -> !n.isEmpty());
      CallTasks.Leaving leaving = leaving(how);
      if (how == CallTasks.Outcome.REASON_FOR_LEAVING
          && text.isEmpty()
          && leaving.reason().isEmpty()) {
        throw new UsageException(
            "reason-for-leaving needs the reason: --note \"what made them leave\" or --reason");
      }
      if (text.isPresent() && how == CallTasks.Outcome.REASON_FOR_LEAVING) {
        int length = text.get().codePointCount(0, text.get().length());
        if (length > SurveyAnswer.MAX_TEXT) {
          throw new UsageException(
              "--note is "
                  + length
                  + " characters long; a reason for leaving keeps at most "
                  + SurveyAnswer.MAX_TEXT);
        }
      }
      String actor = by != null ? by : System.getProperty("user.name", "staff");
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        CallLogged logged =
            new CallTasks(s.jdbi()).log(task, how, text, leaving, actor, Instant.now());
        out.printf(
            Locale.ROOT,
            "Logged task %d (customer %s): %s%s, by %s.%n",
            logged.taskId(),
            logged.customerId(),
            logged.outcome().label(),
            logged.note().map(n -> " (\"" + n + "\")").orElse(""),
            logged.by());
        logged.surveyAnswer().ifPresent(a -> out.println(answerWords(a)));
        if (!logged.suppressed().isEmpty()) {
          List<String> what = new ArrayList<>();
          for (CallLogged.Suppressed x : logged.suppressed()) {
            what.add(
                x.channel().id()
                    + " "
                    + x.address().replace("\n", ", ")
                    + (x.added() ? "" : " (already suppressed)"));
          }
          out.println("Suppressed: " + String.join("; ", what) + ".");
        }
        if (logged.consentWithdrawn()) {
          out.printf(
              Locale.ROOT,
              "Customer %s asked not to be contacted: consent is withdrawn on every channel. Only"
                  + " the customer can undo this.%n",
              logged.customerId());
        } else if (logged.outcome() == CallTasks.Outcome.WRONG_NUMBER) {
          String phone =
              logged.suppressed().stream()
                  .filter(x -> x.channel() == ConsentLog.Channel.PHONE)
                  .map(CallLogged.Suppressed::address)
                  .findFirst()
                  .orElse("NUMBER");
          out.printf(
              Locale.ROOT,
              "Once the number is checked: rekindle suppress %s --channel phone --lift%n",
              phone);
        }
      }
      return 0;
    }

    /** The answers beyond the note, read from the options; refused with any other outcome. */
    private CallTasks.Leaving leaving(CallTasks.Outcome how) {
      if (how != CallTasks.Outcome.REASON_FOR_LEAVING) {
        for (String[] o :
            new String[][] {
              {"--reason", reason}, {"--come-back", comeBack}, {"--bring-back", bringBack}
            }) {
          if (o[1] != null) {
            throw new UsageException(o[0] + " goes with reason-for-leaving, not " + how.label());
          }
        }
        return CallTasks.Leaving.NOTE_ONLY;
      }
      Optional<LeavingReason> why = Optional.empty();
      if (reason != null) {
        try {
          why = Optional.of(LeavingReason.parse(reason));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--reason: " + e.getMessage());
        }
      }
      Optional<ComeBack> back = Optional.empty();
      if (comeBack != null) {
        try {
          back = Optional.of(ComeBack.parse(comeBack));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--come-back must be yes, maybe or no, not '" + comeBack + "'");
        }
      }
      Optional<String> bring = Optional.ofNullable(bringBack).map(String::strip);
      if (bring.isPresent()
          && bring.get().codePointCount(0, bring.get().length()) > SurveyAnswer.MAX_TEXT) {
        throw new UsageException(
            "--bring-back is longer than " + SurveyAnswer.MAX_TEXT + " characters");
      }
      return new CallTasks.Leaving(why, back, bring);
    }

    /** What was kept as the survey answer, in a line. */
    private static String answerWords(StoredAnswer a) {
      List<String> parts = new ArrayList<>();
      parts.add(
          a.answer()
              .reason()
              .map(r -> "reason " + r.label())
              .orElse("no reason named (give --reason to count one)"));
      a.answer().comeBack().ifPresent(c -> parts.add("would come back: " + c.id()));
      a.answer().bringBack().ifPresent(b -> parts.add("would bring them back: \"" + b + "\""));
      return "Kept as the customer's survey answer from a call"
          + (a.revisions() > 0 ? " (replacing the one from an earlier call)" : "")
          + ": "
          + String.join("; ", parts)
          + ".";
    }
  }
}
