// Writes docs/openapi.json from the routes' zod schemas (the committed copy is what reviewers diff).
// `--check` fails when the committed file is not current.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, systemClock } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/openapi.json');
const database = await openDatabase({ dataDir: 'memory://' });
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_EMPLOYEES: '0', JOBS: 'false', PUBLIC_URL: 'http://localhost:3000' });
const app = await buildApp({ config, database, clock: systemClock, logger: false });
await app.ready();
const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await database.close();

if (process.argv.includes('--check')) {
  const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (old !== text) {
    console.error('docs/openapi.json is not current: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('docs/openapi.json is current.');
} else {
  fs.writeFileSync(out, text);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
