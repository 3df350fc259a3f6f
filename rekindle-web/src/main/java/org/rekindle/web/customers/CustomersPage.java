package org.rekindle.web.customers;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.text.Cells;
import org.rekindle.store.access.User;
import org.rekindle.store.query.AliveHistory;
import org.rekindle.store.query.CustomerActivity;
import org.rekindle.store.query.CustomerProfile;
import org.rekindle.store.query.CustomerSearch;
import org.rekindle.store.query.ScoreWords;
import org.rekindle.store.run.DailyRun;
import org.rekindle.web.Navigation;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.auth.Guard;

/**
 * {@code /customers}: the customers as the latest run scored them, searched, filtered and sorted, a
 * page at a time, and the same list as CSV ({@code /customers.csv}); {@code /customers/ID}: one
 * customer, with their orders, P(alive) over time, the scores in words, the lifecycle history and
 * what was sent, offered, said and done. A rep sees their own accounts only: another's customer is
 * "not found", exactly as an id nobody has, so a rep cannot even learn which ids exist.
 */
public final class CustomersPage {
  static final String PATH = "/customers";

  /** Rows on a page of the list. */
  static final int PAGE = 50;

  /** The most rows of a CSV download. */
  static final int CSV_ROWS = CustomerSearch.MAX_PAGE;

  /** The latest orders shown on a customer's page. */
  static final int ORDERS = 50;

  /** The most segments and reps offered in the filters. */
  static final int CHOICES = 200;

  private final Jdbi jdbi;
  private final Pages pages;

  public CustomersPage(Jdbi jdbi, Pages pages) {
    this.jdbi = jdbi;
    this.pages = pages;
  }

  /** Adds the routes and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, this::list, Access.REP);
    routes.get(PATH + ".csv", this::csv, Access.REP);
    routes.get(PATH + "/{id}", this::customer, Access.REP);
    menu.add("Customers", PATH, Access.REP);
  }

  /** What the list's URL asks for, as typed; {@link #filter} checks it. */
  public record Ask(
      String text, String state, String segment, String rep, String sort, String page) {
    public static Ask of(Context ctx) {
      return new Ask(
          param(ctx, "q"),
          param(ctx, "state"),
          param(ctx, "segment"),
          param(ctx, "rep"),
          param(ctx, "sort"),
          param(ctx, "page"));
    }

    private static String param(Context ctx, String name) {
      String v = ctx.queryParam(name);
      return v == null ? "" : v.strip();
    }

    CustomerSearch.Sort sortOrDefault() {
      return sort.isEmpty() ? CustomerSearch.Sort.VALUE_AT_RISK : CustomerSearch.Sort.parse(sort);
    }

    int pageNumber() {
      if (page.isEmpty()) {
        return 1;
      }
      try {
        int p = Integer.parseInt(page);
        if (p >= 1) {
          return p;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new IllegalArgumentException("the page must be a number from 1, not '" + page + "'");
    }

    /**
     * The filter for this user: a rep's own accounts only, whatever the URL says.
     *
     * @throws IllegalArgumentException if a value is not one the list knows, in words
     */
    CustomerSearch.Filter filter(User user, int offset, int limit) {
      return new CustomerSearch.Filter(
          Optional.of(text),
          Optional.of(state),
          Optional.of(segment),
          user.role().seesAllCustomers() ? Optional.of(rep) : Optional.empty(),
          ownOnly(user),
          sortOrDefault(),
          offset,
          limit);
    }

    /**
     * The query string of this ask with one parameter changed (left out when blank); changing
     * anything but the page starts again at the first page.
     */
    public String with(String name, String value) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("q", text);
      m.put("state", state);
      m.put("segment", segment);
      m.put("rep", rep);
      m.put("sort", sort);
      m.put("page", name.equals("page") ? page : "");
      m.put(name, value);
      List<String> parts = new ArrayList<>();
      m.forEach(
          (k, v) -> {
            if (!v.isEmpty()) {
              parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
          });
      return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
  }

  /** What a user is narrowed to: a rep to their rep name; managers and admins to nothing. */
  static Optional<String> ownOnly(User user) {
    if (user.role().seesAllCustomers()) {
      return Optional.empty();
    }
    // a rep without a rep name owns nothing (the search reads a blank name so)
    return Optional.of(user.rep() == null ? "" : user.rep());
  }

  private void list(Context ctx) {
    User user = Guard.user(ctx);
    Ask ask = Ask.of(ctx);
    Map<String, Object> params = new HashMap<>();
    params.put("ask", ask);
    params.put("states", CustomerSearch.STATES);
    params.put("sorts", List.of(CustomerSearch.Sort.values()));
    params.put("segments", CustomerSearch.segments(jdbi, CHOICES));
    boolean all = user.role().seesAllCustomers();
    params.put("reps", all ? CustomerSearch.reps(jdbi, CHOICES) : List.of());
    params.put("allReps", all);
    CustomerSearch.Filter filter;
    int page;
    try {
      page = ask.pageNumber();
      long offset = (long) (page - 1) * PAGE;
      if (offset > CustomerSearch.MAX_DEPTH) {
        throw new IllegalArgumentException(
            "the list goes "
                + (CustomerSearch.MAX_DEPTH / PAGE + 1)
                + " pages deep: narrow the search or the filters to see further");
      }
      filter = ask.filter(user, (int) offset, PAGE);
    } catch (IllegalArgumentException e) {
      refuse(ctx, params, String.valueOf(e.getMessage()));
      return;
    }
    CustomerSearch.Page found;
    try {
      found = CustomerSearch.find(jdbi, filter);
    } catch (CustomerSearch.TooBroadException e) {
      refuse(ctx, params, String.valueOf(e.getMessage()));
      return;
    }
    params.put("problem", "");
    params.put("rows", found.rows().stream().map(Line::of).toList());
    params.put("asOf", found.run().map(r -> r.asOf().toString()).orElse(""));
    params.put("page", page);
    params.put(
        "previous", page > 1 ? PATH + ask.with("page", page == 2 ? "" : "" + (page - 1)) : "");
    params.put(
        "next",
        found.more() && (long) page * PAGE <= CustomerSearch.MAX_DEPTH
            ? PATH + ask.with("page", "" + (page + 1))
            : "");
    pages.dashboard(ctx, 200, "customers/list.jte", params);
  }

  /** The list's form with what was wrong with it, and no rows. */
  private void refuse(Context ctx, Map<String, Object> params, String problem) {
    params.put("problem", problem);
    params.put("rows", List.of());
    params.put("asOf", "");
    params.put("page", 1);
    params.put("previous", "");
    params.put("next", "");
    // htmx swaps in no 4xx answer: the problem would go unseen as the filters change
    pages.dashboard(
        ctx, ctx.header("HX-Request") == null ? 400 : 200, "customers/list.jte", params);
  }

  /** A row of the list, said for the page. */
  public record Line(
      String id,
      String href,
      String name,
      String state,
      String since,
      String segment,
      String rep,
      String valueAtRisk,
      String pAlive,
      String lastOrder,
      String nextOrder,
      String overdue) {
    static Line of(CustomerSearch.Row r) {
      return new Line(
          r.customerId(),
          CustomersPage.href(r.customerId()),
          r.name().orElse(""),
          r.state(),
          r.since().toString(),
          r.segment().orElse(""),
          r.rep().orElse(""),
          r.valueAtRisk().map(CustomersPage::money).orElse("–"),
          String.format(Locale.ROOT, "%.2f", r.pAlive()),
          r.lastOrder().toString(),
          r.nextOrder().map(LocalDate::toString).orElse("–"),
          r.overdueRatio().map(v -> String.format(Locale.ROOT, "%.1f×", v)).orElse("–"));
    }
  }

  /** The link to a customer's page: the id as one path segment. */
  public static String href(String customerId) {
    return PATH + "/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String money(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private void csv(Context ctx) {
    User user = Guard.user(ctx);
    CustomerSearch.Filter filter;
    try {
      filter = Ask.of(ctx).filter(user, 0, CSV_ROWS);
    } catch (IllegalArgumentException e) {
      ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage() + "\n");
      return;
    }
    CustomerSearch.Page found = CustomerSearch.export(jdbi, filter);
    StringBuilder b = new StringBuilder(256 * (found.rows().size() + 1));
    b.append(
        "customer_id,name,email,state,state_since,segment,owner_rep,value_at_risk,p_alive,clv,"
            + "last_order,next_order_due,overdue_ratio\r\n");
    for (CustomerSearch.Row r : found.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(Cells.csv(r.customerId()));
      cells.add(Cells.csv(r.name().orElse("")));
      cells.add(Cells.csv(r.email().orElse("")));
      cells.add(r.state());
      cells.add(r.since().toString());
      cells.add(Cells.csv(r.segment().orElse("")));
      cells.add(Cells.csv(r.rep().orElse("")));
      cells.add(r.valueAtRisk().map(CustomersPage::decimal).orElse(""));
      cells.add(String.format(Locale.ROOT, "%.4f", r.pAlive()));
      cells.add(r.clv().map(CustomersPage::decimal).orElse(""));
      cells.add(r.lastOrder().toString());
      cells.add(r.nextOrder().map(LocalDate::toString).orElse(""));
      cells.add(r.overdueRatio().map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse(""));
      b.append(String.join(",", cells)).append("\r\n");
    }
    ctx.header("Content-Disposition", "attachment; filename=\"customers.csv\"");
    ctx.contentType("text/csv; charset=utf-8").result(b.toString());
  }

  private static String decimal(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private void customer(Context ctx) {
    User user = Guard.user(ctx);
    String id = ctx.pathParam("id");
    Optional<CustomerActivity.Owner> owner = CustomerActivity.owner(jdbi, id);
    // another rep's customer is not found, as an unknown id is: nothing of it is read
    if (owner.isEmpty() || !user.maySee(owner.get().ownerRep().orElse(null))) {
      pages.notFound(ctx);
      return;
    }
    Optional<CustomerProfile.Profile> profile = CustomerProfile.find(jdbi, id, ORDERS);
    if (profile.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    CustomerProfile.Profile p = profile.get();
    Optional<String> currency =
        p.totals().stream().map(CustomerProfile.Total::currency).findFirst();
    AliveHistory.History history = AliveHistory.of(jdbi, owner.get().id());
    Map<String, Object> params = new HashMap<>();
    params.put("p", p);
    params.put("c", p.customer());
    params.put(
        "words",
        p.scores()
            .map(s -> ScoreWords.words(s, currency, DailyRun.Options.defaults().horizonDays()))
            .orElse(List.of()));
    params.put("notScored", p.scores().isPresent() ? "" : notScored(p));
    params.put("activity", CustomerActivity.of(jdbi, owner.get().id()));
    params.put("history", history);
    params.put("chart", chartJson(history));
    params.put("currency", currency.orElse(""));
    params.put("backHref", PATH);
    pages.dashboard(ctx, 200, "customers/customer.jte", params);
  }

  /** Why a customer has no scores yet, in words. */
  static String notScored(CustomerProfile.Profile p) {
    if (p.latestRun().isEmpty()) {
      return "Not scored yet: no daily run has been made.";
    }
    if (p.orderCount() == 0) {
      return "Not scored: no orders yet.";
    }
    return "Not scored yet: their orders came after the latest run (as of "
        + p.latestRun().get().asOf()
        + ").";
  }

  /**
   * The chart's data for the page's script: days as epoch days, P(alive) as numbers. Only numbers
   * are written, so it needs no escaping inside its {@code <script type="application/json">}.
   */
  static String chartJson(AliveHistory.History h) {
    StringBuilder b = new StringBuilder("{\"curve\":[");
    points(b, h.curve());
    b.append("],\"scored\":[");
    points(b, h.scored());
    b.append("],\"purchases\":[");
    for (int i = 0; i < h.purchases().size(); i++) {
      b.append(i == 0 ? "" : ",").append(h.purchases().get(i).toEpochDay());
    }
    return b.append("]}").toString();
  }

  private static void points(StringBuilder b, List<AliveHistory.Point> points) {
    for (int i = 0; i < points.size(); i++) {
      AliveHistory.Point p = points.get(i);
      b.append(i == 0 ? "" : ",")
          .append('[')
          .append(p.on().toEpochDay())
          .append(',')
          .append(String.format(Locale.ROOT, "%.4f", p.pAlive()))
          .append(']');
    }
  }

  /** A moment as the page shows it: the day, in UTC. */
  public static String day(java.time.Instant at) {
    return at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
  }

  /** An optional value or a dash. */
  public static String or(Optional<?> value) {
    return value.map(Object::toString).filter(s -> !s.isBlank()).orElse("–");
  }

  /** An optional moment's day, or a dash. */
  public static String dayOr(Optional<java.time.Instant> at) {
    return at.map(CustomersPage::day).orElse("–");
  }

  /** An optional number, as the page shows it. */
  public static String number(Optional<Double> v, String format) {
    return v.map(x -> String.format(Locale.ROOT, format, x)).orElse("–");
  }
}
