-- RFC 6238 §5.2: a TOTP code is accepted once. The last accepted time step per user; a code of that step or an
-- earlier one is refused (and counts as a failure), so a code seen over a shoulder cannot be replayed within ±30 s.
ALTER TABLE user_account ADD COLUMN totp_last_step bigint;
