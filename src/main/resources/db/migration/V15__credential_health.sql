-- Issue 14, the health of the bot's own credentials: the last verdict of each credential (ok or
-- failing), shared by every instance. A change is stored with a compare-and-set on `ok`, in the
-- same transaction as its notice to the approval channel, so a failure and its fix are each
-- posted once. Never holds a credential's value. Runs unchanged on H2 (PostgreSQL mode) and
-- PostgreSQL.
CREATE TABLE credential_health (
  credential VARCHAR(40)  PRIMARY KEY,
  ok         BOOLEAN      NOT NULL,
  reason     VARCHAR(500),
  -- when the current verdict began (the failure was first found, or the fix)
  since      TIMESTAMP WITH TIME ZONE NOT NULL,
  checked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
