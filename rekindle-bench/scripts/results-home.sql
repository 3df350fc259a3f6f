-- Adds to a copy of the planning home (plan-home.sh, then the two days applied) a year of
-- playbook history for ResultsBench and `rekindle results`: about 700,000 enrollments of three
-- playbooks (a tenth held out), 1.1 million contacts, offers of two kinds, comeback orders with
-- a planted lift, orders carrying offer codes and the offers they redeemed, the comebacks, slides
-- from lapsing into lost, and filler orders up to 10 million orders in all.
-- Deterministic: every draw is a hash of a customer id (hashint8), never random().
-- Run by results-home.sh through SqlScript; statements are separated by lines of ';;'.

CREATE TABLE bench_enr AS
SELECT row_number() OVER (ORDER BY c.id, pb.k) AS n, c.id AS customer_id, pb.playbook, pb.k,
       DATE '1997-07-01' + (abs(hashint8(c.id * 11 + pb.k)) % 330)::int AS started_on,
       abs(hashint8(c.id * 13 + pb.k)) % 1000 < 100 AS held_out,
       abs(hashint8(c.id * 17 + pb.k)) % 1000 AS u,
       abs(hashint8(c.id * 19 + pb.k)) AS v,
       NULL::bigint AS offer_id, NULL::text AS code, NULL::int AS valid_days
FROM customers c
CROSS JOIN (VALUES ('lapsing-check-in', 1, 300), ('dormant-win-back', 2, 250),
                   ('lost-exit-survey', 3, 150)) pb (playbook, k, per_mille)
WHERE abs(hashint8(c.id * 7 + pb.k)) % 1000 < pb.per_mille
;;
-- the dormant win-back's offer: two in three 15% off for 30 days, one in three 10 off for 14
UPDATE bench_enr SET
    code = 'Z' || translate(lpad(to_hex(n), 12, '0'), '0123456789abcdef', '23456789ABCDEFGH'),
    valid_days = CASE WHEN v % 3 < 2 THEN 30 ELSE 14 END
WHERE playbook = 'dormant-win-back' AND NOT held_out
;;
INSERT INTO offers (code, customer_id, kind, value, currency, issued_at, expires_at, playbook,
                    step, budget_cost)
SELECT e.code, e.customer_id, CASE WHEN e.valid_days = 30 THEN 'percent' ELSE 'amount' END,
       CASE WHEN e.valid_days = 30 THEN 15 ELSE 10 END,
       CASE WHEN e.valid_days = 30 THEN NULL ELSE 'USD' END,
       e.started_on::timestamp AT TIME ZONE 'UTC',
       (e.started_on + e.valid_days)::timestamp AT TIME ZONE 'UTC', 'dormant-win-back', '0', 10
FROM bench_enr e WHERE e.code IS NOT NULL
;;
UPDATE bench_enr e SET offer_id = f.id FROM offers f WHERE f.code = e.code
;;
INSERT INTO enrollments (customer_id, playbook, cycle, trigger, started_on, status, next_step,
                         offer_id, ended_on, end_reason)
SELECT customer_id, playbook, started_on, 'bench', started_on,
       CASE WHEN held_out THEN 'held_out' ELSE 'completed' END,
       CASE WHEN held_out THEN 0 ELSE 4 END, offer_id,
       CASE WHEN held_out THEN started_on ELSE started_on + 14 END,
       CASE WHEN held_out THEN 'held out' ELSE 'every step done' END
FROM bench_enr
;;
-- the contacts the steps made: lapsing-check-in an email (step 0) and a call 14 days later
-- (step 2); dormant-win-back an email (step 1) and a letter 10 days later (step 3);
-- lost-exit-survey a survey email (step 0)
INSERT INTO contacts (customer_id, contacted_on, channel, source, note, playbook, step)
SELECT e.customer_id, e.started_on + s.after, s.channel, 'outreach', 'bench', e.playbook, s.step
FROM bench_enr e
JOIN (VALUES ('lapsing-check-in', 0, 0, 'email'), ('lapsing-check-in', 2, 14, 'call'),
             ('dormant-win-back', 1, 0, 'email'), ('dormant-win-back', 3, 10, 'letter'),
             ('lost-exit-survey', 0, 0, 'email')) s (playbook, step, after, channel)
  ON s.playbook = e.playbook
WHERE NOT e.held_out
;;
-- comebacks with a planted lift, per mille contacted / held out: lapsing 220 / 180, dormant
-- 140 / 90, lost 50 / 40; an order 1 to 30 days after the start, 20 to 200; three in five of
-- the dormant comebacks that had an offer use its code while it is valid
CREATE TABLE bench_back AS
SELECT e.*, e.started_on + 1 + (e.v % (CASE WHEN e.valid_days = 14 THEN 13 ELSE 30 END))::int
           AS back_on,
       round((20 + (e.v / 7) % 18000 / 100.0)::numeric, 2) AS amount,
       e.code IS NOT NULL AND (e.v / 11) % 5 < 3 AS uses_code
FROM bench_enr e
WHERE e.u < CASE e.playbook
              WHEN 'lapsing-check-in' THEN CASE WHEN e.held_out THEN 180 ELSE 220 END
              WHEN 'dormant-win-back' THEN CASE WHEN e.held_out THEN 90 ELSE 140 END
              ELSE CASE WHEN e.held_out THEN 40 ELSE 50 END END
;;
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency,
                    offer_code)
SELECT 'rb-back-' || n, customer_id, back_on::timestamp AT TIME ZONE 'UTC', back_on, amount, 'USD',
       CASE WHEN uses_code THEN code END
FROM bench_back
;;
-- two in five come back again 20 to 89 days later, up to the end of the log
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency)
SELECT 'rb-again-' || n, customer_id,
       (back_on + 20 + (v / 13) % 70)::timestamp AT TIME ZONE 'UTC', back_on + 20 + ((v / 13) % 70)::int,
       round((15 + (v / 17) % 15000 / 100.0)::numeric, 2), 'USD'
FROM bench_back
WHERE (v / 19) % 5 < 2 AND back_on + 20 + ((v / 13) % 70)::int <= DATE '1998-06-30'
;;
-- filler orders of customers at random, up to 10 million orders in all
INSERT INTO orders (external_id, customer_id, ordered_at, order_date, amount, currency)
SELECT 'rb-fill-' || g, 1 + abs(hashint8(g * 23)) % 1000000,
       (DATE '1997-07-01' + (abs(hashint8(g * 29)) % 365)::int)::timestamp AT TIME ZONE 'UTC',
       DATE '1997-07-01' + (abs(hashint8(g * 29)) % 365)::int,
       round((5 + abs(hashint8(g * 31)) % 20000 / 100.0)::numeric, 2), 'USD'
FROM generate_series(1, 10000000 - (SELECT count(*) FROM orders)) g
;;
UPDATE offers f SET status = 'redeemed', redeemed_at = o.ordered_at, redeemed_order_id = o.id,
    cost = CASE WHEN f.kind = 'percent' THEN round(o.amount * f.value / 100, 4)
                ELSE least(f.value, o.amount) END,
    cost_currency = o.currency
FROM orders o
WHERE o.external_id LIKE 'rb-back-%' AND o.offer_code IS NOT NULL AND f.code = o.offer_code
  AND f.status = 'issued'
;;
UPDATE offers SET status = 'expired' WHERE status = 'issued' AND expires_at <= '1998-07-02'
;;
INSERT INTO recoveries (customer_id, order_id, recovered_on, from_state, value_at_risk)
SELECT b.customer_id, o.id, b.back_on,
       CASE b.playbook WHEN 'lapsing-check-in' THEN 'lapsing' WHEN 'dormant-win-back' THEN 'dormant'
                       ELSE 'lost' END,
       50 + b.v % 500
FROM bench_back b JOIN orders o ON o.external_id = 'rb-back-' || b.n
;;
-- slides into lost: one customer in seven moves active -> lapsing on a day D (1997-08-01 plus
-- up to 199 days) with a value at risk of 50 to 949; two in three then go dormant 45 days later
-- and lost 75 days after that, the others lost straight from lapsing 90 days after D
CREATE TABLE bench_slide AS
SELECT id AS customer_id, DATE '1997-08-01' + (abs(hashint8(id * 37)) % 200)::int AS d,
       50 + abs(hashint8(id * 41)) % 900 AS var, abs(hashint8(id * 43)) % 3 < 2 AS via_dormant
FROM customers WHERE abs(hashint8(id * 47)) % 7 = 0
;;
INSERT INTO lifecycle_transitions (customer_id, from_state, to_state, on_date, value_at_risk, reason)
SELECT customer_id, f, t, d + after, var * w, 'bench'
FROM bench_slide
CROSS JOIN LATERAL (VALUES ('active', 'lapsing', 0, 1.0, true),
                           ('lapsing', 'dormant', 45, 0.8, via_dormant),
                           ('dormant', 'lost', 120, 0.5, via_dormant),
                           ('lapsing', 'lost', 90, 0.6, NOT via_dormant)) x (f, t, after, w, keep)
WHERE keep
ORDER BY customer_id, after
;;
DROP TABLE bench_enr, bench_back, bench_slide
;;
VACUUM ANALYZE orders
;;
VACUUM ANALYZE enrollments
;;
VACUUM ANALYZE contacts
;;
VACUUM ANALYZE offers
;;
VACUUM ANALYZE recoveries
;;
VACUUM ANALYZE lifecycle_transitions
;;
SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM enrollments) AS enrollments,
       (SELECT count(*) FROM offers WHERE status = 'redeemed') AS redeemed,
       (SELECT count(*) FROM recoveries) AS recoveries,
       (SELECT count(*) FROM lifecycle_transitions WHERE to_state = 'lost' AND from_state IN ('lapsing', 'dormant')) AS slides
