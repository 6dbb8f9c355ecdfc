-- Every change that can end or alter a live session is announced on the channel cscms_session with the user id,
-- so that each instance's session cache (packages/server/src/auth/session-cache.ts) drops that user's entries.
-- Triggers, not application code, so that no path (another instance, a script, psql) can be missed.
CREATE FUNCTION session_user_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('cscms_session', OLD.user_id::text);
  ELSE
    PERFORM pg_notify('cscms_session', NEW.user_id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION app_user_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('cscms_session', OLD.id::text);
  ELSE
    PERFORM pg_notify('cscms_session', NEW.id::text);
  END IF;
  RETURN NULL;
END $$;

-- a session revoked, its expiry moved, or the row deleted (the touch of last_seen_at is not announced)
CREATE TRIGGER session_changed AFTER UPDATE ON session FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.csrf_token IS DISTINCT FROM NEW.csrf_token)
  EXECUTE FUNCTION session_user_changed_notify();
CREATE TRIGGER session_deleted AFTER DELETE ON session FOR EACH ROW EXECUTE FUNCTION session_user_changed_notify();
-- a user disabled, renamed, relinked or switching language
CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION app_user_changed_notify();
-- a role grant added, changed or removed
CREATE TRIGGER role_grant_changed AFTER INSERT OR UPDATE OR DELETE ON role_grant FOR EACH ROW EXECUTE FUNCTION session_user_changed_notify();
