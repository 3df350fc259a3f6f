-- Issue 6: orders posted through the API at the rate of a till (docs/benchmarks.md, "The web app
-- and the API on 1M customers"). An order written, changed or removed still drops the kept
-- outcome of every window of its customer that holds its date (V9); what changes is how they are
-- found. Joining a statement's orders to every kept outcome by hash read all of them, 700,144 in
-- the benchmark home, for each statement: 210 ms for an API call of 10,000 orders, most of the
-- call's database time after the insert itself. A statement with few orders for the outcomes kept
-- now looks up each of its customers' outcomes by index (66 ms for the same 10,000); a large one
-- (an import of a whole history) still reads them all once.
CREATE OR REPLACE FUNCTION enrollment_outcomes_forget() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    changed bigint;
    kept    double precision;
BEGIN
    -- nothing kept (a first import, a business without playbooks yet): nothing to forget
    IF NOT EXISTS (SELECT 1 FROM enrollment_outcomes) THEN
        RETURN NULL;
    END IF;
    EXECUTE 'SELECT count(*) FROM changed_orders' INTO changed;
    SELECT reltuples INTO kept FROM pg_class WHERE oid = 'enrollment_outcomes'::regclass;
    -- a probe per customer and day for a statement of a few orders, or of few beside what is kept
    -- (about 1 in 20 broke even in the benchmark home; reltuples is -1 before the table's first
    -- analyze); OFFSET 0 keeps the planner from turning the probes back into the hash join
    IF changed <= 1000 OR changed * 20 < kept THEN
        EXECUTE 'DELETE FROM enrollment_outcomes k'
            ' WHERE (k.enrollment_id, k.window_days) IN ('
            ' SELECT o.enrollment_id, o.window_days'
            ' FROM (SELECT DISTINCT customer_id, order_date FROM changed_orders) x'
            ' CROSS JOIN LATERAL (SELECT e.enrollment_id, e.window_days, e.started_on'
            ' FROM enrollment_outcomes e WHERE e.customer_id = x.customer_id OFFSET 0) o'
            ' WHERE x.order_date > o.started_on'
            ' AND x.order_date <= o.started_on + o.window_days)';
    ELSE
        EXECUTE 'DELETE FROM enrollment_outcomes k USING changed_orders x'
            ' WHERE k.customer_id = x.customer_id'
            ' AND x.order_date > k.started_on'
            ' AND x.order_date <= k.started_on + k.window_days';
    END IF;
    RETURN NULL;
END
$$;
