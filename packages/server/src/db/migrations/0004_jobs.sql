-- Jobs, notifications and the mail outbox: what the foundation tables lacked.

-- Who started a job (GET /api/v1/jobs/:id is theirs and the administrator's); a cancelled state for reminders no longer needed.
ALTER TABLE job ADD COLUMN created_by uuid;
ALTER TABLE job ADD COLUMN updated_at timestamptz;
ALTER TABLE job DROP CONSTRAINT job_status_check;
ALTER TABLE job ADD CONSTRAINT job_status_check CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'));

-- The unread badge of the inbox.
CREATE INDEX notification_unread ON notification(user_id) WHERE read_at IS NULL;

-- Outbox: whose mail it is and the portal link (made absolute with PUBLIC_URL when sent).
ALTER TABLE mail_outbox ADD COLUMN user_id uuid REFERENCES app_user(id);
ALTER TABLE mail_outbox ADD COLUMN link text;
CREATE INDEX mail_outbox_recent ON mail_outbox(created_at DESC, id DESC);
CREATE INDEX mail_outbox_unsent ON mail_outbox(id) WHERE sent_at IS NULL;
