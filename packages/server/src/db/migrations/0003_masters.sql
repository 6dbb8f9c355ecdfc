-- Masters: a Ministry edited by an administrator keeps its edits across restarts (syncMasters only
-- refreshes rows never edited, updated_at IS NULL); version for optimistic concurrency on PUT.
ALTER TABLE ministry ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE ministry ADD COLUMN updated_at timestamptz;
-- Employee list (GET /api/v1/employees): a page in name order within the actor's scope reads an index range
-- and stops after the page: one Ministry (Nodal Officer), one cadre (cadre authority), or all by name.
CREATE INDEX employee_name ON employee(name_en, id);
CREATE INDEX employee_ministry_name ON employee(ministry_id, name_en, id);
CREATE INDEX employee_cadre_name ON employee(cadre, name_en, id);
