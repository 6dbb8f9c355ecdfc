-- Profile with Nodal Officer validation (O.M. of 15.11.2022 para 3.1): working copy, frozen versions,
-- validation windows, omissions recorded against Nodal Officers, correction requests, sanctioned strength.

CREATE TABLE profile (
  employee_id uuid PRIMARY KEY REFERENCES employee(id),
  state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'VALIDATED', 'DEEMED_FINAL')),
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  ever_submitted boolean NOT NULL DEFAULT false,
  submitted_version_no integer,
  validated_version_no integer,
  remarks text,
  updated_at timestamptz NOT NULL,
  updated_by uuid
);
CREATE INDEX profile_state ON profile(state);

CREATE TABLE profile_version (
  employee_id uuid NOT NULL REFERENCES employee(id),
  version_no integer NOT NULL,
  data jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('SUBMITTED', 'VALIDATED', 'CORRECTED', 'RETURNED', 'DEEMED_FINAL')),
  -- field-level changes against the last validated version at the time of submission
  diff jsonb NOT NULL DEFAULT '[]'::jsonb,
  corrections jsonb,
  remarks text,
  submitted_at timestamptz NOT NULL,
  submitted_by uuid,
  decided_at timestamptz,
  decided_by uuid,
  PRIMARY KEY (employee_id, version_no)
);

CREATE TABLE validation_window (
  id serial PRIMARY KEY,
  cadre text NOT NULL REFERENCES cadre(code),
  ministry_ids integer[],
  opens_on date NOT NULL,
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
  created_by uuid,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  outcome jsonb,
  version integer NOT NULL DEFAULT 1,
  CHECK (deadline >= opens_on)
);

-- "the record shows that the Nodal Officer did not act" (para 3.1)
CREATE TABLE nodal_omission (
  window_id integer NOT NULL REFERENCES validation_window(id),
  employee_id uuid NOT NULL REFERENCES employee(id),
  ministry_id integer NOT NULL REFERENCES ministry(id),
  kind text NOT NULL CHECK (kind IN ('NOT_VALIDATED', 'NEVER_SUBMITTED')),
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (window_id, employee_id)
);
CREATE INDEX nodal_omission_ministry ON nodal_omission(ministry_id, window_id);

CREATE TABLE correction_request (
  id serial PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  field text NOT NULL,
  current_value text,
  proposed_value text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
  raised_by uuid NOT NULL,
  raised_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  decision_reason text,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX correction_request_employee ON correction_request(employee_id);

CREATE TABLE sanctioned_strength (
  ministry_id integer NOT NULL REFERENCES ministry(id),
  grade text NOT NULL REFERENCES grade(code),
  effective_from date NOT NULL,
  sanctioned integer NOT NULL CHECK (sanctioned >= 0),
  set_by uuid,
  set_at timestamptz NOT NULL,
  PRIMARY KEY (ministry_id, grade, effective_from)
);
