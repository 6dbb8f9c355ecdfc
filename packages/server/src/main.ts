import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError, openDatabase } from './db/client.ts';
import { buildApp, offsetClock } from './app.ts';
import { startup } from './startup.ts';
import path from 'node:path';

const t0 = performance.now();
let config: import("./config.ts").Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`\n${e.message}\n`);
    process.exit(2);
  }
  throw e;
}

let database: import("./db/client.ts").Database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg'), poolSize: config.dbPoolSize });
} catch (e) {
  if (e instanceof DataDirLockedError) {
    console.error(`\n${e.message}\n`);
    process.exit(3);
  }
  throw e;
}

const app = await buildApp({ config, database, clock: offsetClock(config.clockOffsetDays) });
const stopBackground = await startup(app);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: closing`);
  const force = setTimeout(() => process.exit(1), 10_000);
  try {
    await stopBackground();
    await app.close();
    await database.close();
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
const secs = ((performance.now() - t0) / 1000).toFixed(1);
const lines = [
  '',
  `  CSCMS is running at ${config.publicUrl}  (started in ${secs} s)`,
  `  Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${path.join(config.dataDir, 'pg')}` : 'PostgreSQL (DATABASE_URL)'}`,
  config.devIdp
    ? `  Log in: open ${config.publicUrl}, press "Login with e-Parichay" and pick a demo person.`
    : `  Log in: through e-Parichay at ${config.oidc?.issuer}`,
  ...(config.clockOffsetDays ? [`  Clock: moved ${config.clockOffsetDays} days from the system clock (CLOCK_OFFSET_DAYS; development only).`] : []),
  '  Press Ctrl-C to stop.',
  '',
];
console.log(lines.join('\n'));
