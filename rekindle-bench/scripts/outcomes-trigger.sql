-- The cost of the triggers on orders that drop kept window outcomes (V9): 100,000 orders of
-- customers with enrollments inserted in one statement, dated inside closed windows and then on
-- the as-of day, each with the trigger and without, every time rolled back. Run with SqlScript on
-- the results home (docs/benchmarks.md, "Results on 1M customers").
CREATE TEMP TABLE picked AS SELECT DISTINCT customer_id FROM enrollments ORDER BY customer_id LIMIT 100000
;;
BEGIN
;;
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency) SELECT 'bench-late-' || customer_id, customer_id, '1998-01-15 12:00+00', DATE '1998-01-15', 10, 'USD' FROM picked
;;
SELECT count(*) AS outcomes_left FROM enrollment_outcomes
;;
ROLLBACK
;;
BEGIN
;;
ALTER TABLE orders DISABLE TRIGGER orders_inserted_forget_outcomes
;;
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency) SELECT 'bench-late-' || customer_id, customer_id, '1998-01-15 12:00+00', DATE '1998-01-15', 10, 'USD' FROM picked
;;
ROLLBACK
;;
BEGIN
;;
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency) SELECT 'bench-today-' || customer_id, customer_id, '1998-07-02 12:00+00', DATE '1998-07-02', 10, 'USD' FROM picked
;;
ROLLBACK
;;
BEGIN
;;
ALTER TABLE orders DISABLE TRIGGER orders_inserted_forget_outcomes
;;
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency) SELECT 'bench-today-' || customer_id, customer_id, '1998-07-02 12:00+00', DATE '1998-07-02', 10, 'USD' FROM picked
;;
ROLLBACK
