// npm run bench:seed — seeds 30,000 demo employees into a fresh PGlite (on disk, as `npm start` uses it)
// and, when DATABASE_URL is set, into a fresh PostgreSQL database (created and dropped here). Target ≤ 60 s.
// Not a test: writes bench/results/seed.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, rows, sql } from '../packages/server/src/db/client.ts';
import { syncMasters } from '../packages/server/src/db/masters.ts';
import { generate } from '../packages/server/src/seed/generate.ts';
import { loadSeed } from '../packages/server/src/seed/load.ts';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 30_000);
const TARGET_S = 60;
const here = path.dirname(fileURLToPath(import.meta.url));

interface Result {
  db: string;
  openMigrateMs: number;
  generateMs: number;
  loadMs: number;
  totalMs: number;
  rows: number;
  batches: number;
  counts: Record<string, number>;
}

async function run(label: string, open: () => Promise<import('../packages/server/src/db/client.ts').Database>): Promise<Result> {
  const t0 = performance.now();
  const database = await open();
  try {
    await syncMasters(database.db);
    const t1 = performance.now();
    const data = generate({ employees: EMPLOYEES });
    const t2 = performance.now();
    let last = 0;
    const r = await loadSeed(database.db, data, {
      now: new Date(),
      onProgress: (done, total) => {
        if (done - last >= total / 5 || done === total) {
          last = done;
          console.log(`  ${label}: ${done}/${total} employees (${((performance.now() - t2) / 1000).toFixed(1)} s)`);
        }
      },
    });
    const t3 = performance.now();
    const [counts] = await rows<Record<string, number>>(database.db, sql`SELECT
      (SELECT count(*)::int FROM employee) AS employee, (SELECT count(*)::int FROM service_event) AS service_event,
      (SELECT count(*)::int FROM child) AS child, (SELECT count(*)::int FROM vigilance_event) AS vigilance_event,
      (SELECT count(*)::int FROM app_user) AS app_user, (SELECT count(*)::int FROM role_grant) AS role_grant,
      (SELECT count(*)::int FROM audit_log WHERE entity = 'seed') AS audit_records`);
    return { db: label, openMigrateMs: t1 - t0, generateMs: t2 - t1, loadMs: t3 - t2, totalMs: t3 - t0, rows: r.rows, batches: r.batches, counts };
  } finally {
    await database.close();
  }
}

const results: Result[] = [];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cscms-bench-seed-'));
try {
  console.log(`PGlite (${dir})`);
  results.push(await run('PGlite (embedded, on disk)', () => openDatabase({ dataDir: path.join(dir, 'pg') })));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const base = process.env.DATABASE_URL;
if (base) {
  const name = `cscms_bench_seed_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    console.log(`PostgreSQL (${name})`);
    results.push(await run('PostgreSQL (DATABASE_URL)', () => openDatabase({ databaseUrl: url.toString(), poolSize: 4 })));
  } finally {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
} else {
  console.log('DATABASE_URL not set: PostgreSQL skipped.');
}

const s = (ms: number) => (ms / 1000).toFixed(1);
const cpus = os.cpus();
const lines = [
  '# Seed benchmark',
  '',
  `\`npm run bench:seed\` — ${EMPLOYEES.toLocaleString('en-IN')} demo employees (deterministic generator, seed 20221115) into a fresh database;`,
  `target ≤ ${TARGET_S} s. Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  '',
  `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} (shared, other work running; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end of the run), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`,
  '',
  '| database | open + migrate + masters | generate | load (1 transaction, audited batches) | total | rows | target |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...results.map((r) => `| ${r.db} | ${s(r.openMigrateMs)} s | ${s(r.generateMs)} s | ${s(r.loadMs)} s | **${s(r.totalMs)} s** | ${r.rows.toLocaleString('en-IN')} | ${r.totalMs / 1000 <= TARGET_S ? 'met' : 'MISSED'} |`),
  '',
  'Rows per table:',
  '',
  `| database | ${Object.keys(results[0].counts).join(' | ')} |`,
  `|---|${Object.keys(results[0].counts).map(() => '---:').join('|')}|`,
  ...results.map((r) => `| ${r.db} | ${Object.values(r.counts).map((n) => n.toLocaleString('en-IN')).join(' | ')} |`),
  '',
  'How: `seed/generate.ts` builds every row in memory (pure, seeded PRNG); `seed/load.ts` inserts them in one transaction,',
  '2,500 employees per batch, each table of a batch one `INSERT … SELECT FROM json_to_recordset($1)` (one parameter per statement),',
  'and appends one audit record per batch (actor SYSTEM, entity `seed`).',
  '',
];
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'seed.md'), lines.join('\n'));
console.log(lines.join('\n'));
