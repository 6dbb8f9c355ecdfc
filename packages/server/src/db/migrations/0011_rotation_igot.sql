-- Rotation transfer rounds (rules.md §8; CSCMS O.M. of 15.11.2022 para 3.7) and areas of interest linked to
-- iGOT Karmayogi (para 3.6).

-- A round for a cadre and grade(s): residency is counted up to initiation_date; preferences are taken from
-- window_opens to window_closes (both inclusive, Indian calendar dates); the list is published on or after
-- publication_date. status: OPEN (initiated) → ALLOCATED (an allocation is stored, may be re-run and adjusted)
-- → PUBLISHED. The preference phase is read from the dates, never from a job.
CREATE TABLE rotation_round (
  id serial PRIMARY KEY,
  cadre text NOT NULL REFERENCES cadre(code),
  grades text[] NOT NULL,
  title text NOT NULL DEFAULT '',
  initiation_date date NOT NULL,
  window_opens date NOT NULL,
  window_closes date NOT NULL,
  publication_date date NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ALLOCATED', 'PUBLISHED')),
  method text NOT NULL DEFAULT 'residency-order' CHECK (method IN ('residency-order', 'max-satisfaction')),
  -- policy switches of the engine used for this round (rotation.balance, rotation.guarantee, …)
  switches jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the stored allocation's summary: objective, fill per Ministry, method reasons, switches
  allocation jsonb,
  allocated_at timestamptz,
  allocated_by uuid,
  published_at timestamptz,
  published_by uuid,
  created_by uuid,
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  CHECK (window_closes >= window_opens),
  CHECK (publication_date >= window_closes)
);
CREATE INDEX rotation_round_cadre ON rotation_round(cadre, status);

-- Eligibility snapshot per officer of the round's grades, with every ground (en/hi/citation) from the engine.
-- An exemption recorded by the cadre authority keeps its reason and is applied by the engine (EXEMPTED).
CREATE TABLE rotation_eligibility (
  round_id integer NOT NULL REFERENCES rotation_round(id),
  employee_id uuid NOT NULL REFERENCES employee(id),
  grade text NOT NULL,
  ministry_id integer REFERENCES ministry(id),
  rotation_group text CHECK (rotation_group IN ('A', 'B')),
  eligible boolean NOT NULL,
  residency_from date,
  residency_days integer,
  required_years integer,
  tenure_completed_on date,
  seniority integer NOT NULL,
  date_of_birth date NOT NULL,
  reasons jsonb NOT NULL,
  exemption_reason text,
  exempted_by uuid,
  exempted_at timestamptz,
  computed_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (round_id, employee_id)
);
CREATE INDEX rotation_eligibility_round ON rotation_eligibility(round_id, eligible, grade);
CREATE INDEX rotation_eligibility_employee ON rotation_eligibility(employee_id);

-- Ranked preferences (Ministries of the other group, best first), changeable until the window closes.
CREATE TABLE rotation_preference (
  round_id integer NOT NULL REFERENCES rotation_round(id),
  employee_id uuid NOT NULL REFERENCES employee(id),
  ministry_ids integer[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, employee_id)
);

-- Vacancies per Ministry and grade, entered by the cadre authority or taken from working strength.
CREATE TABLE rotation_vacancy (
  round_id integer NOT NULL REFERENCES rotation_round(id),
  ministry_id integer NOT NULL REFERENCES ministry(id),
  grade text NOT NULL REFERENCES grade(code),
  count integer NOT NULL CHECK (count >= 0),
  source text NOT NULL CHECK (source IN ('ENTERED', 'WORKING_STRENGTH')),
  set_by uuid,
  set_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, ministry_id, grade)
);

-- The allocation per officer: the engine's outcome and explanation, and any manual adjustment with its reason.
CREATE TABLE rotation_result (
  round_id integer NOT NULL REFERENCES rotation_round(id),
  employee_id uuid NOT NULL REFERENCES employee(id),
  grade text NOT NULL,
  from_ministry_id integer NOT NULL REFERENCES ministry(id),
  status text NOT NULL CHECK (status IN ('placed', 'unplaced', 'not-taken')),
  -- the engine's placement (kept when adjusted by hand)
  engine_ministry_id integer REFERENCES ministry(id),
  engine_rank integer,
  -- the final placement (= the engine's unless adjusted)
  ministry_id integer REFERENCES ministry(id),
  rank integer,
  residency_position integer NOT NULL,
  explanation jsonb NOT NULL,
  adjusted boolean NOT NULL DEFAULT false,
  adjustment_reason text,
  adjusted_by uuid,
  adjusted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (round_id, employee_id)
);
CREATE INDEX rotation_result_ministry ON rotation_result(round_id, ministry_id);

-- Areas of interest picked by the employee (codes of the bundled taxonomy aligned with iGOT competencies).
CREATE TABLE area_of_interest (
  employee_id uuid NOT NULL REFERENCES employee(id),
  area_code text NOT NULL,
  picked_at timestamptz NOT NULL,
  PRIMARY KEY (employee_id, area_code)
);
CREATE INDEX area_of_interest_area ON area_of_interest(area_code);

-- Courses completed on iGOT Karmayogi, pulled back through the adapter; shown as training.
CREATE TABLE igot_course_completion (
  employee_id uuid NOT NULL REFERENCES employee(id),
  course_id text NOT NULL,
  title text NOT NULL,
  provider text NOT NULL DEFAULT 'iGOT Karmayogi',
  started_on date NOT NULL,
  completed_on date NOT NULL,
  link text,
  certificate_url text,
  pulled_at timestamptz NOT NULL,
  -- copied into the profile's training section (working copy) at this time; null while the profile could not take it
  in_profile_at timestamptz,
  PRIMARY KEY (employee_id, course_id)
);
