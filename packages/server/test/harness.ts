import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { CadreCode, Role } from '@cscms/domain';
import { buildApp, type Clock } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, sql, type Database } from '../src/db/client.ts';
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

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const base = process.env.DATABASE_URL as string;
  const name = `cscms_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
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
  gender?: 'F' | 'M';
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
