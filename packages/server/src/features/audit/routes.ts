import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { SQL } from 'drizzle-orm';
import { one, rows, sql } from '../../db/client.ts';
import { verifyChain } from '../../audit/audit.ts';
import { auditSigningKey, exportSignedHead } from '../../audit/signing.ts';
import { PageQuery, Page, offsetOf } from '../../http/pagination.ts';
import { AppError, fieldError } from '../../http/errors.ts';

/** A calendar date is a day in India (IST, +05:30); a date-time needs its offset. */
const When = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const AuditQuery = PageQuery.extend({
  entity: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
  actorUserId: z.uuid().optional(),
  action: z.string().min(1).max(100).optional(),
  from: When.optional(),
  to: When.optional(),
});

const Record_ = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorKind: z.enum(['USER', 'JOB', 'SYSTEM']),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
});

const Verify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  firstBad: z.object({ seq: z.number().int(), why: z.string() }).optional(),
});

const Head = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: z.string(),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string(),
  signature: z.string(),
});

interface Row {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_kind: 'USER' | 'JOB' | 'SYSTEM';
  entity: string;
  entity_id: string;
  action: string;
  changes: Record<string, unknown>;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
}

const IST = '+05:30';
function bound(v: string, end: boolean): { at: string; inclusive: boolean } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const start = new Date(`${v}T00:00:00${IST}`);
    return end ? { at: new Date(start.getTime() + 86_400_000).toISOString(), inclusive: false } : { at: start.toISOString(), inclusive: true };
  }
  return { at: new Date(v).toISOString(), inclusive: true };
}

/** The audit trail: the viewer's query, the chain check, the signed export of the chain head. */
export const auditFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  // A configured key that is not an Ed25519 private key stops the start, not the first export.
  let key: KeyObject | undefined = app.deps.config.auditSigningKey ? auditSigningKey(app.deps.config) : undefined;

  app.get('/api/v1/audit', {
    config: { action: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Audit records, newest first, filtered by entity, record, actor, action and time (a date is a whole day in IST)',
      querystring: AuditQuery,
      response: { 200: Page(Record_) },
    },
  }, async (req) => {
    const q = req.query;
    const conds: SQL[] = [];
    if (q.entity) conds.push(sql`a.entity = ${q.entity}`);
    if (q.entityId) conds.push(sql`a.entity_id = ${q.entityId}`);
    if (q.actorUserId) conds.push(sql`a.actor_user_id = ${q.actorUserId}`);
    if (q.action) conds.push(sql`a.action = ${q.action}`);
    const from = q.from ? bound(q.from, false) : undefined;
    const to = q.to ? bound(q.to, true) : undefined;
    if (from && to && from.at > to.at) throw fieldError('to', 'must not be before from', '"from" से पहले नहीं हो सकता');
    if (from) conds.push(sql`a.at >= ${from.at}`);
    if (to) conds.push(to.inclusive ? sql`a.at <= ${to.at}` : sql`a.at < ${to.at}`);
    const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
    const db = app.deps.database.db;
    const items = await rows<Row>(db, sql`
      SELECT a.seq, a.at, a.actor_user_id, u.display_name AS actor_name, a.actor_role, a.actor_kind, a.entity, a.entity_id, a.action,
             a.changes, a.reason, a.request_id, a.client_ip
        FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_user_id
        ${where}
       ORDER BY a.seq DESC LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`);
    const total = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log a ${where}`);
    return {
      items: items.map((r) => ({
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        actorKind: r.actor_kind,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        changes: r.changes ?? {},
        reason: r.reason,
        requestId: r.request_id,
        clientIp: r.client_ip,
      })),
      total: total?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  });

  app.get('/api/v1/audit/verify', {
    config: { action: 'audit.read' },
    schema: { tags: ['audit'], summary: 'Walk the hash chain: ok, the number of records checked and the head, or the first bad record', response: { 200: Verify } },
  }, async () => verifyChain(app.deps.database.db));

  app.get('/api/v1/audit/head', {
    config: { action: 'audit.export' },
    schema: {
      tags: ['audit'],
      summary: 'The chain head signed with Ed25519: keep it off the system; `npm run audit:verify -- --head file.json` later proves the chain was not rewritten',
      response: { 200: Head },
    },
  }, async () => {
    key ??= auditSigningKey(app.deps.config);
    try {
      return await exportSignedHead(app.deps.database.db, key!, app.deps.clock.now());
    } catch (e) {
      throw new AppError('CONFLICT', {
        cause: e,
        en: `The chain head cannot be signed: ${(e as Error).message}`,
        hi: 'श्रृंखला का शीर्ष हस्ताक्षरित नहीं किया जा सकता: लेखा-परीक्षा श्रृंखला की जाँच करें (npm run audit:verify)।',
      });
    }
  });
};
