-- Dead letters recorded once, and refunds that can never exceed what was paid.

-- Every dead letter the worker published, byte for byte: a redelivered record (or a message id
-- seen again) re-publishes exactly this event and is never processed. The event id derives
-- from the record's coordinates and payload, so the same record always maps to one row.
CREATE TABLE dead_letters (
    event_id         uuid PRIMARY KEY,
    message_id       uuid,
    source_topic     text NOT NULL,
    source_partition integer NOT NULL,
    source_offset    bigint NOT NULL,
    code             text NOT NULL,
    kafka_key        bytea,
    payload          bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_message_idx ON dead_letters (message_id) WHERE message_id IS NOT NULL;

-- The refund state of an order as one comparable value: every refund that is not rejected
-- (id, status, amount) and every line's refunded amount. The worker reads it with the order
-- and compares it again, with the order row locked, in the transaction that commits its
-- decision: a decision taken on an older state is taken again.
CREATE FUNCTION order_refund_state(order_id text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT string_agg(r.id::text || ':' || r.status || ':' || r.amount_minor, ',' ORDER BY r.id)
                       FROM refunds r WHERE r.order_id = $1 AND r.status <> 'rejected'), '')
        || '|'
        || coalesce((SELECT string_agg(l.line_no || ':' || l.refunded_minor, ',' ORDER BY l.line_no)
                       FROM order_lines l WHERE l.order_id = $1), '')
$$;

-- The invariant itself, whatever writes the row: the refunds of an order that are not rejected
-- never add up to more than the order's paid lines and shipping fee. The order row is locked
-- first, so concurrent inserts for one order are checked one after the other.
CREATE FUNCTION refunds_within_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    paid     bigint;
    refunded bigint;
BEGIN
    PERFORM 1 FROM orders WHERE id = NEW.order_id FOR UPDATE;
    SELECT coalesce(sum(l.unit_price_paid_minor * l.quantity), 0) + o.shipping_fee_minor INTO paid
      FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
     WHERE o.id = NEW.order_id GROUP BY o.shipping_fee_minor;
    SELECT coalesce(sum(amount_minor), 0) INTO refunded
      FROM refunds WHERE order_id = NEW.order_id AND status <> 'rejected' AND id <> NEW.id;
    IF NEW.status <> 'rejected' AND refunded + NEW.amount_minor > coalesce(paid, 0) THEN
        RAISE EXCEPTION 'refunds of order % would exceed its paid amount (% + % > %)',
            NEW.order_id, refunded, NEW.amount_minor, coalesce(paid, 0)
            USING ERRCODE = 'SW001';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER refunds_within_paid BEFORE INSERT OR UPDATE OF amount_minor, status, order_id ON refunds
    FOR EACH ROW EXECUTE FUNCTION refunds_within_paid();
