package org.rekindle.store.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.rekindle.store.StoreException;

/**
 * The dashboard's customer list: customers as the latest completed run scored them, searched by
 * name, id or email, filtered by lifecycle state, segment and rep, sorted, a page at a time.
 *
 * <p>Every query is bounded: a page is at most {@link #MAX_PAGE} rows and starts before {@link
 * #MAX_DEPTH}, and the default order (value at risk) and P(alive) walk an index of the run's scores
 * (V11; of one lifecycle state, V12), so the first pages cost the same with a thousand customers or
 * a million. A name is searched for anywhere in it from {@link #MIN_NAME_SEARCH} characters on (a
 * trigram index); shorter text matches an id or an email exactly.
 */
public final class CustomerSearch {
  /** The most rows one page holds. */
  public static final int MAX_PAGE = 50_000;

  /** How deep paging goes: the rows before a page's first may not exceed this. */
  public static final int MAX_DEPTH = 2_500;

  /** A name is searched for from this many characters on (a trigram needs three). */
  public static final int MIN_NAME_SEARCH = 3;

  /** The lifecycle states, in the order of the lifecycle. */
  public static final List<String> STATES =
      List.of("new", "active", "lapsing", "dormant", "lost", "reactivated");

  private CustomerSearch() {}

  /** The order of the list; each breaks ties by the customer's row, so pages never overlap. */
  public enum Sort {
    /** The most at stake first (the default). */
    VALUE_AT_RISK("value-at-risk", "value at risk", "s.value_at_risk DESC NULLS LAST", true),
    /** The least likely still to be buying first. */
    P_ALIVE("p-alive", "P(alive)", "s.p_alive", true),
    /** The longest silent first. */
    SILENT("silent", "longest silent", "s.days_since_last DESC", false),
    /** The most overdue against their own rhythm first. */
    OVERDUE("overdue", "most overdue", "s.overdue_ratio DESC NULLS LAST", false),
    /** The most valuable from here on first. */
    CLV("clv", "lifetime value", "s.clv DESC NULLS LAST", false),
    /** By name, A to Z; customers without one last. */
    NAME("name", "name", "c.name NULLS LAST", false);

    private final String param;
    private final String label;
    final String sql;

    /**
     * Whether the run's scores have an index in this order (V11), so that a long list is read a
     * page at a time; the others sort the whole list, which is refused beyond {@link #NARROW}
     * customers.
     */
    public final boolean indexed;

    Sort(String param, String label, String sql, boolean indexed) {
      this.param = param;
      this.label = label;
      this.sql = sql;
      this.indexed = indexed;
    }

    /** As it is written in a URL: {@code value-at-risk}, {@code p-alive}, ... */
    public String param() {
      return param;
    }

    /** In words. */
    public String label() {
      return label;
    }

    /** From its {@link #param}. */
    public static Sort parse(String text) {
      for (Sort s : values()) {
        if (s.param.equalsIgnoreCase(text.strip())) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "sort by value-at-risk, p-alive, silent, overdue, clv or name, not '" + text + "'");
    }
  }

  /**
   * Which customers, in what order, which page.
   *
   * @param text searched for in the name (from {@link #MIN_NAME_SEARCH} characters), the id and the
   *     email; empty for all
   * @param state a lifecycle state ({@link #STATES}), or empty for all
   * @param segment a segment, or empty for all
   * @param rep an owner rep (case and surrounding spaces ignored), or empty for all
   * @param onlyRep the accounts of this rep only, whatever {@code rep} says: what a rep may see (a
   *     blank name owns no account)
   * @param offset rows skipped, at most {@link #MAX_DEPTH}
   * @param limit rows on the page, 1 to {@link #MAX_PAGE}
   */
  public record Filter(
      Optional<String> text,
      Optional<String> state,
      Optional<String> segment,
      Optional<String> rep,
      Optional<String> onlyRep,
      Sort sort,
      int offset,
      int limit) {
    public Filter {
      text = blankless(text);
      state = blankless(state).map(x -> x.toLowerCase(Locale.ROOT));
      segment = blankless(segment);
      rep = blankless(rep);
      Objects.requireNonNull(onlyRep, "onlyRep");
      Objects.requireNonNull(sort, "sort");
      if (state.isPresent() && !STATES.contains(state.get())) {
        throw new IllegalArgumentException(
            "the state must be one of "
                + String.join(", ", STATES)
                + ", not '"
                + state.get()
                + "'");
      }
      if (offset < 0 || offset > MAX_DEPTH) {
        throw new IllegalArgumentException(
            "a page must start within the first " + MAX_DEPTH + " rows: narrow the search");
      }
      if (limit < 1 || limit > MAX_PAGE) {
        throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " rows, not " + limit);
      }
    }

    /** Everyone, by value at risk, the first {@code limit}. */
    public static Filter all(int limit) {
      return new Filter(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Sort.VALUE_AT_RISK,
          0,
          limit);
    }

    private static Optional<String> blankless(Optional<String> o) {
      return o.map(String::strip).filter(x -> !x.isEmpty());
    }
  }

  /**
   * One customer in the list.
   *
   * @param lastOrder the day of their latest order the run saw
   * @param nextOrder when their usual gap after the last order ends: when an order was due
   */
  public record Row(
      String customerId,
      Optional<String> name,
      Optional<String> email,
      String state,
      LocalDate since,
      Optional<String> segment,
      Optional<String> rep,
      double pAlive,
      Optional<Double> clv,
      Optional<Double> valueAtRisk,
      LocalDate lastOrder,
      Optional<LocalDate> nextOrder,
      Optional<Double> overdueRatio) {}

  /**
   * A page of the list.
   *
   * @param run the latest completed run, empty before the first (then there are no rows)
   * @param more whether rows follow this page
   */
  public record Page(Optional<CustomerProfile.Run> run, List<Row> rows, boolean more) {
    public Page {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The page the filter asks for, from the latest completed run's scores.
   *
   * @throws TooBroadException if the order has no index of its own and the list is too long to sort
   *     on each request ({@link Sort#indexed})
   */
  public static Page find(Jdbi jdbi, Filter filter) {
    return read(jdbi, filter, false, Thresholds.DEFAULT);
  }

  /**
   * As {@link #find}, in any order however long the list: for a download, which may take a few
   * seconds.
   */
  public static Page export(Jdbi jdbi, Filter filter) {
    return read(jdbi, filter, true, Thresholds.DEFAULT);
  }

  /** A list too long to sort in this order on each request; the message says what to do. */
  public static final class TooBroadException extends StoreException {
    private static final long serialVersionUID = 1L;

    TooBroadException(Sort sort) {
      super(
          "sorting by "
              + sort.label()
              + " needs a list of fewer than "
              + String.format(Locale.ROOT, "%,d", NARROW)
              + " customers: choose a rep, a segment, a state or a search first, or sort by value"
              + " at risk or P(alive)");
    }
  }

  /** As {@link #find} or {@link #export}, with other thresholds: tests reach every way so. */
  static Page read(Jdbi jdbi, Filter filter, boolean anyOrder, Thresholds thresholds) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          // a page is a few thousand index steps at most: helper processes cost more than they
          // save, and take the cores the other requests are answered on
          h.execute("SET LOCAL max_parallel_workers_per_gather = 0");
          Optional<CustomerProfile.Run> run = CustomerProfile.latestRun(h);
          if (run.isEmpty()) {
            return new Page(run, List.of(), false);
          }
          List<Row> rows = rows(h, run.get(), filter, anyOrder, thresholds);
          boolean more = rows.size() > filter.limit();
          return new Page(run, more ? rows.subList(0, filter.limit()) : rows, more);
        });
  }

  /**
   * A filtered list shorter than this is read from its customers (each one's scores by key, then
   * sorted), a longer one by walking the run's scores in order and keeping the matches.
   */
  static final int NARROW = 20_000;

  /**
   * The most rows of the order a filtered page is looked for in first, when the share of customers
   * its filters match says it is there.
   */
  static final int WINDOW = 8_000;

  /** {@link #NARROW} and {@link #WINDOW}, which a test may set small. */
  record Thresholds(int narrow, int window) {
    static final Thresholds DEFAULT = new Thresholds(NARROW, WINDOW);
  }

  private static final String COLUMNS =
      "SELECT c.external_id, c.name, c.email, coalesce(s.state, ls.state), ls.since, c.segment,"
          + " c.owner_rep, s.p_alive, s.clv, s.value_at_risk, s.days_since_last, s.usual_gap_days,"
          + " s.overdue_ratio";

  /**
   * Ways to read a page, so that none reads much more than its page. The run's scores carry the
   * state it gave each customer (V12), and are indexed by run, state and each indexed order: a list
   * filtered by state alone, or not at all, walks that index to the page and joins only the page's
   * customers. A search is left to the planner, whose trigram statistics tell a rare word (read its
   * matches) from a common one (walk the scores). Filtered by segment or rep, it counts the
   * customers the filters match, up to {@link #NARROW}. In an indexed order, and when that share
   * says the page lies within the first {@link #WINDOW} rows of the order, it looks for the page
   * there first. Failing that: fewer than {@link #NARROW}, and the page is read from the customers
   * matched (cheap however rare they are among the scores, where a walk of the scores would read
   * them all to find none); more, and the walk of the scores finds them densely enough.
   */
  private static List<Row> rows(
      Handle h, CustomerProfile.Run run, Filter filter, boolean anyOrder, Thresholds t) {
    Optional<String> text = filter.text();
    boolean byName = text.isPresent() && text.get().length() >= MIN_NAME_SEARCH;
    // the filters on the customer's record
    List<String> others = new ArrayList<>();
    filter.segment().ifPresent(x -> others.add("c.segment = :segment"));
    filter.rep().ifPresent(x -> others.add("lower(btrim(c.owner_rep)) = lower(:rep)"));
    // a rep without a rep name owns nothing
    filter
        .onlyRep()
        .ifPresent(
            x -> others.add(x.isBlank() ? "false" : "lower(btrim(c.owner_rep)) = lower(:onlyRep)"));
    List<String> where = new ArrayList<>(others);
    text.ifPresent(
        x ->
            where.add(
                "(c.external_id = :text OR lower(c.email) = lower(:text)"
                    + (byName ? " OR c.name ILIKE :pattern" : "")
                    + ")"));
    // the run's scores, of one state when filtered by it
    String scored = "s.run_id = :run" + (filter.state().isPresent() ? " AND s.state = :state" : "");
    String order = " ORDER BY " + filter.sort().sql + ", s.customer_id";
    String page = " LIMIT :limit OFFSET :offset";
    String joined =
        " JOIN customers c ON c.id = s.customer_id"
            + " JOIN lifecycle_states ls ON ls.customer_id = s.customer_id";
    String walk = COLUMNS + " FROM scores s" + joined + " WHERE " + scored;
    String sql;
    if (where.isEmpty() && filter.sort().indexed) {
      sql =
          COLUMNS
              + " FROM (SELECT * FROM scores s WHERE "
              + scored
              + order
              + page
              + ") s"
              + joined
              + order;
    } else if (where.isEmpty()) {
      // a small business's whole list, or a rare state's, is sorted as quickly as a narrow
      // filter's
      long listed =
          filter.state().isPresent()
              ? h.createQuery(
                      "SELECT count(*) FROM (SELECT 1 FROM scores s WHERE "
                          + scored
                          + " LIMIT :narrow) n")
                  .bind("run", run.id())
                  .bind("state", filter.state().get())
                  .bind("narrow", t.narrow())
                  .mapTo(Long.class)
                  .one()
              : scoredCustomers(h, run);
      if (listed >= t.narrow() && !anyOrder) {
        throw new TooBroadException(filter.sort());
      }
      sql = walk + order + page;
    } else if (others.isEmpty() && filter.sort().indexed) {
      // a search alone: the planner knows from the trigrams whether a word is rare (read the
      // matches) or common (walk the scores), and counting a common word's matches costs more
      // than the page
      sql = walk + " AND " + String.join(" AND ", where) + order + page;
    } else {
      // counted by the filters other than the search, which a common word makes slow to count,
      // and other than the state: the page below is read from the customers these match, so
      // they are what it costs (a rep's 25,000 accounts read to find their 3,000 dormant ones
      // took half a second; the walk of the dormant finds a page of them in 2,000 rows)
      boolean countsSearch = others.isEmpty();
      Query count =
          bind(
              h.createQuery(
                      "SELECT count(*) FROM (SELECT 1 FROM customers c WHERE "
                          + String.join(" AND ", countsSearch ? where : others)
                          + " LIMIT :narrow) n")
                  .bind("narrow", t.narrow()),
              filter,
              countsSearch,
              byName,
              false);
      long matched = count.mapTo(Long.class).one();
      boolean narrow = matched < t.narrow();
      if (filter.sort().indexed && matched > 0) {
        // the first rows of the order, filtered: when they hold the page, it is the page (a match
        // beyond them comes later in the order). As many rows as should hold the page twice over,
        // by the share of customers the filters match, and no more than the window: a rep's list,
        // or their dormant accounts, fill their first pages so. The walk stops where the page is
        // full; a filter too rare for the window goes to the reads below at once.
        long scoredCount = scoredCustomers(h, run);
        long needed = (long) filter.offset() + filter.limit() + 1;
        long rows = Math.max(needed, 2 * needed * Math.max(scoredCount, matched) / matched);
        if (rows <= t.window()) {
          List<Row> first =
              select(
                  h,
                  COLUMNS
                      + " FROM (SELECT * FROM scores s WHERE "
                      + scored
                      + order
                      + " LIMIT :window) s"
                      + joined
                      + " WHERE "
                      + String.join(" AND ", where)
                      + order
                      + page,
                  run,
                  filter,
                  byName,
                  (int) rows);
          if (first.size() > filter.limit()) {
            return first;
          }
        }
      }
      if (narrow) {
        sql =
            "WITH m AS MATERIALIZED (SELECT c.id FROM customers c WHERE "
                + String.join(" AND ", where)
                + ") "
                + COLUMNS
                + " FROM m JOIN scores s ON s.customer_id = m.id AND "
                + scored
                + " JOIN customers c ON c.id = m.id"
                + " JOIN lifecycle_states ls ON ls.customer_id = m.id"
                + order
                + page;
      } else {
        if (!filter.sort().indexed && !anyOrder) {
          throw new TooBroadException(filter.sort());
        }
        sql = walk + " AND " + String.join(" AND ", where) + order + page;
      }
    }
    return select(h, sql, run, filter, byName, 0);
  }

  /** How many customers the run scored. */
  private static long scoredCustomers(Handle h, CustomerProfile.Run run) {
    return h.select("SELECT coalesce(customers, 0) FROM runs WHERE id = ?", run.id())
        .mapTo(Long.class)
        .one();
  }

  /** The rows of a page's query; {@code window} bound when above 0. */
  private static List<Row> select(
      Handle h, String sql, CustomerProfile.Run run, Filter filter, boolean byName, int window) {
    Query q =
        bind(
            h.createQuery(sql)
                .bind("run", run.id())
                .bind("limit", filter.limit() + 1)
                .bind("offset", filter.offset()),
            filter,
            true,
            byName,
            true);
    if (window > 0) {
      q.bind("window", window);
    }
    LocalDate asOf = run.asOf();
    return q.map(
            (rs, ctx) -> {
              double silent = rs.getDouble(11);
              LocalDate last = asOf.minusDays(Math.round(silent));
              Optional<Double> gap = CustomerProfile.number(rs, 12);
              return new Row(
                  rs.getString(1),
                  CustomerProfile.text(rs, 2),
                  CustomerProfile.text(rs, 3),
                  rs.getString(4),
                  rs.getObject(5, LocalDate.class),
                  CustomerProfile.text(rs, 6),
                  CustomerProfile.text(rs, 7),
                  rs.getDouble(8),
                  CustomerProfile.number(rs, 9),
                  CustomerProfile.number(rs, 10),
                  last,
                  gap.map(g -> last.plusDays(Math.round(g))),
                  CustomerProfile.number(rs, 13));
            })
        .list();
  }

  /**
   * Binds the filter's values to a query.
   *
   * @param search whether the query has the search's condition
   * @param state whether it has the state's
   */
  private static Query bind(Query q, Filter filter, boolean search, boolean byName, boolean state) {
    if (search) {
      filter.text().ifPresent(t -> q.bind("text", t));
      if (byName) {
        q.bind("pattern", "%" + likeEscaped(filter.text().orElseThrow()) + "%");
      }
    }
    if (state) {
      filter.state().ifPresent(x -> q.bind("state", x));
    }
    filter.segment().ifPresent(x -> q.bind("segment", x));
    filter.rep().ifPresent(x -> q.bind("rep", x.strip()));
    filter.onlyRep().filter(x -> !x.isBlank()).ifPresent(x -> q.bind("onlyRep", x.strip()));
    return q;
  }

  /** Text for LIKE that matches itself only: the wildcards and the escape escaped. */
  static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * The segments customers have, in order: one index step per segment (a skip scan of {@code
   * customers_segment}), not a scan of every customer.
   *
   * @param limit at most this many
   */
  public static List<String> segments(Jdbi jdbi, int limit) {
    return distinct(jdbi, "segment", limit);
  }

  /** The owner reps customers have, in order, as {@link #segments} finds them. */
  public static List<String> reps(Jdbi jdbi, int limit) {
    return distinct(jdbi, "owner_rep", limit);
  }

  private static List<String> distinct(Jdbi jdbi, String column, int limit) {
    // the column is one of two names written here, never the caller's text
    String sql =
        "WITH RECURSIVE v (x) AS ("
            + " (SELECT %1$s FROM customers WHERE %1$s IS NOT NULL ORDER BY %1$s LIMIT 1)"
            + " UNION ALL"
            + " SELECT (SELECT %1$s FROM customers WHERE %1$s > v.x ORDER BY %1$s LIMIT 1)"
            + " FROM v WHERE v.x IS NOT NULL)"
            + " SELECT x FROM v WHERE x IS NOT NULL AND btrim(x) <> '' LIMIT :limit";
    return jdbi.withHandle(
        h ->
            h.createQuery(String.format(Locale.ROOT, sql, column))
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }
}
