-- Printed documents that a third party can verify at /verify/<code> (profile, IPR, clearance certificates).
CREATE TABLE print_document (
  code text PRIMARY KEY,
  kind text NOT NULL,
  entity_id text NOT NULL,
  version_no integer NOT NULL,
  -- exactly what the document attests, shown on the verify page and nothing more
  attests jsonb NOT NULL,
  content_hash text NOT NULL,
  issued_at timestamptz NOT NULL,
  issued_to uuid
);
CREATE INDEX print_document_entity ON print_document(kind, entity_id, version_no);
