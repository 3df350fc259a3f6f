-- Account dormancy gets its history and the policy it was computed with; contacts are recorded so
-- "nobody has contacted them" can be answered. docs/store.md explains every table; keep the two in
-- step.

-- the clock of a credit account runs from its last order or from its last reactivation by
-- command, whichever is later; the policy is kept so a reactivation by command can restart it
ALTER TABLE account_dormancy
    ADD COLUMN reactivated_on date,
    ADD COLUMN status_since   date,
    ADD COLUMN policy_days    integer CHECK (policy_days > 0),
    ADD COLUMN notice_days    integer CHECK (notice_days >= 0);
CREATE INDEX account_dormancy_notice_due ON account_dormancy (notice_due) WHERE status <> 'dormant';

-- every notice that fell due, every account that went dormant, every reactivation: who or what
-- did it and why
CREATE TABLE account_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    event        text   NOT NULL CHECK (event IN ('notice_due', 'dormant', 'reactivated')),
    on_date      date   NOT NULL,
    source       text   NOT NULL CHECK (source IN ('run', 'order', 'command')),
    run_id       bigint REFERENCES runs (id),
    note         text   NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_events_customer ON account_events (customer_id, on_date);

-- a touch: a call, a letter, an email, a visit. Outreach will write its own here too.
CREATE TABLE contacts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id   bigint NOT NULL REFERENCES customers (id),
    contacted_on  date   NOT NULL,
    channel       text   NOT NULL
                  CHECK (channel IN ('email', 'letter', 'call', 'sms', 'visit', 'other')),
    source        text   NOT NULL CHECK (source <> ''),
    note          text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_customer ON contacts (customer_id, contacted_on);
