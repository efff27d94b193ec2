-- The worker's database: shop data it reads (customers, products, orders), what it decides
-- and says (conversations, turns, refunds), and its delivery bookkeeping (inbox, outbox,
-- agent_events). Applied by `support-worker migrate`.

CREATE TABLE customers (
    id                 text PRIMARY KEY,
    display_name       text NOT NULL,
    tier               text NOT NULL DEFAULT 'regular',
    fraud_flag         boolean NOT NULL DEFAULT false,
    phone              text,
    email              text,
    preferred_language text CHECK (preferred_language IN ('zh', 'en')),
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    sku                 text PRIMARY KEY,
    name_zh             text NOT NULL,
    name_en             text NOT NULL,
    category            text NOT NULL,
    current_price_minor bigint NOT NULL CHECK (current_price_minor >= 0),
    currency            char(3) NOT NULL
);

-- Sellable variants of a product (size, colour) and their stock, for exchanges.
CREATE TABLE product_variants (
    variant_sku text PRIMARY KEY,
    sku         text NOT NULL REFERENCES products (sku),
    label_zh    text NOT NULL,
    label_en    text NOT NULL,
    stock       integer NOT NULL CHECK (stock >= 0)
);
CREATE INDEX product_variants_sku_idx ON product_variants (sku);

CREATE TABLE orders (
    id                        text PRIMARY KEY,
    customer_id               text NOT NULL REFERENCES customers (id),
    status                    text NOT NULL,
    currency                  char(3) NOT NULL,
    paid_at                   timestamptz,
    shipped_at                timestamptz,
    delivered_at              timestamptz,
    delivered_at_precision    text NOT NULL DEFAULT 'instant' CHECK (delivered_at_precision IN ('instant', 'date')),
    promised_delivery_by      timestamptz,
    carrier                   text,
    tracking_number           text,
    carrier_status            text,
    shipping_fee_minor        bigint NOT NULL DEFAULT 0 CHECK (shipping_fee_minor >= 0),
    return_shipping_insurance boolean NOT NULL DEFAULT false,
    shipping_address          text,
    created_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);

CREATE TABLE order_lines (
    order_id                            text NOT NULL REFERENCES orders (id),
    line_no                             integer NOT NULL CHECK (line_no >= 1),
    sku                                 text NOT NULL,
    product_name                        text NOT NULL,
    category                            text NOT NULL,
    quantity                            integer NOT NULL CHECK (quantity >= 1),
    unit_price_paid_minor               bigint NOT NULL CHECK (unit_price_paid_minor >= 0),
    refunded_minor                      bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    no_reason_return_excluded_confirmed boolean NOT NULL DEFAULT false,
    promotion                           text,
    PRIMARY KEY (order_id, line_no)
);

-- Refunds the worker approved (status requested) and their later state, written by the
-- payment system. One refund per inbound message: message_id is the idempotency key.
CREATE TABLE refunds (
    id             uuid PRIMARY KEY,
    message_id     uuid UNIQUE,
    order_id       text NOT NULL REFERENCES orders (id),
    customer_id    text NOT NULL REFERENCES customers (id),
    outcome        text NOT NULL,
    amount_minor   bigint NOT NULL CHECK (amount_minor >= 0),
    currency       char(3) NOT NULL,
    line_nos       integer[] NOT NULL,
    status         text NOT NULL DEFAULT 'requested'
                   CHECK (status IN ('requested', 'processing', 'completed', 'rejected')),
    reason_codes   text[] NOT NULL DEFAULT '{}',
    policy_version text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_customer_idx ON refunds (customer_id, created_at);
CREATE INDEX refunds_order_idx ON refunds (order_id);

-- Conversation state: the worker is stateless, this row is its memory. `version` guards
-- against two writers (optimistic concurrency).
CREATE TABLE conversations (
    id                     text PRIMARY KEY,
    customer_id            text NOT NULL,
    handoff                text NOT NULL DEFAULT 'bot' CHECK (handoff IN ('bot', 'escalated', 'agent')),
    handoff_reasons        text[] NOT NULL DEFAULT '{}',
    handoff_at             timestamptz,
    language               text,
    last_intent            text,
    last_order_id          text,
    last_outcome           text,
    open_slot              text,
    pending_intent         text,
    last_answered_intent   text,
    repeat_count           integer NOT NULL DEFAULT 0,
    turn_count             integer NOT NULL DEFAULT 0,
    version                bigint NOT NULL DEFAULT 0,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE turns (
    id              bigserial PRIMARY KEY,
    conversation_id text NOT NULL REFERENCES conversations (id),
    message_id      uuid,
    role            text NOT NULL CHECK (role IN ('customer', 'bot', 'agent')),
    text            text NOT NULL,
    intent          text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX turns_conversation_idx ON turns (conversation_id, id DESC);
CREATE UNIQUE INDEX turns_message_role_idx ON turns (message_id, role) WHERE message_id IS NOT NULL;

-- Every inbound message processed, once (the idempotency record).
CREATE TABLE inbox (
    message_id       uuid PRIMARY KEY,
    conversation_id  text NOT NULL,
    customer_id      text NOT NULL,
    source_topic     text NOT NULL,
    source_partition integer NOT NULL,
    source_offset    bigint NOT NULL,
    outcome          text NOT NULL,
    intent           text,
    decision_outcome text,
    processed_at     timestamptz NOT NULL DEFAULT now()
);

-- The events each processed message produced, in publish order, byte for byte: a redelivered
-- message re-publishes exactly these.
CREATE TABLE outbox (
    event_id     uuid PRIMARY KEY,
    message_id   uuid NOT NULL REFERENCES inbox (message_id),
    seq          smallint NOT NULL,
    kind         text NOT NULL,
    kafka_key    text NOT NULL,
    payload      bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    UNIQUE (message_id, seq)
);

-- Agent console events applied (deduplicated by event id).
CREATE TABLE agent_events (
    event_id        uuid PRIMARY KEY,
    conversation_id text NOT NULL,
    type            text NOT NULL,
    agent_id        text NOT NULL,
    at              timestamptz NOT NULL,
    applied_at      timestamptz NOT NULL DEFAULT now()
);
