package org.rekindle.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.outreach.send.OutboxSender;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.AdvisoryLock;
import org.rekindle.store.Store;
import org.rekindle.store.outreach.Planner;
import org.rekindle.store.outreach.SendQueue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle send}: plans the day for real, then sends the emails due. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Makes the day's plan for real (what `rekindle plan` shows) and sends the emails due:"
          + " through the SMTP server of --smtp or REKINDLE_SMTP_HOST, else into the local mail"
          + " catcher in the home, so nothing leaves the machine by accident. Letters wait for"
          + " `rekindle letters`, calls for `rekindle calls`.",
      "",
      "An email is never sent twice and never silently lost: it is marked as being sent (and that"
          + " is committed) before the SMTP conversation starts, and sent only after the server's"
          + " 250. If the outcome is unknown (the connection broke, or the sender was killed),"
          + " the email is 'uncertain' and waits for a decision in `rekindle outbox`; it is never"
          + " re-sent blindly. Temporary failures are retried with backoff; a refused address is"
          + " suppressed. Only one sender runs at a time.",
      "",
      "Environment: REKINDLE_SMTP_HOST, _PORT, _SECURITY (none|starttls|tls), _USER,"
          + " _PASSWORD.",
      ""
    })
final class SendCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "The day to plan (see `rekindle plan`). Default: today.")
  @Nullable String asOf;

  @Option(names = "--no-plan", description = "Only send what is already queued; make no plan.")
  boolean noPlan;

  @Option(
      names = "--smtp",
      paramLabel = "HOST[:PORT]",
      description = "The SMTP server, instead of REKINDLE_SMTP_HOST (and _PORT).")
  @Nullable String smtp;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "4",
      description = "Emails sent at once, each over its own connection (1-64). Default: 4.")
  int workers = 4;

  @Option(names = "--progress", description = "Show progress even when stderr is not a terminal.")
  boolean progress;

  @Override
  public Integer call() {
    OutboxSender.Settings settings;
    try {
      settings =
          new OutboxSender.Settings(
              workers,
              OutboxSender.Settings.DEFAULT.batch(),
              OutboxSender.Settings.DEFAULT.maxAttempts(),
              OutboxSender.Settings.DEFAULT.firstRetry(),
              OutboxSender.Settings.DEFAULT.longestRetry());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--workers: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = store.homeDir();
    Playbooks books = Outreach.playbooks(home, err);
    Clock clock = Clock.systemUTC();
    var templates = Outreach.templates(home);
    var channels =
        Outreach.channels(
            home, books.business(), System.getenv(), Optional.ofNullable(smtp), clock, err);
    Progress bar = Progress.create(progress);
    try (Store s = store.open(err)) {
      if (!noPlan) {
        LocalDate day = DateOption.orToday("--as-of", asOf);
        Planner.Plan plan = new Planner(s, clock).plan(books, day, true, bar::stage);
        PlanCommand.print(out, plan, 0 + Math.min(20, plan.decisions().size()));
        out.println();
      }
      SigningKeys keys = Outreach.keys(home);
      SendQueue queue = new SendQueue(s.jdbi());
      OutboxSender sender =
          new OutboxSender(
              queue,
              channels,
              templates,
              new UnsubscribeTokens(keys),
              UnsubscribeTokens.forSurveys(keys),
              books.business(),
              clock,
              settings);
      AtomicLong shown = new AtomicLong();
      OutboxSender.Report report =
          AdvisoryLock.holding(
              s,
              AdvisoryLock.SEND,
              "another rekindle send is running on " + s.describe() + "; let it finish",
              () ->
                  sender.drain(
                      runnerName(),
                      r -> {
                        long now = System.nanoTime();
                        long last = shown.get();
                        if (now - last > 1_000_000_000L && shown.compareAndSet(last, now)) {
                          bar.stage(r.handled() + " emails handled, " + r.sent() + " sent");
                        }
                      }));
      print(out, report, queue.counts(), s);
    }
    return 0;
  }

  private static void print(
      PrintWriter out, OutboxSender.Report r, Map<String, Long> counts, Store s) {
    if (r.recovery().requeued() + r.recovery().uncertain() > 0) {
      out.printf(
          Locale.ROOT,
          "The last sender stopped early: %d claimed emails went back to the queue, %d it was"
              + " sending are uncertain.%n",
          r.recovery().requeued(),
          r.recovery().uncertain());
    }
    out.printf(
        Locale.ROOT,
        "Emails: %d sent, %d to retry later, %d failed, %d uncertain, %d not sent (consent"
            + " withdrawn or address suppressed since queued), %d could not be made.%n",
        r.sent(),
        r.retrying(),
        r.failed(),
        r.uncertain(),
        r.suppressed(),
        r.unsendable());
    long uncertain = counts.getOrDefault("uncertain", 0L);
    if (uncertain > 0) {
      out.printf(
          Locale.ROOT, "%d uncertain emails wait for a decision: rekindle outbox%n", uncertain);
    }
    long letters =
        s.jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT count(*) FROM outbox WHERE channel = 'letter' AND status ="
                                + " 'queued'")
                        .mapTo(Long.class)
                        .one());
    long calls =
        s.jdbi()
            .withHandle(
                h ->
                    h.select("SELECT count(*) FROM call_tasks WHERE status = 'open'")
                        .mapTo(Long.class)
                        .one());
    if (letters > 0) {
      out.printf(Locale.ROOT, "%d letters to print: rekindle letters --out FILE.pdf%n", letters);
    }
    if (calls > 0) {
      out.printf(Locale.ROOT, "%d calls to make: rekindle calls%n", calls);
    }
  }

  private static String runnerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
