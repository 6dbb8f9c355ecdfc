// Loads generated demo data: one transaction, batches of employees with everything that hangs on them,
// each table of a batch one multi-row INSERT whose rows travel as one JSON parameter (json_to_recordset),
// so a batch is a handful of round trips on both PGlite and PostgreSQL. Every batch (bulk write) appends
// one audit record (actor SYSTEM, entity 'seed'). Where allowed, the per-row foreign-key triggers are skipped
// for this one transaction (see loadSeed); the seed tests check every reference.
import { appendAudit } from '../audit/audit.ts';
import { one, sql, type Executor } from '../db/client.ts';
import type { SQL } from 'drizzle-orm';
import type { EmployeeBundle, GrantRow, SeedData } from './generate.ts';

export interface LoadOptions {
  /** employees per batch */
  batchSize?: number;
  /** the instant recorded in the audit trail and as created_at */
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadResult {
  loaded: boolean;
  /** why nothing was loaded */
  skipped?: string;
  employees: number;
  rows: number;
  batches: number;
}

type Col = readonly [name: string, type: string];

const EMPLOYEE_COLS: Col[] = [
  ['id', 'uuid'], ['employee_code', 'text'], ['login_id', 'text'], ['email', 'text'], ['name_en', 'text'], ['name_hi', 'text'],
  ['date_of_birth', 'date'], ['gender', 'text'], ['marital_status', 'text'], ['mobile', 'text'], ['cadre', 'text'], ['grade', 'text'],
  ['pay_level', 'text'], ['entry_grade', 'text'], ['entry_date', 'date'], ['present_grade_date', 'date'], ['ministry_id', 'integer'],
  ['ministry_join_date', 'date'], ['select_list_year', 'integer'], ['probation_end', 'date'], ['superannuation_date', 'date'],
];
const EVENT_COLS: Col[] = [
  ['employee_id', 'uuid'], ['kind', 'text'], ['effective_date', 'date'], ['end_date', 'date'], ['grade', 'text'], ['from_level', 'text'],
  ['to_level', 'text'], ['ministry_id', 'integer'], ['details', 'jsonb'],
];
const CHILD_COLS: Col[] = [['employee_id', 'uuid'], ['name', 'text'], ['date_of_birth', 'date'], ['disability_percent', 'integer']];
const VIGILANCE_COLS: Col[] = [['employee_id', 'uuid'], ['kind', 'text'], ['event_date', 'date'], ['order_ref', 'text'], ['details', 'jsonb'], ['recorded_at', 'timestamptz']];
const ORG_COLS: Col[] = [['id', 'integer'], ['ministry_id', 'integer'], ['name_en', 'text'], ['name_hi', 'text'], ['kind', 'text']];
const USER_COLS: Col[] = [['id', 'uuid'], ['login_id', 'text'], ['email', 'text'], ['display_name', 'text'], ['employee_id', 'uuid'], ['preferred_lang', 'text'], ['persona', 'text']];
const IPR_COLS: Col[] = [
  ['id', 'uuid'], ['employee_id', 'uuid'], ['kind', 'text'], ['year', 'integer'], ['as_on', 'date'], ['status', 'text'], ['nil', 'boolean'], ['mode', 'text'],
  ['filed_on', 'date'], ['filed_at', 'timestamptz'], ['filed_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const GRANT_COLS: Col[] = [['user_id', 'uuid'], ['role', 'text'], ['ministry_id', 'integer'], ['organisation_id', 'integer'], ['cadres', 'text[]']];

/** INSERT INTO table (cols) SELECT cols FROM json_to_recordset($1) — one statement for many rows. */
async function insertRows(tx: Executor, table: string, cols: Col[], data: readonly object[]): Promise<number> {
  if (data.length === 0) return 0;
  const names = cols.map(([c]) => c).join(', ');
  const defs = cols.map(([c, t]) => `${c} ${t}`).join(', ');
  const q: SQL = sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names)}) SELECT ${sql.raw(names)} FROM json_to_recordset(${JSON.stringify(data)}::json) AS x(${sql.raw(defs)})`;
  await tx.execute(q);
  return data.length;
}

/**
 * Loads the data if the employee table is empty (otherwise does nothing and says why). On PostgreSQL a
 * transaction-level advisory lock makes two instances starting together load it once.
 */
export async function loadSeed(ex: Executor, data: SeedData, opts: LoadOptions): Promise<LoadResult> {
  const batchSize = opts.batchSize ?? 2500;
  const total = data.bundles.length;
  const audit = { actor: { kind: 'SYSTEM' as const, userId: null, role: null }, at: opts.now };
  const recordedAt = (d: string) => `${d}T05:30:00Z`;
  return ex.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(727273)`);
    const existing = await one<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM employee LIMIT 1) e`);
    if (existing && existing.n > 0) return { loaded: false, skipped: 'the employee table is not empty', employees: 0, rows: 0, batches: 0 };
    // Generated rows are consistent by construction (the seed tests check every reference with anti-joins), so
    // when allowed (superuser: always on PGlite) this transaction skips the per-row foreign-key triggers, as
    // pg_restore --disable-triggers does. It only inserts; SET LOCAL ends with the transaction.
    const su = await one<{ su: string }>(tx, sql`SELECT current_setting('is_superuser') AS su`);
    if (su?.su === 'on') await tx.execute(sql`SET LOCAL session_replication_role = replica`);

    // organisations: ids after any existing ones
    const base = (await one<{ m: number }>(tx, sql`SELECT coalesce(max(id), 0)::int AS m FROM organisation`))?.m ?? 0;
    const orgId = (id: number | null) => (id == null ? null : id + base);
    const organisations = data.organisations.map((o) => ({ ...o, id: o.id + base }));

    let rowsDone = 0;
    let batches = 0;
    for (let start = 0; start < total; start += batchSize) {
      const part: EmployeeBundle[] = data.bundles.slice(start, start + batchSize);
      const counts = {
        employee: await insertRows(tx, 'employee', EMPLOYEE_COLS, part.map((b) => b.employee)),
        service_event: await insertRows(tx, 'service_event', EVENT_COLS, part.flatMap((b) => b.events)),
        child: await insertRows(tx, 'child', CHILD_COLS, part.flatMap((b) => b.children)),
        vigilance_event: await insertRows(tx, 'vigilance_event', VIGILANCE_COLS, part.flatMap((b) => b.vigilance.map((v) => ({ ...v, recorded_at: recordedAt(v.event_date) })))),
        app_user: await insertRows(tx, 'app_user', USER_COLS, part.map((b) => b.user)),
        role_grant: await insertRows(tx, 'role_grant', GRANT_COLS, part.flatMap((b) => b.grants)),
      };
      rowsDone += Object.values(counts).reduce((a, b) => a + b, 0);
      batches++;
      await appendAudit(tx, audit, {
        entity: 'seed',
        entityId: `employees:${start + 1}-${start + part.length}`,
        action: 'seed.load',
        changes: { inserted: counts, seed: data.seed, asOn: data.asOn, first: part[0].employee.employee_code, last: part[part.length - 1].employee.employee_code },
        reason: 'Demo data (deterministic generator)',
      });
      opts.onProgress?.(start + part.length, total);
    }

    const grants: GrantRow[] = data.personaGrants.map((g) => ({ ...g, organisation_id: orgId(g.organisation_id) }));
    const counts = {
      organisation: await insertRows(tx, 'organisation', ORG_COLS, organisations),
      app_user: await insertRows(tx, 'app_user', USER_COLS, data.personaUsers),
      role_grant: await insertRows(tx, 'role_grant', GRANT_COLS, grants),
      ipr_return: await insertRows(tx, 'ipr_return', IPR_COLS, (data.iprReturns ?? []).map((r) => ({ ...r, created_at: r.filed_at, updated_at: r.filed_at }))),
    };
    if (counts.organisation > 0) await tx.execute(sql`SELECT setval(pg_get_serial_sequence('organisation', 'id'), (SELECT max(id) FROM organisation))`);
    rowsDone += counts.organisation + counts.app_user + counts.role_grant + counts.ipr_return;
    batches++;
    await appendAudit(tx, audit, {
      entity: 'seed',
      entityId: 'personas',
      action: 'seed.load',
      changes: { inserted: counts, personas: Object.keys(data.personas), seed: data.seed },
      reason: 'Demo personas and organisations',
    });
    return { loaded: true, employees: total, rows: rowsDone, batches };
  });
}
