// Demo data on first start and from `npm run seed`: generate (pure) and load (one transaction, batches).
import { calendarDateInIndia } from '@cscms/domain';
import { one, sql, type Executor } from '../db/client.ts';
import { DEFAULT_SEED, generate } from './generate.ts';
import { type LoadResult, loadSeed } from './load.ts';
import { validateDemoProfiles } from './profiles.ts';

export interface SeedDemoOptions {
  employees: number;
  seed?: number;
  /** the instant of the load: histories run up to its date (India), audit records carry it */
  now: Date;
  batchSize?: number;
  log?: (msg: string) => void;
}

export async function employeeTableEmpty(ex: Executor): Promise<boolean> {
  return !(await one(ex, sql`SELECT 1 AS x FROM employee LIMIT 1`));
}

/** Generates N employees with the personas and loads them, if the employee table is empty. */
export async function seedDemo(ex: Executor, opts: SeedDemoOptions): Promise<LoadResult & { ms: number }> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const asOn = calendarDateInIndia(opts.now);
  const data = generate({ employees: opts.employees, seed: opts.seed ?? DEFAULT_SEED, asOn });
  log(`demo data: generated ${opts.employees} employees (seed ${data.seed}, as on ${asOn}) in ${Math.round(performance.now() - t0)} ms; loading…`);
  let lastPct = -1;
  const r = await loadSeed(ex, data, {
    now: opts.now,
    batchSize: opts.batchSize,
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (pct >= lastPct + 20 || done === total) {
        lastPct = pct;
        log(`demo data: ${done}/${total} employees loaded`);
      }
    },
  });
  if (r.loaded) log(`demo data: ${await validateDemoProfiles(ex, opts.now)} profiles validated (as on a portal in use)`);
  const ms = Math.round(performance.now() - t0);
  log(r.loaded ? `demo data: ${r.rows} rows in ${ms} ms; personas: ${Object.keys(data.personas).join(', ')}` : `demo data: not loaded (${r.skipped})`);
  return { ...r, ms };
}
