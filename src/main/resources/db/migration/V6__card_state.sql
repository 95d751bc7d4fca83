-- The state the request's card last showed; a card whose state differs from the request's (an
-- update lost to a crash or a Slack failure) is rewritten by the start-up and periodic sweep.
ALTER TABLE requests ADD COLUMN card_state VARCHAR(30);
