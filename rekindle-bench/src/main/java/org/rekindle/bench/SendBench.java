package org.rekindle.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.email.SmtpSender;
import org.rekindle.outreach.email.SmtpSettings;
import org.rekindle.outreach.send.OutboxSender;
import org.rekindle.outreach.template.MessageTemplates;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.outreach.SendQueue;

/**
 * Times the outbox sender draining queued emails into an SMTP server on 127.0.0.1, the way {@code
 * rekindle send --no-plan} does it (the same queue on the embedded PostgreSQL with fsync on, the
 * same SMTP sender, templates and links), with several worker counts in turn.
 *
 * <p>The time of one small commit is printed before and after: it is the disk's flush, which bounds
 * what one worker can do, and it moves with the machine's other work. A first, shorter drain warms
 * the JVM up and is not counted. Each measurement starts from a fresh outbox of EMAILS queued
 * emails (one customer each, the {@code lapsing-check-in} template) after a checkpoint, and times
 * {@link OutboxSender#drain} alone: no JVM or database start. The sink is {@link SmtpSink} (answers
 * and forgets) or GreenMail (keeps every message, as the tests use it). Rounds go through every
 * worker count before the next round, so a change in the machine's load touches all of them alike.
 *
 * <p>Usage: {@code SendBench EMAILS ROUNDS SINK WORKERS...}, SINK {@code sink} or {@code
 * greenmail}, e.g. {@code SendBench 20000 3 sink 1 4 8}.
 */
public final class SendBench {
  private SendBench() {}

  public static void main(String[] args) throws IOException {
    int emails = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    String sink = args[2];
    if (!sink.equals("sink") && !sink.equals("greenmail")) {
      throw new IllegalArgumentException("SINK must be sink or greenmail, was " + sink);
    }
    int[] workers = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
    Path home = Files.createTempDirectory("rekindle-send-bench");
    System.out.printf(
        Locale.ROOT,
        "%d emails, sink %s, workers %s, home %s%n",
        emails,
        sink,
        Arrays.toString(workers),
        home);
    Map<Integer, List<Double>> rates = new LinkedHashMap<>();
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      store.jdbi().useHandle(h -> h.execute(BenchOutbox.CUSTOMERS, emails));
      System.out.printf(Locale.ROOT, "one commit: %.2f ms (median of 200)%n", commitMillis(store));
      // the first drain of a JVM runs mostly interpreted: not counted
      double warm = measure(store, Math.min(emails, 2_000), sink, workers[workers.length - 1]);
      System.out.printf(Locale.ROOT, "warm-up: %.0f emails/s%n", warm);
      for (int round = 1; round <= rounds; round++) {
        for (int w : workers) {
          double rate = measure(store, emails, sink, w);
          rates.computeIfAbsent(w, k -> new ArrayList<>()).add(rate);
          System.out.printf(
              Locale.ROOT,
              "round %d, %d workers: %.0f emails/s  (load %s)%n",
              round,
              w,
              rate,
              load());
        }
      }
      System.out.printf(Locale.ROOT, "one commit: %.2f ms (median of 200)%n", commitMillis(store));
    } finally {
      delete(home);
    }
    double base = median(rates.getOrDefault(workers[0], List.of()));
    for (var e : rates.entrySet()) {
      double m = median(e.getValue());
      System.out.printf(
          Locale.ROOT,
          "%s, %d workers: median %.0f emails/s (%s), %.2f× %d workers%n",
          sink,
          e.getKey(),
          m,
          e.getValue().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
          m / base,
          workers[0]);
    }
  }

  private static double measure(Store store, int emails, String sink, int workers)
      throws IOException {
    store.jdbi().useHandle(h -> BenchOutbox.refill(h, emails));
    Clock clock = Clock.systemUTC();
    SigningKeys keys = SigningKeys.generate(new SecureRandom());
    Business business =
        new Business(
            "Hill Lumber",
            Optional.of("555-0100"),
            "accounts@hill.example",
            Optional.empty(),
            List.of("1 Mill Road", "Springfield"),
            Optional.empty(),
            URI.create("https://hill.example"));
    OutboxSender.Settings defaults = OutboxSender.Settings.DEFAULT;
    OutboxSender.Settings settings =
        new OutboxSender.Settings(
            workers,
            defaults.batch(),
            defaults.maxAttempts(),
            defaults.firstRetry(),
            defaults.longestRetry());
    try (Server server = Server.start(sink)) {
      SmtpSettings smtp = SmtpSettings.local("127.0.0.1", server.port());
      OutboxSender sender =
          new OutboxSender(
              new SendQueue(store.jdbi()),
              () -> new SmtpSender(smtp, clock),
              MessageTemplates.load(Optional.empty()),
              new UnsubscribeTokens(keys),
              UnsubscribeTokens.forSurveys(keys),
              business,
              clock,
              settings);
      long start = System.nanoTime();
      OutboxSender.Report report = sender.drain("bench", r -> {});
      double seconds = (System.nanoTime() - start) / 1e9;
      if (report.sent() != emails || server.received() != emails) {
        throw new IllegalStateException(
            "sent " + report.sent() + ", received " + server.received() + " of " + emails);
      }
      return emails / seconds;
    }
  }

  /**
   * How long one small commit takes on this server now (a one-row insert, on one connection): the
   * disk's flush, which bounds what one worker can do. It varies with what else the machine does.
   */
  private static double commitMillis(Store store) {
    return store
        .jdbi()
        .withHandle(
            h -> {
              h.execute("CREATE TABLE IF NOT EXISTS bench_commit (n integer)");
              List<Double> times = new ArrayList<>();
              for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                h.execute("INSERT INTO bench_commit VALUES (?)", i);
                times.add((System.nanoTime() - t0) / 1e6);
              }
              h.execute("DROP TABLE bench_commit");
              return median(times);
            });
  }

  /** The SMTP server measured against. */
  private interface Server extends AutoCloseable {
    int port();

    long received();

    @Override
    void close() throws IOException;

    static Server start(String kind) throws IOException {
      if (kind.equals("sink")) {
        SmtpSink sink = new SmtpSink();
        return new Server() {
          @Override
          public int port() {
            return sink.port();
          }

          @Override
          public long received() {
            return sink.messages();
          }

          @Override
          public void close() throws IOException {
            sink.close();
          }
        };
      }
      int port;
      try (var free = new java.net.ServerSocket(0)) {
        port = free.getLocalPort();
      }
      GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      return new Server() {
        @Override
        public int port() {
          return port;
        }

        @Override
        public long received() {
          return mail.getReceivedMessages().length;
        }

        @Override
        public void close() {
          mail.stop();
        }
      };
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static String load() {
    return String.format(
        Locale.ROOT,
        "%.1f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
