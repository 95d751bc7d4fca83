-- Issue 10: a new sign-up link, or the final delivery link, voids the earlier sign-up links of
-- its request (their ciphertext is cleared at once), so only one copy of the password is ever
-- claimable; a voided link's page says it was replaced.
ALTER TABLE secret_links ADD COLUMN replaced_at TIMESTAMP WITH TIME ZONE;
