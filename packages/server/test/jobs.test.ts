import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DATABASES, TestClock, as, makeUser, testApp, type TestApp } from './harness.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { one, openDatabase, rows, sql, type Database } from '../src/db/client.ts';
import { cancelJob, enqueueJob, ensureRecurringJobs, JOB_RETENTION_MS, registerJobHandler, registerRecurringJob, runDueJobs, startJobPoller } from '../src/jobs/jobs.ts';
import { verifyChain } from '../src/audit/audit.ts';

const W = { workerId: 'test-worker', backoffMs: () => 60_000 };

// Handlers are process-wide: one set for the whole file.
const seen: string[] = [];
registerJobHandler<{ n: number }>('test.ok', async ({ tx, payload, job, audit }) => {
  seen.push(job.id);
  await audit({ entity: 'test', entityId: job.id, action: 'test.ran', changes: { n: payload.n } });
  await tx.execute(sql`SELECT 1`);
});
let failures = 0;
registerJobHandler<{ failTimes: number }>(
  'test.flaky',
  async ({ job, payload, audit }) => {
    await audit({ entity: 'test', entityId: job.id, action: 'test.should-roll-back' });
    if (job.attempt <= payload.failTimes) throw new Error(`boom ${job.attempt}`);
    return { progress: { attemptThatWorked: job.attempt } };
  },
  { onFailure: async ({ final }) => void (failures += final ? 100 : 1) },
);
registerJobHandler<{ total: number }>('test.chunked', async ({ reportProgress, now }) => {
  const p = { done: 0, total: 0 };
  await reportProgress({ ...p, phase: 'working' });
  return { runAgainAt: new Date(now.getTime() + 1000), progress: { done: 1, total: 3 } };
});
let releaseSlow: (() => void) | null = null;
let slowStarted: (() => void) | null = null;
registerJobHandler('test.slow', async ({ tx, job }) => {
  slowStarted?.();
  await new Promise<void>((r) => (releaseSlow = r));
  await tx.execute(sql`SELECT 1`);
  seen.push(job.id);
});

let ticks = 0;
registerJobHandler('test.tick', async () => {
  ticks++;
});
registerRecurringJob({ id: 'test.tick', kind: 'test.tick', everyMs: 3_600_000 });
let progressSeen: unknown = null;
registerJobHandler('test.progress', async ({ reportProgress, app, job }) => {
  await reportProgress({ step: 1, of: 2 });
  if (app.deps.database.kind === 'postgres') {
    // readable at once from another connection, while this job's transaction is still open
    const r = await one<{ progress: unknown }>(app.deps.database.db, sql`SELECT progress FROM job WHERE id = ${job.id}`);
    progressSeen = r?.progress;
  }
  return { progress: { step: 2, of: 2 } };
});

describe.each(DATABASES)('jobs on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  const status = async (id: string) => one<{ status: string; attempts: number; last_error: string | null; run_at: string; progress: unknown }>(t.database.db, sql`SELECT status, attempts, last_error, run_at, progress FROM job WHERE id = ${id}`);

  it('scheduling the same id twice is harmless; only due jobs run, each once, and their audit records are by a JOB', async () => {
    const id = `test.ok:${kind}:1`;
    const a = await t.app.tx((tx) => enqueueJob(tx, { id, kind: 'test.ok', runAt: t.clock.now(), payload: { n: 1 } }));
    const b = await t.app.tx((tx) => enqueueJob(tx, { id, kind: 'test.ok', runAt: t.clock.now(), payload: { n: 2 } }));
    expect(a).toEqual({ id, created: true });
    expect(b).toEqual({ id, created: false });
    const later = await t.app.tx((tx) => enqueueJob(tx, { kind: 'test.ok', runAt: new Date(t.clock.now().getTime() + 3_600_000), payload: { n: 3 } }));
    expect(later.created).toBe(true);
    await runDueJobs(t.app, W);
    expect(seen.filter((s) => s === id)).toHaveLength(1);
    expect((await status(id))?.status).toBe('DONE');
    expect((await status(later.id))?.status).toBe('PENDING');
    await runDueJobs(t.app, W);
    expect(seen.filter((s) => s === id)).toHaveLength(1);
    const audit = await one<{ actor_kind: string; request_id: string; changes: unknown }>(t.database.db, sql`SELECT actor_kind, request_id, changes FROM audit_log WHERE entity = 'test' AND entity_id = ${id}`);
    expect(audit).toMatchObject({ actor_kind: 'JOB', request_id: `job:${id}`, changes: { n: 1 } });
    expect(await t.app.tx((tx) => cancelJob(tx, later.id))).toBe(true);
    expect((await status(later.id))?.status).toBe('CANCELLED');
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('a failing job is retried after the backoff with its writes rolled back, and FAILED after maxAttempts', async () => {
    failures = 0;
    const ok = await t.app.tx((tx) => enqueueJob(tx, { id: `flaky-once:${kind}`, kind: 'test.flaky', runAt: t.clock.now(), payload: { failTimes: 1 } }));
    const bad = await t.app.tx((tx) => enqueueJob(tx, { id: `flaky-always:${kind}`, kind: 'test.flaky', runAt: t.clock.now(), payload: { failTimes: 99 }, maxAttempts: 2 }));
    await runDueJobs(t.app, W);
    expect(await status(ok.id)).toMatchObject({ status: 'PENDING', attempts: 1, last_error: 'boom 1' });
    expect(failures).toBe(2);
    const rolledBack = await rows(t.database.db, sql`SELECT seq FROM audit_log WHERE entity = 'test' AND entity_id IN (${ok.id}, ${bad.id})`);
    expect(rolledBack).toHaveLength(0);
    await runDueJobs(t.app, W); // not yet due: backoff
    expect((await status(ok.id))?.attempts).toBe(1);
    t.clock.advance(61_000);
    await runDueJobs(t.app, W);
    expect(await status(ok.id)).toMatchObject({ status: 'DONE', attempts: 2, last_error: null, progress: { attemptThatWorked: 2 } });
    expect(await status(bad.id)).toMatchObject({ status: 'FAILED', attempts: 2, last_error: 'boom 2' });
    expect(failures).toBe(2 + 100);
  });

  it("a crashed instance's job is taken again once its lease has passed, not before", async () => {
    const id = `crashed:${kind}`;
    await t.app.tx((tx) => enqueueJob(tx, { id, kind: 'test.ok', runAt: t.clock.now(), payload: { n: 9 } }));
    const lease = new Date(t.clock.now().getTime() + 60_000).toISOString();
    await t.database.db.execute(sql`UPDATE job SET status = 'RUNNING', locked_by = 'dead-instance', locked_until = ${lease}, attempts = 1 WHERE id = ${id}`);
    await runDueJobs(t.app, W);
    expect((await status(id))?.status).toBe('RUNNING');
    t.clock.advance(61_000);
    await runDueJobs(t.app, W);
    expect(await status(id)).toMatchObject({ status: 'DONE', attempts: 2 });
    expect(seen.filter((s) => s === id)).toHaveLength(1);
  });

  it('GET /api/v1/jobs/:id shows progress to its creator and the administrator only', async () => {
    const creator = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const other = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    const j = await t.app.tx((tx) => enqueueJob(tx, { kind: 'test.chunked', runAt: t.clock.now(), payload: { total: 3 }, createdBy: creator.userId }));
    await runDueJobs(t.app, W);
    const mine = await as(t, creator, { url: `/api/v1/jobs/${encodeURIComponent(j.id)}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: j.id, kind: 'test.chunked', status: 'PENDING', attempts: 0, progress: { done: 1, total: 3 } });
    expect(new Date(mine.json().runAt).getTime()).toBe(t.clock.now().getTime() + 1000);
    expect((await as(t, admin, { url: `/api/v1/jobs/${encodeURIComponent(j.id)}` })).statusCode).toBe(200);
    const theirs = await as(t, other, { url: `/api/v1/jobs/${encodeURIComponent(j.id)}` });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, admin, { url: '/api/v1/jobs/nope' })).statusCode).toBe(404);
    expect((await as(t, admin, { url: `/api/v1/jobs/${'x'.repeat(300)}` })).statusCode).toBe(414); // over the router's parameter limit
    expect((await t.app.inject({ url: `/api/v1/jobs/${encodeURIComponent(j.id)}` })).statusCode).toBe(401);
  });

  it('recurring jobs exist once, run again after their period, and restart when they failed for good', async () => {
    await ensureRecurringJobs(t.app);
    await ensureRecurringJobs(t.app);
    const before = ticks;
    await runDueJobs(t.app, W);
    expect(ticks).toBe(before + 1);
    const row = await status('test.tick');
    expect(row).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(new Date(row!.run_at).getTime()).toBe(t.clock.now().getTime() + 3_600_000);
    await runDueJobs(t.app, W);
    expect(ticks).toBe(before + 1);
    await t.database.db.execute(sql`UPDATE job SET status = 'FAILED' WHERE id = 'test.tick'`);
    await ensureRecurringJobs(t.app);
    expect((await status('test.tick'))?.status).toBe('PENDING');
  });

  it('housekeeping deletes jobs finished more than 30 days ago, and says so in the audit trail', async () => {
    const old = new Date(t.clock.now().getTime() - JOB_RETENTION_MS - 1000).toISOString();
    await t.database.db.execute(sql`INSERT INTO job (id, kind, run_at, status, finished_at) VALUES ('old-done', 'test.ok', ${old}, 'DONE', ${old}), ('young-done', 'test.ok', ${old}, 'DONE', ${t.clock.now().toISOString()})`);
    await ensureRecurringJobs(t.app);
    await t.database.db.execute(sql`UPDATE job SET run_at = ${t.clock.now().toISOString()} WHERE id = 'jobs.purge'`); // due now
    await runDueJobs(t.app, W);
    expect(await status('old-done')).toBeUndefined();
    expect((await status('young-done'))?.status).toBe('DONE');
    const a = await one<{ actor_kind: string; changes: { deleted: number } }>(t.database.db, sql`SELECT actor_kind, changes FROM audit_log WHERE action = 'jobs.purged' ORDER BY seq DESC LIMIT 1`);
    expect(a?.actor_kind).toBe('JOB');
    expect(a?.changes.deleted).toBeGreaterThanOrEqual(1);
  });

  it('progress is reported while the job runs (on PostgreSQL readable at once) and kept when it is done', async () => {
    const j = await t.app.tx((tx) => enqueueJob(tx, { kind: 'test.progress', runAt: t.clock.now() }));
    await runDueJobs(t.app, W);
    if (kind === 'postgres') expect(progressSeen).toEqual({ step: 1, of: 2 });
    expect(await status(j.id)).toMatchObject({ status: 'DONE', progress: { step: 2, of: 2 } });
  });

  it('stopping the poller waits for the job that is running', async () => {
    const started = new Promise<void>((r) => (slowStarted = r));
    const j = await t.app.tx((tx) => enqueueJob(tx, { kind: 'test.slow', runAt: t.clock.now() }));
    const poller = startJobPoller(t.app, { intervalMs: 50, workerId: 'stopper' });
    await started;
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    releaseSlow?.();
    await stopping;
    expect((await status(j.id))?.status).toBe('DONE');
  });
});

const pgUrl = process.env.DATABASE_URL;
describe.skipIf(!pgUrl)('jobs: two instances on one PostgreSQL database', () => {
  if (!pgUrl) it.skip('skipped: set DATABASE_URL=postgres://… to run the two-instance test (PGlite has one connection)', () => {});
  const name = `cscms_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const dbs: Database[] = [];
  const apps: FastifyInstance[] = [];
  const ranBy = new WeakMap<FastifyInstance, string>();

  beforeAll(async () => {
    if (!pgUrl) return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    for (const label of ['A', 'B']) {
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      const config = loadConfig({ NODE_ENV: 'test', JOBS: 'false', LOG_LEVEL: 'silent', DATABASE_URL: url.toString() });
      const app = await buildApp({ config, database, clock: new TestClock(), logger: false });
      await app.ready();
      ranBy.set(app, label);
      dbs.push(database);
      apps.push(app);
    }
    await dbs[0].exec('CREATE TABLE job_test_run (job_id text NOT NULL, instance text NOT NULL)');
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    for (const d of dbs) await d.close();
    if (!pgUrl) return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  registerJobHandler('test.twice', async ({ tx, job, app }) => {
    await tx.execute(sql`INSERT INTO job_test_run (job_id, instance) VALUES (${job.id}, ${ranBy.get(app) ?? '?'})`);
    await tx.execute(sql`SELECT pg_sleep(0.002)`);
  });

  it('200 jobs, two pollers: every job runs exactly once, and both instances work', async () => {
    const now = new TestClock().now();
    await apps[0].tx(async (tx) => {
      for (let i = 0; i < 200; i++) await enqueueJob(tx, { id: `twice:${i}`, kind: 'test.twice', runAt: now });
    });
    const pollers = apps.map((a, i) => startJobPoller(a, { intervalMs: 5, workerId: `instance-${i}`, batchSize: 3 }));
    const deadline = Date.now() + 45_000;
    for (;;) {
      const r = await one<{ n: number }>(dbs[0].db, sql`SELECT count(*)::int AS n FROM job WHERE kind = 'test.twice' AND status = 'DONE'`);
      if (r?.n === 200 || Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    await Promise.all(pollers.map((p) => p.stop()));
    const runs = await rows<{ job_id: string; instance: string }>(dbs[0].db, sql`SELECT job_id, instance FROM job_test_run`);
    expect(runs).toHaveLength(200);
    expect(new Set(runs.map((r) => r.job_id)).size).toBe(200);
    const byInstance = Object.groupBy(runs, (r) => r.instance);
    expect(Object.keys(byInstance).sort()).toEqual(['A', 'B']);
    const attempts = await rows<{ attempts: number; n: number }>(dbs[0].db, sql`SELECT attempts, count(*)::int AS n FROM job WHERE kind = 'test.twice' GROUP BY attempts`);
    expect(attempts).toEqual([{ attempts: 1, n: 200 }]);
  });
});
