package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;

/**
 * {@code rekindle serve}: in a JVM of its own, serving the survey page from the home's store with
 * the home's link keys until SIGTERM stops it and the store with it.
 */
class ServeCommandTest {
  private static final Pattern SERVING =
      Pattern.compile("^Serving at (http://127\\.0\\.0\\.1:\\d+) ");

  @TempDir Path home;
  private final CliRun cli = new CliRun();

  @Test
  void serve_servesTheSurveyUntilStopped_thenClosesTheStore() throws Exception {
    String h = home.toString();
    cli.importExample(h);
    long customer = HomeSql.count(home, "SELECT id FROM customers WHERE external_id = '1'");
    // the keys a send would have signed the link with
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
                "serve",
                "--port",
                "0",
                "--home",
                h)
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("REKINDLE_"));
    Process server = pb.start();
    List<String> lines = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String address = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (address == null && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        lines.add(line);
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          address = m.group(1);
        }
      }
      assertThat(address).as("what serve printed: %s", lines).isNotNull();
      // the rest of its output, read as it comes so the process never blocks on a full pipe
      CompletableFuture<List<String>> rest =
          CompletableFuture.supplyAsync(() -> out.lines().toList());

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(address + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<h1>Example Supply Co.</h1>").contains("Just forgot");
      // the emails' unsubscribe link is served too, by the same keys; opening it stops nothing
      HttpResponse<String> unsubscribe =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(address + "/u/" + new UnsubscribeTokens(keys).token(customer)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unsubscribe.statusCode()).isEqualTo(200);
      assertThat(unsubscribe.body()).contains("Example Supply Co.");
      HttpResponse<String> sent =
          http.send(
              HttpRequest.newBuilder(URI.create(address + path))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("reason=forgot&come_back=yes"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).isEqualTo(200);
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(address + "/s/forged")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(404);

      // SIGTERM, as a service manager stops it (through the handle: Process.destroy would close
      // the output still to be read)
      assertThat(server.toHandle().destroy()).isTrue();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
      List<String> after = rest.get(10, TimeUnit.SECONDS);
      assertThat(after).contains("rekindle serve: stopped.");
      // nobody can log in to the dashboard yet, and it says how to change that
      assertThat(after).anyMatch(l -> l.contains("make the first admin with 'rekindle user add"));
    } finally {
      server.destroyForcibly();
    }
    // the store was closed cleanly: the home opens again, with the answer in it
    assertThat(
            HomeSql.count(
                home,
                "SELECT count(*) FROM survey_answers WHERE customer_id = ? AND reason = 'forgot'"
                    + " AND come_back = 'yes' AND source = 'survey'",
                customer))
        .isOne();
  }

  @Test
  void serve_badAddresses_refusedWithTheOptionNamed() throws Exception {
    String h = home.toString();

    assertThat(cli.run("serve", "--host", "0.0.0.0", "--home", h)).isEqualTo(2);
    assertThat(cli.err())
        .contains("--host: '0.0.0.0' is not a loopback address")
        .contains("(with --public)");
    assertThat(cli.run("serve", "--port", "65536", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("--port: the port must be 0 to 65535");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      assertThat(cli.run("serve", "--port", port, "--home", h)).isEqualTo(2);
      assertThat(cli.err())
          .contains("cannot listen on 127.0.0.1:" + port)
          .contains("--port chooses another");
    }
  }

  @Test
  void serve_help_explainsTheOptionsAndThePages() {
    assertThat(cli.run("serve", "--help")).isZero();
    assertThat(cli.out())
        .contains("--host")
        .contains("--port")
        .contains("--public")
        .contains("--home")
        .contains("/s/TOKEN")
        .contains("dashboard")
        .contains("rekindle user add");
  }
}
