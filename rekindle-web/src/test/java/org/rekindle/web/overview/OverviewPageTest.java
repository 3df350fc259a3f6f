package org.rekindle.web.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.access.Role;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.store.query.BusinessReport;
import org.rekindle.store.results.PlaybookLift;
import org.rekindle.store.results.Results;
import org.rekindle.store.run.DailyRun;
import org.rekindle.web.DashboardServer;
import org.rekindle.web.results.ResultsCache;
import org.rekindle.web.results.ResultsPage;

/**
 * The overview and the results page over HTTP, on the CDNOW sample imported through the real order
 * importer and three daily runs (the last one refits and checks the models on a 182-day holdout):
 * the figures the pages show are the ones the store's own reports give.
 */
class OverviewPageTest {
  static final Path CDNOW =
      Path.of("..", "examples", "cdnow", "cdnow_sample.csv").toAbsolutePath().normalize();
  static final LocalDate LAST_RUN = LocalDate.of(1998, 6, 30);

  static final Playbooks BOOKS =
      PlaybookLoader.parse(
          String.join(
              "\n",
              "playbooks:",
              "  - id: win",
              "    name: Lapsed win-back",
              "    trigger: {type: entered_state, state: lapsing}",
              "    steps:",
              "      - email: {template: win, subject: Come back}",
              ""),
          "test.yaml");

  @TempDir static Path home;
  static DashboardServer server;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home, BOOKS);
    server.user("mona", Role.MANAGER, null);
    server.user("maria", Role.REP, "Maria");
    new OrderImporter(server.store, OrderFileReader.builder(), 0.01, "USD", s -> {})
        .importFile(CDNOW);
    for (LocalDate day : List.of(LocalDate.of(1997, 12, 31), LocalDate.of(1998, 6, 16), LAST_RUN)) {
      DailyRun.run(server.store, day, DailyRun.Options.defaults(), s -> {});
    }
    // a playbook that started for 80 customers on 1 March 1998, half of them held out
    server
        .store
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on,"
                        + " status, ended_on) SELECT id, 'win', DATE '1998-03-01', 'test',"
                        + " DATE '1998-03-01', CASE WHEN id % 2 = 0 THEN 'held_out' ELSE"
                        + " 'completed' END, DATE '1998-03-01' FROM customers WHERE id <= 80"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aManager_landsOnTheOverview_aRepDoesNot() throws Exception {
    DashboardServer.Client mona = server.client();
    HttpResponse<String> in = mona.login("mona", DashboardServer.password("mona"));
    assertThat(in.headers().firstValue("Location")).contains("/");
    DashboardServer.Client maria = server.client();
    HttpResponse<String> rep = maria.login("maria", DashboardServer.password("maria"));
    assertThat(rep.statusCode()).isEqualTo(302);
    assertThat(rep.headers().firstValue("Location")).isNotEqualTo(Optional.of("/"));
  }

  @Test
  void aRep_isRefusedEveryPage() throws Exception {
    DashboardServer.Client maria = server.loggedIn("maria");
    for (String path : List.of("/", "/results", "/results?period=all", "/feedback")) {
      HttpResponse<String> r = maria.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).doesNotContain("Value at risk").doesNotContain("Lapsed");
    }
    maria.get("/");
    assertThat(maria.post("/feedback/cases/1/close", java.util.Map.of("outcome", "resolved")))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(403));
  }

  @Test
  void overview_showsTheStatesAndTheModel_ofTheLatestRun() throws Exception {
    BusinessReport.Report report = BusinessReport.latest(server.store.jdbi(), 0).orElseThrow();
    assertThat(report.asOf()).isEqualTo(LAST_RUN);
    HttpResponse<String> r = server.loggedIn("mona").get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(text(page, "customers")).isEqualTo(Numbers.count(report.customers()));
    assertThat(report.customers()).isEqualTo(2357);
    assertThat(text(page, "value-at-risk")).isEqualTo(Numbers.money(report.valueAtRisk()));
    for (BusinessReport.StateLine s : report.states()) {
      assertThat(page)
          .contains(
              "<tr data-state=\""
                  + s.state()
                  + "\"><td><span class=\"pill state-"
                  + s.state()
                  + "\">"
                  + s.state()
                  + "</span></td><td class=\"num\">"
                  + Numbers.count(s.customers())
                  + "</td><td class=\"num\">"
                  + Numbers.money(s.valueAtRisk())
                  + "</td>");
    }
    assertThat(text(page, "log-likelihood"))
        .isEqualTo(Numbers.number(report.fit().logLikelihood()));
    assertThat(page).contains(report.fit().modelName());
    // the chart data: the states' counts in the order of the report
    assertThat(json(page, "states-data"))
        .contains(
            "\"customers\":["
                + String.join(
                    ",", report.states().stream().map(s -> Long.toString(s.customers())).toList())
                + "]");
    // the CSP allows no inline script: every script either has a src or holds data only
    assertThat(page).doesNotContainPattern("<script(?![^>]*(src=|type=\"application/json\"))");
  }

  @Test
  void overview_recoveredRevenue_isTheResultsLedger_thisMonthAndThisYear() throws Exception {
    String page = server.loggedIn("mona").get("/").body();
    for (String[] span :
        new String[][] {{"recovered-month", "1998-06-01"}, {"recovered-year", "1998-01-01"}}) {
      Results.Report results =
          Results.compute(
              server.store.jdbi(),
              BOOKS,
              new Results.Options(LAST_RUN, Optional.of(LocalDate.parse(span[1])), 30, false, 2000),
              s -> {});
      OverviewPage.Recovered expected = OverviewPage.recovered(results);
      assertThat(text(page, span[0])).isEqualTo(Numbers.money(expected.revenue()));
    }
    OverviewPage.Recovered year =
        OverviewPage.recovered(
            Results.compute(
                server.store.jdbi(),
                BOOKS,
                new Results.Options(
                    LAST_RUN, Optional.of(LocalDate.of(1998, 1, 1)), 30, false, 2000),
                s -> {}));
    // CDNOW's lapsed customers do come back in the first half of 1998
    assertThat(year.comebacks()).isPositive();
    assertThat(year.revenue()).isPositive();
  }

  @Test
  void overview_tracksTheHoldout_actualAsTheCheckCounted_expectedNearIt() throws Exception {
    BusinessReport.Report report = BusinessReport.latest(server.store.jdbi(), 0).orElseThrow();
    BusinessReport.Checked check = (BusinessReport.Checked) report.fit().holdout();
    String page = server.loggedIn("mona").get("/").body();
    assertThat(page).contains("id=\"tracking-chart\"").doesNotContain("id=\"no-tracking\"");
    double actual = check.actual().orElseThrow();
    assertThat(text(page, "tracking-actual")).isEqualTo(Numbers.count(Math.round(actual)));
    // the fit on all the data, from each first purchase, against the holdout as it happened
    double expected = Double.parseDouble(text(page, "tracking-expected").replace(",", ""));
    assertThat(expected).isCloseTo(actual, within(0.25 * actual));
    String data = json(page, "tracking-data");
    // the fit in use is the refit of 16 June (30 June reused it): 182 days from 17 December,
    // 26 weeks
    assertThat(check.calibrationEnd()).contains(LocalDate.of(1997, 12, 16));
    assertThat(data).startsWith("{\"weeks\":[\"1997-12-17\",\"1997-12-24\"");
    assertThat(data.split("\"expected\":\\[")[1].split(",")).hasSize(26);
  }

  @Test
  void overview_trends_countTheComebacksOfTheLast12Weeks() throws Exception {
    String data = json(server.loggedIn("mona").get("/").body(), "trend-data");
    long comebacks =
        server
            .store
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT count(*) FROM recoveries WHERE recovered_on >= DATE"
                                + " '1998-04-13' AND recovered_on <= DATE '1998-06-30'")
                        .mapTo(Long.class)
                        .one());
    Matcher m = Pattern.compile("\"comebacks\":\\[([0-9,]*)\\]").matcher(data);
    assertThat(m.find()).isTrue();
    String[] weeks = m.group(1).split(",");
    assertThat(weeks).hasSize(12);
    long sum = 0;
    for (String w : weeks) {
      sum += Long.parseLong(w);
    }
    assertThat(sum).isEqualTo(comebacks).isPositive();
    // the two runs of June are in two weeks: one point each
    assertThat(data).contains("\"runs\":[\"1998-06-16\",\"1998-06-30\"]");
  }

  @Test
  void results_showTheLiftAndTheLedger_asRekindleResultsDoes() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    HttpResponse<String> r = mona.get("/results?period=all");
    assertThat(r.statusCode()).isEqualTo(200);
    Results.Report results =
        Results.compute(
            server.store.jdbi(),
            BOOKS,
            new Results.Options(LAST_RUN, Optional.empty(), 30, false, 2000),
            s -> {});
    OverviewPage.Recovered all = OverviewPage.recovered(results);
    String page = r.body();
    assertThat(text(page, "comebacks")).isEqualTo(Numbers.count(all.comebacks()));
    assertThat(text(page, "revenue")).isEqualTo(Numbers.money(all.revenue()));
    assertThat(text(page, "offer-cost")).isEqualTo(Numbers.money(all.offerCost()));
    assertThat(results.playbooks()).hasSize(1);
    PlaybookLift lift = results.playbooks().get(0);
    assertThat(lift.lift().contacted().customers()).isEqualTo(40);
    assertThat(page)
        .contains("<td>Lapsed win-back</td>")
        .contains("<td class=\"lift\">" + ResultsPage.liftWords(lift.lift()) + "</td>");
    assertThat(page).contains("aria-current=\"page\">All time</a>");

    // the default period is this year, as of the latest run
    assertThat(mona.get("/results").body()).contains("This year: from 1998-01-01 to 1998-06-30");
    HttpResponse<String> bad = mona.get("/results?period=decade");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("the period must be month, 90d, year or all");
  }

  @Test
  void resultsSpans_countBackFromTheAsOfDate() {
    LocalDate d = LocalDate.of(1998, 6, 30);
    assertThat(ResultsCache.Span.MONTH.since(d)).contains(LocalDate.of(1998, 6, 1));
    assertThat(ResultsCache.Span.QUARTER.since(d)).contains(LocalDate.of(1998, 4, 2));
    assertThat(ResultsCache.Span.YEAR.since(d)).contains(LocalDate.of(1998, 1, 1));
    assertThat(ResultsCache.Span.ALL.since(d)).isEmpty();
  }

  /** The text of the element with this id, tags inside it dropped. */
  static String text(String page, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</").matcher(page);
    assertThat(m.find()).as("an element with id " + id).isTrue();
    return m.group(1).replaceAll("<[^>]+>", "").strip();
  }

  /** The JSON block with this id. */
  static String json(String page, String id) {
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>")
            .matcher(page);
    assertThat(m.find()).as("a JSON block " + id).isTrue();
    return m.group(1);
  }
}
