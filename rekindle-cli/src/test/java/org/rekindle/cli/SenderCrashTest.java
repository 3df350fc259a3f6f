package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.rekindle.core.playbook.PlaybookLoader;

/**
 * The outbox's promise under SIGKILL: `rekindle send` (a child JVM) sends 10,000 queued emails to
 * GreenMail (in this JVM, so it outlives the sender) and is killed 20 times at random moments while
 * it sends, and started again each time; then a last run finishes. No message arrives twice, every
 * email ends sent or uncertain, only the sent ones and some of the uncertain ones arrived, and each
 * kill left at most one email per worker in the middle of being sent.
 *
 * <p>The embedded database server outlives each killed sender. Between a kill and the next start
 * the test reads that server directly (the next sender's start stops it and starts its own, as it
 * would after any crash); it never opens the home while a sender runs, which the home's lock would
 * refuse anyway.
 */
class SenderCrashTest {
  private static final int EMAILS = 10_000;
  private static final int KILLS = 20;
  private static final int WORKERS = 4;

  /** The longest wait, once the sender has started sending, before it is killed. */
  private static final int MAX_DELAY_MS = 800;

  @TempDir Path home;
  private GreenMail mail;
  private int port;
  private Process sender;

  private Thread.UncaughtExceptionHandler uncaught;

  @BeforeEach
  void start() throws IOException {
    // GreenMail's connection threads end with a stack trace when the sender is killed mid-message;
    // that is the point here, not news
    uncaught = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          if (!t.getName().startsWith("smtp:")) {
            e.printStackTrace();
          }
        });
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (sender != null && sender.isAlive()) {
      sender.destroyForcibly();
      sender.waitFor(30, TimeUnit.SECONDS);
    }
    mail.stop();
    Thread.setDefaultUncaughtExceptionHandler(uncaught);
    if (Files.exists(home.resolve("postgres").resolve("postmaster.pid"))) {
      // a killed sender's server is still running: opening the home stops it, closing stops ours
      HomeSql.with(home, h -> 0);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void send_killedTwentyTimes_neverTwice_andAtMostOneUncertainPerWorkerPerKill() throws Exception {
    Files.writeString(
        home.resolve(PlaybookLoader.FILE_NAME),
        PlaybookLoader.defaultText()
            .replace("name: Example Supply Co.", "name: Hill Lumber")
            .replace("from_email: hello@example.com", "from_email: accounts@hill.example"),
        StandardCharsets.UTF_8);
    HomeSql.with(home, SenderCrashTest::queue);

    Random random = new Random(20261123L);
    List<Integer> leftSending = new ArrayList<>();
    long uncertainBefore = 0;
    long startedAt = System.nanoTime();
    long starting = 0; // from starting a sender to its first message
    long reading = 0; // the leftover server read after a kill
    for (int kill = 1; kill <= KILLS; kill++) {
      int before = mail.getReceivedMessages().length;
      long t0 = System.nanoTime();
      sender = startSender(kill);
      // sending has begun when a new message arrives
      boolean started = mail.waitForIncomingEmail(120_000, before + 1);
      starting += System.nanoTime() - t0;
      assertThat(started).as("run %d sent nothing: %s", kill, output(kill)).isTrue();
      Thread.sleep(random.nextInt(MAX_DELAY_MS));
      assertThat(sender.isAlive())
          .as("run %d finished before it could be killed: %s", kill, output(kill))
          .isTrue();
      sender.destroyForcibly(); // SIGKILL: no shutdown hook, no 'finally', no QUIT
      assertThat(sender.waitFor(60, TimeUnit.SECONDS)).isTrue();

      long t1 = System.nanoTime();
      Map<String, String> status = statusesOnLeftoverServer();
      reading += System.nanoTime() - t1;
      Set<String> received = messageIds(mail.getReceivedMessages());
      int sending = ids(status, "sending").size();
      long uncertain = ids(status, "uncertain").size();
      // what this run's start found left 'sending' by the run before is all that became uncertain
      assertThat(uncertain - uncertainBefore)
          .as("uncertain emails made by run %d's recovery", kill)
          .isEqualTo(kill == 1 ? 0 : leftSending.get(kill - 2));
      assertThat(sending)
          .as("emails being sent when run %d was killed", kill)
          .isLessThanOrEqualTo(WORKERS);
      // the server has nothing the outbox would send again, and everything it calls sent
      assertThat(received)
          .as("received after kill %d, by outbox status", kill)
          .allSatisfy(id -> assertThat(status.get(id)).as(id).isIn("sent", "sending", "uncertain"));
      assertThat(received).containsAll(ids(status, "sent"));
      leftSending.add(sending);
      uncertainBefore = uncertain;
    }

    int beforeLast = mail.getReceivedMessages().length;
    long lastAt = System.nanoTime();
    sender = startSender(KILLS + 1);
    assertThat(sender.waitFor(5, TimeUnit.MINUTES)).as("the last run finishes").isTrue();
    long endedAt = System.nanoTime();
    String last = output(KILLS + 1);
    assertThat(sender.exitValue()).as(last).isZero();
    assertThat(last)
        .contains("The last sender stopped early")
        .contains(leftSending.get(KILLS - 1) + " it was sending are uncertain");

    MimeMessage[] messages = mail.getReceivedMessages();
    Set<String> received = messageIds(messages);
    assertThat(received).as("a message arrived twice").hasSameSizeAs(messages);
    Map<String, String> status =
        HomeSql.with(
            home,
            h ->
                h
                    .select("SELECT message_id, status FROM outbox")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(status).hasSize(EMAILS);
    assertThat(new HashSet<>(status.values())).isSubsetOf("sent", "uncertain");
    Set<String> sent = ids(status, "sent");
    Set<String> uncertain = ids(status, "uncertain");
    assertThat(received).containsAll(sent);
    Set<String> uncertainReceived = new HashSet<>(received);
    uncertainReceived.removeAll(sent);
    assertThat(uncertain).containsAll(uncertainReceived);
    assertThat(uncertain.size())
        .isEqualTo(leftSending.stream().mapToInt(Integer::intValue).sum())
        .isLessThanOrEqualTo(WORKERS * KILLS)
        // the kills did land while messages were on their way
        .isPositive();
    assertThat(HomeSql.count(home, "SELECT count(*) FROM contacts WHERE source = 'outreach'"))
        .isEqualTo(sent.size());
    System.out.printf(
        Locale.ROOT,
        "SenderCrashTest: %d sent, %d uncertain (%d of them arrived), left sending per kill %s;"
            + " %d killed runs %.1f s (%.1f s starting, %.1f s reading what they left), the last"
            + " run %.1f s for %d messages%n",
        sent.size(),
        uncertain.size(),
        uncertainReceived.size(),
        leftSending,
        KILLS,
        (lastAt - startedAt) / 1e9,
        starting / 1e9,
        reading / 1e9,
        (endedAt - lastAt) / 1e9,
        messages.length - beforeLast);
  }

  /** 10,000 customers who may be emailed, and one queued email to each. */
  private static int queue(Handle h) {
    h.execute(
        "INSERT INTO customers (external_id, name, email, consent_email)"
            + " SELECT 'c' || i, 'Customer ' || i, 'c' || i || '@mail.example', true"
            + " FROM generate_series(1, ?) i",
        EMAILS);
    return h.execute(
        "INSERT INTO outbox (dedupe_key, customer_id, playbook, step, cycle, channel, template,"
            + " address, recipient, vars, message_id, queued_on, not_before)"
            + " SELECT 'crash-' || id, id, 'lapsing-check-in', 0, DATE '2026-11-01', 'email',"
            + " 'lapsing-check-in', email, name, '{\"first_name\": \"A\", \"name\": \"A\","
            + " \"rep_name\": \"\", \"last_order_date\": \"\", \"rhythm\": \"\","
            + " \"dormant_on\": \"\", \"offer\": false}', 'crash-' || id || '@hill.example',"
            + " DATE '2026-11-01', now() - interval '1 day' FROM customers");
  }

  /** `rekindle send` in a JVM of its own, writing to a log file of its run. */
  private Process startSender(int run) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                // a short-lived JVM on a small machine: the quick compiler alone and the serial
                // collector start it in half the time
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "send",
                "--no-plan",
                "--smtp",
                "127.0.0.1:" + port,
                "--workers",
                Integer.toString(WORKERS),
                "--home",
                home.toString())
            .redirectErrorStream(true)
            .redirectOutput(log(run).toFile());
    // the home's embedded server and this SMTP server, whatever the environment says
    pb.environment().keySet().removeIf(k -> k.startsWith("REKINDLE_"));
    return pb.start();
  }

  private Path log(int run) {
    return home.resolve("send-" + run + ".log");
  }

  private String output(int run) throws IOException {
    return Files.readString(log(run), StandardCharsets.UTF_8);
  }

  /**
   * Every email's status, read from the server a killed sender left running, once the killed
   * sender's sessions are gone (a commit it had under way is then either in or out).
   */
  private Map<String, String> statusesOnLeftoverServer() throws IOException, SQLException {
    List<String> pid =
        Files.readAllLines(
            home.resolve("postgres").resolve("postmaster.pid"), StandardCharsets.UTF_8);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {Integer.parseInt(pid.get(3).strip())}); // line 4: the port
    ds.setDatabaseName("rekindle");
    ds.setUser("postgres");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    + " AND pid <> pg_backend_pid()")) {
          rs.next();
          if (rs.getLong(1) == 0) {
            break;
          }
        }
        assertThat(System.nanoTime()).as("the killed sender's sessions end").isLessThan(deadline);
        Thread.sleep(20);
      }
      Map<String, String> status = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT message_id, status FROM outbox")) {
        while (rs.next()) {
          status.put(rs.getString(1), rs.getString(2));
        }
      }
      return status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> ids(Map<String, String> status, String wanted) {
    Set<String> ids = new HashSet<>();
    status.forEach(
        (id, s) -> {
          if (s.equals(wanted)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** The Message-IDs as the outbox keeps them (without angle brackets). */
  private static Set<String> messageIds(MimeMessage[] messages) throws MessagingException {
    Set<String> ids = new HashSet<>();
    for (MimeMessage m : messages) {
      String id = m.getMessageID();
      ids.add(id.substring(1, id.length() - 1));
    }
    return ids;
  }
}
