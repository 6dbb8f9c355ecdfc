import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { CadreCode, Role } from '@cscms/domain';
import { buildApp, type Clock } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, PGLITE_PARSERS, sql, wrapPglite, type Database } from '../src/db/client.ts';
import { MIGRATIONS_DIR, migrate } from '../src/db/migrate.ts';
import { syncMasters } from '../src/db/masters.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';

/** The databases every integration test runs on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export const DATABASES: Array<'pglite' | 'postgres'> = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export class TestClock implements Clock {
  t: number;
  constructor(iso = '2026-01-15T05:30:00Z') {
    this.t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

// Migrating a new database is most of the cost of a test file (PGlite: start + every migration, several
// seconds). So the migrations run once into a template that every fresh database starts from: a PGlite data
// directory dumped to a file in the temp dir (shared by the workers and later runs), a PostgreSQL template
// database (CREATE DATABASE … TEMPLATE, built once under an advisory lock). Both are named by a hash of the
// migration files (and the PGlite version), so a new or changed migration makes a new template; every fresh
// database still runs migrate() (a no-op check on an up-to-date template), so what a test gets is the same.

function templateKey(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((x) => x.endsWith('.sql')).sort()) {
    h.update(f).update('\0').update(fs.readFileSync(path.join(MIGRATIONS_DIR, f))).update('\0');
  }
  try {
    const dist = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
    h.update(fs.readFileSync(path.join(dist, '..', 'package.json')));
  } catch {
    h.update('pglite?');
  }
  return h.digest('hex').slice(0, 16);
}
let key: string | undefined;
const KEY = () => (key ??= templateKey());

let pgliteTemplate: Promise<Uint8Array> | undefined;
/** The migrated PGlite data directory (an uncompressed tarball), built once and kept in the temp dir. */
function pgliteTemplateData(): Promise<Uint8Array> {
  pgliteTemplate ??= (async () => {
    const file = path.join(os.tmpdir(), `cscms-test-pglite-${KEY()}.tar`);
    try {
      return new Uint8Array(fs.readFileSync(file));
    } catch {
      // not built yet (or being built by another worker: building it twice is harmless)
    }
    const t = await openDatabase({ dataDir: 'memory://' });
    try {
      const blob = await (t.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
      const data = new Uint8Array(await blob.arrayBuffer());
      const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, file); // atomic: a reader sees the whole file or none
      return data;
    } finally {
      await t.close();
    }
  })();
  pgliteTemplate.catch(() => {
    pgliteTemplate = undefined;
  });
  return pgliteTemplate;
}

/** In-memory PGlite started from the template (the same set-up as openDatabase's PGlite branch). */
async function pgliteFromTemplate(): Promise<Database> {
  const data = await pgliteTemplateData();
  const client = await PGlite.create({ loadDataDir: new Blob([data as Uint8Array<ArrayBuffer>]), parsers: PGLITE_PARSERS });
  const database = await wrapPglite(client);
  await migrate(database);
  return database;
}

let postgresTemplate: Promise<string> | undefined;
/** The migrated PostgreSQL template database, built once; an advisory lock keeps parallel workers from racing. */
function postgresTemplateName(base: string): Promise<string> {
  postgresTemplate ??= (async () => {
    const name = `cscms_tpl_${KEY()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(727273)');
      const r = await admin.query<{ c: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [name]);
      if (!r.rowCount || r.rows[0].c !== 'cscms test template: ready') {
        if (r.rowCount) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`); // a build that did not finish
        await admin.query(`CREATE DATABASE ${name}`);
        const url = new URL(base);
        url.pathname = `/${name}`;
        const t = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
        await t.close();
        await admin.query(`COMMENT ON DATABASE ${name} IS 'cscms test template: ready'`);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(727273)').catch(() => {});
      await admin.end();
    }
    return name;
  })();
  postgresTemplate.catch(() => {
    postgresTemplate = undefined;
  });
  return postgresTemplate;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') return pgliteFromTemplate();
  const base = process.env.DATABASE_URL as string;
  const template = await postgresTemplateName(base);
  const name = `cscms_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const close = db.close;
  db.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return db;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
}

export async function testApp(kind: 'pglite' | 'postgres', env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase(kind);
  await syncMasters(database.db);
  const clock = new TestClock();
  const config = loadConfig({ NODE_ENV: 'test', SEED_EMPLOYEES: '0', JOBS: 'false', LOG_LEVEL: 'silent', RATE_LIMIT_API_PER_MINUTE: '100000', ...env });
  const app = await buildApp({ config, database, clock, logger: false });
  await app.ready();
  return { app, database, clock, config, close: async () => { await app.close(); await database.close(); } };
}

let ministrySeq = 900;
/** A Ministry of the given rotation group. */
export async function makeMinistry(t: TestApp, group: 'A' | 'B' = 'A'): Promise<number> {
  const id = ministrySeq++;
  await t.database.db.execute(sql`INSERT INTO ministry (id, code, name_en, name_hi, rotation_group) VALUES (${id}, ${`M${id}`}, ${`Ministry ${id}`}, ${`मंत्रालय ${id}`}, ${group}) ON CONFLICT DO NOTHING`);
  return id;
}

export interface EmployeeSpec {
  cadre?: CadreCode;
  grade?: string;
  ministryId: number;
  gender?: 'F' | 'M' | 'T';
  dateOfBirth?: string;
  entryDate?: string;
}

let empSeq = 1;
export async function makeEmployee(t: TestApp, s: EmployeeSpec): Promise<string> {
  const id = randomUUID();
  const n = empSeq++;
  const grade = s.grade ?? 'CSS.SO';
  const cadre = s.cadre ?? (grade.split('.')[0] as CadreCode);
  await t.database.db.execute(sql`
    INSERT INTO employee (id, employee_code, name_en, name_hi, date_of_birth, gender, cadre, grade, pay_level, entry_grade, entry_date, present_grade_date, ministry_id, ministry_join_date, superannuation_date)
    VALUES (${id}, ${`T${String(n).padStart(6, '0')}-${id.slice(0, 4)}`}, ${`Test Employee ${n}`}, ${`परीक्षण कर्मचारी ${n}`}, ${s.dateOfBirth ?? '1985-04-10'}, ${s.gender ?? 'F'}, ${cadre},
            ${grade}, (SELECT pay_level FROM grade WHERE code = ${grade}), ${grade}, ${s.entryDate ?? '2010-07-01'}, ${s.entryDate ?? '2010-07-01'}, ${s.ministryId}, ${s.entryDate ?? '2010-07-01'}, '2045-04-30')`);
  return id;
}

export interface UserSpec {
  roles: Array<{ role: Role; ministryId?: number; organisationId?: number; cadres?: CadreCode[] }>;
  employeeId?: string;
  active?: boolean;
}

/** A user with role grants and a live session: returns the cookie and CSRF token to inject with. */
export async function makeUser(t: TestApp, spec: UserSpec): Promise<{ userId: string; cookie: string; csrf: string; headers: Record<string, string> }> {
  const userId = randomUUID();
  await t.database.db.execute(sql`INSERT INTO app_user (id, login_id, display_name, employee_id, active) VALUES (${userId}, ${`u-${userId}`}, ${'Test User'}, ${spec.employeeId ?? null}, ${spec.active ?? true})`);
  for (const r of spec.roles) {
    await t.database.db.execute(sql`INSERT INTO role_grant (user_id, role, ministry_id, organisation_id, cadres) VALUES (${userId}, ${r.role}, ${r.ministryId ?? null}, ${r.organisationId ?? null}, ${r.cadres ? sql`ARRAY[${sql.join(r.cadres.map((c) => sql`${c}`), sql`, `)}]::text[]` : null})`);
  }
  const s = await createSession(t.database.db, userId, t.clock.now(), t.config.sessionAbsoluteMs);
  const cookie = `${SESSION_COOKIE}=${s.token}`;
  return { userId, cookie, csrf: s.csrfToken, headers: { cookie, 'x-csrf-token': s.csrfToken } };
}

/** app.inject with a user's cookie and CSRF header. */
export function as(t: TestApp, u: { headers: Record<string, string> }, opts: InjectOptions) {
  return t.app.inject({ ...opts, headers: { ...u.headers, ...(opts.headers as Record<string, string> | undefined) } });
}
