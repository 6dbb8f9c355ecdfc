-- Global registration by the cadre authority: an uploaded file, its checked rows and row errors, then a commit.
CREATE TABLE registration_import (
  id serial PRIMARY KEY,
  filename text NOT NULL,
  uploaded_by uuid NOT NULL,
  uploaded_at timestamptz NOT NULL,
  cadres text[] NOT NULL,
  status text NOT NULL DEFAULT 'PREVIEW' CHECK (status IN ('PREVIEW', 'COMMITTING', 'COMMITTED', 'DISCARDED')),
  total integer NOT NULL,
  valid integer NOT NULL,
  invalid integer NOT NULL,
  new_rows integer NOT NULL,
  changed_rows integer NOT NULL,
  unchanged_rows integer NOT NULL,
  rows jsonb NOT NULL,
  errors jsonb NOT NULL,
  mode text,
  job_id text,
  result jsonb,
  version integer NOT NULL DEFAULT 1
);
