package org.rekindle.web.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.core.offer.Offer;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.StoredOffer;
import org.rekindle.store.query.Contacts;
import org.rekindle.store.query.CustomerSearch;
import org.rekindle.store.query.ScoreWords;
import org.rekindle.web.DashboardServer;

/**
 * The customers list, its CSV and a customer's page over real HTTP, against the app and a real
 * PostgreSQL holding the CDNOW sample after a daily run ({@link CustomersFixture}).
 */
class CustomersPageTest {
  private static final Pattern ROW =
      Pattern.compile("class=\"customer\" href=\"/customers/([^\"]+)\"");

  @TempDir static Path home;
  static DashboardServer server;
  static StoredOffer offer;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    CustomersFixture.load(server);
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    offer =
        new Offers(server.store.jdbi(), Clock.fixed(now, ZoneOffset.UTC))
            .issue(
                "1",
                Offer.percent(new BigDecimal("15"), Optional.empty()),
                now.plusSeconds(14 * 86_400));
    Contacts.record(
        server.store.jdbi(),
        "1",
        LocalDate.of(1997, 10, 2),
        Contacts.Channel.CALL,
        Optional.of("asked about the <new> gutters"),
        Contacts.SOURCE_COMMAND);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> ids(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static List<String> storeIds(CustomerSearch.Filter filter) {
    return CustomerSearch.find(server.store.jdbi(), filter).rows().stream()
        .map(CustomerSearch.Row::customerId)
        .toList();
  }

  private static CustomerSearch.Filter everyone(CustomerSearch.Sort sort, int offset) {
    return new CustomerSearch.Filter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        sort,
        offset,
        CustomersPage.PAGE);
  }

  @Test
  void list_asManager_byValueAtRisk_aPageAtATime() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    HttpResponse<String> first = mona.get("/customers");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(ids(first.body()))
        .hasSize(CustomersPage.PAGE)
        .isEqualTo(storeIds(everyone(CustomerSearch.Sort.VALUE_AT_RISK, 0)));
    assertThat(first.body())
        .contains("Scores as of 1997-10-14")
        .contains("href=\"/customers?page=2\"");

    HttpResponse<String> second = mona.get("/customers?page=2");
    assertThat(ids(second.body()))
        .isEqualTo(storeIds(everyone(CustomerSearch.Sort.VALUE_AT_RISK, CustomersPage.PAGE)))
        .doesNotContainAnyElementsOf(ids(first.body()));
    assertThat(second.body()).contains("rel=\"prev\" href=\"/customers\"");

    HttpResponse<String> byAlive = mona.get("/customers?sort=p-alive");
    assertThat(ids(byAlive.body())).isEqualTo(storeIds(everyone(CustomerSearch.Sort.P_ALIVE, 0)));
    // by name: the five with one first (in the database's collation), then those without
    List<String> byName = ids(mona.get("/customers?sort=name").body());
    assertThat(byName).isEqualTo(storeIds(everyone(CustomerSearch.Sort.NAME, 0)));
    assertThat(byName.subList(0, 5)).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
  }

  @Test
  void list_filtersAndSearch() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    assertThat(ids(mona.get("/customers?q=plumb").body())).containsExactly("4");
    assertThat(ids(mona.get("/customers?q=bob.stein%40mail.example").body())).containsExactly("2");
    assertThat(ids(mona.get("/customers?rep=TOM&sort=name").body())).containsExactly("3", "4");
    assertThat(ids(mona.get("/customers?segment=contractor&sort=name").body()))
        .containsExactly("1", "4");
    String state =
        server
            .store
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT state FROM lifecycle_states ls JOIN customers c ON c.id = ls.customer_id"
                                + " WHERE c.external_id = '1'")
                        .mapTo(String.class)
                        .one());
    String html = mona.get("/customers?state=" + state + "&q=ada").body();
    assertThat(ids(html)).containsExactly("1");
    assertThat(html).contains("pill state-" + state + "\"");
    // the filters are in the form, so the URL is the list: shared, reloaded, the same
    assertThat(html)
        .contains("value=\"ada\"")
        .contains("<option value=\"" + state + "\" selected>");
    assertThat(ids(mona.get("/customers?q=ad").body())).isEmpty();
    assertThat(mona.get("/customers?q=ad").body()).contains("Names are searched from 3 letters on");
  }

  @Test
  void list_badValues_areSaidInWords() throws Exception {
    DashboardServer.Client mona = server.loggedIn("mona");
    HttpResponse<String> sort = mona.get("/customers?sort=revenue");
    assertThat(sort.statusCode()).isEqualTo(400);
    assertThat(sort.body()).contains("sort by value-at-risk");
    assertThat(mona.get("/customers?page=0").body()).contains("the page must be a number from 1");
    HttpResponse<String> deep = mona.get("/customers?page=1000");
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(deep.body()).contains("narrow the search");
    assertThat(mona.get("/customers?state=sleeping").statusCode()).isEqualTo(400);
    // the same asked by htmx as the filters change: answered so that htmx shows it
    HttpResponse<String> swapped =
        mona.http.send(
            java.net.http.HttpRequest.newBuilder(server.uri("/customers?state=sleeping"))
                .header("HX-Request", "true")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(swapped.statusCode()).isEqualTo(200);
    assertThat(swapped.body()).contains("the state must be one of new, active");
    assertThat(mona.get("/customers.csv?sort=revenue").statusCode()).isEqualTo(400);
  }

  @Test
  void list_asRep_onlyTheirOwnAccounts_whateverTheUrlAsks() throws Exception {
    DashboardServer.Client maria = server.loggedIn("maria");
    HttpResponse<String> r = maria.get("/customers?sort=name");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ids(r.body())).containsExactlyInAnyOrder("5", "1", "2");
    assertThat(r.body()).contains("Your accounts only").doesNotContain("name=\"rep\"");
    assertThat(ids(maria.get("/customers?rep=Tom").body()))
        .containsExactlyInAnyOrder("1", "2", "5");
    assertThat(ids(maria.get("/customers?q=plumb").body())).isEmpty();

    DashboardServer.Client tom = server.loggedIn("tom");
    assertThat(ids(tom.get("/customers?sort=name").body())).containsExactly("3", "4");
  }

  @Test
  void csv_isTheFilteredList_neutralised_andARepsOwnOnly() throws Exception {
    DashboardServer.Client maria = server.loggedIn("maria");
    HttpResponse<String> r = maria.get("/customers.csv?sort=name&rep=Tom");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(r.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"customers.csv\"");
    List<String> lines = List.of(r.body().split("\r\n"));
    assertThat(lines.get(0)).startsWith("customer_id,name,email,state,");
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 4))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("\"5\",\"'=HYPERLINK(\"\"http://evil.example\"\")<b>x</b>\",")
                    .contains(",\"'@risk\",\"Maria\","))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("\"1\",\"Ada Roofing Ltd\",\"orders@ada-roofing.example\","))
        .anySatisfy(l -> assertThat(l).startsWith("\"2\","));
    assertThat(r.body()).doesNotContain("Carla").doesNotContain("Delta").doesNotContain("\"Tom\"");

    DashboardServer.Client mona = server.loggedIn("mona");
    String all = mona.get("/customers.csv?rep=tom&sort=name").body();
    assertThat(all.split("\r\n")).hasSize(3);
    assertThat(all).contains("\"Carla Diaz\"").contains("\"Delta Plumbing\"");
    // without a filter, the whole sample: a line per customer and the header
    assertThat(mona.get("/customers.csv").body().split("\r\n"))
        .hasSize(
            1
                + (int)
                    server
                        .store
                        .jdbi()
                        .withHandle(
                            h ->
                                h.select("SELECT count(*) FROM lifecycle_states")
                                    .mapTo(Long.class)
                                    .one())
                        .longValue());
  }

  @Test
  void customer_showsOrdersWordsHistoryChartAndActivity() throws Exception {
    DashboardServer.Client maria = server.loggedIn("maria");
    HttpResponse<String> r = maria.get("/customers/1");
    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(html).contains("<h1>Ada Roofing Ltd</h1>");
    double pAlive =
        server
            .store
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT p_alive FROM scores s JOIN customers c ON c.id = s.customer_id"
                                + " WHERE c.external_id = '1'")
                        .mapTo(Double.class)
                        .one());
    // the scores in words, as rekindle customer says them
    assertThat(html).contains(ScoreWords.alive(pAlive));
    assertThat(html).contains("orders about every");
    // the orders, the latest first; the lifecycle history
    assertThat(html.indexOf("<td>1997-12-12</td>"))
        .isPositive()
        .isLessThan(html.indexOf("<td>1997-08-02</td>"));
    assertThat(html).contains("<h2>Lifecycle history</h2>").contains("<td>1997-10-14</td>");
    // the chart: its canvas, its data as JSON that no script runs, the scripts from /assets
    assertThat(html).contains("<canvas id=\"palive-chart\"");
    Matcher data =
        Pattern.compile("<script type=\"application/json\" id=\"palive-data\">([^<]*)</script>")
            .matcher(html);
    assertThat(data.find()).isTrue();
    assertThat(data.group(1))
        .startsWith("{\"curve\":[[" + LocalDate.of(1997, 1, 1).toEpochDay() + ",")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "[%d,%.4f]",
                LocalDate.of(1997, 10, 14).toEpochDay(),
                pAlive))
        .endsWith(
            "\"purchases\":["
                + LocalDate.of(1997, 1, 1).toEpochDay()
                + ","
                + LocalDate.of(1997, 1, 18).toEpochDay()
                + ","
                + LocalDate.of(1997, 8, 2).toEpochDay()
                + "]}");
    assertThat(html).contains("<script src=\"/assets/customers.js\" defer></script>");
    assertThat(html).doesNotContainPattern("<script>|onclick=|style=");
    // what was offered and the contact recorded, escaped
    assertThat(html).contains(offer.code().grouped()).contains("15% off");
    assertThat(html).contains("asked about the &lt;new&gt; gutters");
  }

  @Test
  void customer_ofAnotherRep_isNotFound_likeAnUnknownId() throws Exception {
    DashboardServer.Client maria = server.loggedIn("maria");
    HttpResponse<String> other = maria.get("/customers/3");
    HttpResponse<String> unknown = maria.get("/customers/no-such-customer");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(other.body()).isEqualTo(unknown.body()).doesNotContain("Carla");
    // a manager sees it
    DashboardServer.Client mona = server.loggedIn("mona");
    assertThat(mona.get("/customers/3").body()).contains("<h1>Carla Diaz</h1>");
    // Maria's own customer with the formula name: shown as text
    assertThat(maria.get("/customers/5").body())
        .contains("<h1>=HYPERLINK(\"http://evil.example\")&lt;b&gt;x&lt;/b&gt;</h1>");
  }

  @Test
  void pages_withoutASession_goToTheLogin() throws Exception {
    DashboardServer.Client nobody = server.client();
    assertThat(nobody.get("/customers").statusCode()).isEqualTo(302);
    assertThat(nobody.get("/customers.csv").statusCode()).isEqualTo(302);
    assertThat(nobody.get("/customers/1").statusCode()).isEqualTo(302);
  }
}
