package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.simulate.demo.DemoBusiness;
import org.rekindle.core.simulate.demo.DemoGenerator;
import org.rekindle.core.simulate.demo.DemoSettings;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.access.Role;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;

/**
 * {@code rekindle demo}: a small sample business built in-process into a fresh home, then what the
 * home refuses or reuses.
 */
class DemoCommandTest {
  private static final Pattern LOGIN =
      Pattern.compile(
          "^  (admin|rep)\\s+(\\S+)\\s+([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})", Pattern.MULTILINE);

  private static final Pattern SERVING =
      Pattern.compile("^Serving the demo at (http://127\\.0\\.0\\.1:\\d+)\\.");

  @TempDir Path tmp;
  private final CliRun cli = new CliRun();

  @Test
  void demo_buildsTheHome_thenReusesIt_andFreshRebuildsIt() throws IOException {
    Path home = tmp.resolve("demo");
    LocalDate today = LocalDate.now();
    int code = cli.run("demo", "--customers", "300", "--no-serve", "--home", home.toString());
    assertThat(code).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out).contains("[6/6] Creating the dashboard users").contains("is ready");

    // the records are the generator's, imported
    DemoBusiness business = DemoGenerator.generate(new DemoSettings(300, today, 1));
    assertThat(HomeSql.count(home, "SELECT count(*) FROM customers")).isEqualTo(300);
    assertThat(HomeSql.count(home, "SELECT count(*) FROM orders"))
        .isEqualTo(business.orders().size());
    assertThat(HomeSql.count(home, "SELECT count(*) FROM feedback"))
        .isEqualTo(business.feedback().size());
    assertThat(HomeSql.count(home, "SELECT count(*) FROM customers WHERE owner_rep IS NOT NULL"))
        .isEqualTo(business.customers().stream().filter(c -> c.ownerRep().isPresent()).count());
    assertThat(Files.exists(home.resolve("rekindle.yaml"))).isTrue();
    assertThat(Files.exists(home.resolve("sample").resolve("orders.csv"))).isTrue();

    // two years of runs, the last one today, and the lifecycle in most of its states
    assertThat(HomeSql.count(home, "SELECT count(*) FROM runs WHERE status = 'completed'"))
        .isEqualTo(
            (DemoCommand.WEEKS - DemoCommand.WEEKLY_WEEKS) / 4 + 1 + DemoCommand.WEEKLY_WEEKS);
    Set<String> states =
        HomeSql.with(
            home,
            h ->
                Set.copyOf(
                    h.select("SELECT DISTINCT state FROM lifecycle_states")
                        .mapTo(String.class)
                        .list()));
    assertThat(HomeSql.count(home, "SELECT max(as_of) - ?::date FROM runs", today)).isZero();
    assertThat(states).contains("active", "lapsing", "dormant").hasSizeGreaterThanOrEqualTo(4);
    assertThat(HomeSql.count(home, "SELECT count(*) FROM lifecycle_transitions")).isPositive();

    // outreach planned, its emails in the mail catcher, calls for the reps
    long sent =
        HomeSql.count(
            home, "SELECT count(*) FROM outbox WHERE channel = 'email' AND status = 'sent'");
    assertThat(sent).isPositive();
    try (Stream<Path> eml = Files.list(home.resolve("mail-catcher"))) {
      assertThat(eml.filter(p -> p.toString().endsWith(".eml")).count()).isEqualTo(sent);
    }
    assertThat(HomeSql.count(home, "SELECT count(*) FROM call_tasks")).isPositive();
    assertThat(HomeSql.count(home, "SELECT count(*) FROM enrollments")).isPositive();

    // the users: an admin and one rep per rep, whose printed passwords log in
    Map<String, String> printed = logins(out);
    assertThat(printed).containsKey("demo").hasSize(1 + business.reps().size());
    try (Store s = Store.open(StoreSettings.embedded(home), n -> {})) {
      Users users = new Users(s.jdbi());
      User admin = users.authenticate("demo", printed.get("demo").toCharArray()).orElseThrow();
      assertThat(admin.role()).isEqualTo(Role.ADMIN);
      assertThat(users.authenticate("demo", "wrong-password".toCharArray())).isEmpty();
      List<User> reps = users.list().stream().filter(u -> u.role() == Role.REP).toList();
      assertThat(reps).extracting(User::rep).containsExactlyInAnyOrderElementsOf(business.reps());
      for (User rep : reps) {
        assertThat(users.authenticate(rep.login(), printed.get(rep.login()).toCharArray()))
            .as(rep.login())
            .isPresent();
      }
    }
    String file = Files.readString(home.resolve(DemoHome.LOGINS), StandardCharsets.UTF_8);
    printed.forEach((login, pw) -> assertThat(file).contains(login + "\t" + pw));

    // again without --fresh: the home is reused as it is, and its logins printed again
    assertThat(cli.run("demo", "--no-serve", "--home", home.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("was built earlier").doesNotContain("[1/6]");
    assertThat(logins(cli.out())).isEqualTo(printed);

    // and served: in a JVM of its own, with the demo business's pages, until SIGTERM
    served(home, printed);

    // another sample asked for without --fresh: refused, nothing changed
    assertThat(cli.run("demo", "--seed", "2", "--no-serve", "--home", home.toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(cli.err()).contains("--customers 300 --seed 1").contains("add --fresh");

    // --fresh wipes and builds anew: new passwords, same sample
    assertThat(
            cli.run(
                "demo", "--customers", "300", "--fresh", "--no-serve", "--home", home.toString()))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("Wiping the demo home").contains("is ready");
    assertThat(logins(cli.out()).get("demo")).isNotEqualTo(printed.get("demo"));
    assertThat(HomeSql.count(home, "SELECT count(*) FROM users")).isEqualTo(printed.size());
    assertThat(HomeSql.count(home, "SELECT count(*) FROM orders"))
        .isEqualTo(business.orders().size());
  }

  @Test
  void demo_directoryItDidNotMake_refusedEvenWithFresh_andLeftAlone() throws IOException {
    Path mine = Files.writeString(tmp.resolve("notes.txt"), "keep me");
    for (String[] extra : new String[][] {{}, {"--fresh"}}) {
      String[] args =
          Stream.concat(
                  Stream.of("demo", "--customers", "20", "--no-serve", "--home", tmp.toString()),
                  Stream.of(extra))
              .toArray(String[]::new);
      assertThat(cli.run(args)).isEqualTo(Main.EXIT_USAGE);
      assertThat(cli.err()).contains("is not empty and is not a demo home");
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.collect(Collectors.toList())).containsExactly(mine);
    }
    assertThat(Files.readString(mine)).isEqualTo("keep me");
  }

  @Test
  void demo_unfinishedHome_refusedWithoutFresh() throws IOException {
    Path home = tmp.resolve("half");
    new DemoHome(home).mark(new DemoHome.Made(false, 20, 1, LocalDate.of(2026, 1, 1)));
    Files.writeString(home.resolve("something"), "left by a stopped build");
    assertThat(cli.run("demo", "--no-serve", "--home", home.toString())).isEqualTo(Main.EXIT_USAGE);
    assertThat(cli.err()).contains("was not finished").contains("--fresh");
    assertThat(Files.exists(home.resolve("something"))).isTrue();
  }

  @Test
  void demo_badOptions_refusedBeforeAnythingIsWritten() {
    Path home = tmp.resolve("never");
    assertThat(cli.run("demo", "--customers", "5", "--no-serve", "--home", home.toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(cli.err()).contains("--customers: a demo business has from 20");
    assertThat(cli.run("demo", "--host", "0.0.0.0", "--home", home.toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(cli.err()).contains("--host");
    assertThat(Files.exists(home)).isFalse();
  }

  /** Serves the built home in a process of its own, fetches a survey page, and stops it. */
  private static void served(Path home, Map<String, String> printed) throws IOException {
    long customer = HomeSql.count(home, "SELECT min(id) FROM customers");
    SigningKeys keys =
        SigningKeys.loadOrCreate(home.resolve(Outreach.SIGNING_KEYS), new SecureRandom());
    String path = "/s/" + UnsubscribeTokens.forSurveys(keys).token(customer);
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--port",
                "0",
                "--home",
                home.toString())
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("REKINDLE_"));
    Process server = pb.start();
    List<String> lines = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String address = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (address == null && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        lines.add(line);
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          address = m.group(1);
          assertThat(line).contains("/login as demo / ");
        }
      }
      assertThat(address).as("what demo printed: %s", lines).isNotNull();
      CompletableFuture<List<String>> rest =
          CompletableFuture.supplyAsync(() -> out.lines().toList());
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(address + path)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Hillside Building Supply");
      // a rep logs in to the dashboard with the password the demo printed
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> form =
          http.send(
              HttpRequest.newBuilder(URI.create(address + "/login")).build(),
              HttpResponse.BodyHandlers.ofString());
      String formCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
      String pair = formCookie.substring(0, formCookie.indexOf(';'));
      String token = pair.substring(pair.indexOf('=') + 1);
      HttpResponse<String> in =
          http.send(
              HttpRequest.newBuilder(URI.create(address + "/login"))
                  .header("Cookie", pair)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "login=maria&password=" + printed.get("maria") + "&_csrf=" + token))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(in.statusCode()).as(in.body()).isBetween(301, 303);
      assertThat(in.headers().allValues("Set-Cookie"))
          .anyMatch(c -> c.startsWith("rekindle_session="));
      assertThat(server.toHandle().destroy()).isTrue();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(rest.get(10, TimeUnit.SECONDS)).contains("rekindle demo: stopped.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    } finally {
      server.destroyForcibly();
    }
  }

  /** The logins a demo printed: login to password. */
  private static Map<String, String> logins(String out) {
    Map<String, String> found = new HashMap<>();
    Matcher m = LOGIN.matcher(out);
    while (m.find()) {
      found.put(m.group(2), m.group(3));
    }
    return found;
  }
}
