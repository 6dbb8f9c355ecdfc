-- Foundation: masters, people, sessions, audit trail, jobs, notifications.
-- Kept to the SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) share.

CREATE TABLE cadre (
  code text PRIMARY KEY,
  name_en text NOT NULL,
  name_hi text NOT NULL,
  authority text NOT NULL CHECK (authority IN ('CS.I', 'CS.II'))
);

CREATE TABLE grade (
  code text PRIMARY KEY,
  cadre text NOT NULL REFERENCES cadre(code),
  abbrev text NOT NULL,
  name_en text NOT NULL,
  name_hi text NOT NULL,
  service_group text NOT NULL CHECK (service_group IN ('A', 'B', 'C')),
  gazetted boolean NOT NULL,
  pay_level text NOT NULL,
  rank integer NOT NULL
);

CREATE TABLE pay_matrix_cell (
  pay_level text NOT NULL,
  cell integer NOT NULL CHECK (cell >= 1),
  amount integer NOT NULL CHECK (amount > 0),
  PRIMARY KEY (pay_level, cell)
);

-- Ministries / Departments (cadre units). rotation_group: rules.md §8.1.
CREATE TABLE ministry (
  id integer PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_en text NOT NULL,
  name_hi text NOT NULL,
  rotation_group text NOT NULL CHECK (rotation_group IN ('A', 'B')),
  reduced_tenure boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE organisation (
  id serial PRIMARY KEY,
  ministry_id integer NOT NULL REFERENCES ministry(id),
  name_en text NOT NULL,
  name_hi text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('PSU', 'AUTONOMOUS', 'ATTACHED', 'SUBORDINATE', 'OTHER')),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisation_ministry ON organisation(ministry_id);

-- The employee record kept by the cadre authority (global registration). The profile issue adds versions.
CREATE TABLE employee (
  id uuid PRIMARY KEY,
  employee_code text NOT NULL UNIQUE,
  login_id text UNIQUE,
  email text,
  name_en text NOT NULL,
  name_hi text NOT NULL DEFAULT '',
  date_of_birth date NOT NULL,
  gender text NOT NULL CHECK (gender IN ('F', 'M', 'T')),
  marital_status text NOT NULL DEFAULT 'MARRIED' CHECK (marital_status IN ('UNMARRIED', 'MARRIED', 'WIDOWED', 'DIVORCED')),
  mobile text,
  cadre text NOT NULL REFERENCES cadre(code),
  grade text NOT NULL REFERENCES grade(code),
  pay_level text NOT NULL,
  entry_grade text NOT NULL REFERENCES grade(code),
  entry_date date NOT NULL,
  present_grade_date date NOT NULL,
  ministry_id integer NOT NULL REFERENCES ministry(id),
  ministry_join_date date NOT NULL,
  select_list_year integer,
  probation_end date,
  superannuation_date date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employee_ministry ON employee(ministry_id, grade);
CREATE INDEX employee_cadre ON employee(cadre, grade);

-- Service history events owned by the cadre authority (entry, promotions, ACP/MACP, deferments, postings).
CREATE TABLE service_event (
  id bigserial PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  kind text NOT NULL CHECK (kind IN ('ENTRY', 'PROMOTION', 'ACP', 'MACP', 'DEFERMENT', 'PROMOTION_REFUSED', 'POSTING', 'DEPUTATION', 'REPATRIATION', 'PROBATION_CLEARED')),
  effective_date date NOT NULL,
  end_date date,
  grade text REFERENCES grade(code),
  from_level text,
  to_level text,
  ministry_id integer REFERENCES ministry(id),
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX service_event_employee ON service_event(employee_id, effective_date);

CREATE TABLE child (
  id bigserial PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  name text NOT NULL,
  date_of_birth date NOT NULL,
  disability_percent integer NOT NULL DEFAULT 0 CHECK (disability_percent BETWEEN 0 AND 100)
);
CREATE INDEX child_employee ON child(employee_id);

-- Vigilance events are append-only; a correction names the event it corrects (issue: vigilance).
CREATE TABLE vigilance_event (
  id bigserial PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  kind text NOT NULL,
  event_date date NOT NULL,
  order_ref text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  corrects_id bigint REFERENCES vigilance_event(id),
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vigilance_event_employee ON vigilance_event(employee_id, event_date);

-- People who log in. A user may be an employee and hold further roles (a Nodal Officer is a CSS officer too).
CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  login_id text NOT NULL UNIQUE,
  email text,
  display_name text NOT NULL,
  employee_id uuid UNIQUE REFERENCES employee(id),
  preferred_lang text NOT NULL DEFAULT 'en' CHECK (preferred_lang IN ('en', 'hi')),
  active boolean NOT NULL DEFAULT true,
  persona text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_grant (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id),
  role text NOT NULL CHECK (role IN ('EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN')),
  ministry_id integer REFERENCES ministry(id),
  organisation_id integer REFERENCES organisation(id),
  cadres text[],
  UNIQUE (user_id, role, ministry_id, organisation_id)
);
CREATE INDEX role_grant_user ON role_grant(user_id);

-- Server-side sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE session (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX session_by_user ON session(user_id) WHERE revoked_at IS NULL;

-- Short-lived state of a login in progress (PKCE verifier, state, nonce), shared by all instances.
CREATE TABLE login_flow (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  created_at timestamptz NOT NULL
);

-- Append-only, hash-chained audit trail.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_role text,
  actor_kind text NOT NULL CHECK (actor_kind IN ('USER', 'JOB', 'SYSTEM')),
  entity text NOT NULL,
  entity_id text NOT NULL,
  action text NOT NULL,
  changes jsonb NOT NULL DEFAULT '{}'::jsonb,
  reason text,
  request_id text,
  client_ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, at);
CREATE INDEX audit_log_at ON audit_log(at);

-- One row holding the chain head; appending locks it, so appends are serialised and the chain has no forks.
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Jobs: deadlines, reminders, outbox delivery. Scheduled runs have deterministic ids, so scheduling twice is harmless.
CREATE TABLE job (
  id text PRIMARY KEY,
  kind text NOT NULL,
  run_at timestamptz NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  progress jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX job_due ON job(run_at) WHERE status IN ('PENDING', 'RUNNING');

CREATE TABLE notification (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id),
  kind text NOT NULL,
  title_en text NOT NULL,
  title_hi text NOT NULL,
  body_en text NOT NULL DEFAULT '',
  body_hi text NOT NULL DEFAULT '',
  link text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notification_user ON notification(user_id, created_at DESC);

CREATE TABLE mail_outbox (
  id bigserial PRIMARY KEY,
  to_addr text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);

-- Rate-limit counters shared by all instances (fixed windows).
CREATE TABLE rate_counter (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Small key/value settings of the installation (e.g. the audit signing public key id).
CREATE TABLE setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
