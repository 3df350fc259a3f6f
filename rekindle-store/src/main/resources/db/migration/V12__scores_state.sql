-- Issue 6: the dashboard's customer list filtered by lifecycle state with a million customers
-- (docs/web.md, "Customers"). A run's scores keep the state the run gave each customer, so that a
-- state's customers can be walked in the list's orders by index: joining every score to
-- lifecycle_states to find, say, the lapsing ones in P(alive) order read most of the run's
-- scores before the first page was full.

ALTER TABLE scores ADD COLUMN state text;

-- the runs before this migration: each customer's state is kept with the run that wrote it (the
-- latest run writes every scored customer's), and an older run's scores keep none
UPDATE scores s SET state = ls.state
  FROM lifecycle_states ls
 WHERE ls.customer_id = s.customer_id AND ls.run_id = s.run_id;

CREATE INDEX scores_run_state_value_at_risk
    ON scores (run_id, state, value_at_risk DESC NULLS LAST, customer_id);
CREATE INDEX scores_run_state_p_alive ON scores (run_id, state, p_alive, customer_id);
