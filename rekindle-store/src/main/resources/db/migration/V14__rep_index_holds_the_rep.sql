-- Issue 6: a rep's customer list with a million customers (docs/web.md, "Customers"). The list
-- counts a rep's accounts (up to a limit) to choose how to read their page. With the folded rep
-- alone in its index (V11), PostgreSQL preferred an index-only scan of the plain owner_rep index
-- and folded every customer's rep to compare it: 290 ms for a rep whose name sorts late, on every
-- page a rep opened. Holding the rep itself in the folded index lets the count be an index-only
-- scan of the rep's entries alone (4 ms).
DROP INDEX customers_owner_rep_folded;
CREATE INDEX customers_owner_rep_folded ON customers (lower(btrim(owner_rep))) INCLUDE (owner_rep);

-- The planner's statistics of the folded rep (an expression index has its own) and of the state
-- V12 put on the scores: without them it took a rep for one customer in 200 and a state for one
-- score in 200, and read a rep's 25,000 accounts, or all 43,000 dormant scores, before sorting
-- them for a page it could have found by walking 2,400 scores in order (280 ms against 57 ms).
-- Autovacuum would gather them only after a tenth of the table had changed.
ANALYZE customers;
ANALYZE scores;
