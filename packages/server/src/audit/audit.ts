import { createHash } from 'node:crypto';
import { atCommit, one, rows, sendsAtCommit, sql, type Executor } from '../db/client.ts';

export interface AuditActor {
  kind: 'USER' | 'JOB' | 'SYSTEM';
  userId?: string | null;
  role?: string | null;
}

/** Request facts carried into every audit record. */
export interface AuditContext {
  actor: AuditActor;
  requestId?: string | null;
  clientIp?: string | null;
  at: Date;
}

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  /** changed fields: { field: { before, after } }, or a summary for creations */
  changes?: Record<string, unknown>;
  reason?: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_kind: string;
  entity: string;
  entity_id: string;
  action: string;
  changes: Record<string, unknown>;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

/** JSON with keys sorted at every depth, so the hash survives jsonb's own key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function recordHash(r: Omit<AuditRow, 'hash'>): string {
  const at = new Date(r.at).toISOString();
  const body = canonicalJson([r.seq, at, r.actor_user_id, r.actor_role, r.actor_kind, r.entity, r.entity_id, r.action, r.changes, r.reason, r.request_id, r.client_ip]);
  return createHash('sha256').update(`${r.prev_hash}\n${body}`).digest('hex');
}

/** The one statement of an append: $1 … $12 = tail, at, actor user, role, kind, entity, entity id, action, changes, reason, request id, ip. */
function appendStatement(v: (i: number) => string): string {
  return `WITH h AS (
      UPDATE audit_head
         SET seq = seq + 1,
             prev_hash = hash,
             hash = encode(sha256(convert_to(hash || E'\\n' || '[' || (seq + 1)::text || ',' || ${v(1)}, 'UTF8')), 'hex')
       WHERE id = 1
      RETURNING seq, prev_hash, hash)
    INSERT INTO audit_log (seq, at, actor_user_id, actor_role, actor_kind, entity, entity_id, action, changes, reason, request_id, client_ip, prev_hash, hash)
    SELECT h.seq, ${v(2)}::timestamptz, ${v(3)}::uuid, ${v(4)}, ${v(5)}, ${v(6)}, ${v(7)}, ${v(8)}, ${v(9)}::jsonb, ${v(10)}, ${v(11)}, ${v(12)}, h.prev_hash, h.hash
      FROM h`;
}

/**
 * Appends one record to the hash chain inside the caller's transaction, in ONE statement: the UPDATE of the
 * single-row audit_head takes its row lock (waiting writers re-read the newest head), computes the new hash in SQL
 * from the previous one, and the INSERT takes seq, previous hash and hash from it. The lock is held from this
 * statement to the commit, so every writer of the portal queues on it: on PostgreSQL the statement is therefore sent
 * in the same message as the COMMIT (`atCommit`), and the lock is never held while this process is busy elsewhere;
 * elsewhere (PGlite, a plain transaction) it runs at once, and callers append their audit record last. The hash is the
 * same as recordHash(): sha256(prev_hash + "\n" + canonical JSON of [seq, at, actor…, changes, reason, request id, ip]).
 */
export async function appendAudit(tx: Executor, ctx: AuditContext, e: AuditEntry): Promise<void> {
  const changes = JSON.parse(JSON.stringify(e.changes ?? {}));
  const at = ctx.at.toISOString();
  const rest = [at, ctx.actor.userId ?? null, ctx.actor.role ?? null, ctx.actor.kind, e.entity, e.entityId, e.action, changes, e.reason ?? null, ctx.requestId ?? null, ctx.clientIp ?? null];
  // canonicalJson([seq, ...rest]) = "[" + seq + "," + canonicalJson(rest) without its "["
  const tail = canonicalJson(rest).slice(1);
  const values: Array<string | null> = [tail, at, ctx.actor.userId ?? null, ctx.actor.role ?? null, ctx.actor.kind, e.entity, e.entityId, e.action, JSON.stringify(changes), e.reason ?? null, ctx.requestId ?? null, ctx.clientIp ?? null];
  if (atCommit(tx, (literal) => appendStatement((i) => literal(values[i - 1])))) return;
  // the same statement through the query builder, with parameters
  const chunks = APPEND_PARTS.map((part, k) => (k % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`));
  await tx.execute(sql.join(chunks, sql``));
}

/** appendStatement's text split around its values once: text, value number, text, … */
const APPEND_PARTS = appendStatement((i) => `⟦${i}⟧`).split(/⟦(\d+)⟧/);

/**
 * Appends several records (one context) for a set-based write such as a bulk validation. On PostgreSQL each goes with
 * the COMMIT like any append. Elsewhere they take two statements whatever their number, instead of a statement per
 * record while the audit_head lock is held: the first reserves the seq numbers and takes the lock; the hashes are
 * chained here with recordHash() (the format verifyChain checks, the same as appendAudit's SQL); the second inserts
 * every record and moves the head.
 */
export async function appendAuditMany(tx: Executor, ctx: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length === 1 || sendsAtCommit(tx)) {
    for (const e of entries) await appendAudit(tx, ctx, e);
    return;
  }
  const at = ctx.at.toISOString();
  const head = await one<{ base: number; hash: string }>(tx, sql`
    UPDATE audit_head SET seq = seq + ${entries.length} WHERE id = 1 RETURNING seq - ${entries.length} AS base, hash`);
  if (!head) throw new Error('audit_head missing');
  let prev = head.hash;
  const records: Array<Omit<AuditRow, 'changes'> & { changes: Record<string, unknown> }> = [];
  entries.forEach((e, i) => {
    const r = {
      seq: Number(head.base) + i + 1,
      at,
      actor_user_id: ctx.actor.userId ?? null,
      actor_role: ctx.actor.role ?? null,
      actor_kind: ctx.actor.kind,
      entity: e.entity,
      entity_id: e.entityId,
      action: e.action,
      changes: JSON.parse(JSON.stringify(e.changes ?? {})) as Record<string, unknown>,
      reason: e.reason ?? null,
      request_id: ctx.requestId ?? null,
      client_ip: ctx.clientIp ?? null,
      prev_hash: prev,
    };
    prev = recordHash(r);
    records.push({ ...r, hash: prev });
  });
  const last = records[records.length - 1];
  await tx.execute(sql`
    WITH ins AS (
      INSERT INTO audit_log (seq, at, actor_user_id, actor_role, actor_kind, entity, entity_id, action, changes, reason, request_id, client_ip, prev_hash, hash)
      SELECT x.seq, x.at::timestamptz, x.actor_user_id::uuid, x.actor_role, x.actor_kind, x.entity, x.entity_id, x.action, x.changes, x.reason, x.request_id, x.client_ip, x.prev_hash, x.hash
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(seq bigint, at text, actor_user_id text, actor_role text, actor_kind text, entity text, entity_id text,
             action text, changes jsonb, reason text, request_id text, client_ip text, prev_hash text, hash text)
      RETURNING 1)
    UPDATE audit_head SET prev_hash = ${last.prev_hash}, hash = ${last.hash} WHERE id = 1 AND seq = ${last.seq} AND (SELECT count(*) FROM ins) = ${records.length}`);
}

/** Field-by-field before/after of the keys that changed. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonicalJson(before[k]) !== canonicalJson(after[k])) out[k] = { before: before[k] ?? null, after: after[k] ?? null };
  }
  return out;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  firstBad?: { seq: number; why: string };
}

/** Walks the chain in pages and names the first record whose link or hash does not hold. */
export async function verifyChain(ex: Executor, pageSize = 5000): Promise<VerifyResult> {
  let prev = '0'.repeat(64);
  let expectSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await rows<AuditRow>(ex, sql`SELECT * FROM audit_log WHERE seq >= ${expectSeq} ORDER BY seq LIMIT ${pageSize}`);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.seq !== expectSeq) return { ok: false, checked, head: { seq: expectSeq - 1, hash: prev }, firstBad: { seq: r.seq, why: `record ${expectSeq} is missing` } };
      if (r.prev_hash !== prev) return { ok: false, checked, head: { seq: expectSeq - 1, hash: prev }, firstBad: { seq: r.seq, why: 'prev_hash does not match the previous record' } };
      const { hash, ...rest } = r;
      if (recordHash(rest) !== hash) return { ok: false, checked, head: { seq: expectSeq - 1, hash: prev }, firstBad: { seq: r.seq, why: 'content does not match its hash' } };
      prev = hash;
      expectSeq++;
      checked++;
    }
  }
  const head = await one<{ seq: number; hash: string }>(ex, sql`SELECT seq, hash FROM audit_head WHERE id = 1`);
  if (head && (head.seq !== expectSeq - 1 || head.hash !== prev)) {
    return { ok: false, checked, head: { seq: expectSeq - 1, hash: prev }, firstBad: { seq: head.seq, why: 'the chain head does not match the last record (records removed?)' } };
  }
  return { ok: true, checked, head: { seq: expectSeq - 1, hash: prev } };
}
