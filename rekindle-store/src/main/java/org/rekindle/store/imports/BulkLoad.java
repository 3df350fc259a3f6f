package org.rekindle.store.imports;

import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Loads a large batch of rows into a table without its secondary indexes and constraints, then
 * builds them again: PostgreSQL builds a b-tree from sorted input many times faster than it inserts
 * ten million keys one by one, and checks a foreign key with one join instead of a trigger per row.
 * Measured on 9.3M orders: 105 s with the indexes and the key in place, 37 s this way
 * (docs/benchmarks.md).
 *
 * <p>The definitions are read from the catalog, so the migrations stay the one place they are
 * written. Everything happens inside the caller's transaction: a failure, or a unique or foreign
 * key the rebuilt constraint finds violated, rolls the whole load back, indexes included. The table
 * is locked for the load (ACCESS EXCLUSIVE), which a bulk import may do.
 */
final class BulkLoad {
  private BulkLoad() {}

  /** A constraint or index as the catalog gives it, to drop and to create again. */
  private record Definition(String name, String create, String drop) {}

  /**
   * Runs {@code load} with the table's unique and foreign-key constraints (but its primary key) and
   * its other indexes dropped, and restores them after.
   */
  static void withoutIndexes(Handle h, String table, Consumer<Handle> load) {
    List<Definition> constraints =
        h.createQuery(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = CAST(:t AS regclass) AND contype IN ('u', 'f')"
                    + " ORDER BY contype DESC, conname")
            .bind("t", table)
            .map(
                (rs, ctx) ->
                    new Definition(
                        rs.getString(1),
                        "ALTER TABLE "
                            + table
                            + " ADD CONSTRAINT "
                            + quote(rs.getString(1))
                            + " "
                            + rs.getString(2),
                        "ALTER TABLE " + table + " DROP CONSTRAINT " + quote(rs.getString(1))))
            .list();
    List<Definition> indexes =
        h.createQuery(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i"
                    + " WHERE i.tablename = :t AND i.schemaname = current_schema()"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                    + " WHERE c.conindid = CAST(quote_ident(i.indexname) AS regclass))"
                    + " ORDER BY i.indexname")
            .bind("t", table)
            .map(
                (rs, ctx) ->
                    new Definition(
                        rs.getString(1), rs.getString(2), "DROP INDEX " + quote(rs.getString(1))))
            .list();
    for (Definition d : constraints) {
      h.execute(d.drop());
    }
    for (Definition d : indexes) {
      h.execute(d.drop());
    }
    load.accept(h);
    for (Definition d : indexes) {
      h.execute(d.create());
    }
    // unique constraints first (ordered 'u' before 'f'), so foreign keys find their indexes
    for (Definition d : constraints) {
      h.execute(d.create());
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
