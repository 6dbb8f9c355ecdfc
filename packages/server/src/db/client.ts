import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { migrate } from './migrate.ts';

/** The executor every repo function takes first: the database or the transaction it runs in (never the outer db inside a transaction). */
export type Executor = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Executor;
  /** run several SQL statements with no parameters (migrations, test set-up) */
  exec(text: string): Promise<void>;
  /** a hot-path read as a named prepared statement ($1, $2 … parameters), bypassing the query builder */
  prepared<T = Record<string, unknown>>(name: string, text: string, params: unknown[]): Promise<T[]>;
  /** run statements on one dedicated connection (session-level locks, migrations) */
  onOneConnection<T>(fn: (query: (text: string) => Promise<Array<Record<string, unknown>>>) => Promise<T>): Promise<T>;
  /**
   * One transaction. On PostgreSQL, statements queued with `atCommit(tx, …)` are sent in the same message as the
   * COMMIT, so a row lock they take is released without waiting for this process's event loop.
   */
  tx<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel: `onPayload` for every notification, `onState(true)` once listening and `onState(false)` whenever
   * notifications may have been missed (connection lost; it reconnects). Returns a function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void, onState: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Rows of a query. Dates come back as 'YYYY-MM-DD' strings and bigints as numbers on both drivers. */
export async function rows<T = Record<string, unknown>>(ex: Executor, query: SQL): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export async function one<T = Record<string, unknown>>(ex: Executor, query: SQL): Promise<T | undefined> {
  return (await rows<T>(ex, query))[0];
}

export { sql };

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

/** Type parsers of PGlite that match node-postgres as configured here: dates as strings, bigints as numbers. */
export const PGLITE_PARSERS = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v };

/** A PGlite client as a Database (used by openDatabase and by the test harness's template clones). */
export async function wrapPglite(client: PGlite, onClose: () => void = () => {}): Promise<Database> {
  await client.exec("SET TimeZone = 'UTC'");
  const drizzleDb = drizzlePglite(client) as unknown as Executor;
  return {
    kind: 'pglite',
    db: drizzleDb,
    exec: async (text) => {
      await client.exec(text);
    },
    prepared: async <T,>(_name: string, text: string, params: unknown[]) => (await client.query(text, params)).rows as T[],
    onOneConnection: (fn) =>
      fn(async (text) => {
        const r = await client.exec(text);
        return (r.at(-1)?.rows ?? []) as Array<Record<string, unknown>>;
      }),
    tx: <T,>(fn: (tx: Executor) => Promise<T>) => drizzleDb.transaction((t) => fn(t as unknown as Executor)) as Promise<T>,
    // one process, one backend: notifications arrive in order, right after the statement that sent them
    listen: async (channel, onPayload, onState) => {
      const unlisten = await client.listen(channel, onPayload);
      onState(true);
      return async () => {
        onState(false);
        await unlisten().catch(() => {});
      };
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        onClose();
      }
    },
  };
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for tests */
  dataDir?: string;
  poolSize?: number;
  /** skip migrations (a read-only tool) */
  migrate?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let database: Database;
  if (opts.databaseUrl) {
    pg.types.setTypeParser(INT8, (v) => Number(v));
    pg.types.setTypeParser(DATE, (v) => v);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20, options: '-c TimeZone=UTC' });
    pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
    database = {
      kind: 'postgres',
      db: drizzlePg(pool) as unknown as Executor,
      exec: async (text) => {
        await pool.query(text);
      },
      prepared: async <T,>(name: string, text: string, params: unknown[]) => (await pool.query({ name, text, values: params })).rows as T[],
      onOneConnection: async (fn) => {
        const c = await pool.connect();
        try {
          return await fn(async (text) => {
            const r = (await c.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
            return (Array.isArray(r) ? (r.at(-1)?.rows ?? []) : r.rows) as Array<Record<string, unknown>>;
          });
        } finally {
          c.release();
        }
      },
      tx: async <T,>(fn: (tx: Executor) => Promise<T>): Promise<T> => {
        const client = await pool.connect();
        const tx = drizzlePg(client) as unknown as Executor;
        const tail: string[] = [];
        commitQueues.set(tx, { literal: (v) => (v === null ? 'NULL' : client.escapeLiteral(v)), statements: tail });
        let done = false;
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await fn(tx);
          // the queued statements and the COMMIT in one simple-query message: PostgreSQL runs them back to back
          await client.query(tail.length > 0 ? `${tail.join(';\n')};\nCOMMIT` : 'COMMIT');
          done = true;
          return result;
        } finally {
          if (!done) await client.query('ROLLBACK').catch((e: Error) => (broken = e));
          client.release(broken);
        }
      },
      listen: (channel, onPayload, onState) => listenPg(opts.databaseUrl!, channel, onPayload, onState),
      close: () => pool.end(),
    };
  } else {
    const dir = opts.dataDir ?? 'memory://';
    const release = dir.startsWith('memory://') ? () => {} : takeLock(dir);
    try {
      const client = await PGlite.create(dir, { parsers: PGLITE_PARSERS });
      database = await wrapPglite(client, release);
    } catch (e) {
      release();
      throw e;
    }
  }
  if (opts.migrate !== false) await migrate(database);
  return database;
}

/** Statements a transaction sends with its COMMIT (PostgreSQL `Database.tx` only), with the driver's literal quoting. */
const commitQueues = new WeakMap<object, { literal: (v: string | null) => string; statements: string[] }>();

/**
 * Queues a statement (built with `literal` for every value: the simple-query protocol has no parameters) to be sent
 * with the transaction's COMMIT. Returns false when `tx` is not such a transaction: run the statement now instead.
 */
/** Whether statements queued with atCommit go with this transaction's COMMIT. */
export function sendsAtCommit(tx: Executor): boolean {
  return commitQueues.has(tx);
}

export function atCommit(tx: Executor, build: (literal: (v: string | null) => string) => string): boolean {
  const q = commitQueues.get(tx);
  if (!q) return false;
  q.statements.push(build(q.literal));
  return true;
}

/**
 * A write whose result the caller does not need, as a tagged template (`await execAtCommit(tx)`UPDATE …``): on a PostgreSQL `Database.tx` it is queued to go
 * with the COMMIT (values quoted by the driver; pass arrays as PostgreSQL array text with a cast); elsewhere it runs
 * now with parameters. Statements run in the order they were queued, after everything the transaction ran itself.
 */
export function execAtCommit(tx: Executor): (strings: TemplateStringsArray, ...values: Array<string | number | null>) => Promise<void> {
  return async (strings, ...values) => {
    const queued = atCommit(tx, (literal) => strings.reduce((text, part, i) => text + part + (i < values.length ? literal(values[i] === null ? null : String(values[i])) : ''), ''));
    if (!queued) await tx.execute(sql(strings, ...values));
  };
}

/** A dedicated connection (not from the pool) that LISTENs, and reconnects after a loss, reporting the gap. */
async function listenPg(url: string, channel: string, onPayload: (payload: string) => void, onState: (listening: boolean) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`bad channel name ${channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    const lost = () => {
      if (client !== c) return;
      client = null;
      onState(false);
      c.end().catch(() => {});
      if (!stopped) timer = setTimeout(() => void connect(), 1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    try {
      client = c;
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (stopped) {
        await c.end();
        return;
      }
      onState(true);
    } catch {
      lost();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    onState(false);
    await c?.end().catch(() => {});
  };
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: string) {
    super(
      `The data directory ${dir} is in use by another CSCMS process (pid ${pid}). ` +
        'Stop that process first, or set DATA_DIR to another directory. (PGlite allows only one process per data directory.)',
    );
  }
}

/** Data directories this process has open: a second open in the same process is refused too. */
const openHere = new Set<string>();

/** PGlite has no data-directory lock of its own: take one, refuse a second process, take over a stale lock. */
function takeLock(dir: string): () => void {
  if (openHere.has(path.resolve(dir))) throw new DataDirLockedError(dir, String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '..', `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      openHere.add(path.resolve(dir));
      const release = () => {
        if (released) return;
        released = true;
        openHere.delete(path.resolve(dir));
        try {
          if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
        } catch {}
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = fs.readFileSync(lock, 'utf8').trim();
      // Our own pid without an open database here is a lock left by an earlier process that had the same pid.
      if (pid && isAlive(Number(pid)) && Number(pid) !== process.pid) throw new DataDirLockedError(dir, pid);
      fs.unlinkSync(lock); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
