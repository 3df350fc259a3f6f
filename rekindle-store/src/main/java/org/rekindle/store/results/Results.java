package org.rekindle.store.results;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.rekindle.core.playbook.Playbook;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.playbook.Trigger;
import org.rekindle.core.results.Bootstrap;
import org.rekindle.core.results.Difference;
import org.rekindle.core.results.Interval;
import org.rekindle.core.results.Lift;
import org.rekindle.core.results.NormalInterval;
import org.rekindle.store.StoreException;

/**
 * {@code rekindle results}: did winning them back pay? Everything is read in one repeatable-read
 * transaction, so a run or a plan finishing meanwhile cannot mix two days' records. The rules are
 * in docs/results.md; the heavy work (the window of every enrollment, the attribution of every
 * comeback, the slides into lost) is done by PostgreSQL, and only aggregates, the revenues other
 * than zero and the rows asked for come back.
 */
public final class Results {
  /** The attribution and reactivation window unless told otherwise, in days. */
  public static final int DEFAULT_WINDOW_DAYS = 30;

  /** The longest window accepted, in days. */
  public static final int MAX_WINDOW_DAYS = 3650;

  /**
   * Resamples of the revenue bootstrap unless told otherwise. 2,000, the bootstrap's own default:
   * with the zeros compressed (docs/results.md) the cost is the enrollments that spent something,
   * times this.
   */
  public static final int DEFAULT_RESAMPLES = Bootstrap.DEFAULT_RESAMPLES;

  /** The seed of the bootstrap: the same records give the same intervals. */
  public static final long SEED = 20_261_207L;

  private Results() {}

  /** Refuses a window outside 1 to {@link #MAX_WINDOW_DAYS} days, saying so. */
  static void checkWindow(int windowDays) {
    if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
      throw new IllegalArgumentException(
          "the window must be between 1 and " + MAX_WINDOW_DAYS + " days, was " + windowDays);
    }
  }

  /**
   * What to compute.
   *
   * @param asOf the last day counted: orders, contacts, comebacks and transitions after it are not
   *     seen, and an enrollment counts once its window has ended by it
   * @param since when present, only the enrollments started, comebacks made and slides into lost on
   *     or after it
   * @param windowDays the attribution and reactivation window, in days after the contact or the
   *     start of the enrollment
   * @param customers whether to list the ledger's comebacks and the lost customers one by one
   * @param resamples the bootstrap's resamples
   */
  public record Options(
      LocalDate asOf, Optional<LocalDate> since, int windowDays, boolean customers, int resamples) {
    public Options {
      Objects.requireNonNull(asOf, "asOf");
      Objects.requireNonNull(since, "since");
      checkWindow(windowDays);
      if (since.isPresent() && since.get().isAfter(asOf)) {
        throw new IllegalArgumentException(
            "the start (" + since.get() + ") must not be after the as-of date (" + asOf + ")");
      }
      if (resamples < Bootstrap.MIN_RESAMPLES) {
        throw new IllegalArgumentException(
            "the bootstrap needs at least " + Bootstrap.MIN_RESAMPLES + " resamples");
      }
    }

    /** As of {@code asOf}, everything, the default window, no lists. */
    public static Options asOf(LocalDate asOf) {
      return new Options(asOf, Optional.empty(), DEFAULT_WINDOW_DAYS, false, DEFAULT_RESAMPLES);
    }
  }

  /**
   * The results.
   *
   * @param currency the store's currency, when it has orders
   * @param playbooks the lift per playbook that has enrollments, by id
   * @param offers the lift per offer, by playbook and offer
   * @param ledger the comebacks per playbook credited, the playbooks by id, then outside the
   *     playbooks, then on their own
   * @param comebacks the comebacks one by one, when asked for (else empty), in date order
   * @param coverage the cadence playbooks of {@code rekindle.yaml}, in file order
   */
  public record Report(
      LocalDate asOf,
      Optional<LocalDate> since,
      int windowDays,
      Optional<String> currency,
      List<PlaybookLift> playbooks,
      List<OfferLift> offers,
      List<LedgerLine> ledger,
      List<LedgerCustomer> comebacks,
      Lost lost,
      List<Coverage> coverage) {
    public Report {
      playbooks = List.copyOf(playbooks);
      offers = List.copyOf(offers);
      ledger = List.copyOf(ledger);
      comebacks = List.copyOf(comebacks);
      coverage = List.copyOf(coverage);
    }
  }

  /**
   * Computes the results from {@code jdbi}'s records; {@code books} names the playbooks and holds
   * the cadences of the coverage. {@code progress} is told each stage as it starts.
   */
  public static Report compute(
      Jdbi jdbi, Playbooks books, Options options, Consumer<String> progress) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          settings(h);
          // the lift, the ledger and the lost are read at once on connections of their own, each
          // in a transaction on this one's snapshot (exported, docs/results.md "How long it
          // takes"): the same records for all, in the time of the slowest rather than the sum
          String snapshot = h.createQuery("SELECT pg_export_snapshot()").mapTo(String.class).one();
          Optional<String> currency =
              h.createQuery("SELECT currency FROM orders LIMIT 1").mapTo(String.class).findOne();
          Map<String, String> names = new HashMap<>();
          for (Playbook p : books.playbooks()) {
            names.put(p.id(), p.name());
          }
          progress.accept("reading the windows, comebacks, slides into lost and check-ins");
          ExecutorService readers =
              Executors.newFixedThreadPool(
                  4,
                  r -> {
                    Thread t = new Thread(r, "results-reader");
                    t.setDaemon(true);
                    return t;
                  });
          try {
            Future<Map<String, PlaybookSides>> sides =
                readers.submit(() -> onSnapshot(jdbi, snapshot, x -> sides(x, options)));
            Future<List<Credited>> credits =
                readers.submit(() -> onSnapshot(jdbi, snapshot, x -> credits(x, options)));
            Future<Map<Long, Money>> money =
                readers.submit(() -> onSnapshot(jdbi, snapshot, x -> money(x, options)));
            Future<Lost> lost =
                readers.submit(() -> onSnapshot(jdbi, snapshot, x -> lost(x, options)));
            List<Coverage> coverage = coverage(h, books, options.asOf());
            Map<String, PlaybookSides> read = result(sides);
            progress.accept("revenue intervals (bootstrap)");
            Lifts lifts = lifts(read, options, names);
            Ledger l = ledger(result(credits), result(money), options, names);
            return new Report(
                options.asOf(),
                options.since(),
                options.windowDays(),
                currency,
                lifts.playbooks,
                lifts.offers,
                l.lines,
                l.comebacks,
                result(lost),
                coverage);
          } finally {
            readers.shutdownNow();
          }
        });
  }

  /**
   * For each of the results' transactions: read only, and the memory and costs of docs/results.md.
   */
  private static void settings(Handle h) {
    h.execute("SET TRANSACTION READ ONLY");
    // the records are read by index more than by scan, from memory: costed at the sequential rate
    // (random_page_cost 1.1, PostgreSQL's advice for data in cache or on SSD) the comebacks'
    // orders are looked up by id instead of a scan of every order (docs/benchmarks.md, "Results on
    // 1M customers"); for this transaction only
    h.execute("SET LOCAL random_page_cost = 1.1");
    // the enrollments' hash and the sorts of a million rows in memory rather than in batches on
    // disk (64 MB per sort or hash, for this transaction only)
    h.execute("SET LOCAL work_mem = '64MB'");
  }

  /** Runs {@code read} in a read-only transaction of its own on the exported {@code snapshot}. */
  private static <T> T onSnapshot(Jdbi jdbi, String snapshot, Function<Handle, T> read) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        x -> {
          // first in the transaction, before any query reads with a snapshot of its own
          x.createUpdate("SET TRANSACTION SNAPSHOT '" + snapshotId(snapshot) + "'").execute();
          settings(x);
          return read.apply(x);
        });
  }

  /** PostgreSQL's snapshot ids are hex digits and dashes; anything else is refused, not quoted. */
  private static String snapshotId(String snapshot) {
    if (!snapshot.matches("[0-9A-Fa-f-]{1,64}")) {
      throw new StoreException("unexpected snapshot id from the server: " + snapshot);
    }
    return snapshot;
  }

  /** What a reader returned, or what it threw, unwrapped. */
  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while reading the results", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new StoreException("reading the results failed: " + cause, e);
    }
  }

  // ---- lift

  private record Lifts(List<PlaybookLift> playbooks, List<OfferLift> offers) {}

  /**
   * One side of a comparison as it is read, group by group: counts and sums, and the revenues other
   * than zero when every group sent them (a group with more than the bootstrap could ever take
   * sends none, docs/results.md "Incremental revenue").
   */
  private static final class Side {
    long units;
    long cameBack;
    long zeros;
    double sum;
    double sumOfSquares;
    double[] nonZero = new double[0];
    int size;
    boolean allValues = true;

    void add(
        long n,
        long back,
        long zeroes,
        double total,
        double squares,
        double @org.jspecify.annotations.Nullable [] values) {
      units += n;
      cameBack += back;
      zeros += zeroes;
      sum += total;
      sumOfSquares += squares;
      if (values == null) {
        allValues = false;
        return;
      }
      if (size + values.length > nonZero.length) {
        nonZero =
            java.util.Arrays.copyOf(nonZero, Math.max(2 * nonZero.length, size + values.length));
      }
      System.arraycopy(values, 0, nonZero, size, values.length);
      size += values.length;
    }

    long nonZeroCount() {
      return units - zeros;
    }

    double mean() {
      return units == 0 ? 0 : sum / units;
    }

    /**
     * The revenues other than zero, in increasing order: the bootstrap draws by position, so the
     * same records give the same interval whatever order the rows were read in.
     */
    double[] values() {
      double[] v = java.util.Arrays.copyOf(nonZero, size);
      java.util.Arrays.sort(v);
      return v;
    }
  }

  /** A playbook's sides: the holdout, the contacted, and the contacted per offer. */
  private static final class PlaybookSides {
    final Side holdout = new Side();
    final Side contacted = new Side();
    final Map<String, Side> offers = new LinkedHashMap<>();
    long stillOpen;
  }

  /**
   * Per playbook, holdout or not, and offer: the count, how many came back, how many spent nothing,
   * the revenue's sum and sum of squares, and the revenues other than zero unless there are more
   * than :cap of them; over {@code o}, the windows as (playbook, held_out, offer_id, back,
   * revenue), with the offer {@code f}.
   */
  private static final String GROUPS =
      "SELECT o.playbook, o.held_out,"
          + " f.kind, f.value, f.currency, f.service_cost,"
          + " CASE WHEN f.id IS NULL THEN NULL"
          + " ELSE round(extract(epoch FROM f.expires_at - f.issued_at) / 86400)::int END"
          + " AS valid_days,"
          + " count(*) AS n, count(*) FILTER (WHERE o.back) AS came_back,"
          + " count(*) FILTER (WHERE o.revenue = 0) AS zeros,"
          + " coalesce(sum(o.revenue), 0)::float8 AS total,"
          + " coalesce(sum(o.revenue * o.revenue), 0)::float8 AS squares,"
          + " CASE WHEN count(*) FILTER (WHERE o.revenue <> 0) <= :cap"
          + " THEN array_agg(o.revenue::float8) FILTER (WHERE o.revenue <> 0) END AS nonzero"
          + " FROM (%s) o LEFT JOIN offers f ON f.id = o.offer_id"
          + " GROUP BY 1, 2, 3, 4, 5, 6, 7";

  private static Map<String, PlaybookSides> sides(Handle h, Options o) {
    // Every enrollment started by the as-of date (and since --since): when its window has ended,
    // whether an order came in the window and its revenue, summed by group in SQL; when it has
    // not, only counted. A window closed by the as-of date started on or before closedBy.
    LocalDate closedBy = o.asOf().minusDays(o.windowDays());
    Map<String, PlaybookSides> byPlaybook = new java.util.TreeMap<>();
    // the closed windows whose outcome the daily run kept (Outcomes), from that table alone
    read(
        h,
        o,
        closedBy,
        GROUPS.formatted(
            "SELECT k.playbook, k.held_out, k.offer_id, k.came_back AS back, k.revenue"
                + " FROM enrollment_outcomes k"
                + " WHERE k.window_days = :window AND k.started_on <= :closedBy"
                + (o.since().isPresent() ? " AND k.started_on >= :since" : "")),
        byPlaybook);
    // the closed windows with none kept (closed since the last run, or dropped by an order written
    // inside them since), afresh: their orders by one join; with none, the join reads nothing
    String since = o.since().isPresent() ? " AND e.started_on >= :since" : "";
    read(
        h,
        o,
        closedBy,
        "WITH m AS (SELECT e.id, e.customer_id, e.started_on, e.playbook, e.status, e.offer_id"
            + " FROM enrollments e WHERE e.started_on <= :closedBy"
            + since
            + " AND NOT EXISTS (SELECT 1 FROM enrollment_outcomes k"
            + " WHERE k.enrollment_id = e.id AND k.window_days = :window)),"
            + " w AS (SELECT m.id, bool_or(x.amount > 0) AS back, sum(x.amount) AS revenue"
            + " FROM m JOIN orders x ON x.customer_id = m.customer_id"
            + " AND x.order_date > m.started_on AND x.order_date <= m.started_on + :window"
            + " GROUP BY m.id) "
            + GROUPS.formatted(
                "SELECT m.playbook, m.status = 'held_out' AS held_out, m.offer_id,"
                    + " coalesce(w.back, false) AS back, coalesce(w.revenue, 0) AS revenue"
                    + " FROM m LEFT JOIN w ON w.id = m.id"),
        byPlaybook);
    // the windows still open: counted
    var open =
        h.createQuery(
                "SELECT e.playbook, count(*) FROM enrollments e"
                    + " WHERE e.started_on <= :asOf AND e.started_on > :closedBy"
                    + since
                    + " GROUP BY 1")
            .bind("asOf", o.asOf())
            .bind("closedBy", closedBy);
    o.since().ifPresent(d -> open.bind("since", d));
    open.map(
            (rs, ctx) -> {
              byPlaybook.computeIfAbsent(rs.getString("playbook"), k -> new PlaybookSides())
                      .stillOpen +=
                  rs.getLong("count");
              return 0;
            })
        .list();
    return byPlaybook;
  }

  /** Adds the groups of {@code sql} (closed windows, {@link #GROUPS}) to their sides. */
  private static void read(
      Handle h, Options o, LocalDate closedBy, String sql, Map<String, PlaybookSides> byPlaybook) {
    // the most values other than zero a side can have and still be bootstrapped
    long cap = BOOTSTRAP_DRAWS / o.resamples();
    var query =
        h.createQuery(sql)
            .bind("window", o.windowDays())
            .bind("closedBy", closedBy)
            .bind("cap", cap);
    o.since().ifPresent(d -> query.bind("since", d));
    query
        .map(
            (rs, ctx) -> {
              PlaybookSides p =
                  byPlaybook.computeIfAbsent(rs.getString("playbook"), k -> new PlaybookSides());
              long n = rs.getLong("n");
              long back = rs.getLong("came_back");
              long zeros = rs.getLong("zeros");
              double total = rs.getDouble("total");
              double squares = rs.getDouble("squares");
              java.sql.Array array = rs.getArray("nonzero");
              double[] values;
              if (n == zeros) {
                values = new double[0];
              } else if (array == null) {
                values = null;
              } else {
                Object[] boxed = (Object[]) array.getArray();
                values = new double[boxed.length];
                for (int i = 0; i < boxed.length; i++) {
                  values[i] = ((Number) boxed[i]).doubleValue();
                }
              }
              if (rs.getBoolean("held_out")) {
                p.holdout.add(n, back, zeros, total, squares, values);
              } else {
                p.contacted.add(n, back, zeros, total, squares, values);
                String kind = rs.getString("kind");
                String offer =
                    kind == null
                        ? NO_OFFER
                        : offerWords(
                            kind,
                            rs.getBigDecimal("value"),
                            rs.getString("currency"),
                            rs.getBigDecimal("service_cost"),
                            rs.getInt("valid_days"));
                p.offers
                    .computeIfAbsent(offer, k -> new Side())
                    .add(n, back, zeros, total, squares, values);
              }
              return 0;
            })
        .list();
  }

  private static Lifts lifts(
      Map<String, PlaybookSides> byPlaybook, Options o, Map<String, String> names) {
    Bootstrap bootstrap = new Bootstrap(new SplittableRandom(SEED), o.resamples());
    List<PlaybookLift> playbooks = new ArrayList<>();
    List<OfferLift> offers = new ArrayList<>();
    for (Map.Entry<String, PlaybookSides> e : byPlaybook.entrySet()) {
      String id = e.getKey();
      String name = names.getOrDefault(id, id);
      PlaybookSides p = e.getValue();
      Lift lift = lift(p.contacted, p.holdout);
      playbooks.add(
          new PlaybookLift(
              id, name, lift, p.stillOpen, revenue(bootstrap, lift, p.contacted, p.holdout)));
      boolean madeOffers = p.offers.keySet().stream().anyMatch(k -> !k.equals(NO_OFFER));
      if (madeOffers) {
        List<Map.Entry<String, Side>> sides = new ArrayList<>(p.offers.entrySet());
        // the offers in words' order, "no offer" last
        sides.sort(
            Comparator.comparing((Map.Entry<String, Side> s) -> s.getKey().equals(NO_OFFER))
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Side> s : sides) {
          Lift l = lift(s.getValue(), p.holdout);
          offers.add(
              new OfferLift(
                  id, name, s.getKey(), l, revenue(bootstrap, l, s.getValue(), p.holdout)));
        }
      }
    }
    return new Lifts(playbooks, offers);
  }

  /** The contacted enrollments of a playbook that made offers to others but not to them. */
  static final String NO_OFFER = "no offer";

  private static Lift lift(Side contacted, Side holdout) {
    return Lift.of(contacted.units, contacted.cameBack, holdout.units, holdout.cameBack);
  }

  /**
   * Random draws a revenue interval may take by bootstrap: resamples times the values other than
   * zero of the two groups. Above it the normal interval is used (docs/results.md, "Incremental
   * revenue"): at 20 million draws, 2,000 resamples of 10,000 customers who spent something, the
   * mean is normal to well within the bootstrap's own resampling noise.
   */
  public static final long BOOTSTRAP_DRAWS = 20_000_000L;

  private static Revenue revenue(Bootstrap bootstrap, Lift lift, Side contacted, Side holdout) {
    if (lift.notEnoughData().isPresent()) {
      return new Revenue(
          contacted.mean(),
          holdout.mean(),
          Optional.empty(),
          Optional.empty(),
          Revenue.Method.NONE);
    }
    long draws = (long) bootstrap.resamples() * (contacted.nonZeroCount() + holdout.nonZeroCount());
    Difference d;
    Revenue.Method method;
    if (draws <= BOOTSTRAP_DRAWS && contacted.allValues && holdout.allValues) {
      d =
          bootstrap.meanDifference(
              contacted.values(), contacted.zeros, holdout.values(), holdout.zeros);
      method = Revenue.Method.BOOTSTRAP;
    } else {
      d =
          NormalInterval.meanDifference(
              contacted.units,
              contacted.sum,
              contacted.sumOfSquares,
              holdout.units,
              holdout.sum,
              holdout.sumOfSquares);
      method = Revenue.Method.NORMAL;
    }
    Difference total =
        new Difference(
            d.estimate() * contacted.units,
            new Interval(
                d.interval().lower() * contacted.units, d.interval().upper() * contacted.units));
    return new Revenue(
        contacted.mean(), holdout.mean(), Optional.of(d), Optional.of(total), method);
  }

  /** "15% off, 30 days", "10.00 USD off, 14 days", "a free service worth 25.00 USD, 30 days". */
  static String offerWords(
      String kind,
      @org.jspecify.annotations.Nullable BigDecimal value,
      @org.jspecify.annotations.Nullable String currency,
      @org.jspecify.annotations.Nullable BigDecimal serviceCost,
      int days) {
    String what =
        switch (kind) {
          case "percent" -> plain(value) + "% off";
          case "amount" -> plain(value) + " " + currency + " off";
          default -> "a free service worth " + plain(serviceCost) + " " + currency;
        };
    return what + ", " + days + (days == 1 ? " day" : " days");
  }

  private static String plain(@org.jspecify.annotations.Nullable BigDecimal v) {
    return v == null ? "?" : v.stripTrailingZeros().toPlainString();
  }

  // ---- ledger

  private record Ledger(List<LedgerLine> lines, List<LedgerCustomer> comebacks) {}

  /** A ledger line as it is summed. */
  private static final class Sum {
    long comebacks;
    long byOffer;
    long byContact;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
  }

  /** A comeback's revenue in its span and the offers' cost in it, by the comeback's id. */
  private record Money(BigDecimal revenue, BigDecimal cost) {}

  private static Map<Long, Money> money(Handle h, Options o) {
    // Each comeback's span runs until the customer's next comeback (looked for among all of them,
    // --since or not) or the as-of date: the revenue of the orders in it, and the cost of the
    // offers redeemed in it. Read on a connection of its own beside the credit (credits).
    String sql =
        "WITH r AS (SELECT r.id, r.customer_id, r.recovered_on,"
            + " lead(r.recovered_on) OVER (PARTITION BY r.customer_id"
            + " ORDER BY r.recovered_on, r.id) AS next_on"
            + " FROM recoveries r WHERE r.recovered_on <= :asOf)"
            // an offer's cost falls on the business day of the order that redeemed it (the
            // comebacks' days are business days too), the UTC day only for one redeemed without
            // an order on file; the redeemed offers are few, so they are joined with all the
            // spans at once rather than looked up per comeback
            + ", g AS (SELECT r.id, sum(g.cost) AS cost FROM r JOIN (SELECT g.customer_id,"
            + " g.cost, coalesce(ro.order_date, (g.redeemed_at AT TIME ZONE 'UTC')::date) AS day"
            + " FROM offers g LEFT JOIN orders ro ON ro.id = g.redeemed_order_id"
            + " WHERE g.status = 'redeemed') g ON g.customer_id = r.customer_id"
            + " AND g.day >= r.recovered_on AND g.day <= :asOf"
            + " AND (r.next_on IS NULL OR g.day < r.next_on) GROUP BY r.id)"
            + " SELECT r.id, coalesce(s.revenue, 0) AS revenue, coalesce(g.cost, 0) AS cost"
            + " FROM r"
            + " LEFT JOIN LATERAL (SELECT sum(x.amount) AS revenue FROM orders x"
            + " WHERE x.customer_id = r.customer_id AND x.order_date >= r.recovered_on"
            + " AND x.order_date <= :asOf AND (r.next_on IS NULL OR x.order_date < r.next_on)) s"
            + " ON true"
            + " LEFT JOIN g ON g.id = r.id"
            + (o.since().isPresent() ? " WHERE r.recovered_on >= :since" : "");
    var query = h.createQuery(sql).bind("asOf", o.asOf());
    o.since().ifPresent(d -> query.bind("since", d));
    Map<Long, Money> byComeback = new HashMap<>();
    query
        .map(
            (rs, ctx) ->
                byComeback.put(
                    rs.getLong("id"),
                    new Money(rs.getBigDecimal("revenue"), rs.getBigDecimal("cost"))))
        .list();
    return byComeback;
  }

  /** A comeback as the credit reader gives it, before its money is added. */
  private record Credited(
      long id,
      @org.jspecify.annotations.Nullable String customerId,
      LocalDate recoveredOn,
      String fromState,
      @org.jspecify.annotations.Nullable String orderId,
      Attribution attribution) {}

  private static List<Credited> credits(Handle h, Options o) {
    // Each comeback up to the as-of date (since --since) and its order's credit: the offer it
    // redeemed, else the latest contact in the window before the comeback's day. The latest
    // contacts are found for all the comebacks at once (one hash join with the contacts, then the
    // first per comeback, latest day and id first), not by an index probe per comeback: on
    // 106,560 comebacks it took half the time (docs/benchmarks.md, "Results on 1M customers").
    String since = o.since().isPresent() ? " AND r.recovered_on >= :since" : "";
    String sql =
        "WITH kc AS (SELECT DISTINCT ON (r.id) r.id, k.playbook, k.step, k.contacted_on"
            + " FROM recoveries r JOIN contacts k ON k.customer_id = r.customer_id"
            // our touches only: a customer's own reply or survey answer credits nobody
            + " AND k.source NOT IN ('reply', 'survey')"
            + " AND k.contacted_on < r.recovered_on AND k.contacted_on >= r.recovered_on - :window"
            + " WHERE r.recovered_on <= :asOf"
            + since
            + " ORDER BY r.id, k.contacted_on DESC, k.id DESC)"
            + " SELECT r.id,"
            + (o.customers() ? " c.external_id, ox.external_id AS order_id," : "")
            + " r.recovered_on, r.from_state,"
            + " f.playbook AS offer_playbook, f.step AS offer_step, f.issued_on,"
            + " k.playbook AS contact_playbook, k.step AS contact_step, k.contacted_on,"
            + " f.found AS by_offer, k.found AS by_contact"
            + " FROM recoveries r"
            // the customers' and orders' ids only for the list: the joins cost a probe each
            + (o.customers()
                ? " JOIN customers c ON c.id = r.customer_id JOIN orders ox ON ox.id = r.order_id"
                : "")
            // the offer the order redeemed, else a redeemed offer whose code it carries (the
            // orders with a code only, by their partial index)
            + " LEFT JOIN (SELECT o.id, o.offer_code FROM orders o WHERE o.offer_code IS NOT NULL)"
            + " o ON o.id = r.order_id"
            + " LEFT JOIN offers f1 ON f1.redeemed_order_id = r.order_id"
            + " AND f1.status = 'redeemed'"
            + " LEFT JOIN offers f2 ON o.offer_code IS NOT NULL"
            + " AND f2.code = offer_code_normal(o.offer_code) AND f2.status = 'redeemed'"
            + " AND f2.customer_id = r.customer_id"
            + " CROSS JOIN LATERAL (SELECT coalesce(f1.id, f2.id) IS NOT NULL AS found,"
            + " coalesce(f1.playbook, f2.playbook) AS playbook,"
            + " CASE WHEN f1.id IS NOT NULL THEN f1.step ELSE f2.step END AS step_text,"
            + " (CASE WHEN f1.id IS NOT NULL THEN f1.issued_at ELSE f2.issued_at END"
            + " AT TIME ZONE 'UTC')::date AS issued_on) f0"
            + " CROSS JOIN LATERAL (SELECT CASE WHEN f0.found THEN true END AS found,"
            + " f0.playbook, CASE WHEN f0.step_text ~ '^[0-9]{1,9}$' THEN f0.step_text::int END"
            + " AS step, f0.issued_on) f"
            + " LEFT JOIN (SELECT true AS found, kc.* FROM kc) k"
            + " ON k.id = r.id AND f.found IS NULL"
            + " WHERE r.recovered_on <= :asOf"
            + since
            + (o.customers() ? " ORDER BY r.recovered_on, c.external_id, r.id" : "");
    var query = h.createQuery(sql).bind("window", o.windowDays()).bind("asOf", o.asOf());
    o.since().ifPresent(d -> query.bind("since", d));
    return query
        .map(
            (rs, ctx) -> {
              Attribution a;
              if (rs.getBoolean("by_offer")) {
                a =
                    new Attribution(
                        Attribution.Method.OFFER,
                        Optional.ofNullable(rs.getString("offer_playbook")),
                        Optional.ofNullable((Integer) rs.getObject("offer_step")),
                        Optional.ofNullable(rs.getObject("issued_on", LocalDate.class)));
              } else if (rs.getBoolean("by_contact")) {
                a =
                    new Attribution(
                        Attribution.Method.CONTACT,
                        Optional.ofNullable(rs.getString("contact_playbook")),
                        Optional.ofNullable((Integer) rs.getObject("contact_step")),
                        Optional.ofNullable(rs.getObject("contacted_on", LocalDate.class)));
              } else {
                a = Attribution.NONE;
              }
              return new Credited(
                  rs.getLong("id"),
                  o.customers() ? rs.getString("external_id") : null,
                  rs.getObject("recovered_on", LocalDate.class),
                  rs.getString("from_state"),
                  o.customers() ? rs.getString("order_id") : null,
                  a);
            })
        .list();
  }

  /** The ledger: each comeback's credit and money, summed per playbook credited. */
  private static Ledger ledger(
      List<Credited> credits, Map<Long, Money> money, Options o, Map<String, String> names) {
    Map<String, Sum> sums = new java.util.TreeMap<>();
    Sum outside = new Sum();
    Sum own = new Sum();
    List<LedgerCustomer> rows = new ArrayList<>();
    for (Credited c : credits) {
      Attribution a = c.attribution();
      // both read the same comebacks on one snapshot: a missing one is a bug, not news
      Money m = money.get(c.id());
      if (m == null) {
        throw new IllegalStateException("comeback " + c.id() + " was read without its money");
      }
      Sum s =
          a.method() == Attribution.Method.NONE
              ? own
              : a.playbook().map(p -> sums.computeIfAbsent(p, k -> new Sum())).orElse(outside);
      s.comebacks++;
      if (a.method() == Attribution.Method.OFFER) {
        s.byOffer++;
      } else if (a.method() == Attribution.Method.CONTACT) {
        s.byContact++;
      }
      s.revenue = s.revenue.add(m.revenue());
      s.cost = s.cost.add(m.cost());
      if (o.customers()) {
        rows.add(
            new LedgerCustomer(
                Objects.requireNonNull(c.customerId()),
                c.recoveredOn(),
                c.fromState(),
                Objects.requireNonNull(c.orderId()),
                a,
                m.revenue(),
                m.cost()));
      }
    }
    List<LedgerLine> lines = new ArrayList<>();
    sums.forEach((id, s) -> lines.add(line(id, names.getOrDefault(id, id), s)));
    if (outside.comebacks > 0) {
      lines.add(line(LedgerLine.OUTSIDE, LedgerLine.OUTSIDE, outside));
    }
    if (own.comebacks > 0) {
      lines.add(line(LedgerLine.ON_THEIR_OWN, LedgerLine.ON_THEIR_OWN, own));
    }
    return new Ledger(lines, rows);
  }

  private static LedgerLine line(String key, String name, Sum s) {
    return new LedgerLine(key, name, s.comebacks, s.byOffer, s.byContact, s.revenue, s.cost);
  }

  // ---- lost

  /** Customers listed under "what was lost", at most, when they are asked for. */
  public static final int MAX_LOST_LISTED = 100_000;

  private static Lost lost(Handle h, Options o) {
    // Each move into lost from lapsing or dormant, with the day its slide began and the value at
    // risk then, kept on the move when it was written (V9, lifecycle_transitions_slide); then the
    // contacts between the two days, both counted, by one hash join with the contacts.
    String sql =
        "WITH s AS (SELECT t.id, t.customer_id, t.on_date, t.from_state,"
            + " coalesce(t.slide_began, t.on_date) AS began, t.slide_value_at_risk AS var"
            + " FROM lifecycle_transitions t"
            + " WHERE t.to_state = 'lost' AND t.from_state IN ('lapsing', 'dormant')"
            + " AND t.on_date <= :asOf"
            + (o.since().isPresent() ? " AND t.on_date >= :since" : "")
            + "), k AS (SELECT s.id, count(*) AS n, max(k.contacted_on) AS last"
            + " FROM s JOIN contacts k ON k.customer_id = s.customer_id"
            + " AND k.contacted_on >= s.began AND k.contacted_on <= s.on_date GROUP BY s.id)"
            + " SELECT "
            + (o.customers() ? "c.external_id, c.name," : "")
            + " s.on_date, s.from_state, s.began, s.var, coalesce(k.n, 0) AS n, k.last"
            + " FROM s LEFT JOIN k ON k.id = s.id"
            + (o.customers() ? " JOIN customers c ON c.id = s.customer_id" : "");
    if (!o.customers()) {
      // the totals only: summed where the rows are rather than sent one by one
      var totals =
          h.createQuery(
                  "SELECT count(*) AS lost, coalesce(sum(var), 0) AS value,"
                      + " count(*) FILTER (WHERE n > 0) AS contacted,"
                      + " coalesce(sum(var) FILTER (WHERE n > 0), 0) AS contacted_value"
                      + " FROM ("
                      + sql
                      + ") l")
              .bind("asOf", o.asOf());
      o.since().ifPresent(d -> totals.bind("since", d));
      return totals
          .map(
              (rs, ctx) ->
                  new Lost(
                      rs.getLong("lost"),
                      rs.getDouble("value"),
                      rs.getLong("contacted"),
                      rs.getDouble("contacted_value"),
                      List.of()))
          .one();
    }
    var query = h.createQuery(sql).bind("asOf", o.asOf());
    o.since().ifPresent(d -> query.bind("since", d));
    long[] counts = new long[2];
    double[] values = new double[2];
    List<LostCustomer> rows = new ArrayList<>();
    query
        .map(
            (rs, ctx) -> {
              double var = rs.getDouble("var");
              Optional<Double> value = rs.wasNull() ? Optional.empty() : Optional.of(var);
              long n = rs.getLong("n");
              counts[0]++;
              values[0] += value.orElse(0.0);
              if (n > 0) {
                counts[1]++;
                values[1] += value.orElse(0.0);
              }
              if (o.customers()) {
                rows.add(
                    new LostCustomer(
                        rs.getString("external_id"),
                        Optional.ofNullable(rs.getString("name")),
                        rs.getObject("on_date", LocalDate.class),
                        rs.getString("from_state"),
                        rs.getObject("began", LocalDate.class),
                        value,
                        n,
                        Optional.ofNullable(rs.getObject("last", LocalDate.class))));
              }
              return 0;
            })
        .list();
    rows.sort(
        Comparator.comparing((LostCustomer c) -> c.valueAtRisk().orElse(Double.NEGATIVE_INFINITY))
            .reversed()
            .thenComparing(LostCustomer::customerId)
            .thenComparing(LostCustomer::lostOn));
    return new Lost(
        counts[0],
        values[0],
        counts[1],
        values[1],
        rows.size() > MAX_LOST_LISTED ? rows.subList(0, MAX_LOST_LISTED) : rows);
  }

  // ---- coverage

  private static List<Coverage> coverage(Handle h, Playbooks books, LocalDate asOf) {
    List<Coverage> out = new ArrayList<>();
    for (Playbook p : books.playbooks()) {
      if (!p.enabled() || !(p.trigger() instanceof Trigger.NoContactFor n)) {
        continue;
      }
      // the same customers and the same test as the planner's trigger: a contact in the last
      // n days up to the as-of date (contacted_on > as-of - n)
      var query =
          h.createQuery(
                  "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contacts k"
                      + " WHERE k.customer_id = c.id AND k.contacted_on > :asOf - :days"
                      + " AND k.contacted_on <= :asOf)) FROM customers c WHERE true"
                      + (n.segment().isPresent() ? " AND c.segment = :segment" : "")
                      + (n.tag().isPresent() ? " AND :tag = ANY (c.tags)" : ""))
              .bind("asOf", asOf)
              .bind("days", n.days());
      n.segment().ifPresent(s -> query.bind("segment", s));
      n.tag().ifPresent(t -> query.bind("tag", t));
      long[] r = query.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
      out.add(new Coverage(p.id(), p.name(), n.days(), n.segment(), n.tag(), r[0], r[1]));
    }
    return out;
  }
}
