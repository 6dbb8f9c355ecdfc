-- Deputation end to end (issue 6; O.M. of 15.11.2022 para 3.4; rules.md §5): organisations onboarded by
-- a Nodal Officer with their sub-nodal officers, advertisements with versions (corrigenda), applications
-- with the eligibility snapshot and the forwarding package, tenure, and APAR gradings (SPARROW fake).

-- Organisations (table of 0001): who onboarded it, its station, and deactivation.
ALTER TABLE organisation ADD COLUMN station text;
ALTER TABLE organisation ADD COLUMN created_by uuid;
ALTER TABLE organisation ADD COLUMN updated_at timestamptz;
ALTER TABLE organisation ADD COLUMN deactivated_at timestamptz;
ALTER TABLE organisation ADD COLUMN deactivated_by uuid;
ALTER TABLE organisation ADD COLUMN deactivation_reason text;

-- Sub-nodal officers invited by the Nodal Officer. The SUB_NODAL_OFFICER role_grant is what gives access;
-- this row is the record of the invitation. Revocation (or deactivation of the organisation) deletes the
-- grant, ends the officer's sessions at once and marks this row REVOKED.
CREATE TABLE organisation_officer (
  id bigserial PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES organisation(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  login_id text NOT NULL,
  email text,
  name text NOT NULL,
  designation text,
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'REVOKED')),
  invited_by uuid,
  invited_at timestamptz NOT NULL,
  revoked_by uuid,
  revoked_at timestamptz,
  revoke_reason text
);
CREATE UNIQUE INDEX organisation_officer_active ON organisation_officer(organisation_id, user_id) WHERE status = 'ACTIVE';
CREATE INDEX organisation_officer_user ON organisation_officer(user_id);

-- Advertisements. `data` is the domain's AdvertisementInput; `revision` the advertisement's own version
-- (a corrigendum is a new revision, kept in deputation_advertisement_version with the fields changed);
-- `version` is the optimistic lock.
CREATE TABLE deputation_advertisement (
  id uuid PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES organisation(id),
  ministry_id integer NOT NULL REFERENCES ministry(id),
  state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'PUBLISHED', 'CLOSED')),
  revision integer NOT NULL DEFAULT 1,
  data jsonb NOT NULL,
  history jsonb NOT NULL DEFAULT '[]'::jsonb,
  post text NOT NULL,
  pay_level text NOT NULL,
  closing_date date NOT NULL,
  published_on date,
  closed_on date,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX deputation_ad_state ON deputation_advertisement(state, closing_date);
CREATE INDEX deputation_ad_org ON deputation_advertisement(organisation_id, state);
CREATE INDEX deputation_ad_ministry ON deputation_advertisement(ministry_id, state);

CREATE TABLE deputation_advertisement_version (
  advertisement_id uuid NOT NULL REFERENCES deputation_advertisement(id),
  revision integer NOT NULL,
  state text NOT NULL,
  data jsonb NOT NULL,
  fields jsonb NOT NULL DEFAULT '[]'::jsonb,
  note text,
  on_date date NOT NULL,
  by_user uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (advertisement_id, revision)
);

-- Applications. ministry_id/cadre/grade are the applicant's at application (the cadre unit that forwards);
-- eligibility is the engine's snapshot; forwarding the package that went with cadre clearance (vigilance
-- clearance result, integrity certificate, penalties of 10 years, APAR gradings of 5 years); timeline every
-- step with who (role) and when, with reasons. released_at: when it reached the borrowing organisation.
CREATE TABLE deputation_application (
  id uuid PRIMARY KEY,
  advertisement_id uuid NOT NULL REFERENCES deputation_advertisement(id),
  advertisement_revision integer NOT NULL,
  organisation_id integer NOT NULL REFERENCES organisation(id),
  employee_id uuid NOT NULL REFERENCES employee(id),
  ministry_id integer NOT NULL REFERENCES ministry(id),
  cadre text NOT NULL,
  grade text NOT NULL,
  state text NOT NULL CHECK (state IN ('APPLIED', 'WITHDRAWN', 'CADRE_CLEARED', 'REJECTED_BY_MINISTRY', 'APPROVED_BY_DOPT', 'REJECTED_BY_DOPT',
                                       'SHORTLISTED', 'NOT_SELECTED', 'SELECTED', 'JOINED', 'REPATRIATED')),
  statement text NOT NULL,
  applied_on date NOT NULL,
  eligibility jsonb NOT NULL,
  clearance_route jsonb NOT NULL,
  forwarding jsonb,
  timeline jsonb NOT NULL DEFAULT '[]'::jsonb,
  released_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX deputation_application_one_live ON deputation_application(advertisement_id, employee_id) WHERE state <> 'WITHDRAWN';
CREATE INDEX deputation_application_employee ON deputation_application(employee_id, created_at);
CREATE INDEX deputation_application_ministry ON deputation_application(ministry_id, state);
CREATE INDEX deputation_application_cadre ON deputation_application(cadre, state);
CREATE INDEX deputation_application_org ON deputation_application(organisation_id, state) WHERE released_at IS NOT NULL;

-- Tenure of a joined deputation (rules.md §5 item 1): end per the recruitment rules or 5 years,
-- extensions to the 6th/7th year with their authority, repatriation, cooling-off end. The computed
-- dates are the engine's (deputationTenure), stored so lists can sort on them.
CREATE TABLE deputation_tenure (
  application_id uuid PRIMARY KEY REFERENCES deputation_application(id),
  employee_id uuid NOT NULL REFERENCES employee(id),
  organisation_id integer NOT NULL REFERENCES organisation(id),
  joined_on date NOT NULL,
  rr_tenure_years integer,
  basic_pay integer,
  same_station boolean,
  normal_end_on date NOT NULL,
  hard_cap_on date NOT NULL,
  end_on date NOT NULL,
  extensions jsonb NOT NULL DEFAULT '[]'::jsonb,
  repatriated_on date,
  premature boolean NOT NULL DEFAULT false,
  cooling_off_ends_on date NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX deputation_tenure_employee ON deputation_tenure(employee_id);

-- APAR gradings as the embedded SPARROW fake keeps them (integrations/sparrow.ts), and gradings a Nodal
-- Officer enters when forwarding. year: the reporting year (financial year beginning 1 April of `year`).
CREATE TABLE apar_grading (
  employee_id uuid NOT NULL REFERENCES employee(id),
  year integer NOT NULL CHECK (year BETWEEN 1950 AND 2200),
  grading text NOT NULL,
  score numeric,
  source text NOT NULL DEFAULT 'SPARROW' CHECK (source IN ('SPARROW', 'ENTERED')),
  entered_by uuid,
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (employee_id, year)
);
