-- Feedback and service recovery, and exit-survey answers (issue 5): what customers told us, the
-- case opened when it was bad, and why ex-customers say they left. docs/store.md explains every
-- table; keep the two in step.

-- feedback comes in by file too
ALTER TABLE import_batches DROP CONSTRAINT import_batches_kind_check;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_kind_check
    CHECK (kind IN ('customers', 'orders', 'feedback'));

-- a complaint, a review, a remark: from a file, by hand, or (later) through the API
CREATE TABLE feedback (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the source's own id (a review site's), so importing a file twice adds nothing; NULL for an
    -- entry by hand
    external_id  text        UNIQUE CHECK (external_id <> ''),
    customer_id  bigint      NOT NULL REFERENCES customers (id),
    -- where it came from: a review site, 'phone', 'email', 'manual', ...
    source       text        NOT NULL CHECK (source <> ''),
    -- on a scale of 1 to 5; NULL when the feedback has none (a complaint by phone)
    rating       smallint    CHECK (rating BETWEEN 1 AND 5),
    text         text,
    received_on  date        NOT NULL,
    -- marked negative by whoever entered it, whatever the rating
    flagged      boolean     NOT NULL DEFAULT false,
    batch_id     bigint      REFERENCES import_batches (id),
    entered_by   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (rating IS NOT NULL OR text IS NOT NULL OR flagged)
);
CREATE INDEX feedback_customer ON feedback (customer_id, received_on);
CREATE INDEX feedback_received ON feedback (received_on);

-- a service-recovery case, opened by negative feedback (rating <= 2 or flagged): who is on it,
-- when the first contact is due (the SLA), whether it was escalated, and how it ended. While a
-- customer has an open case, no sales offer goes to them.
CREATE TABLE cases (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feedback_id       bigint      NOT NULL UNIQUE REFERENCES feedback (id),
    customer_id       bigint      NOT NULL REFERENCES customers (id),
    -- the customer's rep when opened; NULL for the pool
    assigned_to       text,
    opened_at         timestamptz NOT NULL,
    -- the first contact is due by then
    due_at            timestamptz NOT NULL,
    first_contact_at  timestamptz,
    -- the SLA was missed: when it was noticed and to whom it went
    escalated_at      timestamptz,
    escalated_to      text,
    closed_at         timestamptz,
    outcome           text        CHECK (outcome IN ('resolved', 'unresolved', 'no_response',
                                                     'duplicate')),
    outcome_note      text,
    CHECK (due_at > opened_at),
    CHECK ((closed_at IS NULL) = (outcome IS NULL)),
    CHECK (closed_at IS NULL OR closed_at >= opened_at),
    CHECK ((escalated_at IS NULL) = (escalated_to IS NULL))
);
CREATE INDEX cases_open ON cases (customer_id) WHERE closed_at IS NULL;
CREATE INDEX cases_due ON cases (due_at)
    WHERE closed_at IS NULL AND first_contact_at IS NULL AND escalated_at IS NULL;

-- what was done on a case, by whom, in order: the case's own record
CREATE TABLE case_actions (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id   bigint      NOT NULL REFERENCES cases (id),
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL CHECK (actor <> ''),
    action    text        NOT NULL CHECK (action IN ('opened', 'contacted', 'note', 'escalated',
                                                     'reassigned', 'closed', 'reopened')),
    note      text
);
CREATE INDEX case_actions_case ON case_actions (case_id, at);

-- why an ex-customer says they left: from the survey page (one answer per customer's token, a
-- resubmission replaces it) or recorded by a rep from a call. The customer's lifecycle state,
-- segment and rep when they answered are kept, so the patterns count them as they were.
CREATE TABLE survey_answers (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id      bigint      NOT NULL REFERENCES customers (id),
    source           text        NOT NULL CHECK (source IN ('survey', 'call')),
    reason           text        CHECK (reason IN ('price', 'service', 'quality', 'delivery',
                                                   'moved_or_closed', 'competitor', 'not_needed',
                                                   'forgot', 'other')),
    -- would they come back
    come_back        text        CHECK (come_back IN ('yes', 'maybe', 'no')),
    -- what would bring them back, and anything else they wrote, in their words
    bring_back       text,
    comment          text,
    lifecycle_state  text,
    segment          text,
    owner_rep        text,
    -- the call the answer was recorded from, and the rep who recorded it
    call_task_id     bigint      REFERENCES call_tasks (id),
    recorded_by      text,
    answered_at      timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- how many times it was resubmitted
    revisions        integer     NOT NULL DEFAULT 0 CHECK (revisions >= 0),
    UNIQUE (customer_id, source),
    CHECK (reason IS NOT NULL OR come_back IS NOT NULL OR bring_back IS NOT NULL
           OR comment IS NOT NULL),
    -- a survey answer is the customer's own: no call, no recorder
    CHECK (source = 'call' OR (call_task_id IS NULL AND recorded_by IS NULL))
);
CREATE INDEX survey_answers_answered ON survey_answers (answered_at);
