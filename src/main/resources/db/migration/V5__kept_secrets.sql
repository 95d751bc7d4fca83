-- Material that must outlive a one-time link (a service user's password, for rotating its token
-- later), encrypted with DATA_ENCRYPTION_KEY before it reaches this table.
CREATE TABLE kept_secrets (
  request_id BIGINT        NOT NULL REFERENCES requests (id),
  name       VARCHAR(40)   NOT NULL,
  ciphertext VARCHAR(4000) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (request_id, name)
);
