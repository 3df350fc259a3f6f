-- Consent per channel keeps its whole history, and a customer's own "stop" cannot be undone by
-- anyone but the customer. docs/store.md explains; keep the two in step.

-- every change of consent: who, what, where it came from, when. Rows are never changed or deleted.
CREATE TABLE consent_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint      NOT NULL REFERENCES customers (id),
    channel      text        NOT NULL CHECK (channel IN ('email', 'letter', 'phone', 'sms')),
    granted      boolean     NOT NULL,
    -- customer: they said so (a link, a form, a call); complaint: they reported spam;
    -- staff, import, system: someone or something on the business's side
    source       text        NOT NULL
                 CHECK (source IN ('customer', 'complaint', 'staff', 'import', 'system')),
    actor        text        NOT NULL,
    note         text,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_events_customer ON consent_events (customer_id, channel, id);

CREATE FUNCTION rekindle_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: its rows are never changed or deleted', TG_TABLE_NAME;
END $$;
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
    FOR EACH ROW EXECUTE FUNCTION rekindle_append_only();

-- whether the customer's latest word on a channel was their own "stop"
CREATE FUNCTION rekindle_customer_opted_out(customer bigint, chan text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT NOT granted AND source IN ('customer', 'complaint')
                     FROM consent_events WHERE customer_id = customer AND channel = chan
                     ORDER BY id DESC LIMIT 1), false)
$$;

-- who is changing consent, for the log: set with SET LOCAL by the code that writes; a change
-- made any other way is logged as staff, by the database user
CREATE FUNCTION rekindle_consent_source() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('rekindle.consent_source', true), ''), 'staff')
$$;
CREATE FUNCTION rekindle_consent_actor() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('rekindle.actor', true), ''), current_user::text)
$$;

-- only the customer can take back their own "stop": any other attempt leaves consent off
CREATE FUNCTION rekindle_keep_opt_outs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF rekindle_consent_source() NOT IN ('customer') THEN
        IF NEW.consent_email AND NOT OLD.consent_email
           AND rekindle_customer_opted_out(NEW.id, 'email') THEN
            NEW.consent_email := false;
        END IF;
        IF NEW.consent_letter AND NOT OLD.consent_letter
           AND rekindle_customer_opted_out(NEW.id, 'letter') THEN
            NEW.consent_letter := false;
        END IF;
        IF NEW.consent_phone AND NOT OLD.consent_phone
           AND rekindle_customer_opted_out(NEW.id, 'phone') THEN
            NEW.consent_phone := false;
        END IF;
        IF NEW.consent_sms AND NOT OLD.consent_sms
           AND rekindle_customer_opted_out(NEW.id, 'sms') THEN
            NEW.consent_sms := false;
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER customers_keep_opt_outs BEFORE UPDATE OF consent_email, consent_letter,
    consent_phone, consent_sms ON customers
    FOR EACH ROW EXECUTE FUNCTION rekindle_keep_opt_outs();

-- every change of a consent column is logged, whoever makes it
CREATE FUNCTION rekindle_log_consent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    note text := nullif(current_setting('rekindle.consent_note', true), '');
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- a minimal record made by an order import has the defaults, which nobody chose
        IF NEW.minimal THEN
            RETURN NEW;
        END IF;
        INSERT INTO consent_events (customer_id, channel, granted, source, actor, note)
        SELECT NEW.id, c.channel, c.granted, rekindle_consent_source(), rekindle_consent_actor(), note
        FROM (VALUES ('email', NEW.consent_email), ('letter', NEW.consent_letter),
                     ('phone', NEW.consent_phone), ('sms', NEW.consent_sms)) c (channel, granted);
        RETURN NEW;
    END IF;
    -- a minimal record becoming a full one: its consents are said for the first time
    IF OLD.minimal AND NOT NEW.minimal THEN
        INSERT INTO consent_events (customer_id, channel, granted, source, actor, note)
        SELECT NEW.id, c.channel, c.granted, rekindle_consent_source(), rekindle_consent_actor(), note
        FROM (VALUES ('email', NEW.consent_email), ('letter', NEW.consent_letter),
                     ('phone', NEW.consent_phone), ('sms', NEW.consent_sms)) c (channel, granted);
        RETURN NEW;
    END IF;
    INSERT INTO consent_events (customer_id, channel, granted, source, actor, note)
    SELECT NEW.id, c.channel, c.now, rekindle_consent_source(), rekindle_consent_actor(), note
    FROM (VALUES ('email', OLD.consent_email, NEW.consent_email),
                 ('letter', OLD.consent_letter, NEW.consent_letter),
                 ('phone', OLD.consent_phone, NEW.consent_phone),
                 ('sms', OLD.consent_sms, NEW.consent_sms)) c (channel, was, now)
    WHERE c.was IS DISTINCT FROM c.now;
    RETURN NEW;
END $$;
CREATE TRIGGER customers_log_consent AFTER INSERT OR UPDATE OF consent_email, consent_letter,
    consent_phone, consent_sms, minimal ON customers
    FOR EACH ROW EXECUTE FUNCTION rekindle_log_consent();
