-- Login and sessions (issue 2).
-- A login in progress is bound to the browser that started it (login CSRF): the browser holds a random
-- cookie, the flow keeps its SHA-256. Old flows are swept by age.
ALTER TABLE login_flow ADD COLUMN browser_binding text;
CREATE INDEX login_flow_created ON login_flow(created_at);
-- Matching an identity to a user by e-mail when the login id is unknown.
CREATE INDEX app_user_email ON app_user(lower(email));
