-- One-time secret links (DESIGN.md §4). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
-- Holds only ciphertext and IV (base64), never the key: the key lives in the link's fragment.
-- A claim sets claimed_at and clears ciphertext and iv in one transaction; the purger deletes
-- rows once they are past expires_at.

CREATE TABLE secret_links (
  id          VARCHAR(64)    PRIMARY KEY,
  request_id  BIGINT         NOT NULL REFERENCES requests (id),
  audience    VARCHAR(32)    NOT NULL,
  title       VARCHAR(200)   NOT NULL,
  pipeline    VARCHAR(200)   NOT NULL,
  ciphertext  VARCHAR(32000),
  iv          VARCHAR(64),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  claimed_at  TIMESTAMP WITH TIME ZONE
);

CREATE INDEX secret_links_expires ON secret_links (expires_at);
CREATE INDEX secret_links_request ON secret_links (request_id);
