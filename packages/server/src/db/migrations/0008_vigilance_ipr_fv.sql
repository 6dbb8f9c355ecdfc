-- Vigilance status, Immovable Property Returns, private foreign visit clearance (O.M. of 15.11.2022
-- paras 3.2, 3.3, 3.5; rules.md §4, §6, §7).

-- Vigilance events (table of 0001): the matter (case/file reference) linking events of one case, a
-- note, attachments' metadata (name, reference, sha256), the role of the recorder. The history is
-- append-only: a correction is a new row naming the one it corrects (corrects_id).
ALTER TABLE vigilance_event ADD COLUMN matter text;
ALTER TABLE vigilance_event ADD COLUMN note text;
ALTER TABLE vigilance_event ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE vigilance_event ADD COLUMN recorded_role text;
CREATE INDEX vigilance_event_corrects ON vigilance_event(corrects_id) WHERE corrects_id IS NOT NULL;

CREATE FUNCTION vigilance_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'vigilance_event is append-only (record a correction instead): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER vigilance_event_no_update BEFORE UPDATE OR DELETE ON vigilance_event FOR EACH ROW EXECUTE FUNCTION vigilance_event_refuse_change();
CREATE TRIGGER vigilance_event_no_truncate BEFORE TRUNCATE ON vigilance_event FOR EACH STATEMENT EXECUTE FUNCTION vigilance_event_refuse_change();

-- Immovable Property Returns: one row per (employee, kind, year, revision). A draft is edited; a filed
-- return is read-only (trigger); a revision is a new row with the next revision number and a reason.
CREATE TABLE ipr_return (
  id uuid PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  kind text NOT NULL CHECK (kind IN ('ANNUAL', 'FIRST_APPOINTMENT')),
  year integer NOT NULL CHECK (year BETWEEN 1964 AND 2200),
  as_on date NOT NULL,
  revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  status text NOT NULL CHECK (status IN ('DRAFT', 'FILED')),
  nil boolean NOT NULL DEFAULT false,
  rows jsonb NOT NULL DEFAULT '[]'::jsonb,
  mode text NOT NULL DEFAULT 'ONLINE' CHECK (mode IN ('ONLINE', 'PAPER')),
  source text NOT NULL DEFAULT 'PORTAL' CHECK (source IN ('PORTAL', 'IMPORT')),
  filed_on date,
  filed_at timestamptz,
  filed_by uuid,
  revision_reason text,
  carried_from uuid REFERENCES ipr_return(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status = 'DRAFT' OR filed_on IS NOT NULL),
  CHECK (revision = 1 OR revision_reason IS NOT NULL)
);
CREATE UNIQUE INDEX ipr_return_revision ON ipr_return(employee_id, kind, year, revision);
CREATE UNIQUE INDEX ipr_return_one_draft ON ipr_return(employee_id, kind, year) WHERE status = 'DRAFT';
CREATE INDEX ipr_return_year ON ipr_return(year, kind, status);

CREATE FUNCTION ipr_return_filed_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'FILED' THEN
    RAISE EXCEPTION 'a filed property return is read-only (file a revision): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ipr_return_read_only BEFORE UPDATE OR DELETE ON ipr_return FOR EACH ROW EXECUTE FUNCTION ipr_return_filed_read_only();

-- Private foreign visit applications: the application as filed (jsonb, foreignVisitApplicationSchema),
-- the workflow state, the SLA clock dates, deficiency memos, the AVD clearance, the decision and the
-- vigilance clearance fetched at the moment of the decision (stored with it).
CREATE TABLE foreign_visit_application (
  id uuid PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  ministry_id integer NOT NULL REFERENCES ministry(id),
  cadre text NOT NULL,
  grade text NOT NULL,
  state text NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'DEFICIENCY_MEMO', 'UNDER_EXAMINATION', 'FORWARDED_TO_CADRE_AUTHORITY', 'APPROVED', 'REFUSED', 'WITHDRAWN')),
  application jsonb NOT NULL,
  departure_on date NOT NULL,
  return_on date NOT NULL,
  route jsonb NOT NULL,
  received_on date,
  deficiency_memo_on date,
  complete_on date,
  forwarded_on date,
  decided_on date,
  -- [{on, by, items[], resubmittedOn?}]
  deficiency_memos jsonb NOT NULL DEFAULT '[]'::jsonb,
  avd_clearance jsonb,
  avd_cleared_by uuid,
  avd_cleared_at timestamptz,
  decision text CHECK (decision IN ('APPROVED', 'REFUSED')),
  decision_reasons text,
  decided_by uuid,
  decided_role text,
  vigilance_at_decision jsonb,
  certificate_code text,
  submitted_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX foreign_visit_employee ON foreign_visit_application(employee_id, departure_on);
CREATE INDEX foreign_visit_ministry ON foreign_visit_application(ministry_id, state);
CREATE INDEX foreign_visit_cadre ON foreign_visit_application(cadre, state);
