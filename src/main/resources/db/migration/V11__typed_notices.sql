-- Issue 12: notices are typed events, worded by the Slack edge when delivered. `event` holds the
-- event as JSON; `body` names the event's type for people reading the table. Rows written before
-- this migration have no event and are delivered from `body` as they were.
ALTER TABLE outbox ADD COLUMN event VARCHAR(8000);
