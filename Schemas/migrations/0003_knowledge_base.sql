-- The help centre the worker answers from: articles (an import replaces an article whose
-- content changed), their passages, and each passage's embedding per encoder. Written by
-- `support-worker kb import`; workers load it at start-up and again when kb_state.revision
-- moves.

CREATE TABLE kb_articles (
    id          text PRIMARY KEY,
    language    text NOT NULL CHECK (language IN ('zh', 'en')),
    category    text NOT NULL DEFAULT '',
    title       text NOT NULL,
    products    jsonb NOT NULL DEFAULT '[]',
    body        text NOT NULL,
    -- As the source file gives it: the article's version.
    updated_at  text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kb_passages (
    article_id text NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    ordinal    integer NOT NULL CHECK (ordinal >= 0),
    text       text NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);

-- float32 little-endian, `dimension` values; `model` names the encoder and its settings, so
-- another encoder embeds the passages again instead of mixing vectors of two models.
CREATE TABLE kb_embeddings (
    article_id text NOT NULL,
    ordinal    integer NOT NULL,
    model      text NOT NULL,
    dimension  integer NOT NULL CHECK (dimension > 0),
    vector     bytea NOT NULL CHECK (length(vector) = 4 * dimension),
    PRIMARY KEY (article_id, ordinal, model),
    FOREIGN KEY (article_id, ordinal) REFERENCES kb_passages (article_id, ordinal) ON DELETE CASCADE
);

-- One row; every import that changes something increments the revision in its transaction.
CREATE TABLE kb_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision  bigint NOT NULL
);
INSERT INTO kb_state (singleton, revision) VALUES (true, 0);
