-- Whoever posts a request's card first takes a short lease on it, so that after a crash a sweep
-- can post missing cards without two instances posting the same one.
ALTER TABLE requests ADD COLUMN card_lease_until TIMESTAMP WITH TIME ZONE;
