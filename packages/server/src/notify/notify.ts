import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { execAtCommit, one, rows, sql, type Executor } from '../db/client.ts';
import { enqueueJob, registerJobHandler, registerRecurringJob } from '../jobs/jobs.ts';

export interface Bilingual {
  en: string;
  hi: string;
}

export interface NotifyInput {
  userIds: readonly string[];
  /** a stable machine kind, e.g. 'profile.window.reminder' */
  kind: string;
  title: Bilingual;
  body: Bilingual;
  /** a portal path ('/profile') — made absolute with PUBLIC_URL in e-mail */
  link?: string | null;
  /** also e-mail the users who have an address (kept in the outbox; sent by the 'mail.deliver' job when SMTP is set) */
  email?: boolean;
}

export interface NotifyResult {
  notificationIds: number[];
  mailIds: number[];
}

export const MAIL_DELIVER = 'mail.deliver';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * In-portal notifications (and e-mail through the outbox) in the caller's transaction: they exist iff
 * the caller's write commits. Users that do not exist are skipped; e-mail goes to active users with an
 * address (the user's, else their employee record's), in their preferred language first, then the other.
 */
export async function notify(tx: Executor, input: NotifyInput, now: Date): Promise<NotifyResult> {
  const ids = [...new Set(input.userIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return { notificationIds: [], mailIds: [] };
  const at = now.toISOString();
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const n = await rows<{ id: number }>(tx, sql`
    INSERT INTO notification (user_id, kind, title_en, title_hi, body_en, body_hi, link, created_at)
    SELECT u.id, ${input.kind}, ${input.title.en}, ${input.title.hi}, ${input.body.en}, ${input.body.hi}, ${input.link ?? null}, ${at}
      FROM app_user u WHERE u.id IN (${idList})
    RETURNING id`);
  const mailIds: number[] = [];
  if (input.email) {
    const users = await rows<{ id: string; lang: 'en' | 'hi'; email: string }>(tx, sql`
      SELECT u.id, u.preferred_lang AS lang, COALESCE(NULLIF(u.email, ''), NULLIF(e.email, '')) AS email
        FROM app_user u LEFT JOIN employee e ON e.id = u.employee_id
       WHERE u.id IN (${idList}) AND u.active AND COALESCE(NULLIF(u.email, ''), NULLIF(e.email, '')) IS NOT NULL`);
    for (const u of users) {
      const m = composeMail(u.lang, input.title, input.body);
      const r = await one<{ id: number }>(tx, sql`
        INSERT INTO mail_outbox (to_addr, subject, body, created_at, user_id, link)
        VALUES (${u.email}, ${m.subject}, ${m.body}, ${at}, ${u.id}, ${input.link ?? null}) RETURNING id`);
      mailIds.push(r!.id);
      await enqueueJob(tx, { id: `${MAIL_DELIVER}:${r!.id}`, kind: MAIL_DELIVER, runAt: now, payload: { mailId: r!.id }, maxAttempts: 8 });
    }
  }
  return { notificationIds: n.map((r) => r.id), mailIds };
}

/** Subject in the reader's language; the body in it first, then in the other language (official communication is bilingual). */
/**
 * In-portal notifications only (no e-mail), when the caller needs nothing back: on a PostgreSQL `app.tx` the insert goes
 * with the COMMIT (db/client.ts `execAtCommit`); elsewhere it runs now. Same rows as `notify` without `email`.
 */
export async function notifyAtCommit(tx: Executor, input: Omit<NotifyInput, 'email'>, now: Date): Promise<void> {
  const ids = [...new Set(input.userIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return;
  await execAtCommit(tx)`
    INSERT INTO notification (user_id, kind, title_en, title_hi, body_en, body_hi, link, created_at)
    SELECT u.id, ${input.kind}, ${input.title.en}, ${input.title.hi}, ${input.body.en}, ${input.body.hi}, ${input.link ?? null}, ${now.toISOString()}::timestamptz
      FROM app_user u WHERE u.id = ANY(${`{${ids.join(',')}}`}::uuid[])`;
}

export function composeMail(lang: 'en' | 'hi', title: Bilingual, body: Bilingual): { subject: string; body: string } {
  const other = lang === 'hi' ? 'en' : 'hi';
  return { subject: title[lang].slice(0, 300), body: [body[lang], '', '—', title[other], body[other]].join('\n').trim() };
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** What sends mail: nodemailer's transporter, or anything with the same sendMail (tests). */
export interface MailTransport {
  sendMail(m: MailMessage): Promise<unknown>;
}

const injected = new WeakMap<FastifyInstance, MailTransport>();
const bySmtpUrl = new Map<string, MailTransport>();

/** Replaces the SMTP transport of one app (tests: nodemailer's jsonTransport, a failing fake). */
export function setMailTransport(app: FastifyInstance, t: MailTransport | null): void {
  if (t) injected.set(app, t);
  else injected.delete(app);
}

function transportFor(app: FastifyInstance): MailTransport | null {
  const t = injected.get(app);
  if (t) return t;
  const url = app.deps.config.smtpUrl;
  if (!url) return null;
  let tr = bySmtpUrl.get(url);
  if (!tr) {
    // Short timeouts: delivery runs inside the job's transaction (on PGlite, the one connection).
    tr = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never) as unknown as MailTransport;
    bySmtpUrl.set(url, tr);
  }
  return tr;
}

interface OutboxRow {
  id: number;
  to_addr: string;
  subject: string;
  body: string;
  link: string | null;
  sent_at: string | null;
}

registerJobHandler<{ mailId: number }>(
  MAIL_DELIVER,
  async ({ tx, payload, now, app, audit }) => {
    const m = await one<OutboxRow>(tx, sql`SELECT id, to_addr, subject, body, link, sent_at FROM mail_outbox WHERE id = ${payload.mailId} FOR UPDATE`);
    if (!m || m.sent_at) return { progress: { sent: false, reason: m ? 'already sent' : 'no such mail' } };
    const transport = transportFor(app);
    if (!transport) return { progress: { sent: false, reason: 'SMTP is not configured: the mail stays in the outbox for the administrator' } };
    const { config } = app.deps;
    const text = m.link ? `${m.body}\n\n${config.publicUrl}${m.link.startsWith('/') ? '' : '/'}${m.link}` : m.body;
    await transport.sendMail({ from: config.mailFrom, to: m.to_addr, subject: m.subject, text });
    await tx.execute(sql`UPDATE mail_outbox SET sent_at = ${now.toISOString()}, attempts = attempts + 1, last_error = NULL WHERE id = ${m.id}`);
    await audit({ entity: 'mail_outbox', entityId: String(m.id), action: 'mail.sent', changes: { sent_at: { before: null, after: now.toISOString() } } });
    return { progress: { sent: true } };
  },
  {
    onFailure: async ({ tx, payload, error, final, audit }) => {
      const r = await rows(tx, sql`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ${error.slice(0, 1000)} WHERE id = ${payload.mailId} AND sent_at IS NULL RETURNING id`);
      if (r.length) await audit({ entity: 'mail_outbox', entityId: String(payload.mailId), action: final ? 'mail.failed' : 'mail.attempt-failed', changes: { last_error: { before: null, after: error.slice(0, 1000) } } });
    },
  },
);

/**
 * Every 10 minutes, when SMTP is configured: mail that was kept in the outbox because there was no SMTP
 * (never tried) gets a delivery job again — e.g. after SMTP_URL is set and the portal restarted.
 */
registerJobHandler('mail.sweep', async ({ tx, now, app }) => {
  if (!transportFor(app)) return { progress: { requeued: 0, reason: 'SMTP is not configured' } };
  const kept = await rows<{ id: number }>(tx, sql`
    SELECT m.id FROM mail_outbox m LEFT JOIN job j ON j.id = 'mail.deliver:' || m.id
     WHERE m.sent_at IS NULL AND m.attempts = 0 AND (j.id IS NULL OR j.status IN ('DONE', 'CANCELLED'))
     ORDER BY m.id LIMIT 500`);
  for (const m of kept) {
    await enqueueJob(tx, { id: `${MAIL_DELIVER}:${m.id}`, kind: MAIL_DELIVER, runAt: now, payload: { mailId: m.id }, maxAttempts: 8, onConflict: 'reschedule' });
  }
  return { progress: { requeued: kept.length } };
});
registerRecurringJob({ id: 'mail.sweep', kind: 'mail.sweep', everyMs: 600_000 });
