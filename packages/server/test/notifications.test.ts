import net from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeUser, testApp, type TestApp } from './harness.ts';
import { one, rows, sql } from '../src/db/client.ts';
import { composeMail, notify, setMailTransport, type MailMessage } from '../src/notify/notify.ts';
import { ensureRecurringJobs, runDueJobs } from '../src/jobs/jobs.ts';
import { verifyChain } from '../src/audit/audit.ts';

const W = { workerId: 'test', backoffMs: () => 60_000 };
const T = { en: 'Profile window opens', hi: 'प्रोफ़ाइल अवधि खुली' };
const B = { en: 'Please update your profile by 31 January.', hi: 'कृपया 31 जनवरी तक अपनी प्रोफ़ाइल अद्यतन करें।' };

/** A tiny SMTP server that accepts everything and keeps the raw messages. */
async function smtpSink(): Promise<{ port: number; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = [];
  const server = net.createServer((sock) => {
    sock.setEncoding('utf8');
    let buf = '';
    let data: string | null = null;
    sock.write('220 sink ESMTP\r\n');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            messages.push(data);
            data = null;
            sock.write('250 OK queued\r\n');
          } else data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 sink\r\n');
        else if (cmd === 'DATA') {
          data = '';
          sock.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 OK\r\n');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(DATABASES)('notifications and the outbox on %s', (kind) => {
  let t: TestApp;
  let asha: Awaited<ReturnType<typeof makeUser>>;
  let ravi: Awaited<ReturnType<typeof makeUser>>;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    t = await testApp(kind);
    asha = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    ravi = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    await t.database.db.execute(sql`UPDATE app_user SET email = 'asha@example.gov.in', preferred_lang = 'hi' WHERE id = ${asha.userId}`);
  });
  afterAll(async () => t?.close());

  it('notify() writes inbox rows and, for users with an address, outbox mail and a delivery job — all in the caller\'s transaction', async () => {
    await expect(
      t.app.tx(async (tx) => {
        await notify(tx, { userIds: [asha.userId], kind: 'test', title: T, body: B, email: true }, t.clock.now());
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification`))?.n).toBe(0);
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM mail_outbox`))?.n).toBe(0);

    const r = await t.app.tx((tx) =>
      notify(tx, { userIds: [asha.userId, ravi.userId, asha.userId, '00000000-0000-4000-8000-000000000000', 'junk'], kind: 'profile.window', title: T, body: B, link: '/profile', email: true }, t.clock.now()),
    );
    expect(r.notificationIds).toHaveLength(2);
    expect(r.mailIds).toHaveLength(1); // ravi has no address
    const mail = await one<{ to_addr: string; subject: string; body: string; link: string }>(t.database.db, sql`SELECT to_addr, subject, body, link FROM mail_outbox WHERE id = ${r.mailIds[0]}`);
    expect(mail).toMatchObject({ to_addr: 'asha@example.gov.in', subject: T.hi, link: '/profile' });
    expect(mail?.body.indexOf(B.hi)).toBe(0); // her language first, then English
    expect(mail?.body).toContain(B.en);
    const job = await one<{ kind: string; status: string }>(t.database.db, sql`SELECT kind, status FROM job WHERE id = ${`mail.deliver:${r.mailIds[0]}`}`);
    expect(job).toEqual({ kind: 'mail.deliver', status: 'PENDING' });
    expect(composeMail('en', T, B).subject).toBe(T.en);
  });

  it('GET /api/v1/notifications: my own, newest first, in my language, with unread count and filter', async () => {
    t.clock.advance(60_000);
    await t.app.tx((tx) => notify(tx, { userIds: [asha.userId], kind: 'second', title: { en: 'Second', hi: 'दूसरा' }, body: { en: 'b', hi: 'ब' } }, t.clock.now()));
    const en = await as(t, asha, { url: '/api/v1/notifications', headers: { cookie: `${asha.cookie}; lang=en` } });
    expect(en.statusCode).toBe(200);
    expect(en.json()).toMatchObject({ total: 2, unread: 2, page: 1, pageSize: 25 });
    expect(en.json().items[0]).toMatchObject({ kind: 'second', title: 'Second', body: 'b', link: null, readAt: null });
    expect(en.json().items[1]).toMatchObject({ kind: 'profile.window', title: T.en, body: B.en, link: '/profile' });
    const hi = await as(t, asha, { url: '/api/v1/notifications?pageSize=1' }); // her preferred language
    expect(hi.json()).toMatchObject({ total: 2, pageSize: 1, items: [{ title: 'दूसरा' }] });
    const ravis = await as(t, ravi, { url: '/api/v1/notifications' });
    expect(ravis.json()).toMatchObject({ total: 1, unread: 1 });
    expect((await as(t, asha, { url: '/api/v1/notifications?unread=maybe' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('marks one read (only my own: another user\'s is 404), then all; each write is audited', async () => {
    const list = (await as(t, asha, { url: '/api/v1/notifications' })).json();
    const first = list.items[1].id as number;
    const ravisId = (await as(t, ravi, { url: '/api/v1/notifications' })).json().items[0].id as number;
    expect((await as(t, asha, { method: 'POST', url: `/api/v1/notifications/${ravisId}/read` })).statusCode).toBe(404);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${first}/read`, headers: { cookie: asha.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await as(t, asha, { method: 'POST', url: '/api/v1/notifications/abc/read' })).statusCode).toBe(400);
    const ok = await as(t, asha, { method: 'POST', url: `/api/v1/notifications/${first}/read` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: first, readAt: t.clock.now().toISOString() });
    expect((await as(t, asha, { method: 'POST', url: `/api/v1/notifications/${first}/read` })).statusCode).toBe(200); // again: harmless
    const unread = (await as(t, asha, { url: '/api/v1/notifications?unread=true' })).json();
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    expect((await as(t, asha, { method: 'POST', url: '/api/v1/notifications/read-all' })).json()).toEqual({ updated: 1 });
    expect((await as(t, asha, { url: '/api/v1/notifications' })).json().unread).toBe(0);
    expect((await as(t, ravi, { url: '/api/v1/notifications' })).json().unread).toBe(1);
    const audit = await rows<{ action: string; actor_user_id: string }>(t.database.db, sql`SELECT action, actor_user_id FROM audit_log WHERE action LIKE 'notification.%' ORDER BY seq`);
    expect(audit).toEqual([
      { action: 'notification.read', actor_user_id: asha.userId },
      { action: 'notification.read-all', actor_user_id: asha.userId },
    ]);
  });

  it('without SMTP the mail stays in the outbox, which the administrator (only) reads', async () => {
    await runDueJobs(t.app, W);
    const job = await one<{ status: string; progress: { sent: boolean; reason: string } }>(t.database.db, sql`SELECT status, progress FROM job WHERE kind = 'mail.deliver'`);
    expect(job?.status).toBe('DONE');
    expect(job?.progress).toMatchObject({ sent: false, reason: expect.stringContaining('SMTP is not configured') });
    const box = await as(t, admin, { url: '/api/v1/outbox' });
    expect(box.statusCode).toBe(200);
    expect(box.json()).toMatchObject({ total: 1, smtpConfigured: false, items: [{ to: 'asha@example.gov.in', subject: T.hi, sentAt: null, lastError: null }] });
    expect((await as(t, admin, { url: '/api/v1/outbox?unsent=true&pageSize=0' })).statusCode).toBe(400);
    expect((await as(t, asha, { url: '/api/v1/outbox' })).statusCode).toBe(403);
  });

  it('mail kept for want of SMTP is queued again by the sweep once a transport is there', async () => {
    const kept = await one<{ id: number }>(t.database.db, sql`SELECT id FROM mail_outbox WHERE sent_at IS NULL AND attempts = 0`);
    const sent: MailMessage[] = [];
    setMailTransport(t.app, {
      sendMail: async (m) => {
        sent.push(m);
      },
    });
    await ensureRecurringJobs(t.app);
    await runDueJobs(t.app, W); // the sweep
    await runDueJobs(t.app, W); // the delivery it queued
    expect(sent.map((m) => m.to)).toEqual(['asha@example.gov.in']);
    expect((await one<{ sent_at: string | null }>(t.database.db, sql`SELECT sent_at FROM mail_outbox WHERE id = ${kept!.id}`))?.sent_at).not.toBeNull();
    setMailTransport(t.app, null);
  });

  it('through a transport: sent with the absolute link and audited as a JOB; a failing transport leaves the error in the outbox for a retry', async () => {
    const sent: MailMessage[] = [];
    const json = nodemailer.createTransport({ jsonTransport: true });
    setMailTransport(t.app, {
      sendMail: async (m) => {
        sent.push(m);
        return json.sendMail(m);
      },
    });
    await t.database.db.execute(sql`UPDATE app_user SET email = 'ravi@example.gov.in' WHERE id = ${ravi.userId}`);
    const { mailIds } = await t.app.tx((tx) => notify(tx, { userIds: [ravi.userId], kind: 'k', title: T, body: B, link: '/inbox', email: true }, t.clock.now()));
    await runDueJobs(t.app, W);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'ravi@example.gov.in', subject: T.en, from: t.config.mailFrom });
    expect(sent[0].text).toContain(`${t.config.publicUrl}/inbox`);
    const row = await one<{ sent_at: string | null; attempts: number }>(t.database.db, sql`SELECT sent_at, attempts FROM mail_outbox WHERE id = ${mailIds[0]}`);
    expect(row?.sent_at).not.toBeNull();
    expect(row?.attempts).toBe(1);
    const a = await one<{ actor_kind: string; action: string }>(t.database.db, sql`SELECT actor_kind, action FROM audit_log WHERE entity = 'mail_outbox' AND entity_id = ${String(mailIds[0])}`);
    expect(a).toEqual({ actor_kind: 'JOB', action: 'mail.sent' });

    setMailTransport(t.app, { sendMail: async () => Promise.reject(new Error('550 mailbox unavailable')) });
    const again = await t.app.tx((tx) => notify(tx, { userIds: [ravi.userId], kind: 'k', title: T, body: B, email: true }, t.clock.now()));
    await runDueJobs(t.app, W);
    const failed = await one<{ sent_at: string | null; attempts: number; last_error: string }>(t.database.db, sql`SELECT sent_at, attempts, last_error FROM mail_outbox WHERE id = ${again.mailIds[0]}`);
    expect(failed).toEqual({ sent_at: null, attempts: 1, last_error: '550 mailbox unavailable' });
    expect((await one<{ status: string }>(t.database.db, sql`SELECT status FROM job WHERE id = ${`mail.deliver:${again.mailIds[0]}`}`))?.status).toBe('PENDING');
    setMailTransport(t.app, null);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});

describe('mail through SMTP_URL to a local SMTP server', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  beforeAll(async () => {
    sink = await smtpSink();
    t = await testApp('pglite', { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'CSCMS <cscms@example.gov.in>' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('delivers the outbox mail and marks it sent', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    await t.database.db.execute(sql`UPDATE app_user SET email = 'meena@example.gov.in' WHERE id = ${u.userId}`);
    const { mailIds } = await t.app.tx((tx) => notify(tx, { userIds: [u.userId], kind: 'k', title: { en: 'Leave approved', hi: 'छुट्टी स्वीकृत' }, body: B, email: true }, t.clock.now()));
    await runDueJobs(t.app, W);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]).toContain('To: meena@example.gov.in');
    expect(sink.messages[0]).toContain('Subject: Leave approved');
    expect(sink.messages[0]).toContain('From: CSCMS <cscms@example.gov.in>');
    const row = await one<{ sent_at: string | null }>(t.database.db, sql`SELECT sent_at FROM mail_outbox WHERE id = ${mailIds[0]}`);
    expect(row?.sent_at).not.toBeNull();
  });
});
