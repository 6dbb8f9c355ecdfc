import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { one, rows, sql, type Executor } from '../db/client.ts';
import { appendAudit, type AuditContext, type AuditEntry } from '../audit/audit.ts';

/**
 * Jobs: rows of the `job` table run by an in-process poller on every instance.
 *
 * - enqueueJob(tx, spec) in the caller's transaction: the job exists iff the caller's write commits.
 *   Scheduled runs take deterministic ids (`profile-window:42:remind-7d`): scheduling twice is harmless.
 * - A claim is one statement (`FOR UPDATE SKIP LOCKED` + UPDATE to RUNNING with a lease); the handler then
 *   runs in its own transaction that holds a KEY SHARE lock on the job row and ends by marking it DONE,
 *   fenced on (locked_by, attempts). So a job's effects commit at most once, a second instance skips a job
 *   that is running, and a crashed instance's job is taken again when its lease has passed.
 */

export interface JobSpec {
  /** deterministic for scheduled runs; default `${kind}:${uuid}` */
  id?: string;
  kind: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  /** default 5 */
  maxAttempts?: number;
  /** the user who started it: they (and ADMIN) may read it at GET /api/v1/jobs/:id */
  createdBy?: string | null;
  /**
   * 'ignore' (default): an existing job with this id is left as it is.
   * 'reschedule': an existing job that is not running is set PENDING again at runAt with the new payload.
   */
  onConflict?: 'ignore' | 'reschedule';
}

export async function enqueueJob(tx: Executor, spec: JobSpec): Promise<{ id: string; created: boolean }> {
  const id = spec.id ?? `${spec.kind}:${randomUUID()}`;
  if (!spec.kind || spec.kind.length > 100) throw new Error('enqueueJob: kind must be 1-100 characters');
  if (id.length > 200) throw new Error('enqueueJob: id must be at most 200 characters');
  if (Number.isNaN(spec.runAt.getTime())) throw new Error('enqueueJob: runAt is not a valid date');
  const payload = JSON.stringify(spec.payload ?? {});
  const runAt = spec.runAt.toISOString();
  const maxAttempts = spec.maxAttempts ?? 5;
  const conflict =
    spec.onConflict === 'reschedule'
      ? sql`ON CONFLICT (id) DO UPDATE SET run_at = EXCLUDED.run_at, payload = EXCLUDED.payload, max_attempts = EXCLUDED.max_attempts,
              status = 'PENDING', attempts = 0, last_error = NULL, finished_at = NULL, locked_by = NULL, locked_until = NULL
            WHERE job.status <> 'RUNNING'`
      : sql`ON CONFLICT (id) DO NOTHING`;
  const r = await one<{ id: string; inserted: boolean }>(tx, sql`
    INSERT INTO job (id, kind, run_at, payload, max_attempts, created_by)
    VALUES (${id}, ${spec.kind}, ${runAt}, ${payload}::jsonb, ${maxAttempts}, ${spec.createdBy ?? null})
    ${conflict}
    RETURNING id, (xmax = 0) AS inserted`);
  return { id, created: !!r?.inserted };
}

/** Cancels a pending job (a reminder no longer needed). True when it was pending. */
export async function cancelJob(tx: Executor, id: string): Promise<boolean> {
  const r = await rows(tx, sql`UPDATE job SET status = 'CANCELLED', finished_at = now(), updated_at = now() WHERE id = ${id} AND status = 'PENDING' RETURNING id`);
  return r.length > 0;
}

export interface JobInfo {
  id: string;
  kind: string;
  /** 1 on the first run */
  attempt: number;
  maxAttempts: number;
  createdBy: string | null;
}

export interface JobContext<P = Record<string, unknown>> {
  /** the job's transaction: the handler's writes and the DONE mark commit together */
  tx: Executor;
  payload: P;
  now: Date;
  job: JobInfo;
  app: FastifyInstance;
  /**
   * Sets the job's `progress` (any JSON) and extends its lease. On PostgreSQL it is written at once on
   * another connection (readable while the job runs); on PGlite (one connection) it commits with the job.
   * A handler must not UPDATE its own job row itself.
   */
  reportProgress(p: unknown): Promise<void>;
  /** the audit facts of this run: actor kind JOB, request id `job:<id>` */
  auditContext: AuditContext;
  /** appends an audit record in the job's transaction with actor kind JOB */
  audit(e: AuditEntry): Promise<void>;
}

/** Return nothing (DONE), or ask to run again later (a long job in chunks): attempts start again. */
export type JobResult = undefined | { runAgainAt?: Date; progress?: unknown };

export type JobHandler<P = Record<string, unknown>> = (ctx: JobContext<P>) => Promise<JobResult> | Promise<void>;

export interface FailureContext<P = Record<string, unknown>> {
  tx: Executor;
  payload: P;
  now: Date;
  job: JobInfo;
  app: FastifyInstance;
  error: string;
  /** no attempts left: the job is FAILED */
  final: boolean;
  /** appends an audit record in this transaction with actor kind JOB */
  audit(e: AuditEntry): Promise<void>;
}

export interface HandlerOptions<P = Record<string, unknown>> {
  /** runs in the transaction that records a failed attempt (the handler's own writes were rolled back) */
  onFailure?: (ctx: FailureContext<P>) => Promise<void>;
}

interface Registered {
  handler: JobHandler<any>;
  opts: HandlerOptions<any>;
}

const handlers = new Map<string, Registered>();

/** Registers the code run for a kind of job (process-wide; a later registration of the same kind replaces it). */
export function registerJobHandler<P = Record<string, unknown>>(kind: string, handler: JobHandler<P>, opts: HandlerOptions<P> = {}): void {
  handlers.set(kind, { handler, opts });
}

export interface RecurringJob {
  /** the job's fixed id, e.g. 'jobs.purge' */
  id: string;
  kind: string;
  /** run again this long after each run */
  everyMs: number;
  payload?: Record<string, unknown>;
}

const recurring = new Map<string, RecurringJob>();

/**
 * A job that runs every `everyMs` on one instance at a time (sweeps, housekeeping). Every poller makes
 * sure it exists when it starts (one row, fixed id); after each run it is scheduled again.
 */
export function registerRecurringJob(r: RecurringJob): void {
  recurring.set(r.id, r);
}

/** Creates the recurring jobs that do not exist, and restarts those that failed for good. */
export async function ensureRecurringJobs(app: FastifyInstance): Promise<void> {
  const now = app.deps.clock.now().toISOString();
  for (const r of recurring.values()) {
    await app.deps.database.db.execute(sql`
      INSERT INTO job (id, kind, run_at, payload, max_attempts) VALUES (${r.id}, ${r.kind}, ${now}, ${JSON.stringify(r.payload ?? {})}::jsonb, 5)
      ON CONFLICT (id) DO UPDATE SET status = 'PENDING', attempts = 0, run_at = EXCLUDED.run_at, locked_by = NULL, locked_until = NULL, finished_at = NULL
       WHERE job.status IN ('FAILED', 'DONE', 'CANCELLED')`);
  }
}

export function registeredJobKinds(): string[] {
  return [...handlers.keys()];
}

export interface PollerOptions {
  /** pause between polls when there was nothing (more) to do */
  intervalMs: number;
  /** unique per instance: hostname:pid:random */
  workerId: string;
  /** jobs claimed at once (default 10) */
  batchSize?: number;
  /** how long a claim holds before another instance may take the job (default 5 minutes) */
  leaseMs?: number;
  /** wait before retry number `attempt + 1` (default 30 s · 2^(attempt-1), at most 1 hour) */
  backoffMs?: (attempt: number) => number;
}

export const defaultBackoff = (attempt: number): number => Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);

interface ClaimedRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  created_by: string | null;
  run_at: string;
}

class LeaseLost extends Error {}

/**
 * One pass of the poller: claims up to batchSize due jobs and runs them one after the other.
 * Returns the number of jobs claimed. `shouldStop` lets a stopping poller hand back what it has not started.
 */
export async function runDueJobs(app: FastifyInstance, opts: Omit<PollerOptions, 'intervalMs'>, shouldStop: () => boolean = () => false): Promise<number> {
  const kinds = registeredJobKinds();
  if (kinds.length === 0) return 0;
  const { clock, database } = app.deps;
  const leaseMs = opts.leaseMs ?? 300_000;
  const now = clock.now();
  const claimed = await rows<ClaimedRow>(database.db, sql`
    WITH due AS (
      SELECT id FROM job
       WHERE status IN ('PENDING', 'RUNNING') AND run_at <= ${now.toISOString()}
         AND (status = 'PENDING' OR locked_until < ${now.toISOString()})
         AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
       ORDER BY run_at, id
       LIMIT ${opts.batchSize ?? 10}
       FOR UPDATE SKIP LOCKED)
    UPDATE job SET status = 'RUNNING', locked_by = ${opts.workerId}, locked_until = ${new Date(now.getTime() + leaseMs).toISOString()},
           attempts = job.attempts + 1, updated_at = ${now.toISOString()}
      FROM due WHERE job.id = due.id
    RETURNING job.id, job.kind, job.payload, job.attempts, job.max_attempts, job.created_by, job.run_at`);
  claimed.sort((a, b) => Date.parse(a.run_at) - Date.parse(b.run_at) || (a.id < b.id ? -1 : 1));
  for (let i = 0; i < claimed.length; i++) {
    if (shouldStop()) {
      for (const j of claimed.slice(i)) {
        await database.db.execute(sql`
          UPDATE job SET status = 'PENDING', locked_by = NULL, locked_until = NULL, attempts = attempts - 1
           WHERE id = ${j.id} AND locked_by = ${opts.workerId} AND attempts = ${j.attempts} AND status = 'RUNNING'`);
      }
      break;
    }
    await runOne(app, opts, claimed[i], leaseMs);
  }
  return claimed.length;
}

async function runOne(app: FastifyInstance, opts: Omit<PollerOptions, 'intervalMs'>, j: ClaimedRow, leaseMs: number): Promise<void> {
  const { clock, database } = app.deps;
  const reg = handlers.get(j.kind);
  const now = clock.now();
  const fence = sql`id = ${j.id} AND locked_by = ${opts.workerId} AND attempts = ${j.attempts} AND status = 'RUNNING'`;
  const job: JobInfo = { id: j.id, kind: j.kind, attempt: j.attempts, maxAttempts: j.max_attempts, createdBy: j.created_by };
  const auditCtx: AuditContext = { actor: { kind: 'JOB', userId: null, role: null }, requestId: `job:${j.id}`.slice(0, 200), clientIp: null, at: now };
  const fail = async (error: string, final: boolean) => {
    const backoff = (opts.backoffMs ?? defaultBackoff)(j.attempts);
    await app.tx(async (tx) => {
      const r = await rows(tx, sql`
        UPDATE job SET status = ${final ? 'FAILED' : 'PENDING'},
               run_at = ${final ? sql`run_at` : sql`${new Date(now.getTime() + backoff).toISOString()}`},
               last_error = ${error.slice(0, 2000)}, locked_by = NULL, locked_until = NULL, updated_at = ${now.toISOString()},
               finished_at = ${final ? now.toISOString() : null}
         WHERE ${fence} RETURNING id`);
      if (r.length && reg?.opts.onFailure) {
        await reg.opts.onFailure({ tx, payload: j.payload, now, job, app, error, final, audit: (e) => appendAudit(tx, auditCtx, e) });
      }
    });
  };
  try {
    if (!reg) throw new Error(`no handler for job kind ${j.kind}`);
    if (j.attempts > j.max_attempts) {
      await fail('the lease expired on the last attempt (instance stopped or crashed?)', true);
      return;
    }
    await app.tx(async (tx) => {
      // Held until commit: another instance's claim (FOR UPDATE SKIP LOCKED) skips this row even after the lease.
      const held = await one(tx, sql`SELECT id FROM job WHERE ${fence} FOR KEY SHARE`);
      if (!held) throw new LeaseLost();
      const ctx: JobContext = {
        tx,
        payload: j.payload,
        now,
        job,
        app,
        auditContext: auditCtx,
        audit: (e) => appendAudit(tx, auditCtx, e),
        reportProgress: async (p) => {
          const lease = new Date(clock.now().getTime() + leaseMs).toISOString();
          const q = sql`UPDATE job SET progress = ${JSON.stringify(p ?? null)}::jsonb, locked_until = GREATEST(locked_until, ${lease}::timestamptz), updated_at = ${clock.now().toISOString()} WHERE ${fence}`;
          await (database.kind === 'postgres' ? database.db : tx).execute(q);
        },
      };
      let res = (await reg.handler(ctx)) ?? undefined;
      const every = recurring.get(j.id)?.everyMs;
      if (every && !res?.runAgainAt) res = { ...res, runAgainAt: new Date(now.getTime() + every) };
      const progress = res && 'progress' in res ? sql`${JSON.stringify(res.progress ?? null)}::jsonb` : sql`progress`;
      const done = res?.runAgainAt
        ? await rows(tx, sql`
            UPDATE job SET status = 'PENDING', run_at = ${res.runAgainAt.toISOString()}, attempts = 0, last_error = NULL,
                   locked_by = NULL, locked_until = NULL, progress = ${progress}, updated_at = ${now.toISOString()}
             WHERE ${fence} RETURNING id`)
        : await rows(tx, sql`
            UPDATE job SET status = 'DONE', finished_at = ${clock.now().toISOString()}, last_error = NULL,
                   locked_by = NULL, locked_until = NULL, progress = ${progress}, updated_at = ${now.toISOString()}
             WHERE ${fence} RETURNING id`);
      if (done.length !== 1) throw new LeaseLost();
    });
  } catch (e) {
    if (e instanceof LeaseLost) {
      app.log.warn({ job: j.id }, 'job lease lost: another instance took it; this run was rolled back');
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    const final = j.attempts >= j.max_attempts;
    app.log[final ? 'error' : 'warn']({ job: j.id, kind: j.kind, attempt: j.attempts, err: e }, final ? 'job failed for good' : 'job failed; will retry');
    try {
      await fail(msg, final);
    } catch (e2) {
      app.log.error({ job: j.id, err: e2 }, 'could not record the job failure (the lease will expire and it will be retried)');
    }
  }
}

export interface JobPoller {
  /** stops polling and waits for the job that is running */
  stop(): Promise<void>;
  /** poll now (e.g. right after enqueueing work that is due) */
  wake(): void;
}

/** Polls for due jobs every intervalMs (at once again while batches come back full). */
export function startJobPoller(app: FastifyInstance, opts: PollerOptions): JobPoller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const batch = opts.batchSize ?? 10;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  const tick = () => {
    timer = undefined;
    if (stopped || running) return;
    running = (async () => {
      let n = 0;
      try {
        n = await runDueJobs(app, opts, () => stopped);
      } catch (e) {
        app.log.error({ err: e }, 'job poller: claim failed');
      }
      running = null;
      schedule(n >= batch ? 0 : opts.intervalMs);
    })();
  };
  ensureRecurringJobs(app)
    .catch((e) => app.log.error({ err: e }, 'job poller: could not create the recurring jobs'))
    .finally(() => schedule(0));
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    wake: () => {
      if (!running) schedule(0);
    },
  };
}

/** A worker id unique to this process. */
export function newWorkerId(): string {
  return `${process.env.HOSTNAME ?? 'host'}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Housekeeping: finished jobs are kept 30 days (their progress stays readable), then deleted. */
export const JOB_RETENTION_MS = 30 * 86_400_000;
registerJobHandler('jobs.purge', async ({ tx, now, audit }) => {
  const r = await rows(tx, sql`DELETE FROM job WHERE status IN ('DONE', 'CANCELLED', 'FAILED') AND finished_at < ${new Date(now.getTime() - JOB_RETENTION_MS).toISOString()} RETURNING id`);
  if (r.length) await audit({ entity: 'job', entityId: '*', action: 'jobs.purged', changes: { deleted: r.length, finishedBefore: new Date(now.getTime() - JOB_RETENTION_MS).toISOString() } });
  return { progress: { deleted: r.length } };
});
registerRecurringJob({ id: 'jobs.purge', kind: 'jobs.purge', everyMs: 86_400_000 });
