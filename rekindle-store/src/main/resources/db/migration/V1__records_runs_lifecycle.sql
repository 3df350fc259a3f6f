-- Rekindle's records: customers and their orders, the imports that brought them, the daily runs
-- with the model they used and the scores they gave, and the lifecycle with its full history.
-- docs/store.md explains every table; keep the two in step.

CREATE TABLE customers (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_id     text        NOT NULL UNIQUE CHECK (external_id <> ''),
    name            text,
    email           text,
    phone           text,
    address_line1   text,
    address_line2   text,
    city            text,
    region          text,
    postal_code     text,
    country         text,
    birthday        date,
    customer_since  date,
    owner_rep       text,
    segment         text,
    tags            text[]      NOT NULL DEFAULT '{}',
    -- a B2B credit account can go dormant and be closed; a consumer cannot
    account_kind    text        NOT NULL DEFAULT 'consumer'
                                CHECK (account_kind IN ('consumer', 'credit_account')),
    time_zone       text,
    consent_email   boolean     NOT NULL DEFAULT false,
    consent_letter  boolean     NOT NULL DEFAULT true,
    consent_phone   boolean     NOT NULL DEFAULT false,
    consent_sms     boolean     NOT NULL DEFAULT false,
    -- created by an order for a customer no customer file had named yet
    minimal         boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_owner_rep ON customers (owner_rep);
CREATE INDEX customers_segment ON customers (segment);

CREATE TABLE import_batches (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('customers', 'orders')),
    file_name         text        NOT NULL,
    file_sha256       text,
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    status            text        NOT NULL DEFAULT 'running'
                                  CHECK (status IN ('running', 'completed', 'refused', 'failed')),
    rows_read         bigint      NOT NULL DEFAULT 0,
    inserted          bigint      NOT NULL DEFAULT 0,
    updated           bigint      NOT NULL DEFAULT 0,
    unchanged         bigint      NOT NULL DEFAULT 0,
    rejected          bigint      NOT NULL DEFAULT 0,
    customers_created bigint      NOT NULL DEFAULT 0,
    message           text
);

-- every bad row, with where it was and why
CREATE TABLE import_rejects (
    batch_id  bigint NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    line      bigint NOT NULL,
    reason    text   NOT NULL,
    raw       text   NOT NULL,
    PRIMARY KEY (batch_id, line)
);

CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_id  text          NOT NULL UNIQUE CHECK (external_id <> ''),
    customer_id  bigint        NOT NULL REFERENCES customers (id),
    ordered_at   timestamptz   NOT NULL,
    -- the business day of the order, in the business's time zone: what the models count
    order_date   date          NOT NULL,
    -- money is exact; a negative amount is a refund
    amount       numeric(19,4) NOT NULL,
    currency     text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    offer_code   text,
    batch_id     bigint        REFERENCES import_batches (id),
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_date ON orders (customer_id, order_date);
CREATE INDEX orders_offer_code ON orders (offer_code) WHERE offer_code IS NOT NULL;

-- a fitted model: reused by later runs until the data changes materially or it grows old
CREATE TABLE model_fits (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fitted_at         timestamptz      NOT NULL DEFAULT now(),
    as_of             date             NOT NULL,
    model             text             NOT NULL,
    params            jsonb            NOT NULL,
    standard_errors   jsonb,
    log_likelihood    double precision NOT NULL,
    converged         boolean          NOT NULL,
    spend_params      jsonb,
    diagnostics       jsonb            NOT NULL DEFAULT '{}',
    -- what the fit saw: customers, repeat purchases, the latest order, a hash of the summaries
    data_fingerprint  jsonb            NOT NULL
);

-- one daily run per as-of date
CREATE TABLE runs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    as_of        date        NOT NULL UNIQUE,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    status       text        NOT NULL DEFAULT 'running'
                             CHECK (status IN ('running', 'completed', 'failed')),
    fit_id       bigint      REFERENCES model_fits (id),
    -- why the model was refitted or reused, in words
    fit_decision text,
    customers    integer,
    timings      jsonb       NOT NULL DEFAULT '{}'
);

CREATE TABLE scores (
    run_id              bigint           NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    customer_id         bigint           NOT NULL REFERENCES customers (id),
    frequency           integer          NOT NULL,
    recency             double precision NOT NULL,
    age                 double precision NOT NULL,
    monetary            double precision NOT NULL,
    p_alive             double precision NOT NULL,
    expected_purchases  double precision NOT NULL,
    expected_spend      double precision,
    clv                 double precision,
    value_at_risk       double precision,
    days_since_last     double precision NOT NULL,
    usual_gap_days      double precision,
    overdue_ratio       double precision,
    lifecycle           text             NOT NULL,
    PRIMARY KEY (run_id, customer_id)
);

-- where each customer stands now
CREATE TABLE lifecycle_states (
    customer_id  bigint NOT NULL PRIMARY KEY REFERENCES customers (id),
    state        text   NOT NULL
                 CHECK (state IN ('new', 'active', 'lapsing', 'dormant', 'lost', 'reactivated')),
    since        date   NOT NULL,
    run_id       bigint REFERENCES runs (id)
);

-- how they got there: every change, when, and the numbers that triggered it
CREATE TABLE lifecycle_transitions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id    bigint           NOT NULL REFERENCES customers (id),
    from_state     text,
    to_state       text             NOT NULL,
    on_date        date             NOT NULL,
    run_id         bigint           REFERENCES runs (id),
    p_alive        double precision,
    overdue_ratio  double precision,
    value_at_risk  double precision,
    reason         text             NOT NULL
);
CREATE INDEX lifecycle_transitions_customer ON lifecycle_transitions (customer_id, on_date);

-- a customer who came back: the ledger the results are built on
CREATE TABLE recoveries (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id    bigint           NOT NULL REFERENCES customers (id),
    order_id       bigint           NOT NULL UNIQUE REFERENCES orders (id),
    recovered_on   date             NOT NULL,
    from_state     text             NOT NULL,
    value_at_risk  double precision,
    run_id         bigint           REFERENCES runs (id)
);

-- B2B credit accounts: when each would go dormant and when the notice is due
CREATE TABLE account_dormancy (
    customer_id  bigint NOT NULL PRIMARY KEY REFERENCES customers (id),
    last_order   date   NOT NULL,
    dormant_on   date   NOT NULL,
    notice_due   date   NOT NULL,
    status       text   NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'dormant', 'reactivated')),
    run_id       bigint REFERENCES runs (id)
);
