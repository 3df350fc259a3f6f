package org.rekindle.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a slide into lost began (V9): the migration's backfill of the moves recorded before it and
 * the trigger on the moves written after it follow one rule. The same random histories are written
 * twice, once under schema 8 and migrated, once after; both must give each slide the same start and
 * value at risk, which must also be what a plain reading of the rule gives.
 */
class SlidesMigrationTest {
  static final List<String> STATES =
      List.of("new", "active", "lapsing", "dormant", "lost", "reactivated");

  @TempDir Path dir;

  /** One move of a history: the state moved to, days after the one before. */
  record Move(String to, int afterDays, double valueAtRisk) {}

  @Test
  void backfillAndTrigger_agree_withTheRule() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<List<Move>> histories = new ArrayList<>();
    for (int c = 0; c < 300; c++) {
      List<Move> h = new ArrayList<>();
      int n = 1 + random.nextInt(12);
      for (int i = 0; i < n; i++) {
        // several moves on one day now and then, so the id order within a day matters
        h.add(
            new Move(
                STATES.get(random.nextInt(STATES.size())),
                random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(60),
                Math.round(random.nextDouble() * 10_000) / 100.0));
      }
      histories.add(h);
    }
    try (EmbeddedServer server = EmbeddedServer.start(dir.resolve("pg"), n -> {})) {
      DataSource ds = server.dataSource();
      Flyway.configure()
          .dataSource(ds)
          .locations(Migrations.LOCATION)
          .target("8")
          .loggers("slf4j")
          .load()
          .migrate();
      try (Connection c = ds.getConnection()) {
        write(c, "before", histories);
      }
      assertThat(Migrations.apply(ds, "the test server")).isEqualTo(Migrations.LATEST);
      try (Connection c = ds.getConnection()) {
        write(c, "after", histories);
        List<String> before = slides(c, "before");
        List<String> after = slides(c, "after");
        List<String> rule = rule(histories);
        assertThat(rule).isNotEmpty();
        assertThat(before).isEqualTo(rule);
        assertThat(after).isEqualTo(rule);
      }
    }
  }

  private static void write(Connection c, String prefix, List<List<Move>> histories)
      throws SQLException {
    try (PreparedStatement customer =
            c.prepareStatement("INSERT INTO customers (external_id) VALUES (?) RETURNING id");
        PreparedStatement move =
            c.prepareStatement(
                "INSERT INTO lifecycle_transitions (customer_id, from_state, to_state, on_date,"
                    + " value_at_risk, reason) VALUES (?, ?, ?, ?, ?, 'test')")) {
      // the histories interleaved, one move of each customer in turn, as runs write them
      long[] ids = new long[histories.size()];
      for (int i = 0; i < histories.size(); i++) {
        customer.setString(1, prefix + i);
        try (ResultSet rs = customer.executeQuery()) {
          rs.next();
          ids[i] = rs.getLong(1);
        }
      }
      LocalDate[] day = new LocalDate[histories.size()];
      String[] state = new String[histories.size()];
      for (int step = 0; step < 12; step++) {
        for (int i = 0; i < histories.size(); i++) {
          if (step >= histories.get(i).size()) {
            continue;
          }
          Move m = histories.get(i).get(step);
          day[i] = day[i] == null ? LocalDate.of(2020, 1, 1) : day[i].plusDays(m.afterDays());
          move.setLong(1, ids[i]);
          move.setString(2, state[i]);
          move.setString(3, m.to());
          move.setObject(4, day[i]);
          move.setDouble(5, m.valueAtRisk());
          move.executeUpdate();
          state[i] = m.to();
        }
      }
    }
  }

  /**
   * "customer index, lost on, began on, value at risk" of each slide, in customer and day order.
   */
  private static List<String> slides(Connection c, String prefix) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT substr(c.external_id, "
                    + (prefix.length() + 1)
                    + ")::int AS i, t.on_date, t.slide_began, t.slide_value_at_risk"
                    + " FROM lifecycle_transitions t JOIN customers c ON c.id = t.customer_id"
                    + " WHERE c.external_id LIKE '"
                    + prefix
                    + "%' AND t.to_state = 'lost' AND t.from_state IN ('lapsing', 'dormant')"
                    + " ORDER BY 1, t.id")) {
      while (rs.next()) {
        out.add(
            rs.getInt(1)
                + " "
                + rs.getObject(2, LocalDate.class)
                + " "
                + rs.getObject(3, LocalDate.class)
                + " "
                + rs.getDouble(4));
      }
    }
    return out;
  }

  /** The rule read plainly, one history at a time, in the order the moves were written. */
  private static List<String> rule(List<List<Move>> histories) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < histories.size(); i++) {
      LocalDate day = null;
      String from = null;
      LocalDate began = null;
      double atRisk = 0;
      for (Move m : histories.get(i)) {
        day = day == null ? LocalDate.of(2020, 1, 1) : day.plusDays(m.afterDays());
        boolean slideEnds =
            m.to().equals("lost") && ("lapsing".equals(from) || "dormant".equals(from));
        if (slideEnds) {
          out.add(
              i
                  + " "
                  + day
                  + " "
                  + (began == null ? day : began)
                  + " "
                  + (began == null ? m.valueAtRisk() : atRisk));
        }
        if (List.of("new", "active", "reactivated", "lost").contains(m.to())) {
          began = null;
        } else if (began == null) {
          began = day;
          atRisk = m.valueAtRisk();
        }
        from = m.to();
      }
    }
    return out;
  }
}
