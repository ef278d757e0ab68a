-- A TOTP code is good once: the time step of the last accepted code is kept, and a code of that
-- step or an earlier one is refused (RFC 6238 §5.2).
ALTER TABLE users ADD COLUMN totp_last_step bigint;
