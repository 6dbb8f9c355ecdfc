// npm run bench:api — authenticated GET of one's own profile summary on PostgreSQL with 30,000 employees,
// 50 connections, against a raw Fastify + pg single-row lookup measured in the same run. Not a test: it
// writes bench/results/api.md. Needs DATABASE_URL (a PostgreSQL it may create a database on).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, rows, sql } from '../packages/server/src/db/client.ts';
import { syncMasters } from '../packages/server/src/db/masters.ts';
import { createSession } from '../packages/server/src/auth/sessions.ts';
import { seedDemo } from '../packages/server/src/seed/index.ts';

const BASE = process.env.DATABASE_URL;
if (!BASE) {
  console.error('bench:api needs DATABASE_URL=postgres://… (it creates the database cscms_bench_api there).');
  process.exit(2);
}
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 30_000);
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 2;
const dbName = 'cscms_bench_api';
const url = new URL(BASE);
url.pathname = `/${dbName}`;

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
}

function start(file: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${file} exited ${code}: ${out.slice(-2000)}`)));
  });
}

interface Run { rps: number; p50: number; p99: number; errors: number; non2xx: number }

function load(urlOf: (i: number) => string, headersOf: (i: number) => Record<string, string>, port: number): Promise<Run> {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [{ setupRequest: (req: Record<string, unknown>) => { const k = i++; return { ...req, path: urlOf(k), headers: headersOf(k) }; } }],
      },
      (err: Error | null, r: { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number }) => {
        if (err) return reject(err);
        resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx });
      },
    );
  });
}

await ensureDatabase();
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
await syncMasters(database.db);
const count = (await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM employee`))[0].n;
if (count !== EMPLOYEES) {
  if (count > 0) {
    console.log(`the bench database holds ${count} employees, not ${EMPLOYEES}: recreating it`);
    await database.close();
    const admin = new pg.Client({ connectionString: BASE });
    await admin.connect();
    await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    await admin.end();
    console.log('run the bench again');
    process.exit(1);
  }
  console.log(`seeding ${EMPLOYEES} employees…`);
  const s = await seedDemo(database.db, { employees: EMPLOYEES, now: new Date(), log: console.log });
  console.log(`seeded in ${s.ms} ms`);
}
// 2,000 employees with live sessions: each request is a different person.
const people = await rows<{ user_id: string; employee_id: string }>(database.db, sql`
  SELECT u.id AS user_id, u.employee_id FROM app_user u WHERE u.employee_id IS NOT NULL AND u.active ORDER BY u.id LIMIT 2000`);
const cookies: string[] = [];
for (const p of people) {
  const s = await createSession(database.db, p.user_id, new Date(), 12 * 3_600_000);
  cookies.push(`cscms_sid=${s.token}`);
}
const ids = people.map((p) => p.employee_id);
await database.close();

const appPort = 3900;
const rawPort = 3901;
const env = { DATABASE_URL: url.toString(), DB_POOL_SIZE: '20', LOG_LEVEL: 'warn', JOBS: 'false', SEED_EMPLOYEES: '0', RATE_LIMIT_API_PER_MINUTE: '100000000', NODE_ENV: 'test' };
const app = await start('packages/server/src/main.ts', { ...env, PORT: String(appPort), PUBLIC_URL: `http://localhost:${appPort}` }, /CSCMS is running/);
const raw = await start('bench/raw-baseline.ts', { ...env, PORT: String(rawPort) }, /raw baseline ready/);

// Check the endpoint answers 200 before measuring it.
const probe = await fetch(`http://127.0.0.1:${appPort}/api/v1/employees/me/summary`, { headers: { cookie: cookies[0] } });
if (probe.status !== 200) throw new Error(`summary answered ${probe.status}: ${await probe.text()}`);

const results: { app: Run[]; raw: Run[] } = { app: [], raw: [] };
for (let r = 0; r < ROUNDS; r++) {
  results.raw.push(await load((k) => `/raw/${ids[k % ids.length]}`, () => ({}), rawPort));
  results.app.push(await load(() => '/api/v1/employees/me/summary', (k) => ({ cookie: cookies[k % cookies.length] }), appPort));
}
app.kill('SIGTERM');
raw.kill('SIGTERM');

const best = (xs: Run[]) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
const a = best(results.app);
const b = best(results.raw);
const ratio = a.rps / b.rps;
const line = (name: string, x: Run) => `| ${name} | ${Math.round(x.rps)} | ${x.p50} | ${x.p99} | ${x.errors} | ${x.non2xx} |`;
const md = `# API benchmark (bench/api.ts)

Authenticated \`GET /api/v1/employees/me/summary\` (session lookup, policy, one indexed query, zod
serialisation) against a raw Fastify + pg single-row lookup of the same table, measured in the same run.
PostgreSQL ${EMPLOYEES.toLocaleString('en-IN')} employees; ${CONNECTIONS} connections; ${DURATION} s per run; ${ROUNDS} alternating rounds, best of each.
Each request of the portal is a different employee's session (${cookies.length} sessions).
The portal runs as deployed: the session cache is on (src/auth/session-cache.ts), so after a session's first request in a
minute its lookup is answered from the process's copy, kept true by PostgreSQL LISTEN/NOTIFY; the request then costs one
query (the summary, a named prepared statement), like the raw baseline. With \`SESSION_CACHE=false\` each request costs two.

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared and noisy; load generator in the same machine. Run ${new Date().toISOString().slice(0, 16)}Z.

| endpoint | req/s | p50 ms | p99 ms | errors | non-2xx |
|---|---|---|---|---|---|
${line('portal: own profile summary', a)}
${line('raw Fastify + pg lookup', b)}

**Ratio portal/raw: ${ratio.toFixed(2)}** (target ≥ 0.5) · **portal p99: ${a.p99} ms** (target ≤ 50 ms).

All rounds (req/s): portal ${results.app.map((x) => Math.round(x.rps)).join(', ')}; raw ${results.raw.map((x) => Math.round(x.rps)).join(', ')}.
`;
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/api.md', md);
console.log(md);
process.exit(0);
