// npm run bench:deadline — deadline day of a profile validation window, on PostgreSQL, driven over HTTP.
// Every employee (30,000; BENCH_EMPLOYEES to override) GETs the profile, PUTs a draft with one changed field
// and submits it; at the same time the ~90 Nodal Officers (one per Ministry that has employees) list their
// SUBMITTED profiles, bulk-validate the unchanged ones and validate the changed ones one by one through the
// decision endpoint. A raw Fastify + pg single-row lookup is measured in the same run (before and after) at
// the same concurrency. Not a test: it writes bench/results/deadline-day.md. Needs DATABASE_URL (a
// PostgreSQL it may create databases on). The run stops by itself: a bounded amount of work and
// BENCH_MAX_SECONDS (default 1,800) as a hard cap; loopback only.
//
// Database: a template database is prepared once per size (seed; every employee a validated profile,
// inserted set-based by SQL; one Nodal Officer user per Ministry) and cloned for each run
// (CREATE DATABASE … TEMPLATE …), then sessions are created for every employee and Nodal Officer.
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { checkComplete } from '../packages/server/src/features/profile/service.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { syncMasters } from '../packages/server/src/db/masters.ts';
import { hashToken, SESSION_COOKIE } from '../packages/server/src/auth/sessions.ts';
import { seedDemo } from '../packages/server/src/seed/index.ts';

const BASE = process.env.DATABASE_URL;
if (!BASE) {
  console.error('bench:deadline needs DATABASE_URL=postgres://… (it creates the databases cscms_bench_deadline_tpl_<N> and cscms_bench_deadline there).');
  process.exit(2);
}
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 30_000);
/** Share of profiles (per cent) placed SUBMITTED with no change before the run, so that bulk validation has work. */
const UNCHANGED_PCT = Number(process.env.BENCH_UNCHANGED_PCT ?? 5);
const CONNECTIONS = 50;
const NODAL_WORKERS = Number(process.env.BENCH_NODAL_WORKERS ?? 15);
const EMPLOYEE_WORKERS = CONNECTIONS - NODAL_WORKERS;
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 1_800);
const RAW_SECONDS = Number(process.env.BENCH_RAW_SECONDS ?? 10);
const tplName = `cscms_bench_deadline_tpl_${EMPLOYEES}`;
const runName = 'cscms_bench_deadline';
const urlOf = (name: string) => {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
};
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const loadBefore = os.loadavg();
const uptimeBefore = execSync('uptime').toString().trim();

async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// 1. The template: seeded, every employee a validated profile, a Nodal Officer per Ministry.
const READY = `deadline-day template v1 (${EMPLOYEES} employees, ${UNCHANGED_PCT}% unchanged)`;
const tplReady = await admin(async (c) => {
  const r = await c.query<{ c: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [tplName]);
  if (r.rowCount && r.rows[0].c === READY) return true;
  if (r.rowCount) await c.query(`DROP DATABASE ${tplName} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${tplName}`);
  return false;
});
if (!tplReady) {
  const t0 = performance.now();
  const database = await openDatabase({ databaseUrl: urlOf(tplName), poolSize: 4 });
  await syncMasters(database.db);
  log(`template: seeding ${EMPLOYEES} employees…`);
  await seedDemo(database.db, { employees: EMPLOYEES, now: new Date(), log });
  await database.close();
  const c = new pg.Client({ connectionString: urlOf(tplName) });
  await c.connect();
  // A complete, valid profile from the registration data (the same fields the employee's form holds).
  await c.query(`
    INSERT INTO profile (employee_id, state, data, version, ever_submitted, submitted_version_no, validated_version_no, updated_at)
    SELECT e.id, 'VALIDATED', jsonb_build_object(
             'personal', jsonb_build_object(
               'nameEn', e.name_en, 'nameHi', e.name_hi, 'dateOfBirth', to_char(e.date_of_birth, 'YYYY-MM-DD'), 'gender', e.gender,
               'category', 'GEN', 'pwbd', jsonb_build_object('is', false), 'maritalStatus', e.marital_status,
               'mobile', coalesce(e.mobile, '9876543210'), 'email', coalesce(e.email, lower(e.employee_code) || '@cscms.example'),
               'presentAddress', jsonb_build_object('line1', 'Flat ' || (1 + abs(hashtext(e.id::text)) % 900) || ', Sector 5', 'city', 'New Delhi', 'district', 'New Delhi', 'state', 'Delhi', 'pin', '110001'),
               'permanentAddress', jsonb_build_object('line1', 'House 12, Civil Lines', 'city', 'Lucknow', 'district', 'Lucknow', 'state', 'Uttar Pradesh', 'pin', '226001')),
             'qualifications', jsonb_build_array(jsonb_build_object('level', 'GRADUATE', 'subject', 'Commerce', 'institution', 'University of Delhi', 'year', least(extract(year FROM e.date_of_birth)::int + 21, extract(year FROM now())::int - 1))),
             'training', '[]'::jsonb,
             'family', jsonb_build_object('children', '[]'::jsonb),
             'languages', jsonb_build_array(jsonb_build_object('language', 'Hindi', 'read', true, 'write', true, 'speak', true))),
           1, true, 1, 1, now()
      FROM employee e`);
  await c.query(`
    INSERT INTO profile_version (employee_id, version_no, data, status, diff, submitted_at, decided_at)
    SELECT employee_id, 1, data, 'VALIDATED', '[]'::jsonb, now(), now() FROM profile`);
  // Check every profile as the submission will (schema + cross-field rules) before anything is measured.
  const all = await c.query<{ data: unknown; entry_date: string; present_grade_date: string }>(`
    SELECT p.data, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, to_char(e.present_grade_date, 'YYYY-MM-DD') AS present_grade_date
      FROM profile p JOIN employee e ON e.id = p.employee_id`);
  let bad = 0;
  let firstBad = '';
  const today = new Date().toISOString().slice(0, 10);
  for (const r of all.rows) {
    try {
      checkComplete(r.data, { cadre: '', grade: '', payLevel: '', entryDate: r.entry_date, presentGradeDate: r.present_grade_date, ministryId: 0, ministryJoinDate: r.entry_date, postings: [] }, today);
    } catch (e) {
      bad++;
      firstBad ||= (e as Error).message;
    }
  }
  if (bad) throw new Error(`${bad} generated profiles would not pass submission, e.g. ${firstBad}`);
  // Some submissions that change nothing (the work of bulk validation): version 2 SUBMITTED with an empty diff.
  await c.query(`
    WITH pick AS (SELECT id FROM employee ORDER BY id LIMIT (SELECT count(*) * $1::int / 100 FROM employee))
    INSERT INTO profile_version (employee_id, version_no, data, status, diff, submitted_at, submitted_by)
    SELECT p.employee_id, 2, p.data, 'SUBMITTED', '[]'::jsonb, now(), u.id
      FROM profile p JOIN pick ON pick.id = p.employee_id JOIN app_user u ON u.employee_id = p.employee_id`, [UNCHANGED_PCT]);
  await c.query(`UPDATE profile p SET state = 'SUBMITTED', version = 2, submitted_version_no = 2 FROM profile_version v WHERE v.employee_id = p.employee_id AND v.version_no = 2`);
  // One Nodal Officer for every Ministry that has employees (not an employee: no self-approval question).
  await c.query(`
    WITH m AS (SELECT DISTINCT ministry_id FROM employee), u AS (
      INSERT INTO app_user (id, login_id, display_name)
      SELECT gen_random_uuid(), 'bench-nodal-' || ministry_id, 'Nodal Officer ' || ministry_id FROM m RETURNING id, login_id)
    INSERT INTO role_grant (user_id, role, ministry_id) SELECT id, 'NODAL_OFFICER', substring(login_id FROM 13)::int FROM u`);
  await c.query('VACUUM ANALYZE');
  await c.end();
  await admin((a) => a.query(`COMMENT ON DATABASE ${tplName} IS '${READY}'`));
  log(`template ${tplName} prepared in ${Math.round((performance.now() - t0) / 1000)} s`);
}

// ---------------------------------------------------------------------------------------------------------
// 2. A fresh copy for this run, with a live session for every employee and Nodal Officer.
let t0 = performance.now();
await admin(async (c) => {
  await c.query(`DROP DATABASE IF EXISTS ${runName} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${runName} TEMPLATE ${tplName}`);
});
const cloneMs = performance.now() - t0;
const db = new pg.Client({ connectionString: urlOf(runName) });
await db.connect();
interface Person { userId: string; cookie: string; csrf: string }
const sessions = async (users: Array<{ id: string }>): Promise<Person[]> => {
  const now = new Date();
  const out = users.map((u) => ({ userId: u.id, token: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url') }));
  for (let i = 0; i < out.length; i += 5_000) {
    const b = out.slice(i, i + 5_000);
    await db.query(
      `INSERT INTO session (id, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent)
       SELECT t.id, t.user_id, t.csrf, $4, $4, $5, 'bench' FROM unnest($1::text[], $2::uuid[], $3::text[]) AS t(id, user_id, csrf)`,
      [b.map((x) => hashToken(x.token)), b.map((x) => x.userId), b.map((x) => x.csrf), now.toISOString(), new Date(now.getTime() + 12 * 3_600_000).toISOString()],
    );
  }
  return out.map((x) => ({ userId: x.userId, cookie: `${SESSION_COOKIE}=${x.token}`, csrf: x.csrf }));
};
const empRows = (await db.query<{ id: string; employee_id: string; state: string }>(`
  SELECT u.id, u.employee_id, p.state FROM app_user u JOIN profile p ON p.employee_id = u.employee_id WHERE u.active ORDER BY u.id`)).rows;
const changers = empRows.filter((r) => r.state === 'VALIDATED');
const preSubmitted = empRows.length - changers.length;
const employees = await sessions(changers);
const nodalRows = (await db.query<{ id: string; ministry_id: number }>(`
  SELECT u.id, g.ministry_id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.login_id LIKE 'bench-nodal-%' ORDER BY g.ministry_id`)).rows;
const nodals = (await sessions(nodalRows)).map((p, i) => ({ ...p, ministryId: nodalRows[i].ministry_id }));
const rawIds = empRows.map((r) => r.employee_id);
await db.end();
const prepMs = performance.now() - t0;
log(`run database: cloned in ${Math.round(cloneMs)} ms; ${employees.length} employee sessions, ${nodals.length} Nodal Officer sessions; ${preSubmitted} submissions without change`);

// ---------------------------------------------------------------------------------------------------------
// 3. The portal and the raw baseline as child processes.
const children: ChildProcess[] = [];
const stopChildren = () => {
  for (const c of children) if (c.exitCode == null) c.kill('SIGTERM');
};
process.on('exit', stopChildren);
function start(file: string, env: Record<string, string>, ready: RegExp, flags: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let up = false;
    const onData = (d: Buffer) => {
      if (up) {
        process.stderr.write(`[${file}] ${d}`);
        return;
      }
      out += d.toString();
      if (ready.test(out)) {
        up = true;
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${file} exited ${code}: ${out.slice(-2000)}`)));
  });
}
const appPort = 3910;
const rawPort = 3911;
const env = { DATABASE_URL: urlOf(runName), DB_POOL_SIZE: process.env.BENCH_DB_POOL ?? '20', LOG_LEVEL: 'warn', JOBS: 'false', SEED_EMPLOYEES: '0', RATE_LIMIT_API_PER_MINUTE: '100000000', NODE_ENV: 'test', SESSION_IDLE_MINUTES: '240' };
const app = await start('packages/server/src/main.ts', { ...env, PORT: String(appPort), PUBLIC_URL: `http://localhost:${appPort}` }, /CSCMS is running/,
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the portal, written when it stops (to see where its time goes)
  process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);
const raw = await start('bench/raw-baseline.ts', { ...env, PORT: String(rawPort) }, /raw baseline ready/);

interface RawRun { rps: number; p50: number; p99: number; errors: number; non2xx: number }
function rawLoad(): Promise<RawRun> {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${rawPort}`,
        connections: CONNECTIONS,
        duration: RAW_SECONDS,
        requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/raw/${rawIds[i++ % rawIds.length]}` }) }],
      },
      (err: Error | null, r: { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number }) => {
        if (err) return reject(err);
        resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx });
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// 4. The deadline-day load: HTTP/1.1 keep-alive, at most CONNECTIONS requests in flight.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
interface Res { status: number; json: any }
function call(method: string, path: string, who: Person, body?: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { cookie: who.cookie, accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = who.csrf;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const r = http.request({ host: '127.0.0.1', port: appPort, method, path, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: any = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = { text };
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    if (payload !== undefined) r.write(payload);
    r.end();
  });
}

const TYPES = ['GET /profile', 'PUT /profile/draft', 'POST /profile/submit', 'GET /profiles (unchanged)', 'POST /profiles/bulk-validate', 'GET /profiles (submitted)', 'POST /profiles/:id/decision'] as const;
type Type = (typeof TYPES)[number];
const stats = new Map<Type, { ms: number[]; errors: number; stale: number; samples: string[] }>(TYPES.map((t) => [t, { ms: [], errors: 0, stale: 0, samples: [] }]));
/** Times one request; a 2xx is ok, 409 STALE_VERSION a race counted apart, anything else an error. */
async function timed(type: Type, method: string, path: string, who: Person, body?: unknown): Promise<Res | null> {
  const s = stats.get(type)!;
  const t = performance.now();
  let r: Res;
  try {
    r = await call(method, path, who, body);
  } catch (e) {
    s.ms.push(performance.now() - t);
    s.errors++;
    if (s.samples.length < 3) s.samples.push(String(e));
    return null;
  }
  s.ms.push(performance.now() - t);
  if (r.status >= 200 && r.status < 300) return r;
  if (r.status === 409 && r.json?.code === 'STALE_VERSION') s.stale++;
  else {
    s.errors++;
    if (s.samples.length < 3) s.samples.push(`${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  }
  return null;
}

const deadline = Date.now() + MAX_SECONDS * 1000;
const timeUp = () => Date.now() > deadline;
let nextEmployee = 0;
let submitted = 0;
let employeesDone = false;
let bulkValidated = 0;
let bulkSkipped = 0;
let decided = 0;

async function employeeWorker(): Promise<void> {
  while (!timeUp()) {
    const k = nextEmployee++;
    if (k >= employees.length) return;
    const who = employees[k];
    const v = await timed('GET /profile', 'GET', '/api/v1/profile', who);
    if (!v) continue;
    const data = structuredClone(v.json.data);
    // one changed field: a new mobile number (the generated ones start with 9)
    data.personal.mobile = `8${String(k).padStart(9, '0')}`;
    const d = await timed('PUT /profile/draft', 'PUT', '/api/v1/profile/draft', who, { data, version: v.json.version });
    if (!d) continue;
    const s = await timed('POST /profile/submit', 'POST', '/api/v1/profile/submit', who, { version: d.json.version });
    if (s) submitted++;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const queue = [...nodals];
const clean = new Set<number>();
async function nodalWorker(): Promise<void> {
  while (!timeUp() && clean.size < nodals.length) {
    const no = queue.shift();
    if (!no) {
      await sleep(50);
      continue;
    }
    let work = 0;
    const u = await timed('GET /profiles (unchanged)', 'GET', '/api/v1/profiles?state=SUBMITTED&unchangedOnly=true&pageSize=100', no);
    if (u && u.json.items.length) {
      const b = await timed('POST /profiles/bulk-validate', 'POST', '/api/v1/profiles/bulk-validate', no, { items: u.json.items.map((i: { employeeId: string; version: number }) => ({ employeeId: i.employeeId, version: i.version })) });
      if (b) {
        bulkValidated += b.json.validated.length;
        bulkSkipped += b.json.skipped.length;
        work += b.json.validated.length;
      }
    }
    const l = await timed('GET /profiles (submitted)', 'GET', '/api/v1/profiles?state=SUBMITTED&pageSize=100', no);
    if (l) {
      for (const it of l.json.items as Array<{ employeeId: string; version: number; changedFields: number }>) {
        if (timeUp()) break;
        if (it.changedFields === 0) continue; // left to bulk validation
        const r = await timed('POST /profiles/:id/decision', 'POST', `/api/v1/profiles/${it.employeeId}/decision`, no, { action: 'validate', version: it.version });
        if (r) {
          decided++;
          work++;
        }
      }
      if (employeesDone && l.json.total === 0 && u && u.json.total === 0) clean.add(no.ministryId);
    }
    queue.push(no);
    if (work === 0) await sleep(200); // nothing waiting in this Ministry yet: look again later
  }
}

// Check the portal answers before measuring it.
const probe = await call('GET', '/api/v1/profile', employees[0]);
if (probe.status !== 200) throw new Error(`GET /api/v1/profile answered ${probe.status}: ${JSON.stringify(probe.json)}`);

// Warm-up, not timed: every request type of the load, answered but changing nothing (a stale version is refused with
// 409 before any write; bulk validation skips a stale item), so that the portal's code is compiled, the pool's
// connections are open and their prepared statements made before the clock starts — as on a portal already in use.
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 400);
log(`warm-up: ${WARM_UP} rounds of every request type, no writes…`);
{
  let next = 0;
  const round = async (i: number): Promise<void> => {
    const who = employees[(i * 7919) % employees.length];
    const no = nodals[i % nodals.length];
    const v = await call('GET', '/api/v1/profile', who);
    const id = v.json?.employeeId as string;
    await call('PUT', '/api/v1/profile/draft', who, { data: v.json?.data ?? {}, version: 999_999 });
    await call('POST', '/api/v1/profile/submit', who, { version: 999_999 });
    await call('GET', '/api/v1/profiles?state=SUBMITTED&unchangedOnly=true&pageSize=100', no);
    await call('GET', '/api/v1/profiles?state=SUBMITTED&pageSize=100', no);
    await call('POST', '/api/v1/profiles/bulk-validate', no, { items: [{ employeeId: id, version: 999_999 }] });
    await call('POST', `/api/v1/profiles/${id}/decision`, no, { action: 'validate', version: 999_999 });
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    for (let i = next++; i < WARM_UP; i = next++) await round(i);
  }));
}

log(`raw baseline: ${CONNECTIONS} connections, ${RAW_SECONDS} s…`);
const rawBefore = await rawLoad();
log(`raw baseline: ${Math.round(rawBefore.rps)} req/s, p99 ${rawBefore.p99} ms`);

log(`deadline day: ${employees.length} employees (${EMPLOYEE_WORKERS} connections), ${nodals.length} Nodal Officers (${NODAL_WORKERS} connections)…`);
const loadAtStart = os.loadavg();
/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 elsewhere. */
const cpuOf = (pid: number | undefined): number => {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
};
/** CPU seconds of every PostgreSQL backend connected to the run database (the portal's pool). */
const pgCpu = async (): Promise<number> => {
  const c = new pg.Client({ connectionString: urlOf(runName) });
  await c.connect();
  const pids = (await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [runName])).rows.map((r) => r.pid);
  await c.end();
  return pids.reduce((a, p) => a + cpuOf(p), 0);
};
// What the portal's PostgreSQL connections are doing, sampled every 2 s during the load.
const waits = new Map<string, number>();
let waitSamples = 0;
const sampler = new pg.Client({ connectionString: urlOf(runName) });
await sampler.connect();
const sampleTimer = setInterval(() => {
  sampler
    .query<{ k: string; n: number }>(`
      SELECT CASE WHEN state = 'idle' THEN 'idle (the portal''s pool, and the raw baseline''s, which is not loaded then)'
                  WHEN wait_event_type = 'Lock' THEN 'waiting for a lock (' || wait_event || '): ' || regexp_replace(left(query, 48), '[[:space:]]+', ' ', 'g')
                  WHEN state = 'idle in transaction' THEN 'in a transaction, waiting for the portal''s next statement'
                  ELSE coalesce(wait_event_type || ':' || wait_event, 'running') END AS k, count(*)::int AS n
        FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1`, [runName])
    .then((r) => {
      waitSamples++;
      for (const x of r.rows) waits.set(x.k, (waits.get(x.k) ?? 0) + x.n);
    })
    .catch(() => {});
}, 2_000);
const appCpu0 = cpuOf(app.pid);
const pgCpu0 = await pgCpu();
const genCpu0 = process.cpuUsage();
t0 = performance.now();
const progress = setInterval(() => {
  log(`${Math.round((performance.now() - t0) / 1000)} s: submitted ${submitted}/${employees.length}, decided ${decided}, bulk-validated ${bulkValidated}, clean Ministries ${clean.size}/${nodals.length}; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}, 10_000);
const nodalRun = Promise.all(Array.from({ length: NODAL_WORKERS }, () => nodalWorker()));
await Promise.all(Array.from({ length: EMPLOYEE_WORKERS }, () => employeeWorker()));
employeesDone = true;
const employeeMs = performance.now() - t0;
await nodalRun;
const totalMs = performance.now() - t0;
clearInterval(progress);
const loadAtEnd = os.loadavg();
clearInterval(sampleTimer);
await sampler.end();
const appCpuS = cpuOf(app.pid) - appCpu0;
const pgCpuS = (await pgCpu()) - pgCpu0;
const genCpu = process.cpuUsage(genCpu0);
const genCpuS = (genCpu.user + genCpu.system) / 1e6;
const uptimeEnd = execSync('uptime').toString().trim();
agent.destroy();

log('raw baseline again…');
const rawAfter = await rawLoad();
stopChildren();
if (process.env.BENCH_CPU_PROF) await new Promise((r) => app.once('exit', r));

// What the database holds at the end.
const check = new pg.Client({ connectionString: urlOf(runName) });
await check.connect();
const states = (await check.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM profile GROUP BY 1 ORDER BY 1`)).rows;
const audit = (await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
await check.end();

// ---------------------------------------------------------------------------------------------------------
// 5. The report.
/** the largest value (0 for none) without spreading 100,000 arguments onto the stack */
function maxOf(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f1 = (x: number) => (x < 10 ? x.toFixed(1) : String(Math.round(x)));
const n = (x: number) => x.toLocaleString('en-IN');
let allMs: number[] = [];
let errors = 0;
let stale = 0;
const lines: string[] = [];
for (const t of TYPES) {
  const s = stats.get(t)!;
  allMs = allMs.concat(s.ms);
  errors += s.errors;
  stale += s.stale;
  const p99 = pct(s.ms, 99);
  lines.push(`| ${t} | ${n(s.ms.length)} | ${f1(s.ms.length / (totalMs / 1000))} | ${f1(pct(s.ms, 50))} | ${p99 > 200 ? `**${f1(p99)}**` : f1(p99)} | ${f1(maxOf(s.ms))} | ${s.errors} | ${s.stale} |`);
}
const allRps = allMs.length / (totalMs / 1000);
const allP99 = pct(allMs, 99);
const rawBest = rawBefore.rps >= rawAfter.rps ? rawBefore : rawAfter;
const rawLine = (name: string, x: RawRun) => `| ${name} | ${n(Math.round(x.rps * RAW_SECONDS))} | ${Math.round(x.rps)} | ${x.p50} | ${x.p99} | – | ${x.errors + x.non2xx} | – |`;
const worstP99 = Math.max(...TYPES.map((t) => pct(stats.get(t)!.ms, 99)));
const met = errors === 0 && worstP99 <= 200;
const samples = TYPES.flatMap((t) => stats.get(t)!.samples.map((s) => `- ${t}: ${s}`));
const md = `# Deadline day (bench/deadline-day.ts)

\`npm run bench:deadline\` — the last day of a profile validation window on PostgreSQL with ${n(EMPLOYEES)} employees,
driven over HTTP with real sessions (cookie + \`X-CSRF-Token\`) against the portal (\`packages/server/src/main.ts\`,
JOBS=false, LOG_LEVEL=warn, NODE_ENV=test, DB_POOL_SIZE=${env.DB_POOL_SIZE}) in a child process. Run ${new Date().toISOString().slice(0, 16)}Z.

- **Employees** (${n(employees.length)}, ${EMPLOYEE_WORKERS} connections): \`GET /api/v1/profile\` → \`PUT /api/v1/profile/draft\` with one
  changed field (the mobile number) → \`POST /api/v1/profile/submit\`. Every profile was validated (version 1) before the run.
- **Nodal Officers** (${nodals.length}, one per Ministry that has employees; ${NODAL_WORKERS} connections, each Officer acting one request
  at a time): list the SUBMITTED profiles that change nothing (\`unchangedOnly=true\`) and bulk-validate them; list the
  SUBMITTED profiles and validate each changed one through \`POST /api/v1/profiles/:id/decision\`; repeat until every
  Ministry has nothing left. Every employee's submission changes a field, so bulk validation can only take the
  ${n(preSubmitted)} profiles (${UNCHANGED_PCT}%) placed SUBMITTED with no change by SQL before the run; those employees do not run the change flow.
- ${CONNECTIONS} connections in all (HTTP/1.1 keep-alive, one request in flight each), loopback; the load generator runs on the same machine.
- Warm-up, not timed: ${WARM_UP} rounds of every request type that change nothing (stale versions are refused before any
  write), so that the portal's code is compiled and its pool's connections and prepared statements exist when the clock starts.
- Raw baseline: Fastify + pg, one indexed single-row lookup of \`employee\`, no auth (\`bench/raw-baseline.ts\`), autocannon,
  ${CONNECTIONS} connections, ${RAW_SECONDS} s before and after the deadline-day load.

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), **shared with other sessions' work**: load average
${loadAtStart.map((x) => x.toFixed(2)).join(' / ')} when the load started and ${loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} at its end
(\`uptime\` before: \`${uptimeBefore}\`; at the end: \`${uptimeEnd}\`). With ${os.cpus().length} cores, a load average near ${Math.round(loadAtStart[0])} means the portal,
PostgreSQL and the load generator got a fraction of the CPU; the figures are what this machine gave at that time.

| request | count | req/s | p50 ms | p99 ms | max ms | errors | 409 STALE_VERSION |
|---|---:|---:|---:|---:|---:|---:|---:|
${lines.join('\n')}
| **all portal requests** | **${n(allMs.length)}** | **${f1(allRps)}** | **${f1(pct(allMs, 50))}** | **${f1(allP99)}** | ${f1(maxOf(allMs))} | **${errors}** | ${stale} |
${rawLine('raw baseline, before', rawBefore)}
${rawLine('raw baseline, after', rawAfter)}

- Total time of the deadline-day load: **${(totalMs / 1000).toFixed(1)} s** (employees done at ${(employeeMs / 1000).toFixed(1)} s). Database preparation for the run (clone of the template + ${n(employees.length + nodals.length)} sessions): ${(prepMs / 1000).toFixed(1)} s.
- CPU used during the load: portal ${appCpuS.toFixed(1)} s, PostgreSQL backends of its pool ${pgCpuS.toFixed(1)} s (pool connections open at the end; backends started during the load are counted from 0), load generator ${genCpuS.toFixed(1)} s
  — ${((appCpuS * 1000) / Math.max(1, allMs.length)).toFixed(1)} ms of portal CPU and ${((pgCpuS * 1000) / Math.max(1, allMs.length)).toFixed(1)} ms of PostgreSQL CPU per request; on ${os.cpus().length} cores,
  ${((appCpuS + pgCpuS + genCpuS) / (totalMs / 1000)).toFixed(2)} cores busy on average for this bench out of ${os.cpus().length}.
- The portal's PostgreSQL connections (pool of ${env.DB_POOL_SIZE}), average over ${waitSamples} samples taken every 2 s during the load:
${[...waits].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  - ${(v / Math.max(1, waitSamples)).toFixed(1)} ${k.replace(/\|/g, '/')}`).join('\n')}
- Submissions: ${n(submitted)} of ${n(employees.length)}; decisions (validate): ${n(decided)}; bulk-validated: ${n(bulkValidated)} (skipped by bulk validation: ${n(bulkSkipped)}).
- Profiles at the end: ${states.map((s) => `${s.state} ${n(s.n)}`).join(', ')}; audit records: ${n(audit)}.
- **Ratio portal/raw throughput: ${(allRps / rawBest.rps).toFixed(2)}** (all portal requests per second against the better raw run; each portal write is a
  transaction with an audit record on the hash chain, a notification and, for decisions, an e-mail in the outbox, so this is not like for like).
- Targets (issue 3): zero errors — ${errors === 0 ? 'met' : `**missed (${errors})**`}; p99 ≤ 200 ms for every request type — ${worstP99 <= 200 ? 'met' : `**missed (worst ${f1(worstP99)} ms)**`}. ${met ? '' : '**Targets missed in this run.**'}
${samples.length ? `\nError samples:\n${samples.join('\n')}\n` : ''}`;
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/deadline-day.md', md);
console.log(md);
process.exit(0);
