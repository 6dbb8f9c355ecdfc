-- Orders library (issue 4): the orders (O.M.s, rules) the engines cite, full-text searchable in English;
-- rule versions linking each effective-dated rule parameter to the order it rests on;
-- Child Care Leave applications (rules.md §3) with the engine's decision stored at submission.
-- Kept to the SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) share.

CREATE TABLE legal_order (
  id bigserial PRIMARY KEY,
  -- stable key cited by the engines (Citation.orderId), e.g. 'MACPS-2009'
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9.-]{1,63}$'),
  -- other keys the same order is cited by (engines written apart may name it differently)
  aliases text[] NOT NULL DEFAULT '{}',
  -- e.g. 'O.M. No. 35034/3/2008-Estt.(D)'
  number text NOT NULL,
  order_date date,
  department text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  -- what kind of document: an O.M., statutory rules, an order, a press release, a notice
  kind text NOT NULL DEFAULT 'OM' CHECK (kind IN ('OM', 'RULES', 'ORDER', 'LETTER', 'PRESS_RELEASE', 'NOTICE')),
  -- true when body is the order's full text; false when it is only the lines of rules.md that cite it
  full_text boolean NOT NULL DEFAULT true,
  -- where the record came from: a seed document, rules.md, or an administrator
  source text NOT NULL DEFAULT 'ADMIN' CHECK (source IN ('SEED', 'RULES', 'ADMIN')),
  note text,
  added_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- English full-text search: code, number and subject weigh more than the body
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(code, '') || ' ' || coalesce(number, '') || ' ' || coalesce(subject, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(department, '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
  ) STORED
);
CREATE INDEX legal_order_search ON legal_order USING gin (search);
CREATE INDEX legal_order_date ON legal_order (order_date DESC);
CREATE INDEX legal_order_aliases ON legal_order USING gin (aliases);

-- One version of a rule's parameters, in force from `effective_from`, resting on an order.
CREATE TABLE rule_version (
  id bigserial PRIMARY KEY,
  -- e.g. 'ccl.minSpellDays', 'macp.benchmark'
  rule_key text NOT NULL CHECK (length(rule_key) BETWEEN 1 AND 100),
  effective_from date NOT NULL,
  order_id bigint NOT NULL REFERENCES legal_order(id),
  para text,
  parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
  added_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_key, effective_from, order_id)
);
CREATE INDEX rule_version_order ON rule_version (order_id);
CREATE INDEX rule_version_key ON rule_version (rule_key, effective_from);

-- Child Care Leave applications. `decision` is the engine's answer (outcome, reasons, split of days) at submission;
-- the sanctioning authority's own reasons and justification are kept beside it.
CREATE TABLE ccl_application (
  id uuid PRIMARY KEY,
  employee_id uuid NOT NULL REFERENCES employee(id),
  child_id bigint NOT NULL REFERENCES child(id),
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date >= from_date),
  days integer NOT NULL CHECK (days > 0),
  status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED', 'SANCTIONED', 'REFUSED', 'REFERRED', 'WITHDRAWN')),
  decision jsonb NOT NULL,
  hospitalised boolean NOT NULL DEFAULT false,
  purpose text NOT NULL DEFAULT '',
  justification text,
  refusal_reasons text,
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  submitted_by uuid REFERENCES app_user(id),
  submitted_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX ccl_application_employee ON ccl_application (employee_id, from_date);
CREATE INDEX ccl_application_status ON ccl_application (status, submitted_at);
