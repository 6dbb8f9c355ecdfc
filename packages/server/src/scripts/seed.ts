// npm run seed -- --employees 30000 [--seed 20221115] [--database-url postgres://…] [--data-dir ./data]
// Loads deterministic demo data (employees, service histories, children, vigilance events, logins and the
// demo personas) into an empty database: PostgreSQL with --database-url (or DATABASE_URL), else the
// embedded PGlite in <data-dir>/pg. Refuses a database that already has employees.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { syncMasters } from '../db/masters.ts';
import { employeeTableEmpty, seedDemo } from '../seed/index.ts';
import { DEFAULT_SEED } from '../seed/generate.ts';

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'batch-size': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: npm run seed -- --employees 30000 [--seed N] [--database-url postgres://…] [--data-dir ./data] [--batch-size 2500]');
  process.exit(0);
}
const employees = Number(values.employees);
const seed = Number(values.seed);
if (!Number.isInteger(employees) || employees < 1 || employees > 200_000) {
  console.error('--employees must be a whole number from 1 to 200000');
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error('--seed must be a whole number');
  process.exit(2);
}
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
const dataDir = path.join(path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data'), 'pg');
const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir });
try {
  await syncMasters(database.db);
  if (!(await employeeTableEmpty(database.db))) {
    console.error('The database already has employees; the demo data is loaded only into an empty one.');
    process.exitCode = 1;
  } else {
    const r = await seedDemo(database.db, { employees, seed, now: new Date(), batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined, log: (m) => console.log(m) });
    console.log(`${r.loaded ? 'loaded' : 'skipped'}: ${r.employees} employees, ${r.rows} rows, ${r.batches} audited bulk writes, ${(r.ms / 1000).toFixed(1)} s (${database.kind})`);
  }
} finally {
  await database.close();
}
