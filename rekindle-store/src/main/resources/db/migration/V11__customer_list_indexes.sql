-- Issue 6: the dashboard's customer list with a million customers (docs/web.md, "Customers").
-- The list shows the latest run's scores a page at a time, searched and filtered; these indexes
-- let its first pages read a page's worth of rows instead of every customer.

-- the default order, and P(alive): a page walks the run's scores in order and stops
CREATE INDEX scores_run_value_at_risk ON scores (run_id, value_at_risk DESC NULLS LAST, customer_id);
CREATE INDEX scores_run_p_alive ON scores (run_id, p_alive, customer_id);

-- a rep's own accounts, compared as a user's rep name is (trimmed, case ignored)
CREATE INDEX customers_owner_rep_folded ON customers (lower(btrim(owner_rep)));

-- the customers in one lifecycle state (a rare state is found without walking all the scores)
CREATE INDEX lifecycle_states_state ON lifecycle_states (state, customer_id);

-- the search: an email as typed, any part of a name (trigrams; pg_trgm is a trusted extension,
-- which the owner of the database may create)
CREATE INDEX customers_email_folded ON customers (lower(email));
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customers_name_trigrams ON customers USING gin (name gin_trgm_ops);
