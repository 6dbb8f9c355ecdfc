-- Masters: a Ministry edited by an administrator keeps its edits across restarts (syncMasters only
-- refreshes rows never edited, updated_at IS NULL); version for optimistic concurrency on PUT.
ALTER TABLE ministry ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE ministry ADD COLUMN updated_at timestamptz;
-- Employee list: ordered by name within a scope; code look-ups by prefix.
CREATE INDEX employee_name ON employee(name_en, id);
