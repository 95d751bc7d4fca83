-- Provisioning runs (issue 5). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- One row per step that has started; a step without a row has not run yet. `facts` holds the
-- step's non-secret results (a Docker ID, a token id, a context id) as JSON; `detail` is for
-- people (what was done, why it waits, why it failed) and never carries a secret.
CREATE TABLE run_steps (
  request_id BIGINT        NOT NULL REFERENCES requests (id),
  step       VARCHAR(40)   NOT NULL,
  status     VARCHAR(20)   NOT NULL,
  detail     VARCHAR(2000),
  facts      VARCHAR(2000),
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (request_id, step)
);

-- Who runs the request now (a random id per run) and until when; another instance may take a
-- run over only once the lease has run out.
ALTER TABLE requests ADD COLUMN run_owner VARCHAR(64);
ALTER TABLE requests ADD COLUMN run_lease_until TIMESTAMP WITH TIME ZONE;
-- Set while a step waits: PERSON (a button) or POLL (the bot looks again at wake_at).
ALTER TABLE requests ADD COLUMN waiting_for VARCHAR(10);
ALTER TABLE requests ADD COLUMN wake_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE requests ADD COLUMN polls INT DEFAULT 0 NOT NULL;
-- Bumped with every step change; the card records the value it shows, so the sweep can rewrite
-- a card that missed a step.
ALTER TABLE requests ADD COLUMN progress INT DEFAULT 0 NOT NULL;
ALTER TABLE requests ADD COLUMN card_progress INT DEFAULT 0 NOT NULL;

-- Docker IDs the bot has given out: the primary key settles a collision between two requests.
CREATE TABLE docker_ids (
  docker_id  VARCHAR(30) PRIMARY KEY,
  request_id BIGINT      NOT NULL REFERENCES requests (id)
);
CREATE UNIQUE INDEX docker_ids_request ON docker_ids (request_id);
