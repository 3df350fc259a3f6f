-- Addresses nothing may be sent to: unsubscribed, bounced, complained about, or marked do not
-- contact. docs/store.md explains; keep the two in step.

CREATE TABLE suppressions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel     text        NOT NULL CHECK (channel IN ('email', 'letter', 'phone', 'sms')),
    -- normalised: an email address in lower case, a phone number as + and digits
    address     text        NOT NULL CHECK (address <> ''),
    reason      text        NOT NULL CHECK (reason IN ('unsubscribed', 'complained', 'bounced',
                                                       'do_not_contact', 'wrong_number')),
    source      text        NOT NULL CHECK (source IN ('customer', 'complaint', 'bounce', 'staff',
                                                       'import', 'system')),
    actor       text        NOT NULL,
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    lifted_at   timestamptz,
    lifted_by   text,
    lift_source text,
    lift_note   text,
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
-- one standing suppression per address and channel
CREATE UNIQUE INDEX suppressions_standing ON suppressions (channel, address) WHERE lifted_at IS NULL;

-- a suppression is lifted, never deleted; what the customer asked for only the customer lifts
CREATE FUNCTION rekindle_guard_suppressions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'suppressions are lifted, never deleted';
    END IF;
    IF (OLD.channel, OLD.address, OLD.reason, OLD.source, OLD.actor, OLD.note, OLD.created_at)
       IS DISTINCT FROM (NEW.channel, NEW.address, NEW.reason, NEW.source, NEW.actor, NEW.note,
                         NEW.created_at)
       OR OLD.lifted_at IS NOT NULL THEN
        RAISE EXCEPTION 'a suppression is only ever lifted, once';
    END IF;
    IF OLD.reason IN ('unsubscribed', 'complained') AND NEW.lift_source IS DISTINCT FROM 'customer' THEN
        RAISE EXCEPTION 'only the customer can lift a suppression they asked for (%)', OLD.reason;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER suppressions_guard BEFORE UPDATE OR DELETE ON suppressions
    FOR EACH ROW EXECUTE FUNCTION rekindle_guard_suppressions();
