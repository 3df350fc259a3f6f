-- Outreach: who each playbook started for and where they are in it, the persistent holdout
-- assignments, every decision of the contact policy with its reason, the outbox of emails and
-- letters, and the reps' call tasks. docs/store.md explains every table; keep the two in step.

-- a persistent random assignment per customer and playbook: held out customers get nothing from
-- the playbook, ever, so the results can compare them with those reached
CREATE TABLE playbook_holdout (
    customer_id  bigint           NOT NULL REFERENCES customers (id),
    playbook     text             NOT NULL,
    held_out     boolean          NOT NULL,
    -- the uniform draw and the share it was compared with
    draw         double precision NOT NULL CHECK (draw >= 0 AND draw < 1),
    share        double precision NOT NULL CHECK (share >= 0 AND share <= 0.5),
    assigned_on  date             NOT NULL,
    PRIMARY KEY (customer_id, playbook)
);

-- a customer's run through a playbook, once per trigger occurrence (the cycle: the day they
-- entered the state, the day the account goes dormant, the birthday, the day a cadence fell due)
CREATE TABLE enrollments (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint  NOT NULL REFERENCES customers (id),
    playbook    text    NOT NULL,
    cycle       date    NOT NULL,
    trigger     text    NOT NULL,
    started_on  date    NOT NULL,
    status      text    NOT NULL CHECK (status IN ('active', 'completed', 'stopped', 'held_out')),
    -- the index of the next step in the playbook, and the day it is due
    next_step   integer NOT NULL DEFAULT 0 CHECK (next_step >= 0),
    next_due    date,
    -- the offer an offer step made, carried by the playbook's next message or call
    offer_id    bigint  REFERENCES offers (id),
    ended_on    date,
    end_reason  text,
    UNIQUE (customer_id, playbook, cycle),
    CHECK ((status = 'active') = (ended_on IS NULL))
);
-- at most one run through a playbook at a time per customer
CREATE UNIQUE INDEX enrollments_one_active ON enrollments (customer_id, playbook)
    WHERE status = 'active';
CREATE INDEX enrollments_due ON enrollments (next_due) WHERE status = 'active';

-- every decision a plan made: queued, or why not
CREATE TABLE plan_decisions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    planned_on  date   NOT NULL,
    customer_id bigint NOT NULL REFERENCES customers (id),
    playbook    text   NOT NULL,
    cycle       date   NOT NULL,
    -- the step's index; NULL for a decision about the whole run (started, held out, stopped)
    step        integer,
    action      text   NOT NULL CHECK (action IN ('start', 'email', 'letter', 'call', 'offer',
                                                  'survey', 'wait')),
    decision    text   NOT NULL CHECK (decision IN ('started', 'held_out', 'stopped', 'completed',
                                                    'queued', 'issued', 'skipped', 'deferred')),
    reason      text   NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_decisions_customer ON plan_decisions (customer_id, planned_on);
CREATE INDEX plan_decisions_day ON plan_decisions (planned_on, decision);

-- what an offer may cost, counted against the offer budget when it is made (a percentage's
-- estimate uses the customer's average order)
ALTER TABLE offers ADD COLUMN budget_cost numeric(19,4) CHECK (budget_cost >= 0);

-- every email and letter to go out. The dedupe key (customer, playbook, step, cycle) makes
-- planning twice queue once. An email is claimed (by a runner, in batches), then marked
-- 'sending' in its own committed transaction before the SMTP conversation starts, and 'sent'
-- after the server's 250; a 'sending' row found by the next runner is 'uncertain' and waits for
-- a person's decision. A letter is 'queued' until its batch is printed.
CREATE TABLE outbox (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key    text        NOT NULL UNIQUE,
    enrollment_id bigint      REFERENCES enrollments (id),
    customer_id   bigint      NOT NULL REFERENCES customers (id),
    playbook      text        NOT NULL,
    step          integer     NOT NULL,
    cycle         date        NOT NULL,
    channel       text        NOT NULL CHECK (channel IN ('email', 'letter')),
    template      text        NOT NULL,
    -- an email's subject from the playbook; NULL takes the template's subject
    subject       text,
    -- an email: the address (normalised); a letter: the postal address, one line per line
    address       text        NOT NULL CHECK (address <> ''),
    recipient     text        NOT NULL,
    -- the message's values, fixed when it was queued (the business's and the links are added
    -- when it is rendered)
    vars          jsonb       NOT NULL,
    offer_id      bigint      REFERENCES offers (id),
    -- chosen when queued, so a deliberate resend carries the same one
    message_id    text        UNIQUE,
    status        text        NOT NULL DEFAULT 'queued'
                              CHECK (status IN ('queued', 'claimed', 'sending', 'sent', 'retry',
                                                'failed', 'uncertain', 'suppressed', 'cancelled',
                                                'printed')),
    queued_on     date        NOT NULL,
    not_before    timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_reply    text,
    claimed_by    text,
    sent_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((channel = 'email') = (message_id IS NOT NULL)),
    CHECK (status NOT IN ('claimed', 'sending', 'sent', 'retry', 'uncertain') OR channel = 'email'),
    CHECK (status <> 'printed' OR channel = 'letter'),
    CHECK ((status IN ('sent', 'printed')) = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_ready ON outbox (not_before, id) WHERE status IN ('queued', 'retry');
CREATE INDEX outbox_customer ON outbox (customer_id, queued_on);
CREATE INDEX outbox_attention ON outbox (status) WHERE status IN ('claimed', 'sending', 'uncertain');

-- a call for a rep (or the pool) to make, with what to talk about, and how it went
CREATE TABLE call_tasks (
    id             bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key     text             NOT NULL UNIQUE,
    enrollment_id  bigint           REFERENCES enrollments (id),
    customer_id    bigint           NOT NULL REFERENCES customers (id),
    playbook       text             NOT NULL,
    step           integer          NOT NULL,
    cycle          date             NOT NULL,
    -- the rep; NULL for the pool
    assigned_to    text,
    phone          text             NOT NULL CHECK (phone <> ''),
    due_on         date             NOT NULL,
    value_at_risk  double precision,
    talking_points text,
    offer_id       bigint           REFERENCES offers (id),
    status         text             NOT NULL DEFAULT 'open'
                                    CHECK (status IN ('open', 'done', 'cancelled')),
    outcome        text             CHECK (outcome IN ('reached', 'voicemail', 'no_answer',
                                                       'wrong_number', 'will_order',
                                                       'do_not_contact', 'reason_for_leaving')),
    outcome_note   text,
    logged_by      text,
    logged_at      timestamptz,
    created_at     timestamptz      NOT NULL DEFAULT now(),
    CHECK ((status = 'done') = (outcome IS NOT NULL AND logged_at IS NOT NULL))
);
CREATE INDEX call_tasks_open ON call_tasks (assigned_to, value_at_risk DESC) WHERE status = 'open';
CREATE INDEX call_tasks_customer ON call_tasks (customer_id);

-- a contact made by outreach names what made it, for the results
ALTER TABLE contacts
    ADD COLUMN playbook     text,
    ADD COLUMN step         integer,
    ADD COLUMN outbox_id    bigint UNIQUE REFERENCES outbox (id),
    ADD COLUMN call_task_id bigint UNIQUE REFERENCES call_tasks (id);
