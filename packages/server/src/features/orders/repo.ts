import { one, rows, sql, type Executor } from '../../db/client.ts';
import { textArray } from '../../orders/seed.ts';

export interface OrderRow {
  id: number;
  code: string;
  aliases: string[];
  number: string;
  order_date: string | null;
  department: string;
  subject: string;
  body: string;
  kind: string;
  full_text: boolean;
  source: string;
  note: string | null;
  created_at: string;
}

export interface OrderHitRow {
  code: string;
  number: string;
  order_date: string | null;
  department: string;
  subject: string;
  kind: string;
  full_text: boolean;
  rank: number | null;
  subject_hl: string | null;
  snippet: string | null;
  total: number;
}

// Highlight markers that cannot be HTML: the client splits on them and renders <mark> elements as text nodes.
export const START_SEL = '«';
export const STOP_SEL = '»';
const HEADLINE_BODY = `StartSel=${START_SEL}, StopSel=${STOP_SEL}, MaxWords=35, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const HEADLINE_SUBJECT = `StartSel=${START_SEL}, StopSel=${STOP_SEL}, HighlightAll=true`;

/** Full-text search (English) ranked by ts_rank, with highlighted snippets; without a query, the newest orders first. */
export async function searchOrders(ex: Executor, q: string | undefined, limit: number, offset: number): Promise<OrderHitRow[]> {
  if (!q) {
    return rows<OrderHitRow>(ex, sql`
      SELECT code, number, order_date, department, subject, kind, full_text, NULL::real AS rank, NULL::text AS subject_hl,
             left(body, 240) AS snippet, count(*) OVER () AS total
        FROM legal_order
       ORDER BY order_date DESC NULLS LAST, code
       LIMIT ${limit} OFFSET ${offset}`);
  }
  // The markers are removed from the stored text first so that only ts_headline's markers remain.
  return rows<OrderHitRow>(ex, sql`
    WITH q AS (SELECT websearch_to_tsquery('english', ${q}) AS query),
    hits AS (
      SELECT o.*, ts_rank(o.search, q.query) AS rank, q.query, count(*) OVER () AS total
        FROM legal_order o, q
       WHERE o.search @@ q.query
       ORDER BY rank DESC, o.order_date DESC NULLS LAST, o.code
       LIMIT ${limit} OFFSET ${offset})
    SELECT code, number, order_date, department, subject, kind, full_text, rank, total,
           ts_headline('english', translate(subject, ${START_SEL + STOP_SEL}, ''), query, ${HEADLINE_SUBJECT}) AS subject_hl,
           ts_headline('english', translate(body, ${START_SEL + STOP_SEL}, ''), query, ${HEADLINE_BODY}) AS snippet
      FROM hits
     ORDER BY rank DESC, order_date DESC NULLS LAST, code`);
}

/** An order by its code or one of its aliases (the keys the engines cite). */
export async function findOrder(ex: Executor, code: string): Promise<OrderRow | undefined> {
  return one<OrderRow>(ex, sql`
    SELECT id, code, aliases, number, order_date, department, subject, body, kind, full_text, source, note, created_at
      FROM legal_order WHERE code = ${code} OR ${code} = ANY (aliases)
     ORDER BY (code = ${code}) DESC LIMIT 1`);
}

export interface RuleVersionRow {
  id: number;
  rule_key: string;
  effective_from: string;
  para: string | null;
  parameters: Record<string, unknown>;
  added_by: string | null;
  created_at: string;
}

export async function ruleVersionsOf(ex: Executor, orderId: number): Promise<RuleVersionRow[]> {
  return rows<RuleVersionRow>(ex, sql`
    SELECT id, rule_key, effective_from, para, parameters, added_by, created_at
      FROM rule_version WHERE order_id = ${orderId} ORDER BY rule_key, effective_from`);
}

export interface NewOrder {
  code: string;
  aliases: string[];
  number: string;
  date: string | null;
  department: string;
  subject: string;
  text: string;
  kind: string;
  fullText: boolean;
  note: string | null;
}

/** Inserts an order; undefined when the code (or an alias) is taken. */
export async function insertOrder(tx: Executor, o: NewOrder, addedBy: string): Promise<{ id: number } | undefined> {
  const keys = [o.code, ...o.aliases];
  const clash = await one(tx, sql`SELECT 1 FROM legal_order WHERE code = ANY (${textArray(keys)}) OR aliases && ${textArray(keys)} LIMIT 1`);
  if (clash) return undefined;
  return one<{ id: number }>(tx, sql`
    INSERT INTO legal_order (code, aliases, number, order_date, department, subject, body, kind, full_text, source, note, added_by)
    VALUES (${o.code}, ${textArray(o.aliases)}, ${o.number}, ${o.date}, ${o.department}, ${o.subject}, ${o.text}, ${o.kind}, ${o.fullText}, 'ADMIN', ${o.note}, ${addedBy})
    ON CONFLICT (code) DO NOTHING
    RETURNING id`);
}

export async function insertRuleVersion(tx: Executor, orderId: number, v: { ruleKey: string; effectiveFrom: string; para: string | null; parameters: Record<string, unknown> }, addedBy: string): Promise<RuleVersionRow | undefined> {
  return one<RuleVersionRow>(tx, sql`
    INSERT INTO rule_version (rule_key, effective_from, order_id, para, parameters, added_by)
    VALUES (${v.ruleKey}, ${v.effectiveFrom}, ${orderId}, ${v.para}, ${JSON.stringify(v.parameters)}::jsonb, ${addedBy})
    ON CONFLICT (rule_key, effective_from, order_id) DO NOTHING
    RETURNING id, rule_key, effective_from, para, parameters, added_by, created_at`);
}
