-- `list` and App Home read a user's newest requests and the newest pending ones: an index for
-- each, ending in id so that "newest first, at most n" is a short reverse index scan.
CREATE INDEX requests_requester_id ON requests (requester, id);
CREATE INDEX requests_state_id ON requests (state, id);
DROP INDEX requests_state;
