import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { one, rows, sql } from '../../db/client.ts';
import { appendAudit } from '../../audit/audit.ts';
import { auditContext } from '../../http/context.ts';
import { PageQuery, Page, offsetOf } from '../../http/pagination.ts';
import '../../notify/notify.ts'; // registers the mail.deliver job handler

const Notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const ListQuery = PageQuery.extend({ unread: flag.optional() });
const IdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

interface Row {
  id: number;
  kind: string;
  title_en: string;
  title_hi: string;
  body_en: string;
  body_hi: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

const iso = (v: string | null): string | null => (v == null ? null : new Date(v).toISOString());

/** The in-portal inbox: each user sees and marks only their own notifications. */
export const notificationsFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/notifications', {
    config: { action: 'notification.read' },
    schema: {
      tags: ['notifications'],
      summary: 'My notifications, newest first, in my language; `unread=true` for the unread ones only',
      querystring: ListQuery,
      response: { 200: Page(Notification).extend({ unread: z.number().int() }) },
    },
  }, async (req) => {
    const q = req.query;
    const me = req.actor!.userId;
    const db = app.deps.database.db;
    const onlyUnread = q.unread ? sql`AND read_at IS NULL` : sql``;
    const items = await rows<Row>(db, sql`
      SELECT id, kind, title_en, title_hi, body_en, body_hi, link, created_at, read_at FROM notification
       WHERE user_id = ${me} ${onlyUnread}
       ORDER BY created_at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`);
    const counts = await one<{ total: number; unread: number }>(db, sql`
      SELECT count(*) FILTER (WHERE true ${onlyUnread})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
        FROM notification WHERE user_id = ${me}`);
    const hi = req.lang === 'hi';
    return {
      items: items.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: hi ? r.title_hi || r.title_en : r.title_en,
        body: hi ? r.body_hi || r.body_en : r.body_en,
        link: r.link,
        createdAt: iso(r.created_at)!,
        readAt: iso(r.read_at),
      })),
      total: counts?.total ?? 0,
      unread: counts?.unread ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  });

  app.post('/api/v1/notifications/:id/read', {
    config: { action: 'notification.read' },
    schema: {
      tags: ['notifications'],
      summary: 'Mark one of my notifications read (another user\'s: 404)',
      params: IdParams,
      response: { 200: z.object({ id: z.number().int(), readAt: z.string() }) },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    const me = req.actor!.userId;
    return app.tx(async (tx) => {
      const n = await one<{ id: number; read_at: string | null }>(tx, sql`SELECT id, read_at FROM notification WHERE id = ${req.params.id} AND user_id = ${me} FOR UPDATE`);
      if (!n) throw new AppError('NOT_FOUND');
      if (n.read_at) return { id: n.id, readAt: iso(n.read_at)! };
      await tx.execute(sql`UPDATE notification SET read_at = ${now.toISOString()} WHERE id = ${n.id}`);
      await appendAudit(tx, auditContext(req, now), { entity: 'notification', entityId: String(n.id), action: 'notification.read', changes: { read_at: { before: null, after: now.toISOString() } } });
      return { id: n.id, readAt: now.toISOString() };
    });
  });

  app.post('/api/v1/notifications/read-all', {
    config: { action: 'notification.read' },
    schema: {
      tags: ['notifications'],
      summary: 'Mark all my notifications read',
      response: { 200: z.object({ updated: z.number().int() }) },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    const me = req.actor!.userId;
    return app.tx(async (tx) => {
      const r = await rows<{ id: number }>(tx, sql`UPDATE notification SET read_at = ${now.toISOString()} WHERE user_id = ${me} AND read_at IS NULL RETURNING id`);
      if (r.length) {
        await appendAudit(tx, auditContext(req, now), { entity: 'app_user', entityId: me, action: 'notification.read-all', changes: { notifications: r.length } });
      }
      return { updated: r.length };
    });
  });
};
