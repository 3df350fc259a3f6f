package org.rekindle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.jdbi.v3.core.generic.GenericType;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.RekindleException;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.FeedbackFileReader;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.simulate.demo.DemoBusiness;
import org.rekindle.core.simulate.demo.DemoGenerator;
import org.rekindle.core.simulate.demo.DemoSettings;
import org.rekindle.outreach.email.EmlCatcher;
import org.rekindle.outreach.send.OutboxSender;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.AdvisoryLock;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.access.Role;
import org.rekindle.store.access.Users;
import org.rekindle.store.feedback.Cases;
import org.rekindle.store.feedback.FeedbackImporter;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.ImportResult;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.outreach.Planner;
import org.rekindle.store.outreach.SendQueue;
import org.rekindle.store.run.DailyRun;
import org.rekindle.web.OutreachSetup;
import org.rekindle.web.WebApp;
import org.rekindle.web.WebSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rekindle demo}: a sample business, run through all of Rekindle, then served. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows all of Rekindle at work on a sample business, Hillside Building Supply: about 2,000"
          + " accounts buying to their own rhythms (contractors once or twice a year, trades and"
          + " shops monthly, key accounts weekly, homeowners now and then), three years of orders"
          + " up to --date, three to five sales reps (four by default), birthdays, reviews and a"
          + " few complaints.",
      "It makes a fresh demo home (--home), writes the sample's customers, orders and feedback"
          + " files and a rekindle.yaml with its playbooks, imports them, replays two years of"
          + " daily runs, every four weeks then every week (scores, lifecycle, credit-account"
          + " dormancy), plans the outreach of the last five weeks and sends its emails into the"
          + " home's mail catcher (never to an SMTP server), and creates dashboard users: an admin"
          + " 'demo' and one per rep, with the passwords printed and kept in demo-logins.txt. Then"
          + " it serves the dashboard until Ctrl-C.",
      "A home the demo built before is served again as it is; --fresh builds it anew. The demo"
          + " never writes into a directory it did not make. See docs/demo.md.",
      ""
    },
    footer = {"", "Example:", "  ./rekindle demo            (then open http://127.0.0.1:8080)"})
final class DemoCommand implements Callable<Integer> {
  /** The demo home unless --home says otherwise. */
  static final Path DEFAULT_HOME = Path.of("rekindle-demo");

  /** How many weeks of daily runs the demo replays: every four weeks, then every week. */
  static final int WEEKS = 104;

  /** Of those, the last weeks replayed week by week, so comebacks show as they happen. */
  static final int WEEKLY_WEEKS = 12;

  /** Of those, the last weeks whose outreach is planned and sent. */
  static final int OUTREACH_WEEKS = 5;

  /** The admin's login. */
  static final String ADMIN = "demo";

  private static final String ACTOR = "rekindle demo";
  private static final char[] PASSWORD_SYMBOLS = "23456789abcdefghjkmnpqrstvwxyz".toCharArray();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "The demo home: its database, files, mail catcher and logins. It must not exist, be"
              + " empty, or be a demo home made earlier. Default: ./rekindle-demo.")
  Path home = DEFAULT_HOME;

  @Option(
      names = "--fresh",
      description =
          "Wipe a demo home made earlier and build it anew (only a directory the demo marked as"
              + " its own is ever wiped).")
  boolean fresh;

  @Option(
      names = "--customers",
      paramLabel = "N",
      defaultValue = "2000",
      description = "How many accounts the sample business has (20 to 100000). Default: 2000.")
  int customers = 2000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "The random seed: the same seed draws the same business. Default: 1.")
  long seed = 1;

  @Option(
      names = "--date",
      paramLabel = "DATE",
      description =
          "The business's today: the last day of its three years of orders. Default: today.")
  @Nullable String date;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = WebSettings.DEFAULT_HOST,
      description = "The loopback address to serve on. Default: 127.0.0.1.")
  String host = WebSettings.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "The port to serve on; 0 for any free one. Default: 8080.")
  int port = WebSettings.DEFAULT_PORT;

  @Option(
      names = "--no-serve",
      description = "Build the demo home, print the logins, and stop: do not serve the dashboard.")
  boolean noServe;

  @Option(
      names = "--progress",
      description = "Progress of every daily run on stderr even when it is not a terminal.")
  boolean progress;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalDate today = DateOption.orToday("--date", date);
    DemoSettings settings;
    try {
      settings = new DemoSettings(customers, today, seed);
    } catch (RekindleException e) {
      String what = String.valueOf(e.getMessage());
      throw new UsageException((what.contains("accounts") ? "--customers: " : "--date: ") + what);
    }
    WebSettings web = webSettings();
    if (System.getenv().containsKey("REKINDLE_DB_URL")) {
      err.println(
          "rekindle: the demo keeps its own embedded database in "
              + home
              + "; REKINDLE_DB_URL is not used");
    }
    DemoHome demo = new DemoHome(home);
    DemoHome.State state = demo.state();
    if (state == DemoHome.State.FOREIGN) {
      throw new UsageException(
          "--home "
              + home
              + " is not empty and is not a demo home (it has no "
              + DemoHome.MARKER
              + "): the demo never writes into, or wipes, a directory it did not make. Give an"
              + " empty or new directory with --home.");
    }
    if (state != DemoHome.State.EMPTY && demo.inUse()) {
      throw new UsageException(
          "the demo home "
              + home
              + " is in use by another Rekindle process (a demo or serve still running?): stop it"
              + " first");
    }
    if (state == DemoHome.State.UNFINISHED && !fresh) {
      throw new UsageException(
          "the demo home "
              + home
              + " was not finished (its build was stopped or failed): add --fresh to build it"
              + " anew");
    }
    if (state == DemoHome.State.READY && !fresh) {
      DemoHome.Made made = demo.made().orElseThrow();
      DemoHome.Made asked = new DemoHome.Made(true, customers, seed, today);
      if (differs(made, asked)) {
        throw new UsageException(
            "the demo home "
                + home
                + " holds the sample of "
                + made.options()
                + "; add --fresh to replace it with "
                + asked.options());
      }
      out.printf(
          Locale.ROOT,
          "The demo home %s was built earlier (%s); serving it as it is (--fresh builds it"
              + " anew).%n",
          home,
          made.options());
      out.flush();
      Store store =
          Store.open(StoreSettings.embedded(home), notice -> err.println("rekindle: " + notice));
      printLogins(out, demo.readLogins());
      return noServe ? closed(store) : serve(store, web, demo.readLogins(), out);
    }
    if (state != DemoHome.State.EMPTY) {
      if (demo.leftoverServer()) {
        // a killed demo may have left its database server running on the data: stop it first
        Store.open(StoreSettings.embedded(home), notice -> err.println("rekindle: " + notice))
            .close();
      }
      out.println("Wiping the demo home " + home + " (--fresh).");
      demo.wipe();
    }
    Store store = build(demo, settings, out, err);
    return noServe ? closed(store) : serve(store, web, demo.readLogins(), out);
  }

  /** Whether an option given on the command line asks for another sample than the home's. */
  private boolean differs(DemoHome.Made made, DemoHome.Made asked) {
    CommandLine.ParseResult p = spec.commandLine().getParseResult();
    return (p.hasMatchedOption("--customers") && made.customers() != asked.customers())
        || (p.hasMatchedOption("--seed") && made.seed() != asked.seed())
        || (p.hasMatchedOption("--date") && !made.date().equals(asked.date()));
  }

  private WebSettings webSettings() {
    try {
      return new WebSettings(host, port, false);
    } catch (IllegalArgumentException e) {
      String what = String.valueOf(e.getMessage());
      throw new UsageException((what.startsWith("the port") ? "--port: " : "--host: ") + what);
    }
  }

  private static int closed(Store store) {
    store.close();
    return 0;
  }

  /** Builds the home; returns its store, open. */
  private Store build(DemoHome demo, DemoSettings settings, PrintWriter out, PrintWriter err) {
    long t0 = System.nanoTime();
    Stages stages = new Stages(out, 6);
    demo.mark(new DemoHome.Made(false, settings.customers(), settings.seed(), settings.asOf()));

    stages.start("Drawing the sample business (seed " + settings.seed() + ")");
    DemoBusiness business = DemoGenerator.generate(settings);
    DemoBusiness.Written files;
    try {
      files = business.write(home.resolve(DemoHome.SAMPLE));
      try (InputStream yaml =
          Objects.requireNonNull(
              DemoCommand.class.getResourceAsStream("demo-rekindle.yaml"), "demo-rekindle.yaml")) {
        Files.write(home.resolve(PlaybookLoader.FILE_NAME), yaml.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Playbooks books = PlaybookLoader.forHome(home).playbooks();
    stages.done(
        String.format(
            Locale.ROOT,
            "%,d accounts, %,d orders from %s to %s, %,d reviews and remarks, in %s",
            business.customers().size(),
            business.orders().size(),
            settings.firstDay(),
            settings.asOf(),
            business.feedback().size(),
            home.resolve(DemoHome.SAMPLE)));

    stages.start("Starting the embedded database in " + home.resolve("postgres"));
    Store store =
        Store.open(StoreSettings.embedded(home), notice -> err.println("rekindle: " + notice));
    boolean ok = false;
    try {
      stages.done("started");
      Clock clock = Clock.systemUTC();

      stages.start("Importing the customers, orders and feedback");
      ImportResult c =
          new CustomerImporter(store, CustomerFileReader.builder(), 0)
              .importFile(files.customers());
      ImportResult o =
          new OrderImporter(store, OrderFileReader.builder(), 0, "USD", s -> {})
              .importFile(files.orders());
      FeedbackImporter.Result f =
          new FeedbackImporter(
                  store,
                  FeedbackFileReader.builder(),
                  0,
                  "reviews",
                  books.serviceRecovery().firstContactWithin(),
                  clock)
              .importFile(files.feedback());
      int closed = closeOldCases(store, clock, settings.asOf().minusDays(30), books);
      stages.done(
          String.format(
              Locale.ROOT,
              "%,d customers, %,d orders, %,d feedback; %,d service cases opened for the negative"
                  + " ones, %,d older than a month closed as handled at the time",
              c.inserted(),
              o.inserted(),
              f.result().inserted(),
              f.casesOpened().size(),
              closed));

      DailyRun.Options options = runOptions(books.serviceRecovery().escalateTo());
      LocalDate from = settings.asOf().minusWeeks(WEEKS);
      LocalDate monthlyTo = settings.asOf().minusWeeks(WEEKLY_WEEKS);
      LocalDate weeklyTo = settings.asOf().minusWeeks(OUTREACH_WEEKS);
      int planned = (WEEKS - WEEKLY_WEEKS) / 4 + 1 + (WEEKLY_WEEKS - OUTREACH_WEEKS);
      stages.start(
          String.format(
              Locale.ROOT,
              "Replaying the daily runs of every four weeks from %s, then of every week to %s",
              from,
              weeklyTo));
      boolean talk = progress || System.console() != null;
      int[] runs = {0};
      Consumer<DailyRun.Outcome> told =
          r -> {
            runs[0]++;
            if (talk) {
              err.printf(
                  Locale.ROOT,
                  "  run as of %s (%d of %d)%s%n",
                  r.asOf(),
                  runs[0],
                  planned,
                  r.fitDecision().startsWith("reusing") ? "" : ": " + r.fitDecision());
              err.flush();
            }
          };
      DailyRun.backfill(store, from, monthlyTo, 28, options, (day, stage) -> {}, told);
      DailyRun.backfill(
          store, monthlyTo.plusWeeks(1), weeklyTo, 7, options, (day, stage) -> {}, told);
      stages.done(runs[0] + " runs");

      stages.start(
          "Running, planning and sending the outreach of the last " + OUTREACH_WEEKS + " weeks");
      SigningKeys keys = Outreach.keys(home);
      Path catcher = home.resolve(Outreach.MAIL_CATCHER);
      OutboxSender sender =
          new OutboxSender(
              new SendQueue(store.jdbi()),
              () -> new EmlCatcher(catcher, clock),
              Outreach.templates(home),
              new UnsubscribeTokens(keys),
              UnsubscribeTokens.forSurveys(keys),
              books.business(),
              clock,
              OutboxSender.Settings.DEFAULT);
      Planner planner = new Planner(store, clock);
      DailyRun.Outcome last = null;
      int sent = 0;
      for (int week = OUTREACH_WEEKS - 1; week >= 0; week--) {
        LocalDate day = settings.asOf().minusWeeks(week);
        last = DailyRun.run(store, day, options, s -> {});
        planner.plan(books, day, true, s -> {});
        OutboxSender.Report report =
            AdvisoryLock.holding(
                store,
                AdvisoryLock.SEND,
                "another rekindle send is running on " + store.describe(),
                () -> sender.drain(runnerName(), r -> {}));
        sent += report.sent();
        if (talk) {
          err.printf(Locale.ROOT, "  %s: run, plan, %d emails sent%n", day, report.sent());
          err.flush();
        }
      }
      Objects.requireNonNull(last, "the last run");
      stages.done(sent + " emails sent into " + catcher);

      stages.start("Creating the dashboard users");
      List<DemoHome.Login> logins = users(store, business.reps());
      demo.writeLogins(logins, "http://" + host + ":" + port);
      stages.done(logins.size() + " users");

      demo.mark(new DemoHome.Made(true, settings.customers(), settings.seed(), settings.asOf()));
      out.println();
      out.printf(
          Locale.ROOT,
          "The demo home %s is ready, in %.0f s: %s as of %s.%n",
          home,
          (System.nanoTime() - t0) / 1e9,
          books.business().name(),
          settings.asOf());
      out.println("  Lifecycle:" + RunOptions.states(last));
      summary(out, store);
      out.printf(
          Locale.ROOT,
          "  Look around: rekindle report --home %1$s; rekindle customers --home %1$s --state"
              + " lapsing; rekindle calls --home %1$s; rekindle cases --home %1$s --open%n",
          home);
      printLogins(out, logins);
      ok = true;
      return store;
    } finally {
      if (!ok) {
        store.close();
      }
    }
  }

  /**
   * The daily run's options, but refitting when the data changed by half or the fit is a year old
   * (the daily default is 10% or 30 days): the demo replays two years in a minute or two, and a
   * refit costs far more than a run that reuses the fit.
   */
  static DailyRun.Options runOptions(String escalateTo) {
    DailyRun.Options d = DailyRun.Options.defaults();
    return new DailyRun.Options(
        d.rules(),
        d.newDays(),
        365,
        0.5,
        d.horizonDays(),
        d.annualDiscountRate(),
        d.holdoutDays(),
        d.dormancy(),
        escalateTo);
  }

  /**
   * Closes the cases of complaints older than {@code before} as handled at the time (a first call,
   * then resolved), so the open cases are the recent complaints a business would have.
   */
  private static int closeOldCases(Store store, Clock clock, LocalDate before, Playbooks books) {
    Cases cases = new Cases(store.jdbi(), clock);
    int closed = 0;
    for (Cases.Case k : cases.list(true, Optional.empty())) {
      if (!k.receivedOn().isBefore(before)) {
        continue;
      }
      String by = k.assignedTo().orElse(books.serviceRecovery().escalateTo());
      cases.contact(k.id(), by, Cases.Channel.CALL, Optional.of("Called back the same day."));
      cases.close(
          k.id(),
          Cases.Outcome.RESOLVED,
          by,
          Optional.of("Handled at the time (the demo's history)."));
      closed++;
    }
    return closed;
  }

  /** The admin and one rep user per rep, each with a new random password. */
  private static List<DemoHome.Login> users(Store store, List<String> reps) {
    Users users = new Users(store.jdbi());
    SecureRandom random = new SecureRandom();
    List<DemoHome.Login> logins = new ArrayList<>();
    String admin = password(random);
    users.add(ADMIN, "Demo admin", Role.ADMIN, null, admin.toCharArray(), ACTOR);
    logins.add(new DemoHome.Login(Role.ADMIN.label(), ADMIN, admin, ""));
    for (String rep : reps) {
      String login = Users.normalLogin(rep.substring(0, rep.indexOf(' ')));
      String pw = password(random);
      users.add(login, rep, Role.REP, rep, pw.toCharArray(), ACTOR);
      logins.add(new DemoHome.Login(Role.REP.label(), login, pw, rep));
    }
    return logins;
  }

  /** 12 random symbols in three groups, {@code k7qh-2mxc-9trw}: about 59 bits. */
  static String password(SecureRandom random) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        b.append('-');
      }
      b.append(PASSWORD_SYMBOLS[random.nextInt(PASSWORD_SYMBOLS.length)]);
    }
    return b.toString();
  }

  private static void summary(PrintWriter out, Store store) {
    Map<String, Long> outbox =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT channel || ' ' || status AS k, count(*) AS n FROM outbox"
                                + " GROUP BY 1")
                        .setMapKeyColumn("k")
                        .setMapValueColumn("n")
                        .collectInto(new GenericType<Map<String, Long>>() {}));
    long calls = count(store, "SELECT count(*) FROM call_tasks WHERE status = 'open'");
    long offers = count(store, "SELECT count(*) FROM offers");
    long cases = count(store, "SELECT count(*) FROM cases WHERE closed_at IS NULL");
    out.printf(
        Locale.ROOT,
        "  Outreach: %,d emails sent into the mail catcher, %,d letters to print, %,d calls open"
            + " for the reps, %,d offers made; %,d service cases open.%n",
        outbox.getOrDefault("email sent", 0L),
        outbox.getOrDefault("letter queued", 0L),
        calls,
        offers,
        cases);
  }

  private static long count(Store store, String sql) {
    return store.jdbi().withHandle(h -> h.select(sql).mapTo(Long.class).one());
  }

  private void printLogins(PrintWriter out, List<DemoHome.Login> logins) {
    out.println();
    out.println("Logins (also in " + home.resolve(DemoHome.LOGINS) + "):");
    for (DemoHome.Login l : logins) {
      out.printf(
          Locale.ROOT,
          "  %-6s %-8s %s%s%n",
          l.role(),
          l.login(),
          l.password(),
          l.rep().isEmpty() ? "" : "  (" + l.rep() + "'s accounts)");
    }
    out.flush();
  }

  /** Serves the dashboard on the demo's store until the process is stopped. */
  private int serve(Store store, WebSettings web, List<DemoHome.Login> logins, PrintWriter out)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    WebApp app;
    try {
      OutreachSetup outreach =
          new OutreachSetup(Outreach.playbooks(home, err), Outreach.letterTemplates(home));
      app = WebApp.start(web, store, Outreach.keys(home), outreach);
    } catch (WebApp.CannotListenException e) {
      store.close();
      throw new UsageException(e.getMessage() + " (--port chooses another)");
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop =
        new Thread(
            () -> {
              try {
                app.close();
                store.close();
                out.println("rekindle demo: stopped.");
                out.flush();
              } finally {
                stopped.countDown();
              }
            },
            "rekindle-demo-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    String login =
        logins.stream()
            .filter(l -> l.login().equals(ADMIN))
            .findFirst()
            .map(
                l ->
                    " Log in at "
                        + app.address()
                        + "/login as "
                        + l.login()
                        + " / "
                        + l.password()
                        + ".")
            .orElse("");
    out.println();
    out.println("Serving the demo at " + app.address() + "." + login + " Ctrl-C stops.");
    out.flush();
    stopped.await();
    return 0;
  }

  private static String runnerName() {
    return "rekindle-demo:" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  /** The numbered stage lines on stdout, each with the time it took. */
  private static final class Stages {
    private final PrintWriter out;
    private final int total;
    private int n;
    private Instant started = Instant.now();

    Stages(PrintWriter out, int total) {
      this.out = out;
      this.total = total;
    }

    void start(String what) {
      n++;
      started = Instant.now();
      out.printf(Locale.ROOT, "[%d/%d] %s...%n", n, total, what);
      out.flush();
    }

    void done(String what) {
      double s = Duration.between(started, Instant.now()).toMillis() / 1000.0;
      out.printf(Locale.ROOT, "      %s%s(%.1f s)%n", what, what.isEmpty() ? "" : " ", s);
      out.flush();
    }
  }
}
