// npm run bench:startup — cold start of `npx node packages/server/src/main.ts` with a fresh temporary DATA_DIR
// (embedded PGlite: migrations, masters, the 2,000-employee demo) until GET /healthz and GET / answer 200;
// then a second start on the same data (no seeding). Target ≤ 15 s. Writes bench/results/startup.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../packages/server/src/db/client.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const TARGET_S = 15;
const SEED = Number(process.env.BENCH_EMPLOYEES ?? 2000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function status(url: string): Promise<number> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

interface Run {
  label: string;
  healthzMs: number;
  pageMs: number | null;
  pageStatus: number;
  reported: string;
  seeded: boolean;
  seedMs: number | null;
}

async function coldStart(label: string, dataDir: string): Promise<Run> {
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn('npx', ['node', 'packages/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_EMPLOYEES: String(SEED), DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  let healthzMs = -1;
  let pageMs: number | null = null;
  let pageStatus = 0;
  try {
    while (performance.now() - t0 < 120_000) {
      if (exited) throw new Error(`server exited:\n${out.slice(-3000)}`);
      if (healthzMs < 0 && (await status(`${base}/healthz`)) === 200) healthzMs = performance.now() - t0;
      if (healthzMs >= 0) {
        pageStatus = await status(`${base}/`);
        if (pageStatus === 200) pageMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (healthzMs < 0) throw new Error(`no answer within 120 s:\n${out.slice(-3000)}`);
  } finally {
    // stop it the way a person does (Ctrl-C), and wait for the database to close
    if (!exited && child.pid) {
      process.kill(-child.pid, 'SIGINT');
      const t = Date.now();
      while (!exited && Date.now() - t < 15_000) await new Promise((r) => setTimeout(r, 50));
      if (!exited) process.kill(-child.pid, 'SIGKILL');
    }
  }
  const reported = /started in ([\d.]+) s/.exec(out)?.[1] ?? '?';
  const seedMs = /demo data: \d+ rows in (\d+) ms/.exec(out)?.[1];
  return { label, healthzMs, pageMs, pageStatus, reported, seeded: seedMs != null, seedMs: seedMs != null ? Number(seedMs) : null };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cscms-bench-startup-'));
const runs: Run[] = [];
let initdbMs = 0;
try {
  // the cost of creating a PGlite cluster on disk, measured alone (what a first start pays before migrations)
  const ti = performance.now();
  const db = await openDatabase({ dataDir: path.join(dir, 'initdb-probe', 'pg'), migrate: false });
  initdbMs = performance.now() - ti;
  await db.close();
  fs.rmSync(path.join(dir, 'initdb-probe'), { recursive: true, force: true });

  runs.push(await coldStart(`first start: empty data dir, ${SEED.toLocaleString('en-IN')}-employee demo loaded`, dir));
  console.log(runs.at(-1));
  runs.push(await coldStart('second start: same data dir (nothing to seed)', dir));
  console.log(runs.at(-1));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const s = (ms: number | null) => (ms == null ? '—' : `${(ms / 1000).toFixed(1)} s`);
const cpus = os.cpus();
const webBuilt = fs.existsSync(path.join(root, 'packages/web/dist/index.html'));
const lines = [
  '# Cold-start benchmark',
  '',
  '`npm run bench:startup` — spawns `npx node packages/server/src/main.ts` with a temporary DATA_DIR (embedded PGlite),',
  'polls until GET /healthz and then GET / answer 200, then stops the server with SIGINT. Times are from the spawn,',
  `so they include npx and Node start-up. Target ≤ ${TARGET_S} s to the first page with the 2,000-employee demo.`,
  `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  '',
  `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} (shared, other work running; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end of the run), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}.`,
  '',
  '| run | /healthz 200 | GET / | server\'s own "started in" (after imports) | of which demo seed (generate + load) | target |',
  '|---|---:|---:|---:|---:|---|',
  ...runs.map((r) => `| ${r.label} | ${s(r.healthzMs)} | ${r.pageMs != null ? `**${s(r.pageMs)}**` : `status ${r.pageStatus}`} | ${r.reported} s | ${r.seeded ? s(r.seedMs) : 'not seeded'} | ${((r.pageMs ?? r.healthzMs) / 1000) <= TARGET_S ? 'met' : 'MISSED'} |`),
  '',
  'Reading the columns: the spawn-to-200 time = npx + Node start + importing the server\'s modules (type stripping) + the',
  'server\'s own "started in" (open the database, migrations, masters, demo seed, listen). A first start also creates the',
  'PGlite cluster on disk (initdb in WebAssembly): on this shared machine that step, not the demo seed, is most of the',
  'first-start time (see the seed column). The second start shows the floor without initdb and seeding.',
  `Creating a PGlite cluster alone, measured in the bench process just before the runs: ${s(initdbMs)}.`,
  '',
  webBuilt ? 'The web app was built (packages/web/dist), so GET / is the SPA\'s index page.' : 'packages/web/dist was not built: GET / is not a page (run `npm run build:web` first).',
  '',
];
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'startup.md'), lines.join('\n'));
console.log(lines.join('\n'));
