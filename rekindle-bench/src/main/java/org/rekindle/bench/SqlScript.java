package org.rekindle.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Locale;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;

/**
 * Runs SQL on a home's embedded server, for the scripts that prepare benchmark homes: {@code
 * SqlScript HOME FILE...}. Statements are separated by a line holding only {@code ;;} (so that a
 * statement may hold semicolons, in a function body say); each runs in autocommit, its time and the
 * rows it changed or returned are printed, and the rows of a query (at most 50).
 */
public final class SqlScript {
  private SqlScript() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SqlScript HOME FILE...");
      System.exit(2);
    }
    try (Store store = Store.open(StoreSettings.embedded(Path.of(args[0])), n -> {});
        Connection c = store.jdbi().open().getConnection();
        Statement s = c.createStatement()) {
      for (int f = 1; f < args.length; f++) {
        String text = Files.readString(Path.of(args[f]), StandardCharsets.UTF_8);
        for (String sql : text.split("(?m)^;;\\s*$")) {
          if (sql.strip().isEmpty()) {
            continue;
          }
          long start = System.nanoTime();
          boolean rows = s.execute(sql);
          double seconds = (System.nanoTime() - start) / 1e9;
          String head = sql.strip().lines().findFirst().orElse("");
          if (rows) {
            try (ResultSet rs = s.getResultSet()) {
              print(rs);
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%8.2f s  %s%s%n",
              seconds,
              head.length() > 100 ? head.substring(0, 100) + "..." : head,
              rows ? "" : "  (" + s.getUpdateCount() + " rows)");
        }
      }
    }
  }

  private static void print(ResultSet rs) throws Exception {
    ResultSetMetaData m = rs.getMetaData();
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= m.getColumnCount(); i++) {
      b.append(i > 1 ? " | " : "").append(m.getColumnLabel(i));
    }
    System.out.println(b);
    int n = 0;
    while (rs.next()) {
      if (++n > 50) {
        continue;
      }
      b.setLength(0);
      for (int i = 1; i <= m.getColumnCount(); i++) {
        b.append(i > 1 ? " | " : "").append(rs.getString(i));
      }
      System.out.println(b);
    }
    System.out.println("(" + n + " rows)");
  }
}
