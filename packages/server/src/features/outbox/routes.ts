import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { one, rows, sql } from '../../db/client.ts';
import { PageQuery, Page, offsetOf } from '../../http/pagination.ts';

const Mail = z.object({
  id: z.number().int(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

interface Row {
  id: number;
  to_addr: string;
  subject: string;
  body: string;
  link: string | null;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
}

const iso = (v: string | null): string | null => (v == null ? null : new Date(v).toISOString());

/** The mail outbox: in embedded mode (no SMTP) the administrator reads the portal's e-mail here. */
export const outboxFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/outbox', {
    config: { action: 'outbox.read' },
    schema: {
      tags: ['notifications'],
      summary: 'The mail outbox, newest first (`unsent=true`: only mail not yet sent)',
      querystring: PageQuery.extend({ unsent: flag.optional() }),
      response: { 200: Page(Mail).extend({ smtpConfigured: z.boolean() }) },
    },
  }, async (req) => {
    const q = req.query;
    const db = app.deps.database.db;
    const where = q.unsent ? sql`WHERE sent_at IS NULL` : sql``;
    const items = await rows<Row>(db, sql`
      SELECT id, to_addr, subject, body, link, created_at, sent_at, attempts, last_error FROM mail_outbox ${where}
       ORDER BY created_at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`);
    const total = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM mail_outbox ${where}`);
    return {
      items: items.map((r) => ({
        id: r.id,
        to: r.to_addr,
        subject: r.subject,
        body: r.body,
        link: r.link,
        createdAt: iso(r.created_at)!,
        sentAt: iso(r.sent_at),
        attempts: r.attempts,
        lastError: r.last_error,
      })),
      total: total?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
      smtpConfigured: !!app.deps.config.smtpUrl,
    };
  });
};
