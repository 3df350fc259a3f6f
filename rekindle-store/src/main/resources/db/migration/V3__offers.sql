-- Offers: single-use codes given to customers, what they offer, and their redemption with what it
-- cost. docs/store.md explains the table and its rules; keep the two in step.

-- A typed offer code in its stored form, or NULL when it is not one: the rules of
-- org.rekindle.core.offer.OfferCode.parse (OffersTest.sqlNormaliser_agreesWithTheJavaOne holds the
-- two to the same answers):
-- spaces and dashes dropped, ASCII lower case as upper case, U as V, then exactly 13 symbols of
-- 23456789ABCDEFGHJKMNPQRSTVWXYZ. translate() maps the first 27 characters and deletes the rest.
CREATE FUNCTION offer_code_normal(typed text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN c ~ '^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{13}$' THEN c END
    FROM (SELECT translate(typed,
                           'abcdefghijklmnopqrstuvwxyzU'
                               || E' \t\r\n\u00A0\u2007\u202F-\u2010\u2011\u2012\u2013\u2014\u2015\u2212',
                           'ABCDEFGHIJKLMNOPQRSTVVWXYZV') AS c) t
$$;

CREATE TABLE offers (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the 13 symbols, without the dashes it is printed with
    code               text          NOT NULL UNIQUE
                                     CHECK (code ~ '^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{13}$'),
    customer_id        bigint        NOT NULL REFERENCES customers (id),
    kind               text          NOT NULL CHECK (kind IN ('percent', 'amount', 'free_service')),
    -- the percentage or the amount off; NULL for a free service
    value              numeric(19,4),
    -- of the amount or of the service's cost; NULL for a percentage, which takes the order's
    currency           text          CHECK (currency ~ '^[A-Z]{3}$'),
    description        text,
    -- a free service's nominal cost: what giving it costs the business
    service_cost       numeric(19,4),
    issued_at          timestamptz   NOT NULL,
    expires_at         timestamptz   NOT NULL,
    status             text          NOT NULL DEFAULT 'issued'
                                     CHECK (status IN ('issued', 'redeemed', 'expired', 'void')),
    redeemed_at        timestamptz,
    -- the order that redeemed it, when it is stored; one order redeems at most one offer
    redeemed_order_id  bigint        UNIQUE REFERENCES orders (id),
    -- what the redemption cost, in cost_currency
    cost               numeric(19,4) CHECK (cost >= 0),
    cost_currency      text          CHECK (cost_currency ~ '^[A-Z]{3}$'),
    -- where it came from, for the playbooks and the results
    playbook           text,
    step               text,
    -- redeemed by the customer's first order between issue and expiry, code or not
    any_order_in_window boolean      NOT NULL DEFAULT false,
    CHECK (expires_at > issued_at),
    CHECK ((kind = 'percent' AND value > 0 AND value <= 100 AND currency IS NULL
                AND service_cost IS NULL)
        OR (kind = 'amount' AND value > 0 AND currency IS NOT NULL AND service_cost IS NULL)
        OR (kind = 'free_service' AND value IS NULL AND service_cost >= 0 AND currency IS NOT NULL
                AND description IS NOT NULL AND description <> '')),
    -- redeemed exactly when it has a time and a cost; never otherwise
    CHECK ((status = 'redeemed') = (redeemed_at IS NOT NULL)),
    CHECK ((status = 'redeemed') = (cost IS NOT NULL AND cost_currency IS NOT NULL)),
    CHECK (redeemed_order_id IS NULL OR status = 'redeemed')
);
CREATE INDEX offers_customer ON offers (customer_id, issued_at);
CREATE INDEX offers_open ON offers (expires_at) WHERE status = 'issued';

-- the orders' codes as offers store them, for redemption by imported orders
CREATE INDEX orders_offer_code_normal ON orders (offer_code_normal(offer_code))
    WHERE offer_code IS NOT NULL;
