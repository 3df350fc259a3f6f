-- A suppression the customer asked for is theirs to lift, whatever its reason: V5 protected the
-- reasons only a customer gives (an unsubscribe, a complaint), so a "do not contact" the customer
-- said on a call (reason do_not_contact, source customer) could be lifted by staff. Now the source
-- counts too. docs/store.md explains; keep the two in step.

CREATE OR REPLACE FUNCTION rekindle_guard_suppressions() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF (OLD.reason IN ('unsubscribed', 'complained') OR OLD.source IN ('customer', 'complaint'))
       AND NEW.lift_source IS DISTINCT FROM 'customer' THEN
        RAISE EXCEPTION 'only the customer can lift a suppression they asked for (%, %)',
            OLD.reason, OLD.source;
    END IF;
    RETURN NEW;
END $$;
