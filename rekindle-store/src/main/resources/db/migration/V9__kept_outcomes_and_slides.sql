-- Kept for `rekindle results`, so that it reads facts written once instead of working them out
-- again over every order and every move (docs/results.md, "How long it takes"): what came of each
-- enrollment's window, and where each slide into lost began.

-- What came of an enrollment's window once it has closed: whether an order with an amount above
-- zero came in the window (the days after the start, up to the start plus the window), and the
-- window's revenue. The outcome depends only on the orders dated inside the window, so it holds
-- for any as-of date by which the window has ended. The daily run keeps it for the default window
-- (docs/results.md, "Kept outcomes"), so that `rekindle results` reads a million windows instead
-- of joining them with every order again; a window without a kept outcome is computed afresh.
CREATE TABLE enrollment_outcomes (
    enrollment_id bigint        NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    window_days   integer       NOT NULL CHECK (window_days > 0),
    -- the enrollment's own, copied so that the lift reads this table alone (joining a million
    -- outcomes back to their enrollments took longer than the rest of the lift together) and an
    -- order finds the outcomes it touches by its customer
    customer_id   bigint        NOT NULL,
    playbook      text          NOT NULL,
    held_out      boolean       NOT NULL,
    started_on    date          NOT NULL,
    offer_id      bigint,
    came_back     boolean       NOT NULL,
    revenue       numeric(19,4) NOT NULL,
    PRIMARY KEY (enrollment_id, window_days)
);
CREATE INDEX enrollment_outcomes_customer ON enrollment_outcomes (customer_id);

-- An enrollment whose copied columns change loses its kept outcomes (an offer made after the
-- window closed, say); they are computed afresh until the next run keeps them again.
CREATE FUNCTION enrollment_outcomes_forget_enrollment() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM enrollment_outcomes WHERE enrollment_id = OLD.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER enrollments_changed_forget_outcomes
    AFTER UPDATE ON enrollments
    FOR EACH ROW
    WHEN (OLD.offer_id IS DISTINCT FROM NEW.offer_id
          OR OLD.customer_id <> NEW.customer_id
          OR OLD.playbook <> NEW.playbook
          OR OLD.started_on <> NEW.started_on
          OR (OLD.status = 'held_out') <> (NEW.status = 'held_out'))
    EXECUTE FUNCTION enrollment_outcomes_forget_enrollment();

-- An order written, changed or removed drops the kept outcome of every window of its customer that
-- holds its date, before and after the change, in the same transaction: a late import of an
-- order inside a closed window, a corrected amount, a moved date. Once per statement, over the
-- statement's rows; with nothing kept (a first import) the join finds nothing to read. EXECUTE
-- plans the statement each time, with the size of this statement's rows rather than a plan kept
-- from a first, small one.
CREATE FUNCTION enrollment_outcomes_forget() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE 'DELETE FROM enrollment_outcomes k USING changed_orders x'
        ' WHERE k.customer_id = x.customer_id'
        ' AND x.order_date > k.started_on'
        ' AND x.order_date <= k.started_on + k.window_days';
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_inserted_forget_outcomes
    AFTER INSERT ON orders REFERENCING NEW TABLE AS changed_orders
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment_outcomes_forget();
CREATE TRIGGER orders_deleted_forget_outcomes
    AFTER DELETE ON orders REFERENCING OLD TABLE AS changed_orders
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment_outcomes_forget();
CREATE TRIGGER orders_updated_forget_outcomes_before
    AFTER UPDATE ON orders REFERENCING OLD TABLE AS changed_orders
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment_outcomes_forget();
CREATE TRIGGER orders_updated_forget_outcomes_after
    AFTER UPDATE ON orders REFERENCING NEW TABLE AS changed_orders
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment_outcomes_forget();

-- A move into lost from lapsing or dormant ends a slide: the slide began with the first move into
-- lapsing or dormant after the customer's last move into new, active, reactivated or lost before
-- it (in day and id order), and the value at risk then is what was lost (docs/results.md, "What was
-- lost"). Kept on the move itself, found when it is written from the moves before it, which never
-- change; with no such move the slide began on the day itself, at the move's own value at risk.
ALTER TABLE lifecycle_transitions
    ADD COLUMN slide_began         date,
    ADD COLUMN slide_value_at_risk double precision;

CREATE FUNCTION lifecycle_transitions_slide() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    reset_on date;
    reset_id bigint;
    began    date;
    at_risk  double precision;
    found_it boolean := false;
BEGIN
    SELECT t.on_date, t.id INTO reset_on, reset_id
        FROM lifecycle_transitions t
        WHERE t.customer_id = NEW.customer_id
          AND t.to_state IN ('new', 'active', 'reactivated', 'lost')
          AND (t.on_date, t.id) < (NEW.on_date, NEW.id)
        ORDER BY t.on_date DESC, t.id DESC
        LIMIT 1;
    SELECT t.on_date, t.value_at_risk, true INTO began, at_risk, found_it
        FROM lifecycle_transitions t
        WHERE t.customer_id = NEW.customer_id
          AND t.to_state IN ('lapsing', 'dormant')
          AND (t.on_date, t.id) < (NEW.on_date, NEW.id)
          AND (reset_on IS NULL OR (t.on_date, t.id) > (reset_on, reset_id))
        ORDER BY t.on_date, t.id
        LIMIT 1;
    IF found_it THEN
        NEW.slide_began := began;
        NEW.slide_value_at_risk := at_risk;
    ELSE
        NEW.slide_began := NEW.on_date;
        NEW.slide_value_at_risk := NEW.value_at_risk;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER lifecycle_transitions_slide
    BEFORE INSERT ON lifecycle_transitions
    FOR EACH ROW
    WHEN (NEW.to_state = 'lost' AND NEW.from_state IN ('lapsing', 'dormant'))
    EXECUTE FUNCTION lifecycle_transitions_slide();

-- the slides already recorded, by the same rule over each customer's moves at once
WITH t AS (
    SELECT t.id, t.customer_id, t.on_date, t.to_state, t.from_state, t.value_at_risk,
           count(*) FILTER (WHERE t.to_state IN ('new', 'active', 'reactivated', 'lost'))
               OVER (PARTITION BY t.customer_id ORDER BY t.on_date, t.id
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seg
    FROM lifecycle_transitions t
    WHERE t.customer_id IN (SELECT customer_id FROM lifecycle_transitions
                            WHERE to_state = 'lost' AND from_state IN ('lapsing', 'dormant'))),
b AS (
    SELECT DISTINCT ON (customer_id, seg) customer_id, seg, on_date AS began, value_at_risk
    FROM t WHERE to_state IN ('lapsing', 'dormant')
    ORDER BY customer_id, seg, on_date, id)
UPDATE lifecycle_transitions l
    SET slide_began = coalesce(b.began, t.on_date),
        slide_value_at_risk = CASE WHEN b.began IS NULL THEN t.value_at_risk ELSE b.value_at_risk END
    FROM t LEFT JOIN b ON b.customer_id = t.customer_id AND b.seg = t.seg
    WHERE l.id = t.id AND t.to_state = 'lost' AND t.from_state IN ('lapsing', 'dormant');

-- the slides into lost up to a day, for `rekindle results`, without reading every move
CREATE INDEX lifecycle_transitions_slides ON lifecycle_transitions (on_date)
    WHERE to_state = 'lost' AND from_state IN ('lapsing', 'dormant');
