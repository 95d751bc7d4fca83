-- Issue 13, drift: reports are compared and stored one after another, and a report for the
-- approval channel goes through the outbox although it is about no one request. Runs unchanged
-- on H2 (PostgreSQL mode) and PostgreSQL.

-- Each report names the report it follows (0 for the first): the unique index lets only one
-- report follow another, so two instances that find the same change at the same moment post it
-- once.
ALTER TABLE drift_reports ADD COLUMN previous_id BIGINT;
CREATE UNIQUE INDEX drift_reports_previous ON drift_reports (previous_id);

-- Notices to the approval channel itself (a drift report) belong to no request.
ALTER TABLE outbox ALTER COLUMN request_id DROP NOT NULL;
