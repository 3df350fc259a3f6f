-- Issue 6: who may use the dashboard and the API, and what they changed.

-- People who log in to the dashboard. A rep answers for the customers whose owner_rep is their
-- rep name; a manager and an admin see every customer; only an admin manages users and keys.
CREATE TABLE users (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login          text        NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    name           text,
    role           text        NOT NULL CHECK (role IN ('admin', 'manager', 'rep')),
    rep            text        CHECK (rep IS NULL OR btrim(rep) <> ''),
    -- Argon2id in the PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
    password_hash  text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    disabled_at    timestamptz,
    CHECK (role <> 'rep' OR rep IS NOT NULL)
);
CREATE UNIQUE INDEX users_login ON users (login);

-- A logged-in browser. The cookie holds a random token; only its SHA-256 is kept, so a copy of
-- the database does not let anyone in. csrf_token is the synchronizer token every form carries.
CREATE TABLE web_sessions (
    token_hash   bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

-- Machine clients of the REST API (a till, a web shop). The key is shown once when made; only
-- its SHA-256 is kept (a 256-bit random key needs no slow hash), and its first characters
-- (prefix) to tell keys apart in a list.
CREATE TABLE api_keys (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL CHECK (btrim(name) <> ''),
    prefix      text        NOT NULL,
    key_hash    bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Who changed what, append-only. actor is kept as text ("user ann", "key till-1", "cli") so
-- the entry outlives the user or key it names.
CREATE TABLE audit_log (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    subject   text,
    detail    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
