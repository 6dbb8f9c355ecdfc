import { one, rows, sql, type Executor } from '../../db/client.ts';
import type { SQL } from 'drizzle-orm';

export interface ChildRow {
  id: number;
  employee_id: string;
  name: string;
  date_of_birth: string;
  disability_percent: number;
}

export interface CclRow {
  id: string;
  employee_id: string;
  child_id: number;
  child_name: string;
  from_date: string;
  to_date: string;
  days: number;
  status: 'SUBMITTED' | 'SANCTIONED' | 'REFUSED' | 'REFERRED' | 'WITHDRAWN';
  decision: Record<string, unknown>;
  hospitalised: boolean;
  purpose: string;
  justification: string | null;
  refusal_reasons: string | null;
  decided_by: string | null;
  decided_at: string | null;
  submitted_at: string;
  version: number;
  employee_code: string;
  name_en: string;
  name_hi: string;
  cadre: string;
  ministry_id: number;
  grade: string;
}

export async function childrenOf(ex: Executor, employeeId: string): Promise<ChildRow[]> {
  return rows<ChildRow>(ex, sql`SELECT id, employee_id, name, date_of_birth, disability_percent FROM child WHERE employee_id = ${employeeId} ORDER BY date_of_birth, id`);
}

/** Spells that count against the account: sanctioned, and (for a new decision) those awaiting a decision. */
export async function spellsOf(ex: Executor, employeeId: string, statuses: readonly string[], exceptId?: string): Promise<Array<{ id: string; from_date: string; to_date: string; child_id: number; status: string }>> {
  const list = sql.join(statuses.map((s) => sql`${s}`), sql`, `);
  return rows(ex, sql`
    SELECT id, from_date, to_date, child_id, status FROM ccl_application
     WHERE employee_id = ${employeeId} AND status IN (${list}) ${exceptId ? sql`AND id <> ${exceptId}` : sql``}
     ORDER BY from_date`);
}

const SELECT = sql`
  SELECT a.id, a.employee_id, a.child_id, c.name AS child_name, a.from_date, a.to_date, a.days, a.status, a.decision, a.hospitalised, a.purpose,
         a.justification, a.refusal_reasons, a.decided_by, a.decided_at, a.submitted_at, a.version,
         e.employee_code, e.name_en, e.name_hi, e.cadre, e.ministry_id, e.grade
    FROM ccl_application a JOIN employee e ON e.id = a.employee_id JOIN child c ON c.id = a.child_id`;

export async function findApplication(ex: Executor, id: string, forUpdate = false): Promise<CclRow | undefined> {
  return one<CclRow>(ex, sql`${SELECT} WHERE a.id = ${id} ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`);
}

export interface ListScope {
  employeeIds: string[];
  ministryIds: number[];
  cadres: string[];
}

/** Applications visible to the scopes (OR of own records, Ministries, cadres), newest first; status PENDING: submitted or referred. */
export async function listApplications(ex: Executor, scope: ListScope, filter: { status?: string; employeeId?: string }, limit: number, offset: number): Promise<Array<CclRow & { total: number }>> {
  const ors: SQL[] = [];
  if (scope.employeeIds.length) ors.push(sql`a.employee_id IN (${sql.join(scope.employeeIds.map((x) => sql`${x}::uuid`), sql`, `)})`);
  if (scope.ministryIds.length) ors.push(sql`e.ministry_id IN (${sql.join(scope.ministryIds.map((x) => sql`${x}::int`), sql`, `)})`);
  if (scope.cadres.length) ors.push(sql`e.cadre IN (${sql.join(scope.cadres.map((x) => sql`${x}`), sql`, `)})`);
  if (ors.length === 0) return [];
  const where: SQL[] = [sql`(${sql.join(ors, sql` OR `)})`];
  if (filter.status === 'PENDING') where.push(sql`a.status IN ('SUBMITTED', 'REFERRED')`);
  else if (filter.status) where.push(sql`a.status = ${filter.status}`);
  if (filter.employeeId) where.push(sql`a.employee_id = ${filter.employeeId}`);
  return rows(ex, sql`
    SELECT x.*, count(*) OVER () AS total FROM (${SELECT} WHERE ${sql.join(where, sql` AND `)}) x
     ORDER BY x.submitted_at DESC, x.id LIMIT ${limit} OFFSET ${offset}`);
}

export async function insertApplication(tx: Executor, a: { id: string; employeeId: string; childId: number; from: string; to: string; days: number; status: string; decision: unknown; hospitalised: boolean; purpose: string; submittedBy: string; at: string }): Promise<void> {
  await tx.execute(sql`
    INSERT INTO ccl_application (id, employee_id, child_id, from_date, to_date, days, status, decision, hospitalised, purpose, submitted_by, submitted_at)
    VALUES (${a.id}, ${a.employeeId}, ${a.childId}, ${a.from}, ${a.to}, ${a.days}, ${a.status}, ${JSON.stringify(a.decision)}::jsonb, ${a.hospitalised}, ${a.purpose}, ${a.submittedBy}, ${a.at})`);
}

/** Optimistic update: 0 rows when the version moved on. */
export async function setDecision(tx: Executor, id: string, version: number, d: { status: string; justification: string | null; refusalReasons: string | null; decidedBy: string | null; at: string | null }): Promise<number> {
  const r = await rows(tx, sql`
    UPDATE ccl_application SET status = ${d.status}, justification = COALESCE(${d.justification}, justification), refusal_reasons = ${d.refusalReasons},
           decided_by = ${d.decidedBy}, decided_at = ${d.at}, version = version + 1
     WHERE id = ${id} AND version = ${version} RETURNING id`);
  return r.length;
}

export async function usersOfEmployee(ex: Executor, employeeId: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT id FROM app_user WHERE employee_id = ${employeeId} AND active`)).map((r) => r.id);
}

export async function nodalOfficersOf(ex: Executor, ministryId: number): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`
    SELECT DISTINCT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id
     WHERE g.role = 'NODAL_OFFICER' AND g.ministry_id = ${ministryId} AND u.active`)).map((r) => r.id);
}
