-- The audit append becomes one statement: the chain head also keeps the previous hash, so the UPDATE that takes its
-- lock can compute the new hash in SQL and hand both to the INSERT. Same hash format as before.
ALTER TABLE audit_head ADD COLUMN prev_hash text NOT NULL DEFAULT repeat('0', 64);
UPDATE audit_head SET prev_hash = coalesce((SELECT prev_hash FROM audit_log WHERE seq = audit_head.seq), repeat('0', 64)) WHERE id = 1;
